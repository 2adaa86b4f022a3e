#!/usr/bin/env python3
"""The assessor's loop on SAF `training`: review a fifth of the answers, let tune learn, re-grade.

`make validity-loop` runs this after building the release binary. Through the real `grader`
binary only, on the answers of Benchmarks/saf/data/training converted as `make validity` does
(scripts/saf_validity.py's own functions):

  1. grade every answer with the raw rubric (Benchmarks/saf/rubrics/training.xml);
  2. in rounds of 5 % of the answers up to 20 %: export the review queue of the current reports
     (`grader review --export-queue`), take its next answers not yet reviewed, record the
     person's score from the dataset as a moderation decision (rows of the moderation CSV),
     run `grader tune --moderation --write-rubric --suggest 5 --round 0.05` on the current
     rubric, and re-grade with the tuned rubric and the moderation file. Before the next export,
     `grader tune --out REPORTS/tune` on the re-graded rubric gives the queue the fitted model's
     gaps, as a person using the queue would run it;
  3. the same loop with the answers taken in a seeded random order.

Per round it prints pooled QWK of the final grades (the person's where reviewed, Grader's
elsewhere) against the human scores, QWK of the unreviewed answers alone, and how many reviewed
answers had a wrong score when they were taken, as a share of the raw grades' wrong scores. Before the loop it measures the queue of
the raw grades: the share of wrong scores in its first 10 % and 20 %, against random orders
(the mean over several seeds). Then per question, the same figures at 20 %.

A wrong score: Grader's score, snapped to the question's grid (the coarsest usual step all
its human scores lie on, as grader's ScoreScale), differs from the human score: exactly what
QWK counts as a disagreement. QWK is computed as Kappa.swift does (categories of the question's
grid, pooled on the finest step of the questions pooled), and checked against the pooled QWK
`grader tune` reports for the raw grades.

`--capture-only` stops after the capture table (the order of the raw grades alone, in seconds).

Python 3 standard library only; deterministic. Only aggregates are printed, never an answer or
a score of one. Exit 1 when a grader step fails, 2 on bad arguments.
"""
import argparse
import csv
import math
import os
import random
import shutil
import sys
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True   # no __pycache__ left in scripts/ by the import below
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import saf_validity  # noqa: E402  (the conversion and the grader runner of `make validity`)
from saf_validity import StepFailed, count, run_grader, table  # noqa: E402

ROOT = saf_validity.ROOT
#: Share of the answers reviewed per round, and rounds: 5, 10, 15, 20 %.
ROUND_SHARE, ROUNDS = 0.05, 4
#: Queue capture is measured at these shares of the queue.
CAPTURE_SHARES = (0.10, 0.20)
#: What the loop tells tune: as the issue's loop and `make validity`'s suggest run.
SUGGESTIONS, ROUNDING = 5, "0.05"
#: The moderation file's header (Sources/GraderModeration/Moderation/ModerationCSV.swift).
MODERATION_HEADER = ["candidate", "question", "score", "reason", "moderator", "decided_at", "answer_sha256"]
#: A fixed time, so the moderation file and the reports are the same every run.
DECIDED_AT = "2026-12-01T00:00:00Z"


# --- Grids and QWK, as Sources/GraderFoundation/Statistics/ScoreScale.swift and Kappa.swift ---

def swift_round(value):
    """Swift's rounded(): half-way away from zero (Python's round() goes to even)."""
    return math.floor(value + 0.5) if value >= 0 else -math.floor(-value + 0.5)


def question_steps(human):
    """{question: step}: the coarsest usual step every human score of the question lies on."""
    steps = {}
    for qid in sorted({q for q, _ in human.values()}):
        values = [score for q, score in human.values() if q == qid]
        steps[qid] = next((step for step in saf_validity.USUAL_STEPS
                           if all(abs(swift_round(v / step) * step - v) < 1e-6 for v in values)),
                          saf_validity.USUAL_STEPS[-1])
    return steps


def category(score, step, highest=1.0):
    """ScoreScale.category on 0...highest: the nearest grid point, held inside the scale."""
    categories = int(swift_round(highest / step)) + 1
    return min(max(int(swift_round(score / step)), 0), categories - 1)


def snapped(score, step):
    return category(score, step) * step


def qwk(pairs, steps):
    """Kappa.quadraticWeighted over (question, human, machine) triples: each score snapped to its
    question's grid, then counted in categories of the finest step among them; None when undefined."""
    if len(pairs) < 2:
        return None
    unit = min(steps[q] for q, _, _ in pairs)
    n = len(pairs)
    observed = sum_h = sum_m = squares_h = squares_m = 0.0
    for qid, human, machine in pairs:
        h = category(snapped(human, steps[qid]), unit)
        m = category(snapped(machine, steps[qid]), unit)
        observed += (h - m) ** 2
        sum_h += h
        sum_m += m
        squares_h += h * h
        squares_m += m * m
    expected = squares_h + squares_m - 2 * sum_h * sum_m / n
    return None if expected <= 1e-12 else 1 - observed / expected


def is_wrong(qid, human, machine, steps):
    """Grader's score on the question's grid differs from the person's."""
    return abs(snapped(machine, steps[qid]) - human) > 1e-9


# --- Grader steps ---

def report_scores(folder):
    """{candidate: score of the one question it answered} from the candidate reports (the other
    questions of the rubric are there as missing). Reports give scores to 0.01, as grades.csv."""
    scores = {}
    candidates = os.path.join(folder, "candidates")
    for name in sorted(os.listdir(candidates)):
        if not name.endswith(".xml"):
            continue
        root = ET.parse(os.path.join(candidates, name)).getroot()
        candidate = root.find("candidate").get("id")
        for question in root.findall("question"):
            if question.get("status") != "missing" and question.get("score") is not None:
                scores[candidate] = float(question.get("score"))
    return scores


def grade(options, submissions, rubric, out, moderation=None):
    arguments = ["grade", submissions, "--rubric", rubric, "--out", out, "--jobs", str(options.jobs), "--quiet"]
    if moderation is None:   # an empty file, so a moderation.csv in the working folder is never applied
        moderation = os.path.join(options.work, "no-decisions.csv")
        write_moderation(moderation, [], {})
    arguments += ["--moderation", moderation]
    run_grader(options.grader, arguments, f"grade {os.path.basename(rubric)}")
    return report_scores(out)


def export_queue(options, reports, path):
    """The candidates of the review order, first to last, with their answers' hashes."""
    run_grader(options.grader, ["review", reports, "--export-queue", path], "review --export-queue")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [(unguarded(row["candidate"]), row["answer_sha256"]) for row in rows]


def guarded(cell):
    """ModerationCSV.guarded: `'` before a cell a spreadsheet would run as a formula, and one more
    before a cell that already starts with `'` and a guarded character."""
    def neutralised(text):
        return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and text else text
    if cell[:1] == "'" and neutralised(cell[1:]) != cell[1:]:
        return "'" + cell
    return neutralised(cell)


def unguarded(cell):
    """ModerationCSV.unguarded: the export's cell back to the id it was written from."""
    if cell[:1] != "'":
        return cell
    rest = cell[1:]
    return rest if guarded(rest) != rest else cell


def write_moderation(path, decisions, human):
    """The moderation file: one row per reviewed answer, the person's score from the dataset."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(MODERATION_HEADER)
        for candidate, answer_hash in decisions:
            qid, score = human[candidate]
            writer.writerow([candidate, qid, saf_validity.score_text(score), "SAF human score", "saf-loop",
                             DECIDED_AT, answer_hash])


def tune(options, submissions, rubric, moderation, out, write=None):
    arguments = ["tune", submissions, "--rubric", rubric, "--moderation", moderation, "--out", out,
                 "--jobs", str(options.jobs), "--quiet"]
    if write:
        arguments += ["--write-rubric", write, "--suggest", str(SUGGESTIONS), "--round", ROUNDING]
    run_grader(options.grader, arguments, f"tune {os.path.basename(rubric)}")


# --- The loop ---

class Done(Exception):
    """--capture-only: the capture table is measured, the loops are skipped."""


def loop(options, name, submissions, human, steps, order_of):
    """Runs the rounds; ORDER_OF(reports, round, work) gives the answers' order to take the next from.
    Returns per round the share reviewed, the final and the unreviewed (question, human, grade)
    triples, and how many reviewed answers had a wrong score when they were taken."""
    work = os.path.join(options.work, name)
    if os.path.isdir(work):
        shutil.rmtree(work)
    os.makedirs(work)
    reports = os.path.join(work, "reports")
    moderation = os.path.join(work, "moderation.csv")
    rubric = options.rubric
    scores = grade(options, submissions, rubric, reports)
    total = len(human)
    reviewed = []          # (candidate, answer hash), in the order taken
    taken = set()
    wrong_found = 0
    rounds = []
    for number in range(1, ROUNDS + 1):
        target = int(swift_round(total * ROUND_SHARE * number))
        for candidate, answer_hash in order_of(reports, number, work):
            if len(reviewed) >= target:
                break
            if candidate in taken or candidate not in human:
                continue
            taken.add(candidate)
            reviewed.append((candidate, answer_hash))
            qid, score = human[candidate]
            wrong_found += is_wrong(qid, score, scores[candidate], steps)
        write_moderation(moderation, reviewed, human)
        tuned = os.path.join(work, f"tuned-{number}.xml")
        tune(options, submissions, rubric, moderation, os.path.join(work, f"tune-{number}"), write=tuned)
        rubric = tuned
        scores = grade(options, submissions, rubric, reports, moderation)
        final = [(human[c][0], human[c][1], scores[c]) for c in sorted(human)]
        unreviewed = [(human[c][0], human[c][1], scores[c]) for c in sorted(human) if c not in taken]
        for candidate in taken:
            if abs(scores[candidate] - human[candidate][1]) > 0.005 + 1e-9:   # reports round to 0.01
                raise StepFailed(f"{name} round {number}: a reviewed answer's final grade is not the person's score")
        rounds.append({"share": len(reviewed) / total, "final": final, "unreviewed": unreviewed,
                       "wrong_found": wrong_found, "reports": reports, "rubric": rubric, "moderation": moderation})
    return rounds


def capture(order, human, scores, steps, share):
    """Of Grader's wrong scores, the share in the first SHARE of ORDER."""
    wrong = {c for c in human if is_wrong(human[c][0], human[c][1], scores[c], steps)}
    if not wrong:
        return None
    head = order[:int(swift_round(len(order) * share))]
    return sum(1 for c in head if c in wrong) / len(wrong)


def figure(value, percent=False):
    if value is None:
        return "n/a"
    return f"{value * 100:.0f}%" if percent else f"{value:.2f}"


def convert(options):
    """The converted split (saf_validity.convert), limited to --questions: (submissions, human)."""
    questions, _ = saf_validity.convert(options.split, options.data, options.work)
    wanted = questions if not options.questions else options.questions.split(",")
    unknown = sorted(set(wanted) - set(questions))
    if unknown:
        raise StepFailed(f"--questions: no question {', '.join(unknown)} in {options.data}/{options.split}")
    submissions = os.path.join(options.work, options.split, "submissions")
    human = {c: v for c, v in saf_validity.human_scores(options.split, options.work).items() if v[0] in wanted}
    for candidate in sorted(os.listdir(submissions)):
        if candidate not in human:
            shutil.rmtree(os.path.join(submissions, candidate))
    kept = [q for q in questions if q in wanted]
    saf_validity.write_csv(os.path.join(options.work, options.split, "human-grades.csv"), ["id"] + kept,
                           [[c] + [saf_validity.score_text(human[c][1]) if q == human[c][0] else "" for q in kept]
                            for c in sorted(human)])
    return submissions, human, kept


def check_against_tune(options, human, steps, scores):
    """This script's pooled QWK of SCORES must be tune's (`<overall qwk>` of tune.xml, the raw
    rubric against the same human grades) within 0.005: the two computations check each other
    (reports give scores to 0.01, which can move a score like 0.3125 off its half-way point)."""
    figures = saf_validity.tune(options.grader, options.rubric, options.split, options.work, "raw-tune", options.jobs)
    reported = figures["pooled"]["qwk"]
    mine = qwk([(human[c][0], human[c][1], scores[c]) for c in sorted(human)], steps)
    if reported is not None and mine is not None and abs(reported - mine) > 0.005:
        raise StepFailed(f"pooled QWK of the raw grades {mine:.3f} differs from tune.xml's {reported:.3f}")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grader", default=os.path.join(ROOT, ".build", "release", "grader"),
                        help="the grader binary (default: the release build)")
    parser.add_argument("--data", default=os.path.join(ROOT, "Benchmarks", "saf", "data"),
                        help="a SAF data folder holding SPLIT/english/*.xml")
    parser.add_argument("--split", default="training", help="the split to run the loop on (default: training)")
    parser.add_argument("--rubric", default=os.path.join(ROOT, "Benchmarks", "saf", "rubrics", "training.xml"),
                        help="the raw rubric")
    parser.add_argument("--questions", default="", help="comma-separated question ids to keep (default: all)")
    parser.add_argument("--work", default=os.path.join(ROOT, ".build-validity-loop"), help="scratch folder")
    parser.add_argument("--seed", type=int, default=20261206, help="seed of the random loop's order")
    parser.add_argument("--seeds", type=int, default=20, help="random orders averaged for the queue's capture")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs for grader (the figures do not depend on it)")
    parser.add_argument("--capture-only", action="store_true",
                        help="measure the queue of the raw grades only (its capture table), without the loops")
    options = parser.parse_args(argv)
    options.work = os.path.abspath(options.work)

    try:
        if not os.access(options.grader, os.X_OK):
            raise StepFailed(f"{options.grader}: no grader binary (run `swift build -c release` first)")
        os.makedirs(options.work, exist_ok=True)
        submissions, human, questions = convert(options)
        steps = question_steps(human)
        ids = sorted(human)

        # The queue of the raw grades against random orders.
        raw_reports = os.path.join(options.work, "raw")
        if os.path.isdir(raw_reports):
            shutil.rmtree(raw_reports)
        raw_scores = grade(options, submissions, options.rubric, raw_reports)
        check_against_tune(options, human, steps, raw_scores)
        queue = [c for c, _ in export_queue(options, raw_reports, os.path.join(options.work, "raw-queue.csv"))]
        if sorted(queue) != ids:
            raise StepFailed("the exported queue does not hold every answer exactly once")
        wrong = sum(is_wrong(human[c][0], human[c][1], raw_scores[c], steps) for c in ids)
        captures = {}
        for share in CAPTURE_SHARES:
            randoms = []
            for seed in range(1, options.seeds + 1):
                order = ids[:]
                random.Random(seed).shuffle(order)
                randoms.append(capture(order, human, raw_scores, steps, share))
            randoms = [r for r in randoms if r is not None]
            captures[share] = (capture(queue, human, raw_scores, steps, share),
                               sum(randoms) / len(randoms) if randoms else None)

        if options.capture_only:
            raise Done()
        # The loops.
        hashes = {}

        def queue_order(reports, number, work):
            if number > 1:   # the fitted model of the decisions so far, on the rubric these reports were graded with
                rubric = os.path.join(work, f"tuned-{number - 1}.xml")
                tune(options, submissions, rubric, os.path.join(work, "moderation.csv"), os.path.join(reports, "tune"))
            order = export_queue(options, reports, os.path.join(work, f"queue-{number}.csv"))
            hashes.update(order)
            return order

        random_order = ids[:]
        random.Random(options.seed).shuffle(random_order)

        def shuffled(reports, number, work):
            if not hashes:
                hashes.update(export_queue(options, reports, os.path.join(work, "hashes.csv")))
            return [(c, hashes[c]) for c in random_order]

        by_queue = loop(options, "queue", submissions, human, steps, queue_order)
        by_random = loop(options, "random", submissions, human, steps, shuffled)
    except Done:
        pass
    except StepFailed as error:
        print(f"validity-loop: {error}", file=sys.stderr)
        return 1

    raw_pairs = [(human[c][0], human[c][1], raw_scores[c]) for c in ids]
    print(f"SAF {options.split}: {count(len(ids), 'answer')} to {count(len(questions), 'question')}; "
          f"rubric {saf_validity.shown(options.rubric)}; raw pooled QWK {figure(qwk(raw_pairs, steps))}; "
          f"{count(wrong, 'wrong score')} (Grader's score on the question's grid differs from the person's)")
    print()
    print("The queue of the raw grades: share of the wrong scores in its head")
    rows = [[f"first {share * 100:.0f}%", figure(captures[share][0], True), figure(captures[share][1], True)]
            for share in CAPTURE_SHARES]
    print(table(rows, ["queue head", "queue", f"random (mean of {options.seeds} seeds)"]))
    if options.capture_only:
        return 0
    print()
    print(f"The loop: review the next {ROUND_SHARE * 100:.0f}% of the answers, tune --suggest {SUGGESTIONS} "
          f"--round {ROUNDING} on the decisions, re-grade; pooled QWK")
    rows = [["0%", figure(qwk(raw_pairs, steps)), figure(qwk(raw_pairs, steps)),
             figure(qwk(raw_pairs, steps)), figure(qwk(raw_pairs, steps)), "0%", "0%"]]
    for q, r in zip(by_queue, by_random):
        rows.append([f"{q['share'] * 100:.0f}%", figure(qwk(q["final"], steps)), figure(qwk(q["unreviewed"], steps)),
                     figure(qwk(r["final"], steps)), figure(qwk(r["unreviewed"], steps)),
                     figure(q["wrong_found"] / wrong if wrong else None, True),
                     figure(r["wrong_found"] / wrong if wrong else None, True)])
    print(table(rows, ["reviewed", "queue final", "queue unreviewed", "random final", "random unreviewed",
                       "queue wrong found", "random wrong found"]))
    print()
    print(f"Per question, {by_queue[-1]['share'] * 100:.0f}% reviewed: QWK")
    rows = []
    for qid in questions:
        def of(pairs):
            return figure(qwk([p for p in pairs if p[0] == qid], steps))
        rows.append([qid, str(sum(1 for c in ids if human[c][0] == qid)), of(raw_pairs),
                     of(by_queue[-1]["final"]), of(by_queue[-1]["unreviewed"]),
                     of(by_random[-1]["final"]), of(by_random[-1]["unreviewed"])])
    print(table(rows, ["question", "n", "raw", "queue final", "queue unreviewed", "random final", "random unreviewed"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
