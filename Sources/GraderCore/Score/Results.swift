/// What happened to one criterion or penalty on one answer.
public struct RuleResult: Sendable {
    public enum State: Sendable, Equatable {
        case met
        case unmet
        /// A pattern hit its limit: the rule was neither awarded nor refused.
        case notEvaluated(String)
    }

    public let rule: ScoredRule
    public let state: State
    /// Evidence in the candidate's original text: byte ranges and what fired.
    public let evidence: [Evidence]

    /// Points this rule moved: +points for a met criterion, -points for a met penalty.
    public var awarded: Double {
        guard state == .met else { return 0 }
        return rule.kind == .criterion ? rule.points : -rule.points
    }
}

/// One span of the original answer that made a matcher fire.
public struct Evidence: Sendable, Equatable {
    /// UTF-8 byte range in the answer's original text.
    public let range: Range<Int>
    public let via: String
}

/// The graded answer to one question.
public struct QuestionResult: Sendable {
    public enum Status: String, Sendable {
        case answered
        /// No answer, or an empty one.
        case missing
        /// Under `min-words` in a question that scores short answers 0.
        case tooShort = "too-short"
    }

    public let question: Question
    public let status: Status
    /// The answer as the candidate wrote it (line endings made LF), or nil when missing.
    public let answer: Answer?
    public let profile: AnswerProfile
    public let rules: [RuleResult]
    public let score: Double
    public let warnings: [Diagnostic]
}

/// A candidate's whole result.
public struct CandidateResult: Sendable {
    public let submission: Submission
    public let questions: [QuestionResult]

    public var total: Double { questions.reduce(0) { $0 + $1.score } }
    public var maxPoints: Double { questions.reduce(0) { $0 + $1.question.points } }
    public var warnings: [Diagnostic] { submission.warnings + questions.flatMap(\.warnings) }
}
