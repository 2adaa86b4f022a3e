#!/usr/bin/env python3
"""A plain Python floor for Grader's speed: what a few lines of `re` and a process pool do.

    python3 scripts/reference_grader.py SUBMISSIONS RUBRIC.xml OUT [--jobs 2]

Standard library only. It exists so that `make bench-vs-python` can time Grader against
something simple in the same run, on the same files, on the same machine: the ratio says
what Grader's extra work costs (or saves), independent of how loaded the machine is.

It is a FLOOR, not a rival grader. What it does:
  * reads the rubric with xml.etree: each question's criteria and penalties and their
    points, its `<synonyms>` sets, and its `<define>`s (`<use ref>` resolved by id);
  * compiles, once per worker, each `<regex>` with Python's `re` (flags i, m, s, x as
    written; Python's `re` is not PCRE2, so an exotic pattern may mean something else),
    and each `<keyword>` (its text and its synonym set's alternatives) as one
    case-insensitive `\\b(?:word|word)\\b` regex over the raw answer text;
  * evaluates `any`, `all`, `not`, `at-least` and `near` (as `all`: no proximity), and
    `<words>` on a whitespace split; scores a question as the met criteria's points minus
    the met penalties' points, clamped to [0, points];
  * splits a submission on `## Q<n>` headings (the bench cohort's layout) after its
    `---` front matter, whose `id:` names the candidate;
  * writes, per candidate, a small XML file (ElementTree) and a small HTML table
    (html.escape) into OUT/candidates/, with `multiprocessing.Pool(JOBS)`.
What it does NOT do (and Grader does): Unicode normalisation (NFKC, quotes, accents),
code-aware tokens (dotted names, sigils), Snowball stemming, misspellings, proximity
(`near` within N words), levels, bands, gates (`requires`), floor/base/min-words rules,
`<pmatch>` (never matches here), `<sentences>` (never matches), evidence (where each
criterion fired, mapped back to the original text), readability profiles, warnings
and diagnostics, the rubric's schema validation, a cohort report, atomic writes, other
heading forms or file layouts, and deterministic output checks. Its scores are not
comparable with Grader's and nobody should grade with it.

Prints one line: `<answers> answers from <candidates> candidates in <seconds> s`.
"""

from __future__ import annotations

import argparse
import html
import multiprocessing
import os
import re
import sys
import time
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True

HEADING = re.compile(r"^##\s*Q(\d+)\s*$", re.M)
FLAGS = {"i": re.I, "m": re.M, "s": re.S, "x": re.X}


class Compiled:
    """A rubric's matchers as nested tuples of compiled regexes, built once per worker."""

    def __init__(self, path: str):
        root = ET.parse(path).getroot()
        self.synonyms = {s.get("id"): [w.strip() for w in (s.text or "").split("|") if w.strip()]
                         for s in root.findall("synonyms")}
        self.defines = {d.get("id"): d for d in root.findall("define")}
        self.questions = []  # (id, points, [(rule id, kind, points, matcher)])
        for q in root.findall("question"):
            local = dict(self.defines)
            local.update({d.get("id"): d for d in q.findall("define")})
            rules = []
            for kind in ("criterion", "penalty"):
                for rule in q.findall(kind):
                    body = next(child for child in rule if child.tag != "feedback")
                    rules.append((rule.get("id"), kind, float(rule.get("points", "0")), self.compile(body, local)))
            self.questions.append((q.get("id"), float(q.get("points", "0")), rules))

    def compile(self, node, defines):
        tag = node.tag
        if tag == "keyword":
            words = [(node.text or "").strip()] + self.synonyms.get(node.get("synonyms"), [])
            words = [w for w in words if w]
            if not words:
                return ("never",)
            return ("re", re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I))
        if tag == "regex":
            flags = 0
            for flag in node.get("flags", "i"):
                flags |= FLAGS.get(flag, 0)
            try:
                return ("re", re.compile(node.text or "", flags))
            except re.error:
                return ("never",)
        if tag == "words":
            return ("words", int(node.get("min", "0")), int(node.get("max", str(sys.maxsize))))
        if tag in ("any", "all", "near"):
            return ("any" if tag == "any" else "all", [self.compile(child, defines) for child in node])
        if tag == "at-least":
            return ("at-least", int(node.get("n", "1")), [self.compile(child, defines) for child in node])
        if tag == "not":
            return ("not", self.compile(node[0], defines))
        if tag == "use":
            target = defines.get(node.get("ref"))
            return self.compile(target[0], defines) if target is not None and len(target) else ("never",)
        return ("never",)  # pmatch, sentences


def holds(matcher, text: str) -> bool:
    kind = matcher[0]
    if kind == "re":
        return matcher[1].search(text) is not None
    if kind == "any":
        return any(holds(child, text) for child in matcher[1])
    if kind == "all":
        return all(holds(child, text) for child in matcher[1])
    if kind == "at-least":
        return sum(holds(child, text) for child in matcher[2]) >= matcher[1]
    if kind == "not":
        return not holds(matcher[1], text)
    if kind == "words":
        return matcher[1] <= len(text.split()) <= matcher[2]
    return False


RUBRIC: Compiled | None = None
OUT = ""


def start_worker(rubric_path: str, out: str) -> None:
    global RUBRIC, OUT
    RUBRIC = Compiled(rubric_path)
    OUT = out


def grade_file(path: str) -> int:
    """Grades one submission and writes its two files; returns how many answers it held."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    candidate = os.path.splitext(os.path.basename(path))[0]
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end > 0:
            for line in text[3:end].splitlines():
                if line.startswith("id:"):
                    candidate = line[3:].strip()
            text = text[end + 4:]
    answers = {}
    marks = list(HEADING.finditer(text))
    for i, mark in enumerate(marks):
        body = text[mark.end():marks[i + 1].start() if i + 1 < len(marks) else len(text)].strip()
        answers[int(mark.group(1))] = body
    root = ET.Element("candidate", id=candidate)
    rows = []
    total = 0.0
    graded = 0
    for number, (qid, points, rules) in enumerate(RUBRIC.questions, start=1):
        answer = answers.get(number, "")
        met = [rid for rid, kind, _, matcher in rules if answer and holds(matcher, answer)]
        raw = sum(p if kind == "criterion" else -p for rid, kind, p, _ in rules if rid in met)
        score = min(max(raw, 0.0), points)
        graded += bool(answer)
        total += score
        ET.SubElement(root, "question", id=qid, score=f"{score:g}", met=" ".join(met))
        rows.append(f"<tr><td>{html.escape(qid)}</td><td>{score:g}</td><td>{html.escape(', '.join(met))}</td></tr>")
    root.set("total", f"{total:g}")
    base = os.path.join(OUT, "candidates", candidate)
    ET.ElementTree(root).write(base + ".xml", encoding="utf-8", xml_declaration=True)
    with open(base + ".html", "w", encoding="utf-8") as f:
        f.write(f"<!doctype html><meta charset=utf-8><title>{html.escape(candidate)}</title>"
                f"<h1>{html.escape(candidate)}: {total:g}</h1><table>{''.join(rows)}</table>\n")
    return graded


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="A plain Python re floor for Grader's speed (see the module doc).")
    parser.add_argument("submissions")
    parser.add_argument("rubric")
    parser.add_argument("out")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    start = time.monotonic()
    files = sorted(os.path.join(args.submissions, name) for name in os.listdir(args.submissions)
                   if name.endswith(".md"))
    os.makedirs(os.path.join(args.out, "candidates"), exist_ok=True)
    with multiprocessing.Pool(args.jobs, initializer=start_worker, initargs=(args.rubric, args.out)) as pool:
        answers = sum(pool.imap_unordered(grade_file, files, chunksize=16))
    print(f"{answers} answers from {len(files)} candidates in {time.monotonic() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
