import ArgumentParser
import Foundation
import GraderEngine
import GraderWorkflows

/// `grader grade`: grade a folder of submissions into per-candidate reports and a gradebook.
struct Grade: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Grade submissions (folders, candidate files or exports) against a rubric.",
        discussion: """
        Reads every candidate file (or candidate folder) in each SUBMISSIONS folder, and each \
        candidate file or export named directly, scores each answer \
        against the rubric, and writes OUT/candidates/ID.xml and ID.html per candidate, \
        OUT/grades.csv and OUT/report.xsd, then the cohort report: OUT/index.html and OUT/cohort.xml \
        (score distribution, item analysis, ranking, candidates at risk, similar answers). \
        The rubric is written once, as OUT/rubric.xml (its exact bytes) and OUT/rubric.html \
        (prompts, model answers, criteria and matchers, linked from every candidate page), and the \
        candidate pages' style once, as OUT/candidate.css, which every page links. \
        With no arguments: Submissions/ with Rubrics/ into Reports/.

        Moderators' decisions in the moderation file (--moderation FILE; default ./moderation.csv when \
        it exists) replace the rubric's score of the answers they name, shown beside it in the reports; \
        a decision on an answer that changed since is reported stale and not applied. --student-reports \
        also writes OUT/students/ID.html, the page for the candidate: scores, answers, feedback.

        Re-running into the same OUT grades only what changed: a candidate whose reports are \
        there, complete and of this format, made from the same submission bytes with the same \
        rubric, is kept (its scores read back from its report, or from OUT/digests.bin, a cache \
        of what each report gave, while the report's SHA-256 is the one recorded there); --force \
        grades everyone again. The cohort report is the same byte for byte either way. \
        OUT/review-index.bin is what grader review starts from.

        Several machines can share a cohort: each runs `grader grade --shard K/N --out shards/K`, \
        then `grader cohort shards/* --out Reports` merges them, byte for byte as one run would.
        """
    )

    @Argument(help: ArgumentHelp("Submissions: folders (one file or one folder per candidate), candidate files (.md, .txt) or exports (.csv, .tsv, .xlsx); graded as one cohort.",
                                 valueName: "submissions"))
    var submissions: [String] = ["Submissions"]

    @Option(help: "Rubric file, or a folder holding exactly one rubric (*.xml).")
    var rubric: String = "Rubrics"

    @Option(help: "Folder the reports are written to (created if missing).")
    var out: String = "Reports"

    @Option(help: "Candidates graded at once; defaults to the number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Largest submission file read, in bytes; larger files are skipped with a reason.")
    var maxFileSize: Int = 16 << 20

    @Option(name: .customLong("map"), parsing: .singleValue,
            help: ArgumentHelp("Map an export column to a question: COLUMN=QID, COLUMN being the header text or the column's number (repeatable).",
                               valueName: "column=qid"))
    var columnMap: [ColumnOverride] = []

    @Option(help: ArgumentHelp("Grade only shard K of N (1 ≤ K ≤ N), chosen by a stable hash of the candidate id.",
                               valueName: "K/N"))
    var shard: Shard?

    @OptionGroup var cohort: CohortArguments

    @OptionGroup var moderation: ModerationOption

    @Flag(help: "Also write OUT/students/ID.html: a report for each candidate to read (scores, answers, feedback; no patterns).")
    var studentReports = false

    @Flag(help: "Print the time spent in each stage, and put the timings into the cohort report.")
    var profile = false

    @Flag(help: "Grade every candidate again, even those whose reports in OUT were made from the same submission and rubric.")
    var force = false

    @Flag(name: .shortAndLong, help: "Print only errors: no progress bar, no summary.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard maxFileSize >= 1 else { throw ValidationError("--max-file-size must be at least 1 byte") }
    }

    func run() async throws {
        let loaded: GraderEngine.Rubric
        do {
            loaded = try RubricLoader.load(path: rubric)
        } catch {
            throw CommandFailure.exitCode(reporting: error)
        }
        let moderationInput = try moderation.load(reports: out, submissions: submissions)
        let options = GradingOptions(submissions: submissions, output: out, jobs: jobs, maximumFileBytes: maxFileSize,
                                     columnMap: ColumnOverride.dictionary(columnMap), shard: shard, cohort: cohort.options(jobs: jobs),
                                     profile: profile, moderation: moderationInput, studentReports: studentReports,
                                     force: force)
        let bar = ProgressBar(enabled: !quiet && Terminal.stderrIsTerminal)
        let report: RunReport
        do {
            let run = GradingRun(rubric: loaded, options: options)
            report = try await run.run { done, total in bar.update(done: done, total: total) }
            bar.clear()
        } catch {
            bar.clear()
            throw CommandFailure.exitCode(reporting: error)
        }
        if !quiet { for note in report.notes { Terminal.error(note.terminalText) } }
        for skipped in report.skipped { Terminal.error(skipped.terminalText) }
        // Invalid decisions are errors (the run exits 1); the stale ones are among the warnings.
        for problem in report.moderation.invalid + report.moderation.unknown { Terminal.error(problem.terminalText) }
        if !quiet {
            Terminal.error(RunSummaryText(report: report, rubric: loaded, output: out, showStages: profile).text)
        }
        if !report.skipped.isEmpty || !report.moderation.invalid.isEmpty { throw ExitCode(ExitStatus.inputSkipped) }
    }
}
