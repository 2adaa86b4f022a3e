#!/usr/bin/env python3
"""Clients of `grader review` over raw sockets, for the end-to-end tests: broken and hostile
clients (each bounded in time), and reviewers posting decisions concurrently.

    review_client.py bad CASE PORT            prints one JSON object: {"status": 431 | "closed", "seconds": 0.1}
    review_client.py halfopen PORT TOKEN N    holds N silent connections open while a normal request is made
    review_client.py reviewers N BASE1 TOKEN1 [BASE2 TOKEN2 ...]
                                              each reviewer posts N decisions at once; prints what each was answered
"""
import html
import json
import re
import socket
import sys
import threading
import time
import urllib.parse


def status_of(sock, limit):
    """The status code of the first response line read within `limit` seconds, or "closed"/"timeout"."""
    sock.settimeout(limit)
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except socket.timeout:
        return "timeout"
    except OSError:
        pass
    match = re.match(rb"HTTP/1\.[01] (\d{3}) ", data)
    return int(match.group(1)) if match else "closed"


def send_quietly(sock, data):
    """Sends what the server takes; a server that answers early and closes is not an error here."""
    try:
        sock.sendall(data)
    except OSError:
        pass


def bad(case, port):
    host = f"127.0.0.1:{port}".encode()
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    started = time.monotonic()
    limit = 15
    if case == "long-request-line":
        send_quietly(sock, b"GET /" + b"a" * (1 << 20) + b" HTTP/1.1\r\nHost: " + host + b"\r\n\r\n")
    elif case == "long-headers":
        send_quietly(sock, b"GET /queue HTTP/1.1\r\nHost: " + host + b"\r\n" + (b"X-Filler: " + b"b" * 1000 + b"\r\n") * 1024 + b"\r\n")
    elif case == "large-body":
        send_quietly(sock, b"POST /decide HTTP/1.1\r\nHost: " + host + b"\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     b"Content-Length: 100000\r\n\r\n" + b"a=" + b"b" * 99998)
    elif case == "short-body":
        send_quietly(sock, b"POST /decide HTTP/1.1\r\nHost: " + host + b"\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     b"Content-Length: 1000\r\n\r\nscore=1")
    elif case == "chunked-body":
        send_quietly(sock, b"POST /decide HTTP/1.1\r\nHost: " + host + b"\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
    elif case == "slowloris":
        # One byte a second: stopped by the head deadline (a few seconds), long before the end.
        head = b"GET /queue HTTP/1.1\r\nHost: " + host + b"\r\nX-Slow: " + b"s" * 40 + b"\r\n\r\n"
        sock.settimeout(1.0)
        for byte in head:
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                break
            code = status_of(sock, 1.0)
            if code != "timeout":
                print(json.dumps({"status": code, "seconds": round(time.monotonic() - started, 2)}))
                return
        limit = 1
    elif case in ("bad-utf8-path", "bad-escape", "non-utf8-escape", "dot-dot", "escaped-dot-dot", "encoded-nul", "nul-in-query"):
        target = {"bad-utf8-path": b"/queue\xff\xfe", "bad-escape": b"/answer?candidate=%zz&question=q1",
                  "non-utf8-escape": b"/answer?candidate=%ff%fe&question=q1", "dot-dot": b"/../../etc/passwd",
                  "escaped-dot-dot": b"/%2e%2e/%2E%2E/queue", "encoded-nul": b"/queue%00.html",
                  "nul-in-query": b"/answer?candidate=eve%00&question=q1"}[case]
        send_quietly(sock, b"GET " + target + b" HTTP/1.1\r\nHost: " + host + b"\r\n\r\n")
    elif case.startswith("method-"):
        method = case[len("method-"):].encode()
        send_quietly(sock, method + b" /queue HTTP/1.1\r\nHost: " + host + b"\r\nContent-Length: 0\r\n\r\n")
    else:
        raise SystemExit(f"unknown case {case}")
    code = status_of(sock, limit)
    print(json.dumps({"status": code, "seconds": round(time.monotonic() - started, 2)}))


class Reviewer:
    """One browser: the session cookie, the answer page's form, the post."""

    def __init__(self, base, token):
        self.host, self.port = urllib.parse.urlparse(base).hostname, urllib.parse.urlparse(base).port
        self.cookie = ""
        status, headers, _ = self.request("GET", "/?token=" + token)
        assert status == 303, status
        self.cookie = headers["set-cookie"].split(";")[0]

    def request(self, method, path, form=None):
        body = urllib.parse.urlencode(form).encode() if form is not None else b""
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\nConnection: close\r\n"
        if self.cookie:
            head += f"Cookie: {self.cookie}\r\n"
        if form is not None:
            head += f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        with socket.create_connection((self.host, self.port), timeout=20) as sock:
            sock.sendall(head.encode() + b"\r\n" + body)
            data = b""
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return int(lines[0].split(" ")[1]), headers, rest.decode("utf-8", "replace")

    @staticmethod
    def hidden(page, name):
        match = re.search(r'name="' + re.escape(name) + r'" value="([^"]*)"', page)
        return html.unescape(match.group(1)) if match else None

    def decide(self, candidate, question, score, reason, moderator):
        path = "/answer?" + urllib.parse.urlencode({"candidate": candidate, "question": question, "list": "queue"})
        status, _, page = self.request("GET", path)
        assert status == 200, (status, page[:200])
        form = {name: self.hidden(page, name) for name in ("csrf", "candidate", "question", "hash", "list", "against")}
        form.update(score=str(score), reason=reason, moderator=moderator)
        status, _, body = self.request("POST", "/decide", form)
        return status, body


def reviewers(count, servers, answers):
    """Each server's reviewer posts `count` decisions over `answers`, all at once; every reason is unique."""
    results = {}

    def work(index, base, token):
        reviewer = Reviewer(base, token)
        outcome = {"acknowledged": [], "conflicts": 0, "conflict_pages_name_a_decision": True, "other": []}
        for number in range(count):
            candidate, question = answers[(number + index) % len(answers)]
            reason = f"r{index}-{number}"
            status, body = reviewer.decide(candidate, question, 1, reason, f"Reviewer{index}")
            if status == 303:
                outcome["acknowledged"].append(reason)
            elif status == 409:
                outcome["conflicts"] += 1
                outcome["conflict_pages_name_a_decision"] &= "someone else decided" in body
            else:
                outcome["other"].append(status)
        results[index] = outcome

    threads = [threading.Thread(target=work, args=(index, base, token)) for index, (base, token) in enumerate(servers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps([results[index] for index in range(len(servers))]))


def halfopen(port, token, count):
    """Opens `count` connections that send nothing, then makes a normal request while they are open."""
    silent = []
    for _ in range(count):
        try:
            silent.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        except OSError:
            break
    started = time.monotonic()
    reviewer = Reviewer(f"http://127.0.0.1:{port}", token)
    status, _, _ = reviewer.request("GET", "/queue")
    seconds = round(time.monotonic() - started, 2)
    for sock in silent:
        sock.close()
    print(json.dumps({"opened": len(silent), "status": status, "seconds": seconds}))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "bad":
        bad(sys.argv[2], int(sys.argv[3]))
    elif mode == "halfopen":
        halfopen(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
    elif mode == "reviewers":
        count = int(sys.argv[2])
        answers = [tuple(pair.split("/")) for pair in sys.argv[3].split(",")]
        rest = sys.argv[4:]
        reviewers(count, list(zip(rest[0::2], rest[1::2])), answers)
    else:
        raise SystemExit(f"unknown mode {mode}")
