import GraderFoundation

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
    /// The ids of the rule's `requires` that this answer did not satisfy; empty when it is not gated.
    public let unmetRequirements: [String]

    init(rule: ScoredRule, state: State, evidence: [Evidence], unmetRequirements: [String] = []) {
        self.rule = rule
        self.state = state
        self.evidence = evidence
        self.unmetRequirements = unmetRequirements
    }

    /// Met, and every requirement satisfied: only then does the rule move points (or count, for an element).
    public var credited: Bool { state == .met && unmetRequirements.isEmpty }

    /// Points this rule moved: +points for a credited criterion, -points for a credited penalty, 0 otherwise
    /// (an element's points are its group's, in `LevelResult`).
    public var awarded: Double {
        guard credited else { return 0 }
        switch rule.kind {
        case .criterion: return rule.points
        case .penalty: return -rule.points
        case .element: return 0
        }
    }
}

/// What one levels group gave one answer.
public struct LevelResult: Sendable {
    public let group: LevelGroup
    /// Elements credited.
    public let met: Int
    /// Elements in the group.
    public let of: Int
    /// The level the count reached, nil when it reached none.
    public let level: Level?
    /// The points the group added: its level's, or 0 when gated.
    public let points: Double
    /// The ids of the group's `requires` this answer did not satisfy.
    public let unmetRequirements: [String]

    public var id: String { group.id }
    public var credited: Bool { unmetRequirements.isEmpty }
}

/// One span of the original answer that made a matcher fire.
public struct Evidence: Sendable, Equatable {
    /// UTF-8 byte range in the answer's original text; empty (at 0) for evidence about the whole answer.
    public let range: Range<Int>
    public let via: String
    /// True when the evidence is about the whole answer (a length rule's `42 words (at most 60)`),
    /// shown in words where a passage would be highlighted.
    public let wholeAnswer: Bool

    package init(range: Range<Int>, via: String, wholeAnswer: Bool = false) {
        self.range = wholeAnswer ? 0..<0 : range
        self.via = via
        self.wholeAnswer = wholeAnswer
    }
}

extension Array where Element == Evidence {
    /// Ordered by where each span starts, then ends: the order reports show evidence in.
    package func inTextOrder() -> [Evidence] {
        sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
    }
}

/// The graded answer to one question.
public struct QuestionResult: Sendable {
    public enum Status: String, Sendable, CaseIterable {
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
    /// In `Question.rules` order; empty for a missing answer.
    public let rules: [RuleResult]
    /// In `Question.levels` order; empty for a missing answer.
    public let levels: [LevelResult]
    /// Whether each of `Question.requiredDefines` matched; empty for a missing answer.
    public let definesMet: [Bool]
    /// base + credited criteria + credited levels − credited penalties: before the gate, bands and clamp.
    public let raw: Double
    /// The band `raw` fell into, when the question has bands and its gate is satisfied.
    public let band: Band?
    /// The ids of the question's own `requires` this answer did not satisfy; when not empty it scores `clamp(0)`.
    public let unmetRequirements: [String]
    /// The points the question gets: the rubric's, or a moderator's where `moderation` holds a decision.
    public package(set) var score: Double
    public package(set) var warnings: [Diagnostic]
    /// The person's decision that replaced the rubric's score, when there is one.
    public package(set) var moderation: AppliedModeration?
    /// A decision not applied because the answer changed since it was made; the report records
    /// it (`<stale-moderation>`) so `grader cohort` counts it as `grade` did.
    public package(set) var staleModeration: ModerationDecision?

    /// The rubric's own score, whatever a moderator decided.
    public var automaticScore: Double { moderation?.automaticScore ?? score }
    /// What review needs of the answer's words (set by the worker that normalised it; nil without text).
    public package(set) var wordFacts: WordFacts?

    init(question: Question, status: Status, answer: Answer?, profile: AnswerProfile, rules: [RuleResult],
         levels: [LevelResult] = [], definesMet: [Bool] = [], raw: Double = 0, band: Band? = nil,
         unmetRequirements: [String] = [], score: Double, warnings: [Diagnostic]) {
        self.question = question
        self.status = status
        self.answer = answer
        self.profile = profile
        self.rules = rules
        self.levels = levels
        self.definesMet = definesMet
        self.raw = raw
        self.band = band
        self.unmetRequirements = unmetRequirements
        self.score = score
        self.warnings = warnings
    }
}

/// A candidate's whole result.
public struct CandidateResult: Sendable {
    public let submission: Submission
    public package(set) var questions: [QuestionResult]

    package init(submission: Submission, questions: [QuestionResult]) {
        self.submission = submission
        self.questions = questions
    }

    public var total: Double { questions.reduce(0) { $0 + $1.score } }
    public var maxPoints: Double { questions.reduce(0) { $0 + $1.question.points } }
    public var warnings: [Diagnostic] { submission.warnings + questions.flatMap(\.warnings) }
}
