#!/usr/bin/env python3
"""Does `grader tune --write-rubric` ever make a SAF question worse when it learns from few answers?

For each seed and size (30 and 60 graded answers per question by default), this script draws that
many answers of every question from SAF's `training` split (a fixed pseudo-random draw per seed),
tunes Benchmarks/saf/rubrics/training.xml on them with `--write-rubric` (and, with --suggest N, a
second rubric with `--suggest N`), then measures the raw and the tuned rubric, through the real
`grader tune`, on the rest of `training` and on `unseen_answers`. It prints per question the worst
change of QWK (tuned - raw) over the seeds, how many seeds wrote the question, and pooled figures.

Only aggregate figures are read and printed: each run's per-question `<current>` QWK and the
`<fit written=...>` decision of tune.xml. Answers and scores are processed by the script, never
shown (see Benchmarks/saf/README.md). Python 3 standard library only; deterministic.
"""
import argparse
import csv
import os
import random
import shutil
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import saf_validity as saf  # noqa: E402


def read_grades(path):
    """{question id: [(candidate id, score text)]} from a converted split's grades CSV, in file order."""
    by_question = {}
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for qid, value in row.items():
                if qid != "id" and value:
                    by_question.setdefault(qid, []).append((row["id"], value))
    return by_question


def write_subset(source, target, chosen, questions):
    """TARGET/submissions/ID/... copied from SOURCE for the candidates in CHOSEN ({qid: [(id, score)]}),
    and TARGET/human-grades.csv for them."""
    if os.path.isdir(target):
        shutil.rmtree(target)
    os.makedirs(os.path.join(target, "submissions"))
    rows = []
    for qid in questions:
        for candidate, score in chosen.get(qid, []):
            shutil.copytree(os.path.join(source, "submissions", candidate), os.path.join(target, "submissions", candidate))
            rows.append([candidate] + [score if q == qid else "" for q in questions])
    saf.write_csv(os.path.join(target, "human-grades.csv"), ["id"] + questions, rows)


def written(path):
    """{question id: whether --write-rubric took it} from tune.xml's <fit> decisions."""
    root = ET.parse(path).getroot()
    return {q.get("id"): (q.find("fit") is not None and q.find("fit").get("written") == "yes") for q in root.findall("question")}


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grader", default=os.path.join(saf.ROOT, ".build", "release", "grader"))
    parser.add_argument("--data", default=os.path.join(saf.ROOT, "Benchmarks", "saf", "data"))
    parser.add_argument("--rubric", default=os.path.join(saf.ROOT, "Benchmarks", "saf", "rubrics", "training.xml"))
    parser.add_argument("--work", default=os.path.join(saf.ROOT, ".build-validity", "guard"))
    parser.add_argument("--sizes", default="30,60", help="graded answers per question, comma-separated")
    parser.add_argument("--seeds", type=int, default=3, help="draws per size")
    parser.add_argument("--suggest", type=int, default=0, help="also tune with --suggest N")
    parser.add_argument("--jobs", type=int, default=2)
    options = parser.parse_args(argv)
    sizes = [int(size) for size in options.sizes.split(",")]
    variants = [("tuned", [])] + ([(f"suggest {options.suggest}", ["--suggest", str(options.suggest)])] if options.suggest else [])
    try:
        os.makedirs(options.work, exist_ok=True)
        questions, _ = saf.convert("training", options.data, options.work)
        saf.convert("unseen_answers", options.data, options.work)
        by_question = read_grades(os.path.join(options.work, "training", "human-grades.csv"))
        unseen_raw = saf.tune(options.grader, options.rubric, "unseen_answers", options.work, "raw-unseen", options.jobs)
        # (variant, size) -> question -> list of (rest change, unseen change, written)
        results = {}
        for size in sizes:
            for seed in range(options.seeds):
                rng = random.Random(1000 * size + seed)
                chosen, rest = {}, {}
                for qid in questions:
                    answers = by_question.get(qid, [])
                    picked = set(rng.sample(range(len(answers)), min(size, len(answers))))
                    chosen[qid] = [answers[i] for i in sorted(picked)]
                    rest[qid] = [answers[i] for i in range(len(answers)) if i not in picked]
                tag = f"n{size}-s{seed}"
                write_subset(os.path.join(options.work, "training"), os.path.join(options.work, tag, "fit"), chosen, questions)
                write_subset(os.path.join(options.work, "training"), os.path.join(options.work, tag, "rest"), rest, questions)
                raw_rest = saf.tune(options.grader, options.rubric, f"{tag}/rest", options.work, f"{tag}/raw-rest", options.jobs)
                for name, extra in variants:
                    label = name.replace(" ", "-")
                    tuned = os.path.join(options.work, tag, f"{label}.xml")
                    saf.tune(options.grader, options.rubric, f"{tag}/fit", options.work, f"{tag}/fit-{label}", options.jobs,
                             ["--write-rubric", tuned] + extra)
                    took = written(os.path.join(options.work, tag, f"fit-{label}", "tune.xml"))
                    on_rest = saf.tune(options.grader, tuned, f"{tag}/rest", options.work, f"{tag}/{label}-rest", options.jobs)
                    on_unseen = saf.tune(options.grader, tuned, "unseen_answers", options.work, f"{tag}/{label}-unseen", options.jobs)
                    for qid in questions + ["pooled"]:
                        def change(after, before):
                            a, b = after.get(qid, {}).get("qwk"), before.get(qid, {}).get("qwk")
                            return None if a is None or b is None else a - b
                        results.setdefault((name, size), {}).setdefault(qid, []).append(
                            (change(on_rest, raw_rest), change(on_unseen, unseen_raw), took.get(qid, False)))
    except saf.StepFailed as error:
        print(f"guard check: {error}", file=sys.stderr)
        return 1

    def worst(values):
        values = [value for value in values if value is not None]
        return f"{min(values):+.3f}" if values else "n/a"

    print(f"SAF training, {options.seeds} draws per size: QWK change tuned - raw, worst over the draws "
          "(rest of training / unseen_answers), and how many draws wrote the question")
    columns = ["question"] + [f"{name} n={size} {part}" for name, _ in variants for size in sizes
                              for part in ("rest", "unseen", "written")]
    rows = []
    for qid in questions + ["pooled"]:
        row = [qid]
        for name, _ in variants:
            for size in sizes:
                cells = results[(name, size)][qid]
                row += [worst(c[0] for c in cells), worst(c[1] for c in cells),
                        "" if qid == "pooled" else f"{sum(1 for c in cells if c[2])}/{len(cells)}"]
        rows.append(row)
    print(saf.table(rows, columns))
    print()
    for name, _ in variants:
        for size in sizes:
            per_question = [c for qid in questions for c in results[(name, size)][qid]]
            drops = [value for c in per_question for value in c[:2] if value is not None]
            print(f"guard check: {name} n={size}: worst per-question change {min(drops):+.3f}, "
                  f"{sum(1 for v in drops if v < -0.01)} of {len(drops)} question measurements lower by more than 0.01, "
                  f"{sum(1 for c in per_question if c[2])} of {len(per_question)} question fits written; "
                  f"pooled worst {worst(c[0] for c in results[(name, size)]['pooled'])} (rest), "
                  f"{worst(c[1] for c in results[(name, size)]['pooled'])} (unseen)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
