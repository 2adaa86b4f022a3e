#!/usr/bin/env python3
"""Write a synthetic benchmark cohort for Grader.

    python3 scripts/make_bench_cohort.py [N] [OUTDIR] [--seed S]

N candidate files (default 2000) in OUTDIR (default /tmp/grader-bench), named
b00001.md ... Each is one Markdown file with front matter (id, name, email) and
the 35 answers under "## Q1" ... "## Q35". An answer is about 160 words (130-190)
sampled from a sentence pool derived from the model answers (the phrasings of
make_sample_cohort.py's bank, so rubric criteria fire as they would on real
answers), mixed with filler sentences, an occasional misconception, a fenced
code block now and then, a few curly quotes, and rarely a missing answer.

Deterministic for a given N and seed (file i depends only on the seed and i,
so the first 2000 files of a 20000 run equal a 2000 run). Before writing, it
deletes the b<digits>.md files an earlier run left in OUTDIR, nothing else.
Prints the number of files, answers and total MB at the end.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True   # no __pycache__ inside the repo
sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_sample_cohort import BANK, CODE, NQ, curly  # noqa: E402

FILLER = [
    "In practice this comes up more often than people expect.",
    "I have used this in a couple of projects at work.",
    "The official documentation explains the details well.",
    "It is worth trying this with a small example first.",
    "Readability usually matters more than raw speed here.",
    "Code reviews tend to catch mistakes in this area.",
    "There are a few edge cases to keep in mind.",
    "Most teams have a convention for this in their style guide.",
    "This is a common interview topic for a reason.",
    "Getting it wrong can lead to subtle bugs that are hard to track down.",
    "Type hints make the intent clearer as well.",
    "A unit test around this behaviour is a good idea.",
    "I learned this the hard way on a project last year.",
    "It also depends on which Python version you are running.",
    "Different libraries handle this in slightly different ways.",
    "The trade-offs are worth explaining to the rest of the team.",
    "Logging helps a lot when something goes wrong in production.",
    "Keeping functions small makes this much easier to reason about.",
    "A colleague once showed me a neat trick for this.",
    "Performance profiling is the only reliable way to be sure.",
    "This is one of those things that looks simple but has depth.",
    "In a code review I would ask for a short comment explaining it.",
    "The standard library already covers most of the common cases.",
    "Third-party packages add more options, but also more dependencies.",
    "It's easy to over-engineer this, so I keep it simple at first.",
    "Python's \"batteries included\" philosophy helps here.",
    "Honestly, I'd check the docs before relying on the details.",
    "That said, the naïve approach is often good enough for a script.",
    "We discussed this at length in a café meetup once.",
    "Consistency across the codebase matters more than the exact choice.",
]

FIRST = ["Zoë", "José", "Priya", "Björn", "Chloé", "Daniel", "Grace", "Tom", "Fatima", "Søren",
         "Kenji", "Hannah", "Liam", "Maya", "Ana", "Łukasz", "Oliver", "Lan", "İrem", "François",
         "Sofia", "Ethan", "Amara", "Lucas", "Elif", "Noah", "Isla", "Ravi", "Siobhán", "Mateo",
         "Yara", "Ingrid", "Camila", "Arjun", "Renée", "Marta", "Tariq", "Leah", "Felix", "Nina"]
LAST = ["Müller", "Ramírez", "Raman", "Lindqvist", "Durand", "Osei", "Liu", "Hendricks", "Al-Sayed",
        "Kjær", "Watanabe", "Schulz", "Brennan", "Cohen", "Ferreira", "Wróbel", "Grant", "Nguyễn",
        "Yıldız", "Lefèvre", "Rossi", "Park", "Nwosu", "Moreau", "Demir", "Fischer", "Mackenzie",
        "Patel", "O'Connell", "Peña", "Haddad", "Åberg", "Torres", "Mehta", "Okafor", "Kowalska",
        "Hassan", "Goldberg", "Wagner", "Petrova"]
ASCII = str.maketrans({"ø": "o", "ł": "l", "ı": "i", "å": "a", "æ": "ae", "ß": "ss", "'": ""})


def ascii_slug(s: str) -> str:
    import unicodedata
    s = s.lower().translate(ASCII)
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")


class Pools:
    """Per question: (text, words) tuples, precomputed once."""

    def __init__(self):
        def entries(sents):
            return [(s, len(s.split())) for s in sents]

        self.topic, self.topic_curly, self.wrong, self.code = {}, {}, {}, {}
        for n in range(1, NQ + 1):
            q = BANK[n]
            sents = [p for idea in q["ideas"] for p in idea] + q["extra"]
            self.topic[n] = entries(sents)
            self.topic_curly[n] = entries([curly(s) for s in sents])
            self.wrong[n] = entries(q["wrong"])
            lines = CODE.get(n, "").splitlines()
            self.code[n] = lines
        self.filler = entries(FILLER)
        self.filler_curly = entries([curly(s) for s in FILLER])
        # code lines for questions without a snippet
        self.generic_code = ["def main():", "    data = load()", "    return process(data)",
                             "if __name__ == \"__main__\":", "    main()"]


def make_answer(n: int, P: Pools, rng: random.Random) -> str:
    r = rng.random
    target = rng.randint(128, 178)     # the last sentence overshoots by ~10 words on average
    topic, topic_c = P.topic[n], P.topic_curly[n]
    filler, filler_c = P.filler, P.filler_curly
    nt, nf = len(topic), len(filler)
    wrong = P.wrong[n]
    curly_p = 0.08
    order = rng.sample(range(nt), nt)  # topic sentences without repeats, first one on topic
    k = 0
    words = 0
    out = []
    while words < target:
        x = r() if out else 0.0
        if x < 0.70:
            if k == nt:
                rng.shuffle(order)
                k = 0
            i = order[k]
            k += 1
            s, w = (topic_c if r() < curly_p else topic)[i]
        elif x < 0.97:
            s, w = (filler_c if r() < curly_p else filler)[int(r() * nf)]
        else:
            s, w = wrong[int(r() * len(wrong))]
        out.append(s)
        words += w
    # one or two paragraphs
    if len(out) > 5 and r() < 0.5:
        cut = len(out) // 2
        text = " ".join(out[:cut]) + "\n\n" + " ".join(out[cut:])
    else:
        text = " ".join(out)
    if r() < 0.15:
        lines = P.code[n] or P.generic_code
        k = min(len(lines), 2 + int(r() * 4))
        start = int(r() * (len(lines) - k + 1))
        block = "\n".join(lines[start:start + k])
        text += "\n\n```python\n" + block + "\n```"
    return text


def make_file(i: int, width: int, seed: str, P: Pools) -> tuple[str, str, int]:
    rng = random.Random(f"{seed}:{i}")
    first, last = rng.choice(FIRST), rng.choice(LAST)
    cid = f"b{i:0{width}d}"
    email = f"{ascii_slug(first)}.{ascii_slug(last)}.{i}@example.org"
    parts = [f"---\nid: {cid}\nname: {first} {last}\nemail: {email}\n---\n"]
    answered = 0
    for n in range(1, NQ + 1):
        x = rng.random()
        if x < 0.01:              # question omitted
            continue
        if x < 0.015:             # heading with an empty body
            parts.append(f"## Q{n}\n")
            continue
        parts.append(f"## Q{n}\n\n{make_answer(n, P, rng)}\n")
        answered += 1
    return cid, "\n".join(parts), answered


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Write a synthetic benchmark cohort (b00001.md ...).")
    ap.add_argument("n", nargs="?", type=int, default=2000, help="number of candidates (default 2000)")
    ap.add_argument("outdir", nargs="?", type=Path, default=Path("/tmp/grader-bench"),
                    help="output folder (default /tmp/grader-bench)")
    ap.add_argument("--seed", default="grader-bench-v1", help="seed (default grader-bench-v1)")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("N must be at least 1")
    t0 = time.perf_counter()
    out: Path = args.outdir
    out.mkdir(parents=True, exist_ok=True)
    stale = re.compile(r"b\d+\.md")
    removed = 0
    for e in os.scandir(out):
        if e.is_file() and stale.fullmatch(e.name):
            os.unlink(e.path)
            removed += 1
    width = max(5, len(str(args.n)))
    P = Pools()
    total_bytes = answers = 0
    for i in range(1, args.n + 1):
        cid, text, answered = make_file(i, width, args.seed, P)
        data = text.encode("utf-8")
        with open(out / f"{cid}.md", "wb") as f:
            f.write(data)
        total_bytes += len(data)
        answers += answered
    dt = time.perf_counter() - t0
    if removed:
        print(f"removed {removed} files of an earlier run")
    print(f"{args.n} files, {answers} answers, {total_bytes / 1e6:.1f} MB in {out} ({dt:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
