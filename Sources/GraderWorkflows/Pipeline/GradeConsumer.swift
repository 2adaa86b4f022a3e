import GraderCohort
import GraderEngine
import GraderFoundation
import GraderModeration
import GraderReports
import LibXML2

/// What `grade` does with each candidate of the stream, on one worker: a candidate whose
/// reports from an earlier run still stand (`ReportReuse`) is settled from its XML report,
/// exactly as `grader cohort` would read it; any other is read and graded by the stream, has
/// its moderation recorded, gets its HTML and XML reports, and its digest goes to the store.
struct GradeConsumer: CandidateConsumer {
    let run: GradingRun
    let reuse: ReportReuse?
    /// The previous run's digest cache, when there is one to settle candidates from.
    let cache: DigestCache?
    let store: DigestWriter
    private let buffers: ReportBuffers
    private let digester: CandidateDigester
    private let moderation: ModerationApplier?
    /// The hash of the candidate being graded, taken before it was read, for its XML report.
    private var submissionSHA256: String?

    init(run: GradingRun, reuse: ReportReuse?, cache: DigestCache?, store: DigestWriter) throws {
        self.run = run
        self.reuse = reuse
        self.cache = cache
        self.store = store
        buffers = ReportBuffers()
        digester = CandidateDigester(rubric: run.rubric)
        moderation = run.options.moderation.map(ModerationApplier.init(input:))
    }

    /// A candidate file is read once: its bytes are hashed, then graded if its report does not stand.
    mutating func prepare(_ unit: SubmissionUnit, times: inout StageTimes) throws -> CandidatePlan<WorkerOutcome> {
        let maximumFileBytes = run.options.maximumFileBytes
        let fileBytes = unit.isFolder || unit.exportRow != nil ? nil
            : times.measure(.ingest) { SubmissionHash.fileBytes(unit.source, maximumFileBytes: maximumFileBytes) }
        let submissionSHA256 = times.measure(.ingest) {
            fileBytes.map(SubmissionHash.of(fileBytes:)) ?? SubmissionHash.of(unit, maximumFileBytes: maximumFileBytes)
        }
        self.submissionSHA256 = submissionSHA256
        guard let reuse, let submissionSHA256 else { return .read(fileBytes: fileBytes) }
        let file = Path.join(run.candidatesFolder, unit.id + ".xml")
        // Settled from the digest cache when its record still holds: no report parsed, no answer shingled.
        if let cache, let (cached, bytes) = times.measure(.cohort, { cache.candidate(unit.id) }),
           times.measure(.cohort, { reuse.stands(unit, submissionSHA256: submissionSHA256, cached: cached) }) {
            var settled = cached
            settled.digest = cached.digest.reported(in: file)
            try store.append(settled.digest, cacheRecord: bytes)
            digester.adopt(settled)
            var outcome = WorkerOutcome()
            outcome.add(reused: settled)
            return .settled(outcome)
        }
        // Reading a report back is what `grader cohort` does: timed as the cohort stage.
        if let (report, reportSHA256) = times.measure(.cohort, { reuse.reusable(unit, submissionSHA256: submissionSHA256) }),
           let digest = try? times.measure(.cohort, { try digester.digest(report, file: file) }) {
            var outcome = WorkerOutcome()
            outcome.add(reused: report)
            let cached = CachedCandidate.of(report, digest: digest, reportSHA256: reportSHA256, moderation: digester.candidateModeration)
            try store.append(digest, cacheRecord: cached?.encoded())
            return .settled(outcome)
        }
        return .read(fileBytes: fileBytes)
    }

    mutating func consume(_ candidate: StreamedCandidate, worker: GradingWorker, times: inout StageTimes) throws -> WorkerOutcome {
        var result = candidate.result
        var outcome = WorkerOutcome()
        moderation?.apply(candidate.rulings, to: &result, outcome: &outcome.moderation)
        let path = try times.measure(.report) { try run.write(result, submissionSHA256: submissionSHA256, buffers: buffers) }
        // The same digest `grader cohort` reads back from the report (CohortDigestTests keeps them equal).
        try times.measure(.cohort) {
            let digest = digester.digest(result, rubric: run.rubric, file: path)
            try store.append(digest, cacheRecord: submissionSHA256.map { cacheRecord(digest, result: result, submissionSHA256: $0) })
        }
        outcome.add(result)
        return outcome
    }

    /// The digest-cache record of a candidate just graded, its report still in `buffers`: what
    /// reading the report back would give (counts and warnings as the report holds them).
    private func cacheRecord(_ digest: CandidateDigest, result: CandidateResult, submissionSHA256: String) -> [UInt8] {
        let text: (String) -> String = XMLWriter.sanitised
        let answers = result.questions.compactMap(\.answer)
        let warnings = result.warnings.map { warning in
            Diagnostic(.warning, file: text(warning.file), line: warning.line, question: warning.question.map { text($0) }, text(warning.message))
        }
        let cached = CachedCandidate(
            digest: digest, submissionSHA256: submissionSHA256, reportSHA256: buffers.xml.withBytes(DigestCache.reportHash),
            holdsDecision: result.questions.contains { $0.moderation != nil || $0.staleModeration != nil },
            answers: answers.count, bytes: answers.reduce(0) { $0 + text($1.text).utf8.count }, warnings: warnings,
            moderation: digester.candidateModeration)
        return cached.encoded()
    }

    mutating func skipped(_ unit: SubmissionUnit, _ reason: Diagnostic) -> WorkerOutcome {
        var outcome = WorkerOutcome()
        outcome.skipped.append(reason)
        return outcome
    }

    /// The cohort figures this worker's digests gathered: 4-word-run frequencies and the decisions the reports hold.
    func finish() -> (frequency: ShingleFrequency?, moderation: ModerationFacts) {
        (digester.frequency, digester.moderation)
    }
}
