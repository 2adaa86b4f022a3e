import GraderEngine
import GraderFoundation
import GraderModeration

/// The one way candidates are graded, for `grade` and `tune` alike: the discovered submission
/// units flow through `jobs` workers (`WorkerPool`), each of which reads a candidate
/// (`SubmissionReader`), rules on its answers from the moderation file (`ModerationRuling`),
/// grades the answers with its own `GradingWorker`, and hands the candidate to the command's
/// `CandidateConsumer`. A worker takes the next candidate only when it is free, so at most
/// `jobs` submissions are in memory at once.
///
/// What the consumer makes of each candidate goes to `collect` in candidate order (the order
/// of the units), whichever worker finished it: what a command gathers does not depend on
/// `jobs`. A candidate that cannot be read is skipped with its reason, and the rest flow on.
struct CandidateStream: Sendable {
    let rubric: Rubric
    let reader: SubmissionReader
    /// The moderation file whose decisions are ruled on; nil when there is none.
    let moderation: ModerationLog?
    let jobs: Int
    /// Shared by every worker: its patterns are compiled once.
    private let profiler = Profiler()

    init(rubric: Rubric, maximumFileBytes: Int, moderation: ModerationLog?, jobs: Int) {
        self.rubric = rubric
        self.reader = SubmissionReader(directory: rubric.directory, maximumFileBytes: maximumFileBytes)
        self.moderation = moderation
        self.jobs = jobs
    }

    /// What a run gathered: the consumers' outputs, collected in candidate order; each worker's
    /// summary, in worker order (merge them with operations that do not depend on the order);
    /// and the time spent per stage, summed over workers.
    struct Outcome<Collected: Sendable, Summary: Sendable>: Sendable {
        let collected: Collected
        let summaries: [Summary]
        let times: StageTimes
    }

    /// Streams `units` through `jobs` workers. `consumer` makes each worker's consumer (on the
    /// worker's task, given its grader); `collect` folds each candidate's output into `collected`,
    /// in candidate order; `progress` is called with (done, total) as each candidate is finished.
    func run<Consumer: CandidateConsumer, Collected: Sendable>(
        _ units: SubmissionUnits,
        consumer: @escaping @Sendable (GradingWorker) throws -> Consumer,
        into collected: Collected,
        collect: @escaping @Sendable (inout Collected, Consumer.Output) -> Void,
        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> Outcome<Collected, Consumer.Summary> {
        let order = InCandidateOrder(collected, total: units.count, collect: collect)
        let stream = self
        let workers = try await WorkerPool.run(units, jobs: jobs) { queue in
            let worker = try GradingWorker(rubric: stream.rubric, profiler: stream.profiler)
            var consumer = try consumer(worker)
            var times = StageTimes()
            // A consumer that throws (a failed write) cancels the group: the other workers stop at their next candidate.
            while !Task.isCancelled, let next = await queue.nextWithIndex() {
                let output = try stream.candidate(next.item, worker: worker, consumer: &consumer, times: &times)
                let (done, total) = await order.add(output, at: next.index)
                progress(done, total)
            }
            return (summary: consumer.finish(), times: times)
        }
        var times = StageTimes()
        for worker in workers { times.merge(worker.times) }
        return Outcome(collected: await order.collected, summaries: workers.map(\.summary), times: times)
    }

    /// One candidate through the stages on one worker: what the consumer settles before reading,
    /// or read, ruled on, graded (the answers the consumer wants) and consumed.
    func candidate<Consumer: CandidateConsumer>(_ unit: SubmissionUnit, worker: GradingWorker, consumer: inout Consumer,
                                                times: inout StageTimes) throws -> Consumer.Output {
        let fileBytes: [UInt8]?
        switch try consumer.prepare(unit, times: &times) {
        case .settled(let output): return output
        case .read(let bytes): fileBytes = bytes
        }
        worker.startCandidate()
        let read = times.measure(.ingest) { reader.read(unit, fileBytes: fileBytes, scratch: worker.scratch.patterns) }
        switch read {
        case .failure(let skip):
            return consumer.skipped(unit, Diagnostic(.error, file: skip.file, "skipped: \(skip.reason)", remedy: skip.remedy))
        case .success(let submission):
            let rulings = moderation.map { ModerationRuling.rulings($0, on: submission, rubric: rubric) } ?? []
            var results: [QuestionResult?] = []
            results.reserveCapacity(rubric.questions.count)
            for (index, question) in rubric.questions.enumerated() {
                let ruling = rulings.isEmpty ? ModerationRuling.none : rulings[index]
                guard consumer.grades(question, of: submission, ruling: ruling) else {
                    results.append(nil)
                    continue
                }
                let graded = worker.grade(question, answer: submission.answers[question.id], file: submission.source,
                                          times: &times, fullProfile: consumer.fullProfile)
                consumer.graded(graded, question: index, of: submission, ruling: ruling, worker: worker)
                results.append(graded.result)
            }
            return try consumer.consume(StreamedCandidate(submission: submission, answers: results, rulings: rulings),
                                        worker: worker, times: &times)
        }
    }
}

/// A candidate as the stream hands it to a command: read, its answers graded, moderation ruled on.
struct StreamedCandidate {
    let submission: Submission
    /// Per question of the rubric, in its order: the graded answer; nil where the consumer did not want it graded.
    let answers: [QuestionResult?]
    /// Per question: what the moderation file says of the answer; empty when it says nothing of this candidate.
    package let rulings: [ModerationRuling]

    /// The ruling on the answer to the rubric's question at `index`.
    func ruling(_ index: Int) -> ModerationRuling {
        rulings.isEmpty ? .none : rulings[index]
    }

    /// The candidate's result, for a consumer that wants every answer graded (the default).
    var result: CandidateResult {
        CandidateResult(submission: submission, questions: answers.compactMap { $0 })
    }
}

/// What the consumer does with a candidate before it is read.
enum CandidatePlan<Output> {
    /// Read and grade it; `fileBytes` are the file's bytes when the consumer already read them (to hash them).
    case read(fileBytes: [UInt8]?)
    /// Nothing more to do (its reports from an earlier run still stand): this is its output.
    case settled(Output)
}

/// What a command does with the candidates of a `CandidateStream`. Each worker has its own,
/// made on its task, so it may keep state (report buffers, counters, a baseline rubric's
/// grader); it runs in parallel with the others. Its outputs reach the command in candidate
/// order (`collect`), its summary when the worker is done. (`SendableMetatype`: the stream
/// names the type on every worker's task; an instance never leaves its worker.)
protocol CandidateConsumer: SendableMetatype {
    /// What the command keeps of one candidate: small, since an early one waits for those before it.
    associatedtype Output: Sendable
    /// What the command keeps of the worker's whole run.
    associatedtype Summary: Sendable

    /// Whether answers get the full profile (reports show it) or only the word count scoring needs.
    var fullProfile: Bool { get }

    /// Before the candidate is read: settle it without grading, or read it.
    mutating func prepare(_ unit: SubmissionUnit, times: inout StageTimes) throws -> CandidatePlan<Output>
    /// Whether the answer to `question` is worth grading; `ruling` is what the moderation file says of it.
    func grades(_ question: Question, of submission: Submission, ruling: ModerationRuling) -> Bool
    /// Each answer as soon as it is graded, with its normalised text (in `worker`'s vocabulary),
    /// which is let go right after: tune counts its phrases here, while the text is still in cache.
    mutating func graded(_ answer: GradedAnswer, question index: Int, of submission: Submission, ruling: ModerationRuling,
                         worker: GradingWorker)
    /// The candidate read and graded, on `worker` (whose vocabulary its normalised texts use).
    mutating func consume(_ candidate: StreamedCandidate, worker: GradingWorker, times: inout StageTimes) throws -> Output
    /// A unit that could not be read, and why (an error naming the file).
    mutating func skipped(_ unit: SubmissionUnit, _ reason: Diagnostic) -> Output
    /// The worker is done.
    func finish() -> Summary
}

extension CandidateConsumer {
    var fullProfile: Bool { true }

    mutating func prepare(_ unit: SubmissionUnit, times: inout StageTimes) throws -> CandidatePlan<Output> {
        .read(fileBytes: nil)
    }

    func grades(_ question: Question, of submission: Submission, ruling: ModerationRuling) -> Bool { true }

    mutating func graded(_ answer: GradedAnswer, question index: Int, of submission: Submission, ruling: ModerationRuling,
                         worker: GradingWorker) {}
}

/// Folds the workers' outputs in candidate order: an output that arrives before those of
/// earlier candidates waits here until they are in. Also counts finished candidates, for progress.
actor InCandidateOrder<Output: Sendable, Collected: Sendable> {
    private(set) var collected: Collected
    private let collect: @Sendable (inout Collected, Output) -> Void
    private let total: Int
    private var waiting: [Int: Output] = [:]
    private var nextIndex = 0
    private var finished = 0

    init(_ collected: Collected, total: Int, collect: @escaping @Sendable (inout Collected, Output) -> Void) {
        self.collected = collected
        self.total = total
        self.collect = collect
    }

    func add(_ output: Output, at index: Int) -> (done: Int, total: Int) {
        finished += 1
        waiting[index] = output
        while let next = waiting.removeValue(forKey: nextIndex) {
            collect(&collected, next)
            nextIndex += 1
        }
        return (finished, total)
    }
}
