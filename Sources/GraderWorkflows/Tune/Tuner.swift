import Foundation
import GraderEngine
import GraderFoundation
import GraderModeration

/// What a `tune` run is asked to do.
public struct TuneOptions: Sendable {
    /// The grades CSV; nil when the moderation file is the only source of human grades.
    public var gradesFile: String?
    /// Moderators' decisions, human grades that override the CSV's per answer.
    public var moderation: ModerationInput?
    public var submissions: [String]
    public var output: String
    public var baselineFile: String?
    public var tunedRubric: String?
    public var jobs: Int
    public var folds: Int
    /// Fitted weights are rounded to this many points; nil: per question, the largest usual step at most 1/40 of its points.
    public var step: Double?
    /// Cross-validated QWK a tuned question must gain over the author's before `--write-rubric` takes it.
    public var margin: Double
    /// Suggested criteria to search for per question (`--suggest N`); 0 for none.
    public var suggest: Int
    public var maximumFileBytes: Int

    public init(gradesFile: String?, submissions: [String], output: String, baselineFile: String? = nil,
                tunedRubric: String? = nil, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                folds: Int = 5, step: Double? = nil, margin: Double = 0.02, suggest: Int = 0, maximumFileBytes: Int = 16 << 20,
                moderation: ModerationInput? = nil) {
        self.gradesFile = gradesFile
        self.moderation = moderation
        self.submissions = submissions
        self.output = output
        self.baselineFile = baselineFile
        self.tunedRubric = tunedRubric
        self.jobs = max(1, jobs)
        self.folds = max(2, folds)
        self.step = step.flatMap { $0 > 0 ? $0 : nil }
        self.margin = max(0, margin)
        self.suggest = max(0, suggest)
        self.maximumFileBytes = maximumFileBytes
    }
}


/// `grader tune`: grades the cohort's human-graded candidates with the rubric (and
/// the baseline), measures the rubric against the people, and writes `tune.html`,
/// `tune.xml` and, when asked, a copy of the rubric with the fitted weights.
public struct Tuner: Sendable {
    public let rubric: Rubric
    public let baseline: Rubric?
    public let options: TuneOptions

    public init(rubric: Rubric, baseline: Rubric?, options: TuneOptions) {
        self.rubric = rubric
        self.baseline = baseline
        self.options = options
    }

    public func run() async throws -> TuneReport {
        var grades = HumanGrades.none
        if let file = options.gradesFile {
            let (read, problems) = HumanGrades.read(path: file, rubric: rubric)
            guard let read else { throw InputError(problems) }
            grades = read
        }
        var moderationOnly: [String: Int] = [:]
        if let moderation = options.moderation { (grades, moderationOnly) = grades.adding(moderation.log, rubric: rubric) }
        let sources = [options.gradesFile, options.moderation?.path].compactMap { $0 }.joined(separator: " + ")
        guard !grades.ids.isEmpty else { throw InputError(file: sources, message: "holds no grades of this rubric's questions") }
        let discovered = try SubmissionDiscovery.discover(paths: options.submissions, exports: ExportOptions(rubric: rubric, maximumFileBytes: options.maximumFileBytes))
        let graded = Set(grades.ids)
        // Every submission is graded, not only the graded candidates': the answers no person graded
        // get the fitted model's score in tune.xml, which `grader review` ranks by (see TuneReport.AnswerScore).
        let units = discovered.units
        var warnings: [Diagnostic] = discovered.skipped.filter { skipped in
            // Only what could have been a graded candidate matters here.
            graded.contains(Path.stem((skipped.file as NSString).lastPathComponent))
        }
        let found = Set(units.map(\.id))
        for id in grades.ids where !found.contains(id) {
            let fromModeration = moderationOnly[id] != nil
            warnings.append(Diagnostic(.warning, file: (fromModeration ? options.moderation?.path : options.gradesFile) ?? sources,
                                       line: moderationOnly[id] ?? grades.rows[id], column: fromModeration ? nil : 1,
                                       "no submission in \(options.submissions.joined(separator: ", ")) has the id '\(id)'; its grades are left out"))
        }
        let grading = try await TuneGrading.run(units: units, rubric: rubric, baseline: baseline, grades: grades,
                                                moderation: options.moderation, jobs: options.jobs, maximumFileBytes: options.maximumFileBytes)
        warnings += grading.skipped + (grading.moderation?.invalid ?? [])
        let analysis = TuneAnalysis(rubric: rubric, grades: grades, grading: grading, folds: options.folds, step: options.step,
                                    margin: options.margin, suggest: options.suggest, disagreementsShown: 12, phrasesShown: 8)
        var report = analysis.report(gradesFile: sources, baselineFile: options.baselineFile, warnings: warnings)
        report.moderation = grading.moderation
        try write(&report)
        return report
    }

    /// Writes the tuned rubric first (when asked), so the reports can say what it changed and what `check` says of it.
    private func write(_ report: inout TuneReport) throws {
        do {
            try FileSystem.createFolder(options.output)
        } catch {
            throw OutputError(path: options.output, message: "cannot create the output folder: \(error.reason)")
        }
        AtomicFile.removeLeftovers(in: options.output)
        if let target = options.tunedRubric {
            let outcome = try TunedRubricWriter.write(rubric: rubric, report: report, to: target)
            report.tunedRubricNotes = outcome.notes
            report.tunedRubricFindings = outcome.findings
        }
        let xml: [UInt8]
        do {
            xml = try TuneXMLWriter.render(report)
        } catch {
            throw OutputError(path: options.output, message: "cannot build tune.xml: \(error)")
        }
        try AtomicFile.write(xml, to: Path.join(options.output, "tune.xml"))
        try AtomicFile.write(Schemas.tuneSource, to: Path.join(options.output, "tune.xsd"))
        try AtomicFile.write(TuneHTMLWriter.render(report), to: Path.join(options.output, "tune.html"))
    }
}
