import GraderEngine


/// One candidate's answer to one question, as the candidate's report recorded it: the facts
/// the review pages and the queue need. The rubric's own texts (prompt, feedback) come from
/// the rubric, never from here.
public struct ReviewAnswer: Sendable, Equatable {
    /// A rule's (criterion, element, penalty) outcome in the report.
    public struct Rule: Sendable, Equatable {
        public enum Status: String, Sendable { case met, unmet, notEvaluated = "not-evaluated" }
        public let id: String
        public let kind: ScoredRule.Kind
        public let status: Status
        public let awarded: Double
        /// False when a requirement (`requires`) kept a matched rule from counting.
        public let credited: Bool
        /// Why the rule was not evaluated, when it was not.
        public let notEvaluated: String?
        /// Evidence as code point offsets into the answer text, with what matched.
        public let evidence: [Evidence]
    }

    public struct Evidence: Sendable, Equatable {
        public let start: Int
        public let end: Int
        public let via: String
    }

    public struct Levels: Sendable, Equatable {
        public let id: String
        public let met: Int
        public let of: Int
        public let points: Double
    }

    public let candidate: String
    public let question: String
    /// `answered`, `missing` or `too-short`.
    public let status: String
    public let text: String
    public let score: Double
    public let max: Double
    public let rules: [Rule]
    public let levels: [Levels]
    public let words: Int
    public let promptOverlap: Double
    /// The report file the answer was read from.
    public let report: String
    /// True when the report carries a person's `<moderation>`: the score is theirs, and the
    /// review order puts the answer last and ranks answers like it lower (see `ReviewOrder`).
    public var moderated: Bool = false
    /// Whether each named matcher the question's gates require held (`<define held>`), by id;
    /// empty when the question requires none or the report predates their recording.
    public var definesHeld: [String: Bool] = [:]

    /// The queue's and the pages' key for this answer.
    public var key: AnswerKey { AnswerKey(candidate: candidate, question: question) }
    /// What a moderation decision records, so a later change to the answer shows it stale.
    public var hash: String { ModerationDecision.answerHash(text) }
    public var hasText: Bool { status != "missing" && !text.isEmpty }
}

/// (candidate, question): one answer. Ordered by candidate id, then question id: every tie in the queue breaks this way.
public struct AnswerKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let candidate: String
    public let question: String

    public init(candidate: String, question: String) {
        self.candidate = candidate
        self.question = question
    }

    public static func < (lhs: AnswerKey, rhs: AnswerKey) -> Bool {
        (lhs.candidate, lhs.question) < (rhs.candidate, rhs.question)
    }

    public var description: String { candidate + " · " + question }
}
