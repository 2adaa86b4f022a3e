#!/usr/bin/env python3
"""The SAF validity benchmark: how well Grader's scores agree with people's on real answers.

`make validity` runs this after building the release binary. It converts the SAF splits in
Benchmarks/saf/data/ into what Grader reads (a folder per answer holding one file named by its
question, and a human-grades CSV per split) in a scratch folder, then, through the real `grader` binary only:

  raw      grader tune with Benchmarks/saf/rubrics/training.xml on unseen_answers;
  tuned    grader tune on training with --write-rubric, the written rubric measured on unseen_answers;
  suggest  the same with --suggest 5 (when `grader tune --help` lists it, else n/a);
  unseen questions   Benchmarks/saf/rubrics/unseen-questions.xml on unseen_questions, as written.

It prints per question and pooled QWK, exact agreement, MAE and Pearson, read from the
`<overall>` and `<question><current>` elements of each run's tune.xml, and one summary line
last. Nothing else of tune.xml is read or printed: the benchmark's honesty protocol (see
Benchmarks/saf/README.md) keeps answers, scores and disagreements out of the author's sight,
so the author only ever sees aggregate agreement. `grader tune` runs with --quiet for the same
reason (its summary names the worst disagreement).

Python 3 standard library only. The output is deterministic. Exit 1 when a grader step fails
or a split cannot be converted, 2 on bad arguments.

Only the answers' text and the human score are used; the markers' written feedback is never read.
"""
import argparse
import csv
import os
import re
import shutil
import math
import random
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPLITS = ("training", "unseen_answers", "unseen_questions")
METRICS = ("qwk", "exact", "mae", "pearson")
#: How many suggested criteria the `suggest` run asks for.
SUGGESTIONS = 5


class StepFailed(Exception):
    """A conversion or grader step failed; the message says which and why."""


def question_id(file_name):
    """`2.3_DLL_v1.1.xml` -> `2.3_DLL`: the file name without extension or version suffix.
    SAF's in-file ids are unreliable (4.2 and 4.3 say 2.1), so the file name is the id."""
    stem = os.path.splitext(file_name)[0]
    return re.sub(r"_v\d+(?:\.\d+)*$", "", stem)


def read_split(folder):
    """Every answer of a split as (question id, answer text, human score), in a fixed order:
    files by name, answers in file order. Answers whose score is missing or outside 0..1 cannot
    be compared, and an empty answer cannot be a submission (Grader skips an empty file): both
    are left out and counted, never shown."""
    answers, rejected = [], 0
    files = sorted(name for name in os.listdir(folder) if name.endswith(".xml"))
    if not files:
        raise StepFailed(f"{folder}: no question files")
    for name in files:
        qid = question_id(name)
        root = ET.parse(os.path.join(folder, name)).getroot()
        for answer in root.iter("studentAnswer"):
            response = answer.findtext("response")
            score_text = answer.findtext("score")
            try:
                score = float(score_text)
            except (TypeError, ValueError):
                score = None
            text = (response or "").strip()
            if score is None or not 0 <= score <= 1 or not text:
                rejected += 1
                continue
            answers.append((qid, text, score))
    return files, answers, rejected


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def score_text(score):
    """A score as the shortest exact decimal: 0.875, 1, 0.25."""
    return format(score, ".10g")


def convert(split, data, work):
    """Writes WORK/SPLIT/submissions/ID/QID.txt, one candidate folder per answer (SAF does not
    link a student's answers across questions), and WORK/SPLIT/human-grades.csv (`id` and one
    column per question id, the human score in the answered question's cell). Returns
    (questions, answers).

    Folders, not a CSV export: `grader tune` matches graded ids to submission units before
    reading them, so the rows of an export (one unit) are never found. Ids carry no dot
    (`2-1_DLL-007`), so no reader takes part of one for a file extension."""
    folder = os.path.join(data, split, "english")
    files, answers, rejected = read_split(folder)
    if rejected:
        print(f"validity: note: {split}: {count(rejected, 'answer')} left out (empty, or no score in 0..1)", file=sys.stderr)
    questions = sorted({question_id(name) for name in files}, key=question_order)
    column = {qid: index for index, qid in enumerate(questions)}
    counters = {qid: 0 for qid in questions}
    submissions = os.path.join(work, split, "submissions")
    if os.path.isdir(submissions):
        shutil.rmtree(submissions)
    grade_rows = []
    for qid, text, score in answers:
        counters[qid] += 1
        candidate = f"{qid.replace('.', '-')}-{counters[qid]:03d}"
        os.makedirs(os.path.join(submissions, candidate))
        with open(os.path.join(submissions, candidate, qid + ".txt"), "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text + "\n")
        cells = [""] * len(questions)
        cells[column[qid]] = score_text(score)
        grade_rows.append([candidate] + cells)
    write_csv(os.path.join(work, split, "human-grades.csv"), ["id"] + questions, grade_rows)
    return questions, len(answers)


def count(number, noun):
    """`1 answer`, `14 answers`."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def shown(path):
    """A path as the table names it: relative to the repository when inside it."""
    relative = os.path.relpath(os.path.abspath(path), ROOT)
    return path if relative.startswith("..") else relative


def question_order(qid):
    """2.1 before 10.1: by the numbers in the id, then the id."""
    return ([int(part) for part in re.findall(r"\d+", qid)], qid)


def run_grader(grader, arguments, label):
    """Runs the real binary; a non-zero exit is a failed step (its stderr is shown: errors
    name files, rows and rules, never answers)."""
    command = [grader] + arguments
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise StepFailed(f"{label}: grader exited {result.returncode}\n  {' '.join(command)}\n"
                         + "".join(f"  {line}\n" for line in result.stderr.splitlines()[:40]))
    return result.stdout


def tune(grader, rubric, split, work, out, jobs, extra=()):
    """`grader tune` of RUBRIC on SPLIT's answers into WORK/OUT; returns the agreement figures."""
    folder = os.path.join(work, out)
    arguments = ["tune", os.path.join(work, split, "submissions"), "--rubric", rubric,
                 "--graded", os.path.join(work, split, "human-grades.csv"), "--out", folder,
                 "--jobs", str(jobs), "--quiet"] + list(extra)
    run_grader(grader, arguments, f"tune {os.path.basename(rubric)} on {split}")
    return agreement(os.path.join(folder, "tune.xml"))


def agreement(path):
    """{'pooled' or question id: {metric: value or None}, plus 'n'} from tune.xml's <overall>
    and each <question><current>: the only parts of the file this script reads."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        raise StepFailed(f"{path}: cannot read ({error})")
    figures = {}
    overall = root.find("overall")
    if overall is None:
        raise StepFailed(f"{path}: no <overall>")
    figures["pooled"] = metrics(overall)
    for question in root.findall("question"):
        current = question.find("current")
        if current is None:
            raise StepFailed(f"{path}: question {question.get('id')} has no <current>")
        figures[question.get("id")] = metrics(current)
    return figures


def metrics(element):
    values = {"n": int(element.get("n", "0"))}
    for name in METRICS:
        text = element.get(name)
        values[name] = float(text) if text not in (None, "") else None
    return values


def lists_option(grader, option):
    """Whether `grader tune --help` offers OPTION (the newer tune adds --suggest)."""
    result = subprocess.run([grader, "tune", "--help"], capture_output=True, text=True)
    return result.returncode == 0 and re.search(rf"(?<![\w-]){re.escape(option)}\b", result.stdout) is not None


def cell(value, metric):
    if value is None:
        return "n/a"
    return f"{value * 100:.0f}%" if metric == "exact" else f"{value:.2f}"


def table(rows, columns):
    """A plain-text table: one line per row, columns padded to the widest cell."""
    widths = [max(len(row[index]) for row in [columns] + rows) for index in range(len(columns))]
    lines = ["  ".join(text.ljust(widths[index]) if index == 0 else text.rjust(widths[index])
                       for index, text in enumerate(row)).rstrip() for row in [columns] + rows]
    return "\n".join(lines)


def figure_rows(keys, runs):
    """One row per key: n, then each run's QWK, exact, MAE, Pearson (n/a where a run is missing)."""
    rows = []
    for key in keys:
        first = next((run[key] for run in runs.values() if run is not None and key in run), None)
        row = [key, str(first["n"]) if first else "0"]
        for run in runs.values():
            values = run.get(key) if run is not None else None
            row += [cell(values.get(metric) if values else None, metric) for metric in METRICS]
        rows.append(row)
    return rows


def columns_for(runs):
    names = {"qwk": "QWK", "exact": "exact", "mae": "MAE", "pearson": "r"}
    return ["question", "n"] + [f"{run} {names[metric]}" for run in runs for metric in METRICS]


#: Steps a question's human scores may lie on, coarsest first: as grader's ScoreScale.
USUAL_STEPS = (1, 0.5, 0.25, 0.2, 0.125, 0.1, 0.05, 0.025, 0.01)
#: Paired bootstrap resamples of the held-out answers, and its fixed seed.
RESAMPLES, SEED = 2000, 20261201


def graded_scores(grader, rubric, split, work, out, jobs):
    """{candidate id: (question id, rubric score)} of SPLIT graded by RUBRIC, from grades.csv."""
    folder = os.path.join(work, out)
    run_grader(grader, ["grade", os.path.join(work, split, "submissions"), "--rubric", rubric, "--out", folder,
                        "--jobs", str(jobs), "--quiet"], f"grade {os.path.basename(rubric)} on {split}")
    scores = {}
    with open(os.path.join(folder, "grades.csv"), encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for qid, value in row.items():
                if qid not in ("id", "name", "email", "total", "max") and qid and row["id"].startswith(qid.replace(".", "-") + "-"):
                    scores[row["id"]] = (qid, float(value))
    return scores


def human_scores(split, work):
    """{candidate id: (question id, human score)} from the converted split's grades CSV."""
    scores = {}
    with open(os.path.join(work, split, "human-grades.csv"), encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for qid, value in row.items():
                if qid != "id" and value:
                    scores[row["id"]] = (qid, float(value))
    return scores


def pooled_qwk(pairs, steps):
    """Grader's pooled QWK: each rubric score snapped to its question's grid, then
    1 - sum (h - m)^2 / (sum h^2 + sum m^2 - 2 sum h sum m / n), in units of the finest step."""
    unit = min(steps.values())
    h = [human / unit for qid, human, _ in pairs]
    # Half-way scores round up, away from zero, as Swift's rounded() does (Python's round() goes to even).
    m = [math.floor(machine / steps[qid] + 0.5) * steps[qid] / unit for qid, _, machine in pairs]
    n = len(pairs)
    expected = sum(x * x for x in h) + sum(y * y for y in m) - 2 * sum(h) * sum(m) / n
    return None if expected <= 1e-12 else 1 - sum((x - y) ** 2 for x, y in zip(h, m)) / expected


def bootstrap(human, runs, label, tuned_figures):
    """Paired bootstrap over the held-out answers: the 95 % interval of each run's pooled QWK
    and MAE minus the raw rubric's. The point figures must equal tune.xml's (TUNED_FIGURES,
    pooled QWK per run) within 0.005, so the two computations check each other (grades.csv
    gives scores to 0.01, which moves a score like 0.3125 off its half-way point). Only aggregates are
    printed, never an answer."""
    ids = sorted(human)
    steps = {}
    for qid in {human[i][0] for i in ids}:
        values = [human[i][1] for i in ids if human[i][0] == qid]
        steps[qid] = next((step for step in USUAL_STEPS if all(abs(round(v / step) * step - v) < 1e-6 for v in values)),
                          USUAL_STEPS[-1])
    def figures(sample, run):
        pairs = [(human[i][0], human[i][1], run[i][1]) for i in sample]
        return pooled_qwk(pairs, steps), sum(abs(h - m) for _, h, m in pairs) / len(pairs)
    rng = random.Random(SEED)
    lines = []
    raw = runs["raw"]
    for name, run in runs.items():
        if name == "raw" or run is None:
            continue
        qwk, mae = figures(ids, run)
        raw_qwk, raw_mae = figures(ids, raw)
        differences = []
        for _ in range(RESAMPLES):
            sample = [ids[rng.randrange(len(ids))] for _ in ids]
            a, b = figures(sample, run), figures(sample, raw)
            if a[0] is not None and b[0] is not None:
                differences.append((a[0] - b[0], a[1] - b[1]))
        def interval(values):
            values = sorted(values)
            return values[int(0.025 * len(values))], values[int(0.975 * len(values)) - 1]
        low_q, high_q = interval([d[0] for d in differences])
        low_m, high_m = interval([d[1] for d in differences])
        reported, reported_raw = tuned_figures.get(name), tuned_figures.get("raw")
        if reported is not None and reported_raw is not None and (abs(reported - qwk) > 0.005 or abs(reported_raw - raw_qwk) > 0.005):
            raise StepFailed(f"{label}: pooled QWK from grades.csv ({raw_qwk:.3f}, {qwk:.3f}) differs from tune.xml's "
                             f"({reported_raw:.3f}, {reported:.3f})")
        lines.append(f"{label}: {name} - raw, pooled QWK {qwk - raw_qwk:+.3f} (95% {low_q:+.3f} to {high_q:+.3f}), "
                     f"MAE {mae - raw_mae:+.3f} (95% {low_m:+.3f} to {high_m:+.3f}); paired bootstrap, {RESAMPLES} resamples")
    return lines


def summary_number(run, key="pooled"):
    if run is None or run.get(key, {}).get("qwk") is None:
        return "n/a"
    return f"{run[key]['qwk']:.2f}"


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grader", default=os.path.join(ROOT, ".build", "release", "grader"),
                        help="the grader binary (default: the release build)")
    parser.add_argument("--data", default=os.path.join(ROOT, "Benchmarks", "saf", "data"),
                        help="the SAF data folder (training/, unseen_answers/, unseen_questions/)")
    parser.add_argument("--rubrics", default=os.path.join(ROOT, "Benchmarks", "saf", "rubrics"),
                        help="folder holding training.xml and unseen-questions.xml")
    parser.add_argument("--work", default=os.path.join(ROOT, ".build-validity"),
                        help="scratch folder for the converted splits and the tune reports")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs for grader (the figures do not depend on it)")
    parser.add_argument("--convert-only", action="store_true",
                        help="only write the converted splits into --work (for tests)")
    options = parser.parse_args(argv)

    try:
        os.makedirs(options.work, exist_ok=True)
        converted = {split: convert(split, options.data, options.work) for split in SPLITS}
        if options.convert_only:
            for split in SPLITS:
                questions, answers = converted[split]
                print(f"{split}: {count(answers, 'answer')} to {count(len(questions), 'question')}")
            return 0
        if not os.access(options.grader, os.X_OK):
            raise StepFailed(f"{options.grader}: no grader binary (run `swift build -c release` first)")
        training = os.path.join(options.rubrics, "training.xml")
        unseen_rubric = os.path.join(options.rubrics, "unseen-questions.xml")
        step: list[str] = []   # tune's own defaults: what a user gets

        runs = {"raw": tune(options.grader, training, "unseen_answers", options.work, "raw", options.jobs)}
        tuned = os.path.join(options.work, "tuned.xml")
        tune(options.grader, training, "training", options.work, "fit", options.jobs,
             ["--write-rubric", tuned] + step)
        runs["tuned"] = tune(options.grader, tuned, "unseen_answers", options.work, "tuned", options.jobs)
        if lists_option(options.grader, "--suggest"):
            suggested = os.path.join(options.work, "tuned-suggest.xml")
            tune(options.grader, training, "training", options.work, "fit-suggest", options.jobs,
                 ["--write-rubric", suggested, "--suggest", str(SUGGESTIONS)] + step)
            runs["suggest"] = tune(options.grader, suggested, "unseen_answers", options.work, "suggest", options.jobs)
        else:
            runs["suggest"] = None
        unseen = {"raw": tune(options.grader, unseen_rubric, "unseen_questions", options.work, "unseen-questions",
                              options.jobs)}
        rubrics = {"raw": training, "tuned": tuned, "suggest": suggested if runs["suggest"] is not None else None}
        graded = {name: graded_scores(options.grader, path, "unseen_answers", options.work, f"graded-{name}", options.jobs)
                  if path else None for name, path in rubrics.items()}
        reported = {name: (run or {}).get("pooled", {}).get("qwk") for name, run in runs.items()}
        intervals = bootstrap(human_scores("unseen_answers", options.work), graded, "unseen_answers", reported)
    except StepFailed as error:
        print(f"validity: {error}", file=sys.stderr)
        return 1

    questions, answers = converted["unseen_answers"]
    print(f"SAF unseen_answers: {count(answers, 'answer')} to {count(len(questions), 'question')}; "
          f"rubric {shown(training)}, tuned on {count(converted['training'][1], 'training answer')}"
          + ("" if runs["suggest"] is not None else "; --suggest n/a (this grader's tune has no --suggest)"))
    print(table(figure_rows(questions + ["pooled"], runs), columns_for(runs)))
    print()
    questions, answers = converted["unseen_questions"]
    print(f"SAF unseen_questions: {count(answers, 'answer')} to {count(len(questions), 'question')}; "
          f"rubric {shown(unseen_rubric)}, as written")
    print(table(figure_rows(questions + ["pooled"], unseen), columns_for(unseen)))
    print()
    for line in intervals:
        print(line)
    print()
    print(f"validity: SAF unseen_answers pooled QWK raw {summary_number(runs['raw'])} "
          f"tuned {summary_number(runs['tuned'])} suggest {summary_number(runs['suggest'])}; "
          f"unseen_questions raw {summary_number(unseen['raw'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
