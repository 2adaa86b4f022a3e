#!/usr/bin/env python3
"""make bench-review: grader review under load, on the sample cohort, on loopback only.

Grades Submissions/ with Rubrics/ into a scratch folder, starts `grader review` on a free port,
then runs ROUNDS rounds of CLIENTS concurrent clients x REQUESTS requests each (one keep-alive
connection per client, as a browser tab): the queue, answer pages, and decisions posted with the
form of the page just read. Every response is checked (status and content); prints the counts,
latency percentiles, and the server's RSS before and after each round (flat: no growth per
request). Bounded in time: every socket has a timeout and the whole run a deadline.
"""
import argparse
import html
import http.client
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse


def rss_kb(pid, field="VmRSS"):
    """The process's resident memory now (VmRSS) or at its peak (VmHWM), in KB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def cpu_seconds(pid):
    """User and system CPU time the process has used (from /proc: independent of other load on the machine)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def hidden(page, name):
    match = re.search(r'name="' + re.escape(name) + r'" value="([^"]*)"', page)
    return html.unescape(match.group(1)) if match else None


class Client:
    def __init__(self, port, token):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        self.cookie = ""
        status, headers, _ = self.request("GET", "/?token=" + token)
        assert status == 303, status
        self.cookie = headers.get("set-cookie", "").split(";")[0]

    def request(self, method, path, form=None):
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read().decode("utf-8", "replace")
                return response.status, {k.lower(): v for k, v in response.getheaders()}, data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection: a browser opens a new one.
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                if attempt == 2:
                    raise


def run_round(port, token, answers, clients, requests, deadline, seed):
    latencies, failures, counts = [], [], {"queue": 0, "answer": 0, "decide": 0, "conflict": 0}
    lock = threading.Lock()

    def work(index):
        rng = random.Random(seed * 1000 + index)
        client = Client(port, token)
        page, key = None, None
        for number in range(requests):
            if time.monotonic() > deadline:
                with lock:
                    failures.append("deadline passed")
                return
            kind = ("queue", "answer", "answer", "decide")[number % 4] if page else ("queue", "answer")[number % 2]
            started = time.monotonic()
            try:
                if kind == "queue":
                    status, _, body = client.request("GET", "/queue")
                    good = status == 200 and "least sure of" in body
                elif kind == "answer":
                    key = rng.choice(answers)
                    status, _, body = client.request("GET", "/answer?" + urllib.parse.urlencode(
                        {"candidate": key[0], "question": key[1], "list": "queue"}))
                    good = status == 200 and html.escape(key[0]) in body and 'name="csrf"' in body
                    page = body if good else None
                else:
                    form = {name: hidden(page, name) for name in ("csrf", "candidate", "question", "hash", "list", "against")}
                    form.update(score="0", reason=f"bench {index}-{number}", moderator=f"bench{index}")
                    status, headers, body = client.request("POST", "/decide", form)
                    # 409: another client decided the same answer since the page was read, which is correct.
                    good = (status == 303 and headers.get("location", "").startswith("/")) or (status == 409 and "someone else decided" in body)
                    if status == 409:
                        kind = "conflict"
                    page = None
            except Exception as error:  # every failure is counted, none hidden
                status, good = repr(error), False
            elapsed = time.monotonic() - started
            with lock:
                latencies.append(elapsed)
                counts[kind] += 1
                if not good:
                    failures.append(f"{kind}: {status}")

    threads = [threading.Thread(target=work, args=(index,)) for index in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()) + 5)
    return latencies, failures, counts, time.monotonic() - started


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grader", default=".build/release/grader")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=900, help="deadline of the whole run")
    parser.add_argument("--reports", help="review this graded folder instead of grading the sample (e.g. a bench cohort's reports)")
    parser.add_argument("--startup-only", action="store_true",
                        help="measure only the time to serve, the RSS and the first pages' latency, then stop")
    arguments = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    grader = os.path.abspath(arguments.grader)
    scratch = tempfile.mkdtemp(prefix="grader-bench-review-")
    review = None
    try:
        reports, moderation = os.path.join(scratch, "Reports"), os.path.join(scratch, "moderation.csv")
        if arguments.reports:
            reports = os.path.abspath(arguments.reports)
        else:
            subprocess.run([grader, "grade", os.path.join(root, "Submissions"), "--rubric", os.path.join(root, "Rubrics"), "--out", reports],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        launched = time.monotonic()
        review = subprocess.Popen([grader, "review", reports, "--moderation", moderation, "--port", "0"],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        address = None
        for line in review.stdout:
            if line.startswith("Open http://127.0.0.1:"):
                address = line[len("Open "):].strip()
                break
        if not address:
            sys.exit("grader review printed no address")
        serving = time.monotonic() - launched
        url = urllib.parse.urlparse(address)
        port, token = url.port, urllib.parse.parse_qs(url.query)["token"][0]
        client = Client(port, token)
        first = time.monotonic()
        status, _, queue = client.request("GET", "/queue")
        first = time.monotonic() - first
        if arguments.startup_only:
            again = time.monotonic()
            client.request("GET", "/queue")
            again = time.monotonic() - again
            link = re.search(r'href="(/answer\?[^"]+)"', queue)
            answer = time.monotonic()
            answer_status = client.request("GET", html.unescape(link.group(1)))[0] if link else "none"
            answer = time.monotonic() - answer
            print(f"{reports}: serving after {serving:.2f} s; RSS {rss_kb(review.pid) / 1024:.0f} MB "
                  f"(peak {rss_kb(review.pid, 'VmHWM') / 1024:.0f} MB); "
                  f"queue page {status} in {first * 1000:.0f} ms (again {again * 1000:.0f} ms, {len(queue) / 1024:.0f} KB); "
                  f"an answer page {answer_status} in {answer * 1000:.0f} ms; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            return
        answers = sorted({(urllib.parse.unquote(c), urllib.parse.unquote(q))
                          for c, q in re.findall(r'href="/answer\?candidate=([^&"]+)&amp;question=([^&"]+)', queue)})
        if not answers:
            sys.exit("the queue links no answers")
        deadline = time.monotonic() + arguments.seconds
        print(f"grader review on the sample: {len(answers)} answers linked from the queue; "
              f"{arguments.clients} clients x {arguments.requests} requests, {arguments.rounds} rounds; "
              f"{os.cpu_count()} cores, {platform.platform()}")
        rss = [rss_kb(review.pid)]
        print(f"server RSS at start: {rss[0] / 1024:.1f} MB")
        ok = True
        for round_number in range(1, arguments.rounds + 1):
            cpu_before = cpu_seconds(review.pid)
            latencies, failures, counts, seconds = run_round(port, token, answers, arguments.clients, arguments.requests, deadline, round_number)
            rss.append(rss_kb(review.pid))
            expected = arguments.clients * arguments.requests
            print(f"round {round_number}: {len(latencies)} of {expected} requests answered in {seconds:.1f} s "
                  f"({len(latencies) / seconds:.0f}/s): {counts['queue']} queue, {counts['answer']} answer pages, "
                  f"{counts['decide']} decisions saved, {counts['conflict']} refused as decided meanwhile (409)")
            print(f"  correct: {len(latencies) - len(failures)} of {len(latencies)}" + (f"; failures: {failures[:5]}" if failures else ""))
            print(f"  latency ms: p50 {percentile(latencies, 0.5) * 1000:.1f}, p95 {percentile(latencies, 0.95) * 1000:.1f}, "
                  f"p99 {percentile(latencies, 0.99) * 1000:.1f}, max {max(latencies) * 1000:.1f}")
            cpu = cpu_seconds(review.pid) - cpu_before
            print(f"  server CPU: {cpu:.1f} s, {cpu / max(1, len(latencies)) * 1000:.2f} ms per request; "
                  f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            print(f"  server RSS after: {rss[-1] / 1024:.1f} MB")
            ok = ok and not failures and len(latencies) == expected
        with open(moderation) as file:
            rows = sum(1 for _ in file) - 1
        print(f"moderation file: {rows} rows")
        print("RSS growth from round 1 to round %d: %+.1f MB" % (arguments.rounds, (rss[-1] - rss[1]) / 1024))
        sys.exit(0 if ok else 1)
    finally:
        if review and review.poll() is None:
            review.terminate()
            try:
                review.wait(10)
            except subprocess.TimeoutExpired:
                review.kill()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
