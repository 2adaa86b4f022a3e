/// A person's decision applied to one answer: the rubric's score it replaced, and the row it came from.
public struct AppliedModeration: Sendable, Equatable {
    public let decision: ModerationDecision
    public let automaticScore: Double
    /// The moderation file and the line of the row.
    public let file: String
    public let line: Int

    package init(decision: ModerationDecision, automaticScore: Double, file: String, line: Int) {
        self.decision = decision
        self.automaticScore = automaticScore
        self.file = file
        self.line = line
    }

    /// The moderator's points (an applied decision always has some).
    public var score: Double { decision.score ?? automaticScore }
}
