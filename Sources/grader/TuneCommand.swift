import ArgumentParser
import Foundation
import GraderEngine
import GraderFoundation
import GraderWorkflows

/// `grader tune`: measure a rubric against human grades and fit its weights to them.
struct Tune: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure a rubric against human grades, fit its weights, and find phrases it misses.",
        discussion: """
        Grades the candidates in SUBMISSIONS (writing no candidate reports), compares the rubric's \
        scores of the answers GRADES.csv grades with the human ones per question and overall, and fits a tuned \
        rubric to them: a base, non-negative weights pulled toward the author's, and cut-points onto \
        the human scale, chosen by nested cross-validation. The author's rubric and the tuned one are \
        reported side by side, the tuned one cross-validated. It mines phrases common in high-scored \
        answers that no criterion catches (--suggest N: one L1-penalised fit of every mined phrase, near pair and \
        model-answer word beside the rules keeps at most N, as criteria or, for phrases of low-scored answers, \
        penalties), and writes \
        OUT/tune.html, OUT/tune.xml (with every answer's rubric, human and fitted score, held out for a \
        graded answer: what grader review ranks by) and OUT/tune.xsd; --write-rubric takes a tuned question only where it clearly wins: \
        in each of 5 fold splits of nested cross-validation its QWK gains --margin, its squared error falls by 2 standard errors \
        and a paired randomisation test gives p ≤ 0.01, for the procedure and for the very settings written, so a gain \
        within the noise of 30 answers is never written. \
        GRADES.csv: an 'id' column, one column per question id, optionally 'qid.criterion' columns \
        of 0/1 marks; Grader's own grades.csv layout is accepted. The moderation file (--moderation, \
        default ./moderation.csv when it exists) adds human grades: a moderator's score of an answer \
        overrides the CSV's for that answer; a decision on an answer that changed since is skipped with a note. Exit 0 when all is well, 1 when \
        some grades or submissions were left out (each named), 2 on a usage, grades or rubric error.
        """
    )

    @Argument(help: "Submissions, as for grade: folders, candidate files or exports.")
    var submissions: [String] = ["Submissions"]

    @Option(help: "The rubric to tune (a file, or a folder holding exactly one rubric).")
    var rubric: String

    @Option(help: "CSV of human grades: id, one column per question, optional qid.criterion 0/1 columns. Optional when a moderation file gives the grades.")
    var graded: String?

    @OptionGroup var moderation: ModerationOption

    @Option(help: "Folder tune.html and tune.xml are written to (created if missing).")
    var out: String = "Reports/tune"

    @Option(help: "An earlier rubric to compare with on the same answers.")
    var baseline: String?

    @Option(help: "Write a copy of the rubric here with each question that tuning clearly improves in its tuned form, the others as written (the input is never changed).")
    var writeRubric: String?

    @Option(help: "Folds of the (nested) cross-validation that chooses and measures the fit.")
    var folds: Int = 5

    @Option(help: "Round fitted weights to multiples of this many points (default: per question, the largest of 1, 0.5, 0.25, 0.1, ... at most 1/40 of its points).")
    var round: Double?

    @Option(help: "Learn up to N criteria or penalties per question from its graded answers (one L1-penalised fit, strength cross-validated); written only where the guard takes them.")
    var suggest: Int = 0

    @Option(help: "Cross-validated QWK a tuned question must gain over the author's, in every fold split, before --write-rubric takes it.")
    var margin: Double = 0.02

    @Option(help: "Candidates graded at once; defaults to the number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .shortAndLong, help: "Print only errors and warnings, no summary.")
    var quiet = false

    func validate() throws {
        guard folds >= 2 else { throw ValidationError("--folds must be at least 2") }
        if let round { guard round > 0 else { throw ValidationError("--round must be more than 0") } }
        guard suggest >= 0 else { throw ValidationError("--suggest must be 0 or more") }
        guard margin >= 0, margin < 1 else { throw ValidationError("--margin must be from 0 to less than 1") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let loaded: GraderEngine.Rubric
        var old: GraderEngine.Rubric? = nil
        do {
            loaded = try RubricLoader.load(path: rubric)
            if let baseline { old = try RubricLoader.load(path: baseline) }
        } catch {
            throw CommandFailure.exitCode(reporting: error)
        }
        if let writeRubric, URL(fileURLWithPath: writeRubric).standardizedFileURL == URL(fileURLWithPath: loaded.file).standardizedFileURL {
            throw CommandFailure.exitCode(reporting: CommandFailure.UsageFailure(
                "grader: --write-rubric must not name the rubric being tuned (\(loaded.file)): the input is never changed"))
        }
        let moderationInput = try moderation.load(reports: nil, submissions: submissions)
        guard graded != nil || moderationInput != nil else {
            throw CommandFailure.exitCode(reporting: CommandFailure.UsageFailure(
                "grader: tune needs human grades: --graded GRADES.csv, a moderation file (--moderation FILE or ./moderation.csv), or both"))
        }
        let options = TuneOptions(gradesFile: graded, submissions: submissions, output: out, baselineFile: baseline,
                                  tunedRubric: writeRubric, jobs: jobs, folds: folds, step: round, margin: margin, suggest: suggest,
                                  moderation: moderationInput)
        let report: TuneReport
        do {
            report = try await Tuner(rubric: loaded, baseline: old, options: options).run()
        } catch {
            throw CommandFailure.exitCode(reporting: error)
        }
        for warning in report.warnings { Terminal.error(warning.terminalText) }
        if let moderation = report.moderation, !quiet {
            for note in moderation.stale { Terminal.error(note.terminalText) }
            Terminal.error("Moderation (\(moderation.file)): \(Plural.count(moderation.used, "answer")) graded by a moderator"
                           + (moderation.stale.isEmpty ? "" : ", \(moderation.stale.count) stale decisions skipped") + ".")
        }
        if !quiet {
            let seconds = RunSummaryText.seconds(clock.now - started)
            print(TuneSummaryText(report: report, output: out, tunedRubric: writeRubric, seconds: seconds).text)
        }
        if !report.warnings.isEmpty { throw ExitCode(ExitStatus.inputSkipped) }
    }
}

/// The summary `tune` prints: overall agreement, the weakest questions, what to look at next.
struct TuneSummaryText {
    let report: TuneReport
    let output: String
    let tunedRubric: String?
    let seconds: Double

    var text: String {
        var lines: [String] = []
        let overall = report.overall
        lines.append("Compared \(Plural.count(report.answers, "answer")) of \(Plural.count(report.candidates, "candidate")) with human grades in \(RunSummaryText.format(seconds, 2)) s.")
        lines.append("All answers: exact \(Self.percent(overall.agreement.exact)), adjacent \(Self.percent(overall.agreement.adjacent)), "
                     + "MAE \(NumberText.format(overall.agreement.meanAbsoluteError)), Pearson \(Self.format(overall.pearson)), "
                     + "Spearman \(Self.format(overall.spearman)), kappa \(Self.format(overall.kappa)), QWK \(Self.format(overall.quadraticKappa)).")
        if report.totals.count > 0 {
            lines.append("Candidate totals (\(report.totals.count)): Pearson \(Self.format(report.totals.pearson)), "
                         + "Spearman \(Self.format(report.totals.spearman)), MAE \(NumberText.format(report.totals.meanAbsoluteError)).")
        }
        lines.append("Tuned (cross-validated): exact \(Self.percent(report.overallTuned.agreement.exact)), "
                     + "MAE \(NumberText.format(report.overallTuned.agreement.meanAbsoluteError)), Pearson \(Self.format(report.overallTuned.pearson)), "
                     + "QWK \(Self.format(report.overallTuned.quadraticKappa)); as --write-rubric would write it (tuned only where "
                     + "QWK gains ≥ \(NumberText.format(report.margin)) and the error drops by 2 standard errors in each of 5 fold splits, "
                     + "and a paired randomisation test gives p ≤ 0.01): "
                     + "QWK \(Self.format(report.overallWritten.quadraticKappa)).")
        if let suggested = report.overallSuggested {
            let count = report.questions.reduce(0) { $0 + $1.suggestions.count }
            lines.append("With suggestions (\(Plural.count(count, "criterion or penalty", "criteria and penalties")) found on all the answers; measured with the learner inside each training fold): exact \(Self.percent(suggested.agreement.exact)), "
                         + "MAE \(NumberText.format(suggested.agreement.meanAbsoluteError)), QWK \(Self.format(suggested.quadraticKappa)).")
        }
        let weakest = report.questions.sorted { ($0.current.quadraticKappa ?? -2, $0.id) < ($1.current.quadraticKappa ?? -2, $1.id) }.prefix(5)
        if !weakest.isEmpty {
            lines.append("Weakest questions (QWK author's → tuned, cross-validated):")
            for question in weakest {
                var line = "  \(question.id.padding(6)) QWK \(Self.format(question.current.quadraticKappa)) → \(Self.format(question.tuned?.quadraticKappa)), "
                    + "exact \(Self.percent(question.current.agreement.exact)), MAE \(NumberText.format(question.current.agreement.meanAbsoluteError))"
                if let phrase = question.phrases.first { line += "; missed phrase: \"\(phrase.text)\"" }
                lines.append(line)
            }
        }
        if tunedRubric != nil {
            let written = report.questions.filter { $0.fit?.decision.written == true }.map(\.id)
            let kept = report.questions.count - written.count
            lines.append("Tuned rubric: \(Plural.count(written.count, "question")) tuned\(written.isEmpty ? "" : " (" + written.joined(separator: ", ") + ")"), "
                         + "\(Plural.count(kept, "question")) kept as the author wrote them; tune.html gives each reason.")
        }
        for note in report.tunedRubricNotes.prefix(12) { lines.append("  \(note)") }
        if report.tunedRubricNotes.count > 12 { lines.append("  … and \(report.tunedRubricNotes.count - 12) more changes (tune.xml lists them all)") }
        if tunedRubric != nil {
            lines.append(report.tunedRubricFindings.isEmpty ? "grader check finds nothing to warn of in the tuned rubric."
                         : "grader check still warns of the tuned rubric \(report.tunedRubricFindings.count == 1 ? "once" : "\(report.tunedRubricFindings.count) times"):")
            for finding in report.tunedRubricFindings.prefix(8) { lines.append("  \(finding.description)") }
        }
        if let worst = report.disagreements.first {
            lines.append("Worst disagreement: \(worst.candidate) \(worst.question), person \(NumberText.format(worst.human)), rubric \(NumberText.format(worst.machine)).")
        }
        if let old = report.baselineOverall, let file = report.baselineFile {
            let moved = report.deltas.filter { abs($0.delta) > 1e-9 }.count
            lines.append("Baseline \(file): exact \(Self.percent(old.agreement.exact)) → \(Self.percent(overall.agreement.exact)), "
                         + "QWK \(Self.format(old.quadraticKappa)) → \(Self.format(overall.quadraticKappa)); \(moved == 1 ? "1 candidate's total" : "\(moved) candidates' totals") changed.")
        }
        lines.append("Report: \(output)/tune.html, \(output)/tune.xml" + (tunedRubric.map { "; tuned rubric: \($0)" } ?? ""))
        return lines.joined(separator: "\n")
    }

    static func percent(_ value: Double) -> String { NumberText.format(value * 100, places: 0) + "%" }
    static func format(_ value: Double?) -> String { value.map { NumberText.format($0, places: 2) } ?? "–" }
}
