#!/usr/bin/env python3
"""Seeds the pmatch fuzzer's corpus from the ported OU cases: one file per case,
the expression on the first line and the response after it."""
import json, os, sys
fixtures, corpus = sys.argv[1], sys.argv[2]
os.makedirs(corpus, exist_ok=True)
cases = json.load(open(os.path.join(fixtures, "ou-cases.json")))
seeds = [(c["expression"], c.get("response", "")) for c in cases["matching"] + cases["errors"]]
for name in sorted(os.listdir(fixtures)):
    if name.endswith(".rules.txt"):
        with open(os.path.join(fixtures, name), encoding="utf-8") as f:
            seeds += [(line.strip(), "") for line in f if line.strip()]
for index, (expression, response) in enumerate(seeds):
    with open(os.path.join(corpus, f"seed-{index:04d}"), "w", encoding="utf-8") as f:
        f.write(expression + "\n" + response)
print(f"{len(seeds)} pmatch seeds in {corpus}")
