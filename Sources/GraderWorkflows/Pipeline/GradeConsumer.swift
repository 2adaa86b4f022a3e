import GraderCohort
import GraderEngine
import GraderFoundation
import GraderModeration

/// What `grade` does with each candidate of the stream, on one worker: a candidate whose
/// reports from an earlier run still stand (`ReportReuse`) is settled from its XML report,
/// exactly as `grader cohort` would read it; any other is read and graded by the stream, has
/// its moderation recorded, gets its HTML and XML reports, and its digest goes to the store.
struct GradeConsumer: CandidateConsumer {
    let run: GradingRun
    let reuse: ReportReuse?
    let store: DigestWriter
    private let buffers: ReportBuffers
    private let digester: CandidateDigester
    private let moderation: ModerationApplier?
    /// The hash of the candidate being graded, taken before it was read, for its XML report.
    private var submissionSHA256: String?

    init(run: GradingRun, reuse: ReportReuse?, store: DigestWriter) throws {
        self.run = run
        self.reuse = reuse
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
        // Reading a report back is what `grader cohort` does: timed as the cohort stage.
        if let reuse, let submissionSHA256,
           let report = times.measure(.cohort, { reuse.reusable(unit, submissionSHA256: submissionSHA256) }),
           let digest = try? times.measure(.cohort, { try digester.digest(report, file: Path.join(run.candidatesFolder, unit.id + ".xml")) }) {
            try store.append(digest)
            var outcome = WorkerOutcome()
            outcome.add(reused: report)
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
        try times.measure(.cohort) { try store.append(digester.digest(result, rubric: run.rubric, file: path)) }
        outcome.add(result)
        return outcome
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
