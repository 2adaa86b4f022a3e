import Foundation
import GraderCore

/// Where a person's decision on an answer stands.
public enum DecisionStatus: Sendable, Equatable {
    case none
    /// Made on the answer text as it is now.
    case current(ModerationDecision)
    /// Made on a different answer text: the decision no longer applies, and the answer is to review again.
    case stale(ModerationDecision)

    var isDone: Bool { if case .current = self { return true } else { return false } }
}

/// What the pages are drawn from: the folder, its queue and the decisions recorded so far.
public struct ReviewSnapshot: Sendable {
    public let folder: ReviewFolder
    public let queue: ReviewQueue
    public let moderationPath: String
    let decisions: [AnswerKey: ModerationDecision]

    public func status(_ answer: ReviewAnswer) -> DecisionStatus {
        guard let decision = decisions[answer.key] else { return .none }
        return decision.answerSHA256 == answer.hash ? .current(decision) : .stale(decision)
    }

    public func isDone(_ key: AnswerKey) -> Bool {
        guard let item = queue.item(key) else { return false }
        return status(item.answer).isDone
    }

    func list(_ list: ReviewList) -> [ReviewQueue.Item] { list == .queue ? queue.items : queue.sample }

    func done(in list: ReviewList) -> Int { self.list(list).filter { isDone($0.answer.key) }.count }
}

/// The review's state: the folder read once at start, and the moderation file, the only thing
/// that changes, written through `ModerationFile.record` (locked, atomic, durable) before a
/// decision is acknowledged. An actor, so two browser tabs posting at once record one after the other.
public actor ReviewSession {
    public let folder: ReviewFolder
    public let queue: ReviewQueue
    private let file: ModerationFile
    private let moderationPath: String
    private var decisions: [AnswerKey: ModerationDecision]

    public init(folder: ReviewFolder, moderationPath: String) throws(InputError) {
        self.folder = folder
        queue = ReviewQueue(folder)
        self.moderationPath = moderationPath
        file = ModerationFile(path: moderationPath)
        decisions = Self.current(try file.read(), answers: folder.answers)
    }

    public func snapshot() -> ReviewSnapshot {
        ReviewSnapshot(folder: folder, queue: queue, moderationPath: moderationPath, decisions: decisions)
    }

    /// Records `decisions` (one row per answer) in the file, then in memory.
    public func record(_ new: [ModerationDecision]) throws(OutputError) {
        try file.record(new)
        for decision in new { decisions[AnswerKey(candidate: decision.candidateID, question: decision.questionID)] = decision }
    }

    /// The file's current decision for every answer in the folder.
    private static func current(_ log: ModerationLog, answers: [ReviewAnswer]) -> [AnswerKey: ModerationDecision] {
        var current: [AnswerKey: ModerationDecision] = [:]
        for answer in answers {
            if let decision = log.current(candidate: answer.candidate, question: answer.question) { current[answer.key] = decision }
        }
        return current
    }
}
