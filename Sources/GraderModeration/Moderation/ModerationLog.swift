import GraderEngine
import GraderFoundation

/// What a moderation file holds: every row in file order, and the decision in force per
/// (candidate, question): the latest row, unless that row withdraws it.
public struct ModerationLog: Sendable {
    /// Every row, in file order.
    public private(set) var decisions: [ModerationDecision]
    /// The file line each row of `decisions` starts on (the header is line 1).
    public private(set) var lines: [Int]
    /// What was read but left out, and why (a torn last row: `ModerationCSV.parse`); never a bad row, which is an error.
    public package(set) var warnings: [Diagnostic] = []
    private var latest: [Key: Int] = [:]
    /// Every candidate some row names, withdrawn decisions included.
    private var candidates: Set<String> = []

    private struct Key: Hashable, Sendable { let candidate: String, question: String }

    public init(decisions: [ModerationDecision] = [], lines: [Int]? = nil) {
        self.decisions = []
        self.lines = []
        for (index, decision) in decisions.enumerated() { append(decision, line: lines?[index] ?? index + 2) }
    }

    package mutating func append(_ decision: ModerationDecision, line: Int) {
        latest[Key(candidate: decision.candidateID, question: decision.questionID)] = decisions.count
        candidates.insert(decision.candidateID)
        decisions.append(decision)
        lines.append(line)
    }

    public var isEmpty: Bool { decisions.isEmpty }

    /// Whether any row, in force or withdrawn, names the candidate.
    public func names(candidate: String) -> Bool { candidates.contains(candidate) }

    /// The decision in force for this answer; nil when there is none or the latest row withdrew it.
    public func current(candidate: String, question: String) -> ModerationDecision? {
        guard let index = latest[Key(candidate: candidate, question: question)], !decisions[index].isWithdrawal else { return nil }
        return decisions[index]
    }

    /// The file line of the decision `current(candidate:question:)` returns.
    public func line(candidate: String, question: String) -> Int? {
        latest[Key(candidate: candidate, question: question)].map { lines[$0] }
    }

    /// Every decision in force, ordered by candidate then question (an order independent of the
    /// file's, so what is built from it is deterministic), each with its line.
    public var inForce: [(decision: ModerationDecision, line: Int)] {
        latest.values.compactMap { index in
            decisions[index].isWithdrawal ? nil : (decisions[index], lines[index])
        }.sorted { ($0.decision.candidateID, $0.decision.questionID) < ($1.decision.candidateID, $1.decision.questionID) }
    }
}
