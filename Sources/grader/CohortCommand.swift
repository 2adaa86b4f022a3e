import ArgumentParser
import Foundation
import GraderCohort
import GraderFoundation

/// `grader cohort`: rebuild the cohort report from candidate reports alone, in place or
/// merging the folders of several shards.
struct Cohort: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild the cohort report from candidate reports, or merge shards' reports.",
        discussion: """
        Reads DIR/candidates/*.xml and DIR/rubric.xml (written by grader grade) and writes \
        DIR/index.html, DIR/cohort.xml, DIR/grades.csv, DIR/rubric.html, DIR/candidate.css and the schemas. With \
        one DIR and no --out the folder is rebuilt in place. With several (the shards of a \
        cohort graded on several machines with --shard), their candidate reports and rubric \
        copy are copied into OUT and the cohort is built there: byte-identical to grading the \
        whole cohort on one machine with the same options. Shards must be graded with the \
        same rubric, and reports of an older format are refused (re-run grader grade). The \
        moderation section comes from the decisions the reports hold, applied or stale, as grade's does.
        """
    )

    @Argument(help: "Output folders of grader grade (each holding candidates/*.xml and rubric.xml).")
    var folders: [String]

    @Option(help: "Folder the merged cohort is written to; required with several folders.")
    var out: String?

    @OptionGroup var cohort: CohortArguments

    @Option(help: "Reports read at once; defaults to the number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print the time spent reading, analysing and writing.")
    var profile = false

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    func validate() throws {
        guard !folders.isEmpty else { throw ValidationError("name at least one folder of reports") }
        guard folders.count == 1 || out != nil else {
            throw ValidationError("merging several folders needs --out DIR (a new folder, or one of them)")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() async throws {
        let options = cohort.options(jobs: jobs)
        let target = out ?? folders[0]
        let clock = ContinuousClock()
        let started = clock.now
        var timings: [(String, Duration)] = []
        let report: CohortReport
        do {
            report = try await CohortFiles.rebuild(folders: folders, output: out, options: options) { timings.append(($0, $1)) }
        } catch {
            throw CommandFailure.exitCode(reporting: error)
        }
        guard !quiet else { return }
        var lines = ["Cohort of \(Plural.count(report.candidates, "candidate")), \(Plural.count(report.answers, "answer")) (rubric \(report.rubric.id)) "
                     + "in \(RunSummaryText.format(RunSummaryText.seconds(clock.now - started), 2)) s."]
        lines += CohortArguments.summary(report)
        if profile {
            lines.append("Stage times:")
            for (name, duration) in timings {
                lines.append("  \(name.padding(50)) \(RunSummaryText.format(RunSummaryText.seconds(duration) * 1000, 1)) ms")
            }
        }
        lines.append("Cohort report: \(target)/index.html, \(target)/cohort.xml, \(target)/grades.csv")
        Terminal.error(lines.joined(separator: "\n"))
    }
}

/// The cohort options `grade` and `cohort` share, checked and turned into `CohortOptions` in one place.
struct CohortArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Pass mark: points (12.5) or a percentage of the maximum (50%). Candidates below it are listed as at risk.",
                               valueName: "MARK"))
    var pass: CohortOptions.PassMark = .percent(50)

    @Option(help: ArgumentHelp("Jaccard similarity (0 to 1) from which two answers to one question are reported as similar.",
                               valueName: "S"))
    var similarityThreshold: Double = 0.5

    @Option(help: ArgumentHelp("Also write the gradebook an LMS imports: moodle (grades-moodle.csv) or canvas (grades-canvas.csv).",
                               valueName: "LMS"))
    var gradebook: GradebookLayout?

    func validate() throws {
        guard similarityThreshold > 0, similarityThreshold <= 1 else {
            throw ValidationError("--similarity-threshold must be above 0 and at most 1")
        }
    }

    func options(jobs: Int) -> CohortOptions {
        CohortOptions(passMark: pass, similarityThreshold: similarityThreshold, gradebook: gradebook,
                      generatedAt: CohortOptions.sourceDateEpoch(ProcessInfo.processInfo.environment), jobs: jobs)
    }

    /// The cohort lines of a summary: at risk and similar answers.
    static func summary(_ report: CohortReport) -> [String] {
        var lines: [String] = []
        // Lowest first: the candidates most at risk.
        let atRisk = (try? report.ranking.atRisk()) ?? []
        lines.append("At risk (below \(NumberText.format(report.passMark))): \(report.ranking.atRiskCount)"
                     + (atRisk.isEmpty ? "" : ": " + atRisk.prefix(8).map(\.id).joined(separator: ", ") + (atRisk.count > 8 ? ", …" : "")))
        let shown = report.pairsSimilar > report.similar.count ? " shown of \(report.pairsSimilar) that reach it" : ""
        lines.append("Similar answers (≥ \(NumberText.format(report.similarityThreshold))): \(Plural.count(report.similar.count, "answer pair"))\(shown)"
                     + (report.similarCandidates.isEmpty ? "" : "; strongest: "
                        + report.similarCandidates.prefix(3).map { "\($0.first) & \($0.second) (\(Plural.count($0.questions.count, "question")))" }
                            .joined(separator: ", ")))
        if report.comparisonsSkipped > 0 {
            lines.append("Similarity comparison cap reached for \(Plural.count(report.answersAtComparisonCap, "answer")): "
                         + "\(Plural.count(report.comparisonsSkipped, "weaker candidate pair")) not compared (see index.html).")
        }
        return lines
    }
}
