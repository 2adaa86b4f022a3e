import Foundation
@testable import GraderEngine
@testable import GraderFoundation
@testable import GraderModeration
@testable import GraderReports
@testable import GraderWorkflows
import Testing

/// `CandidateStream`, the one pipeline grade and tune consume: what a command gathers comes
/// in candidate order whatever `jobs` is, an unreadable candidate is skipped with its reason
/// while the rest flow on, and the moderation file is ruled on once, for both commands alike.
/// Serialized: a held candidate blocks one thread of the cooperative pool (as wide as the
/// machine has cores), and two tests holding at once could block all of it.
@Suite("candidate stream", .serialized)
struct CandidateStreamTests {
    /// Two questions; an answer to q2 under three words gets a warning.
    static func rubric() throws -> Rubric {
        try TestSupport.rubric(questions: """
        <question id="q1" points="2"><prompt>p</prompt><criterion id="c" points="2"><keyword>tuple</keyword></criterion></question>
        <question id="q2" points="3" min-words="3"><prompt>p</prompt><criterion id="c" points="3"><keyword>list</keyword></criterion></question>
        """)
    }

    /// What the test consumer saw of one candidate.
    struct Seen: Sendable, Equatable {
        var id: String
        /// Per question: the score, nil where the answer was not graded.
        var scores: [Double?] = []
        var warnings = 0
        var rulings: [ModerationRuling] = []
        var skipped: String?
        var settled = false
        /// Questions whose graded answer reached `graded(_:…)`, with its normalised text's word count.
        var hooked: [Int: Int] = [:]
    }

    /// Records each candidate; a `slow` one waits until two more have finished on other workers.
    struct Recorder: CandidateConsumer {
        var slow: Set<String> = []
        /// Question ids graded; nil for all.
        var graded: Set<String>? = nil
        /// Candidates settled before reading.
        var settle: Set<String> = []
        /// Ids in the order this worker finished them, shared by all workers.
        let finished: Locked<[String]>
        var consumed = 0
        var hooked: [Int: Int] = [:]

        mutating func prepare(_ unit: SubmissionUnit, times: inout StageTimes) throws -> CandidatePlan<Seen> {
            settle.contains(unit.id) ? .settled(Seen(id: unit.id, settled: true)) : .read(fileBytes: nil)
        }

        func grades(_ question: Question, of submission: Submission, ruling: ModerationRuling) -> Bool {
            graded?.contains(question.id) ?? true || ruling.score != nil
        }

        mutating func graded(_ answer: GradedAnswer, question index: Int, of submission: Submission, ruling: ModerationRuling,
                             worker: GradingWorker) {
            hooked[index] = answer.normalised?.tokens.count
        }

        mutating func consume(_ candidate: StreamedCandidate, worker: GradingWorker, times: inout StageTimes) throws -> Seen {
            let id = candidate.submission.candidate.id
            if slow.contains(id) { holdUntilTwoMoreFinish() }
            consumed += 1
            finished.withLock { $0.append(id) }
            defer { hooked = [:] }
            return Seen(id: id, scores: candidate.answers.map { $0?.score },
                        warnings: candidate.answers.reduce(0) { $0 + ($1?.warnings.count ?? 0) },
                        rulings: candidate.rulings, hooked: hooked)
        }

        /// Waits (at most 10 s) until two more candidates have finished on other workers.
        private func holdUntilTwoMoreFinish() {
            let target = finished.withLock { $0.count } + 2
            let deadline = Date().addingTimeInterval(10)
            while finished.withLock({ $0.count }) < target, Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        }

        func skipped(_ unit: SubmissionUnit, _ reason: Diagnostic) -> Seen {
            finished.withLock { $0.append(unit.id) }
            return Seen(id: unit.id, skipped: "\(reason.file): \(reason.message)")
        }

        func finish() -> Int { consumed }
    }

    /// A folder of `count` submissions `c01…`, each answering both questions differently.
    static func cohort(_ count: Int, in folder: TemporaryFolder) throws -> SubmissionUnits {
        for index in 1...count {
            let q1 = index % 2 == 0 ? "a tuple is fixed" : "no idea"
            let q2 = index % 3 == 0 ? "a list" : "a list can grow and shrink"
            try Data("## Q1\n\(q1)\n## Q2\n\(q2)\n".utf8).write(to: URL(fileURLWithPath: Path.join(folder.path, String(format: "c%02d.md", index))))
        }
        return try SubmissionDiscovery.discover(paths: [folder.path]).units
    }

    static func run(_ units: SubmissionUnits, jobs: Int, moderation: ModerationLog? = nil, maximumFileBytes: Int = 1 << 20,
                    recorder: @escaping @Sendable (Locked<[String]>) -> Recorder = { Recorder(finished: $0) })
        async throws -> (seen: [Seen], finished: [String], perWorker: [Int]) {
        let finished = Locked<[String]>([])
        let stream = CandidateStream(rubric: try rubric(), maximumFileBytes: maximumFileBytes, moderation: moderation, jobs: jobs)
        let outcome = try await stream.run(units, consumer: { _ in recorder(finished) }, into: [Seen](), collect: { $0.append($1) })
        return (outcome.collected, finished.withLock { $0 }, outcome.summaries)
    }

    @Test(arguments: [1, 2, 4])
    func outputsComeInCandidateOrderWhoeverFinishesFirst(jobs: Int) async throws {
        let folder = try TemporaryFolder()
        let units = try Self.cohort(8, in: folder)
        let (seen, finished, perWorker) = try await Self.run(units, jobs: jobs) { Recorder(slow: jobs > 1 ? ["c01"] : [], finished: $0) }
        #expect(seen.map(\.id) == units.map(\.id))
        #expect(perWorker.count == jobs && perWorker.reduce(0, +) == 8, "one consumer per worker, every candidate consumed once")
        if jobs > 1, ProcessInfo.processInfo.activeProcessorCount > 1 {
            // When the first candidate finished after later ones, the order above is the stream's doing,
            // not the workers'. It does only when another worker got a thread while c01 was held: the
            // cooperative pool is as wide as the machine has cores, and on 2 cores other suites running
            // meanwhile can take the other thread for the whole hold (seen in CI). Then this run shows no
            // reordering, which is not a fault of the stream (`outputsThatArriveEarlyWaitForThoseBefore`
            // tests the reordering itself).
            withKnownIssue("another worker had no thread while c01 was held", isIntermittent: true) {
                #expect((finished.firstIndex(of: "c01") ?? 0) >= 2, "\(finished)")
            }
        }
    }

    @Test func outputsThatArriveEarlyWaitForThoseBefore() async {
        let order = InCandidateOrder([Int](), total: 4, collect: { $0.append($1) })
        #expect(await order.add(2, at: 2) == (1, 4))
        #expect(await order.add(1, at: 1) == (2, 4))
        #expect(await order.collected.isEmpty, "nothing before candidate 0 is in")
        _ = await order.add(0, at: 0)
        #expect(await order.collected == [0, 1, 2])
        _ = await order.add(3, at: 3)
        #expect(await order.collected == [0, 1, 2, 3])
    }

    @Test func whatACommandGathersDoesNotDependOnJobs() async throws {
        let folder = try TemporaryFolder()
        let units = try Self.cohort(12, in: folder)
        let one = try await Self.run(units, jobs: 1).seen
        let three = try await Self.run(units, jobs: 3) { Recorder(slow: ["c02"], finished: $0) }.seen
        #expect(one == three)
        #expect(one.count == 12 && one.allSatisfy { $0.scores.count == 2 && $0.scores.allSatisfy { $0 != nil } })
        // The answers really were graded: "a tuple" scores, "no idea" does not; "a list" is under 3 words.
        #expect(one[0].scores == [0, 3] && one[1].scores == [2, 3] && one[2].scores[1] == 3 && one[2].warnings == 1)
    }

    @Test func anUnreadableCandidateIsSkippedWithItsReasonAndTheRestFlow() async throws {
        let folder = try TemporaryFolder()
        _ = try Self.cohort(4, in: folder)
        let bad = Path.join(folder.path, "c03.md")
        try Data([0x00, 0xFF, 0xFE, 0x00, 0x01, 0x02]).write(to: URL(fileURLWithPath: bad))
        let units = try SubmissionDiscovery.discover(paths: [folder.path]).units
        let seen = try await Self.run(units, jobs: 2).seen
        #expect(seen.map(\.id) == ["c01", "c02", "c03", "c04"])
        let skipped = try #require(seen[2].skipped)
        #expect(skipped.hasPrefix(bad + ": skipped: "))
        #expect(seen.filter { $0.skipped == nil }.allSatisfy { $0.scores.count == 2 })
    }

    @Test func aSettledCandidateIsNotRead() async throws {
        let folder = try TemporaryFolder()
        let units = try Self.cohort(4, in: folder)
        // Gone since discovery: read, it would be skipped; settled, it never is.
        try FileManager.default.removeItem(atPath: Path.join(folder.path, "c02.md"))
        let seen = try await Self.run(units, jobs: 2) { Recorder(settle: ["c02"], finished: $0) }.seen
        #expect(seen.map(\.id) == ["c01", "c02", "c03", "c04"])
        #expect(seen[1] == Seen(id: "c02", settled: true))
    }

    static func decision(_ candidate: String, _ question: String, _ score: Double?, on text: String) -> ModerationDecision {
        ModerationDecision(candidateID: candidate, questionID: question, score: score, reason: "r", moderator: "m",
                           decidedAt: "2026-12-01T00:00:00Z", answerSHA256: ModerationDecision.answerHash(text))
    }

    @Test func moderationIsRuledOnOnceForEachAnswerBeforeGrading() async throws {
        let folder = try TemporaryFolder()
        let units = try Self.cohort(5, in: folder)
        let log = ModerationLog(decisions: [
            Self.decision("c01", "q1", 1.5, on: "no idea"),          // stands
            Self.decision("c02", "q1", 1, on: "a tuple, once"),      // stale: the answer is another
            Self.decision("c03", "q2", 7, on: "a list"),             // over the 3 points of q2
            Self.decision("c04", "q1", 2, on: "a tuple is fixed"),   // withdrawn by the next row
            Self.decision("c04", "q1", nil, on: ""),
        ])
        // Only q2 is graded, unless a decision stands (as tune grades what has a human grade).
        let seen = try await Self.run(units, jobs: 2, moderation: log) { Recorder(graded: ["q2"], finished: $0) }.seen
        #expect(seen[0].rulings == [.stands(log.decisions[0], score: 1.5, line: 2), .none])
        #expect(seen[1].rulings == [.stale(log.decisions[1], line: 3), .none])
        #expect(seen[2].rulings == [.none, .outOfRange(log.decisions[2], score: 7, line: 4)])
        #expect(seen[3].rulings == [.none, .none])
        #expect(seen[4].rulings.isEmpty, "a candidate the file does not name is not ruled on")
        #expect(seen.map { $0.scores[0] != nil } == [true, false, false, false, false])
        // Each graded answer reached the per-answer hook with its normalised text, and only those.
        #expect(seen[0].hooked == [0: 2, 1: 6] && seen[1].hooked == [1: 6])
    }

    /// One reading of a decision, two uses: grade reports the moderator's score in place of the
    /// rubric's; tune takes the same score as the human grade. Where the decision does not stand,
    /// grade keeps the rubric's score and tune the CSV's.
    @Test func gradeAndTuneUseTheSameRuling() throws {
        let rubric = try Self.rubric()
        let submission = Submission(candidate: Candidate(id: "c1", name: nil, email: nil), source: "c1.md",
                                    answers: ["q1": Answer(text: "a tuple", file: "c1.md", line: 2),
                                              "q2": Answer(text: "a list grows", file: "c1.md", line: 4)], warnings: [])
        let log = ModerationLog(decisions: [Self.decision("c1", "q1", 0.5, on: "a tuple"), Self.decision("c1", "q2", 1, on: "a list")])
        let rulings = ModerationRuling.rulings(log, on: submission, rubric: rubric)
        #expect(rulings.map(\.score) == [0.5, nil])

        let worker = try GradingWorker(rubric: rubric)
        var times = StageTimes()
        var result = CandidateResult(submission: submission, questions: rubric.questions.map {
            worker.grade($0, answer: submission.answers[$0.id], file: "c1.md", times: &times).result
        })
        #expect(result.questions.map(\.score) == [2, 3])
        var outcome = ModerationOutcome()
        ModerationApplier(input: ModerationInput(path: "m.csv", log: log)).apply(rulings, to: &result, outcome: &outcome)
        #expect(result.questions.map(\.score) == [0.5, 3])
        #expect(outcome.applied == 1 && outcome.stale.count == 1)

        var tune = TuneModeration(file: "m.csv")
        let human = rubric.questions.indices.map { tune.grade(rulings[$0], candidate: "c1", question: rubric.questions[$0], fallback: 9) }
        #expect(human == [0.5, 9])
        #expect(tune.used == 1 && tune.stale.count == 1)
    }
}
