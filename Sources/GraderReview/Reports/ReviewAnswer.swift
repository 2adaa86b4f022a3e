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
    /// The answer's text: empty in the queue's copy (read from the review index, `ReviewIndex`), the
    /// report's text in the copy an answer page reads from the candidate report (`ReviewFolder.fullAnswer`).
    public let text: String
    public let score: Double
    public let max: Double
    /// The question's rules in rubric order, with their outcomes; the evidence only in the page's copy.
    public let rules: [Rule]
    public let levels: [Levels]
    public let words: Int
    public let promptOverlap: Double
    /// The report file the answer was read from.
    public let report: String
    /// True when the report carries a person's `<moderation>`: the score is theirs, and the
    /// review order puts the answer last and ranks answers like it lower (see `ReviewOrder`).
    public var moderated: Bool = false
    /// What a moderation decision records, so a later change to the answer shows it stale
    /// (`ModerationDecision.answerHash` of the text as the report holds it).
    public let hash: String
    /// The report holds a non-empty text for it.
    public let hasText: Bool
    /// Whether each named matcher the question's gates require held (`<define held>`), by id;
    /// empty when the question requires none or the report predates their recording.
    public let definesHeld: [String: Bool]

    public init(candidate: String, question: String, status: String, text: String, score: Double, max: Double, rules: [Rule],
                levels: [Levels], words: Int, promptOverlap: Double, report: String, moderated: Bool = false,
                hash: String? = nil, hasText: Bool? = nil, definesHeld: [String: Bool] = [:]) {
        self.candidate = candidate
        self.question = question
        self.status = status
        self.text = text
        self.score = score
        self.max = max
        self.rules = rules
        self.levels = levels
        self.words = words
        self.promptOverlap = promptOverlap
        self.report = report
        self.moderated = moderated
        self.hash = hash ?? ModerationDecision.answerHash(text)
        self.hasText = hasText ?? (status != "missing" && !text.isEmpty)
        self.definesHeld = definesHeld
    }

    /// The queue's and the pages' key for this answer.
    public var key: AnswerKey { AnswerKey(candidate: candidate, question: question) }
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
