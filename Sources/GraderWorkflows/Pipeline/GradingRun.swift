import Foundation
import GraderCohort
import GraderEngine
import GraderFoundation
import GraderModeration
import GraderReports
import LibXML2

/// What a `grade` run is asked to do.
public struct GradingOptions: Sendable {
    /// Folders of submissions, candidate files and exports, graded as one cohort.
    public var submissions: [String]
    public var output: String
    /// Workers grading candidates at once.
    public var jobs: Int
    /// Larger submission files are skipped with a reason.
    public var maximumFileBytes: Int
    /// `--map COLUMN=QID` overrides for form and LMS exports.
    public var columnMap: [String: String]
    /// Grade only this slice of the cohort (by a stable hash of the candidate id).
    public var shard: Shard?
    /// Pass mark, similarity threshold, gradebook layout and date of the cohort report.
    public var cohort: CohortOptions
    /// Put the stage timings into the cohort report (which then differs from run to run).
    public var profile: Bool
    /// People's decisions to apply; nil when there is no moderation file.
    public var moderation: ModerationInput?
    /// Also write `students/ID.html`, the report a candidate may be given.
    public var studentReports: Bool
    /// Grade every candidate, even one whose reports from an earlier run still stand (`ReportReuse`).
    public var force: Bool

    public init(submissions: [String], output: String, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                maximumFileBytes: Int = 16 << 20, columnMap: [String: String] = [:], shard: Shard? = nil,
                cohort: CohortOptions = CohortOptions(), profile: Bool = false, moderation: ModerationInput? = nil,
                studentReports: Bool = false, force: Bool = false) {
        self.submissions = submissions
        self.output = output
        self.jobs = max(1, jobs)
        self.maximumFileBytes = maximumFileBytes
        self.columnMap = columnMap
        self.shard = shard
        self.cohort = cohort
        self.profile = profile
        self.moderation = moderation
        self.studentReports = studentReports
        self.force = force
    }
}

/// The outcome of a run, for the summary and the exit code.
public struct RunReport: Sendable {
    /// Candidates in the cohort report (their scores are in `cohort`), reused ones included.
    public let graded: Int
    /// Of those, candidates whose reports from an earlier run still stood and were kept.
    public let reused: Int
    /// Inputs not graded, each with its reason.
    public let skipped: [Diagnostic]
    /// Everything odd that did not stop a candidate being graded.
    public let warnings: [Diagnostic]
    /// What the user should know of how input was read (export column mappings).
    public let notes: [Diagnostic]
    public let answers: Int
    public let bytesRead: Int
    public let elapsed: Duration
    public let stageTimes: StageTimes
    /// The cohort report written to index.html and cohort.xml.
    public let cohort: CohortReport
    /// Candidates in the submissions folder that belong to other shards.
    public let otherShards: Int
    /// What the moderation file changed, and the decisions it could not apply.
    public let moderation: ModerationOutcome
    /// Whether `students/` was written.
    public let studentReports: Bool
}

/// Grades a submissions folder into an output folder. Candidates flow through the
/// `CandidateStream`, whose `jobs` workers pull the next candidate only when they are
/// free (backpressure): at most `jobs` submissions are in memory at once, and each
/// candidate's digest goes to a store on disk (`DigestWriter`), so memory stays flat.
/// What grade does with each candidate is `GradeConsumer`. Output does not depend on `jobs`.
///
/// A candidate whose reports from an earlier run still stand (same submission bytes, same
/// rubric, current format: `ReportReuse`) is not graded again: its digest is read from its
/// XML report, exactly as `grader cohort` would, so the cohort files are those of a full run.
public struct GradingRun: Sendable {
    public let rubric: Rubric
    public let options: GradingOptions
    private let html: HTMLReportWriter
    private let studentHTML: StudentReportWriter?

    public init(rubric: Rubric, options: GradingOptions) {
        self.rubric = rubric
        self.options = options
        self.html = HTMLReportWriter()
        self.studentHTML = options.studentReports ? StudentReportWriter() : nil
    }

    var candidatesFolder: String { Path.join(options.output, "candidates") }
    /// This run's digest cache (one per shard, so shards sharing a folder keep theirs).
    var digestCachePath: String {
        Path.join(options.output, DigestCache.fileName(shard: options.shard.map { ($0.index, $0.count) }))
    }
    var studentsFolder: String { Path.join(options.output, "students") }

    /// Runs the whole grading; `progress` is called with (done, total) after each candidate.
    public func run(progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> RunReport {
        let clock = ContinuousClock()
        let started = clock.now
        let exports = ExportOptions(rubric: rubric, columnMap: options.columnMap, maximumFileBytes: options.maximumFileBytes)
        var discovered = try SubmissionDiscovery.discover(paths: options.submissions, exports: exports)
        try prepareOutput()
        try RubricCopy.write(rubric, to: options.output)
        // The list of units is let go once the workers are done: only its counts are needed after.
        var units = options.shard.map { shard in discovered.units.filtered { shard.contains($0.id) } } ?? discovered.units
        let otherShards = discovered.units.count - units.count
        discovered.units = SubmissionUnits()

        let writing = try DigestWriter(in: options.output, expecting: units.count)
        var outcomes = try await grade(units, into: writing, progress: progress)
        units = SubmissionUnits()

        let cohortStart = ContinuousClock.now
        let store = try writing.seal()
        removeStaleReports(keeping: store)
        var moderation = outcomes.moderation
        if let input = options.moderation {
            moderation.file = input.path
            moderation.unknown = ModerationApplier(input: input).unknown(
                rubric: rubric, isGraded: { store.contains(id: $0) }, belongsHere: { options.shard?.contains($0) ?? true })
        }
        moderation.sort()
        let frequency = ShingleFrequency.merging(&outcomes.frequencies, questions: rubric.questions.count)
        var cohortOptions = options.cohort
        // The moderation figures come from what the reports hold, as `grader cohort` reads them back.
        var cohort = try CohortAnalysis.analyse(store, frequency: frequency, moderation: outcomes.reportedModeration,
                                                options: cohortOptions, texts: CohortReader.texts(of: rubric))
        outcomes.times.add(.cohort, ContinuousClock.now - cohortStart)
        if options.profile {
            cohortOptions.stageTimes = outcomes.times.seconds
            cohort = cohort.with(options: cohortOptions)
        }
        try CohortFiles.write(cohort, store: store, to: options.output)
        // Last, so that it vouches only for reports on disk. A cache that cannot be written costs the
        // next run its speed, not a result (an older one still vouches only for reports it hashed), so
        // the run says so and succeeds.
        var notes = discovered.notes
        do {
            try DigestCache.write(store, rubricSHA256: rubric.sha256, to: digestCachePath)
        } catch {
            notes.append(Diagnostic(.note, file: digestCachePath, "the digest cache could not be written (\(error)): the next run reads the kept reports instead"))
        }

        return RunReport(graded: store.count, reused: outcomes.reused,
                         skipped: discovered.skipped + outcomes.skipped.sorted { $0.file < $1.file },
                         warnings: discovered.warnings + outcomes.warnings, notes: notes,
                         answers: outcomes.answers, bytesRead: outcomes.bytes,
                         elapsed: clock.now - started, stageTimes: outcomes.times, cohort: cohort,
                         otherShards: otherShards, moderation: moderation,
                         studentReports: options.studentReports)
    }

    /// Grades (or reuses the reports of) `units` through the candidate stream, each digest into `store`.
    private func grade(_ units: SubmissionUnits, into store: DigestWriter,
                       progress: @escaping @Sendable (Int, Int) -> Void) async throws -> WorkerOutcome {
        let reuse = options.force ? nil : ReportReuse(rubricSHA256: rubric.sha256, candidatesFolder: candidatesFolder,
                                                      moderation: options.moderation?.log,
                                                      studentsFolder: options.studentReports ? studentsFolder : nil,
                                                      requiredDefines: ReportReuse.requiredDefines(of: rubric))
        let cache = reuse == nil ? nil : DigestCache(path: digestCachePath, rubricSHA256: rubric.sha256)
        let stream = CandidateStream(rubric: rubric, maximumFileBytes: options.maximumFileBytes,
                                     moderation: options.moderation?.log, jobs: options.jobs)
        let run = self
        let streamed = try await stream.run(units, consumer: { _ in try GradeConsumer(run: run, reuse: reuse, cache: cache, store: store) },
                                            into: WorkerOutcome(), collect: { $0.merge($1) }, progress: progress)
        var outcome = streamed.collected
        outcome.times = streamed.times
        for summary in streamed.summaries {
            if let frequency = summary.frequency { outcome.frequencies.append(frequency) }
            outcome.reportedModeration.merge(summary.moderation)
        }
        return outcome
    }

    /// Writes a candidate's HTML and XML reports, built in the worker's `buffers`; returns the XML
    /// report's path. An earlier XML report goes first, then the page is written, then the XML
    /// report: a run killed on the way leaves no XML report beside a page it does not describe,
    /// and a present XML report (what `ReportReuse` checks) always has its own page beside it.
    @discardableResult
    package func write(_ result: CandidateResult, submissionSHA256: String?, buffers: ReportBuffers) throws -> String {
        let id = result.submission.candidate.id
        let path = Path.join(candidatesFolder, "\(id).xml")
        // Nothing to remove is the usual case (a first run); the report is rewritten just below either way.
        AtomicFile.remove(path)
        html.render(result, rubric: rubric, into: &buffers.html)
        try AtomicFile.write(buffers.html.bytes, to: Path.join(candidatesFolder, "\(id).html"))
        let studentPage = Path.join(studentsFolder, "\(id).html")
        if let studentHTML {
            studentHTML.render(result, rubric: rubric, into: &buffers.html)
            try AtomicFile.write(buffers.html.bytes, to: studentPage)
        } else {
            // An earlier run's page would show old scores beside this report (and be taken as current by a later reuse).
            AtomicFile.remove(studentPage)
        }
        try XMLReportWriter.write(result, rubric: rubric, submissionSHA256: submissionSHA256, buffer: &buffers.xml, to: path)
        return path
    }

    private func prepareOutput() throws(OutputError) {
        do {
            try FileSystem.createFolder(candidatesFolder)
        } catch {
            throw OutputError(path: options.output, message: "cannot create the output folder: \(error.reason)")
        }
        guard FileSystem.isWritable(candidatesFolder) else {
            throw OutputError(path: candidatesFolder, message: "the output folder is not writable")
        }
        AtomicFile.removeLeftovers(in: options.output)
        AtomicFile.removeLeftovers(in: candidatesFolder)
        if options.studentReports {
            do {
                try FileSystem.createFolder(studentsFolder)
            } catch {
                throw OutputError(path: studentsFolder, message: "cannot create the folder: \(error.reason)")
            }
            AtomicFile.removeLeftovers(in: studentsFolder)
        }
    }

    /// Removes candidate reports left by earlier runs for candidates this run did not grade,
    /// so the folder always describes one cohort. A shard removes only reports of its own
    /// candidates, so shards sharing one folder never delete each other's. The folder is
    /// read entry by entry and ids looked up in the store, so a large cohort costs no list.
    private func removeStaleReports(keeping store: DigestTable) {
        var stale: [String] = []
        // A folder that cannot be read leaves nothing to remove.
        try? SystemCall.forEachName(in: candidatesFolder) { name in
            let ext = Path.fileExtension(name), id = Path.stem(name)
            guard ext == "xml" || ext == "html", !store.contains(id: id), options.shard?.contains(id) ?? true else { return }
            stale.append(name)
        }
        for name in stale { try? FileSystem.remove(Path.join(candidatesFolder, name)) }
        // Student reports of candidates not graded now, or all of this shard's when none were asked
        // for: an earlier run's would show old scores.
        var staleStudents: [String] = []
        try? SystemCall.forEachName(in: studentsFolder) { name in
            let id = Path.stem(name)
            guard Path.fileExtension(name) == "html", !options.studentReports || !store.contains(id: id),
                  options.shard?.contains(id) ?? true else { return }
            staleStudents.append(name)
        }
        for name in staleStudents { try? FileSystem.remove(Path.join(studentsFolder, name)) }
    }
}

/// The memory a worker writes its candidates' reports in, kept from one candidate to the
/// next: allocating and freeing a few hundred kilobytes per report fragments the heap,
/// which then grows with the cohort.
package final class ReportBuffers {
    package var xml = XMLText(capacity: 256 * 1024)
    package var html = HTMLText(capacity: 0)

    init() {}
}

/// What grading gathered, of one candidate or of many: each candidate's comes out of the
/// stream and is merged in candidate order, the workers' cohort figures and stage times after.
struct WorkerOutcome: Sendable {
    var frequencies: [ShingleFrequency?] = []
    package var skipped: [Diagnostic] = []
    package var warnings: [Diagnostic] = []
    package var answers = 0
    package var bytes = 0
    package var reused = 0
    package var times = StageTimes()
    package var moderation = ModerationOutcome()
    /// The decisions the cohort's reports hold (written or reused), for the cohort's moderation figures.
    var reportedModeration = ModerationFacts()

    package mutating func add(_ result: CandidateResult) {
        let submission = result.submission
        warnings += result.warnings
        answers += result.questions.filter { $0.answer != nil }.count
        bytes += submission.answers.values.reduce(0) { $0 + $1.text.utf8.count }
    }

    mutating func merge(_ other: WorkerOutcome) {
        frequencies += other.frequencies
        skipped += other.skipped
        warnings += other.warnings
        answers += other.answers
        bytes += other.bytes
        reused += other.reused
        times.merge(other.times)
        moderation.merge(other.moderation)
        reportedModeration.merge(other.reportedModeration)
    }
}
