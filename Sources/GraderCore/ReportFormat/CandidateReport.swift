/// A candidate report (`candidates/ID.xml`) as `CandidateReportReader` reads it back: what
/// `XMLReportWriter` wrote, typed, element by element. Texts are as the report holds them (made
/// valid XML: `XMLWriter.sanitised`), numbers as written (two decimals at most).
///
/// What report.xsd makes optional is optional here; so is what a consumer must tell apart from a
/// missing value (the format, the candidate, the rubric, the total, a question's status and maximum).
public struct CandidateReport: Sendable, Equatable {
    /// `<report format>`, nil when absent.
    public var format: String?
    /// Nil when the report has no `<candidate id>`.
    public var candidate: Identity?
    /// Nil when the report has no `<rubric id sha256>`.
    public var rubric: RubricIdentity?
    public var submissionSHA256: String?
    public var total: Total?
    public var warnings: [Diagnostic] = []
    public var questions: [Question] = []

    /// `<candidate>`: who, and the file or folder the answers were read from.
    public struct Identity: Sendable, Equatable {
        public var id: String
        public var name: String?
        public var email: String?
        public var source: String
    }

    public struct Total: Sendable, Equatable {
        public var score: Double
        public var maxPoints: Double
    }

    public struct Question: Sendable, Equatable {
        public var id: String
        /// Nil when absent or not one of the status words.
        public var status: QuestionResult.Status?
        public var score: Double
        /// Nil in a report without `max`.
        public var maxPoints: Double?
        /// Written only for a question that uses levels, bands, base points or requirements.
        public var raw: Double?
        public var base: Double?
        /// False, with `requires` naming them, when the question's own requirements were not met.
        public var credited = true
        public var requires: [String] = []
        /// Nil for a question the candidate did not answer.
        public var answer: Answer?
        /// `AnswerProfile.empty` when absent.
        public var profile = AnswerProfile.empty
        /// Criteria, each levels group's elements, penalties: in report order, which is `Question.rules` order.
        public var rules: [Rule] = []
        public var levels: [Levels] = []
        public var band: Band?
        public var moderation: Moderation?
        public var staleModeration: StaleModeration?

        public init(id: String, status: QuestionResult.Status?, score: Double, maxPoints: Double?) {
            self.id = id
            self.status = status
            self.score = score
            self.maxPoints = maxPoints
        }

        /// Whether the report holds a moderator's decision on this answer, applied or stale.
        public var holdsDecision: Bool { moderation != nil || staleModeration != nil }
    }

    public struct Rule: Sendable, Equatable {
        public var kind: ScoredRule.Kind
        public var id: String
        public var points: Double
        public var status: CandidateReportFormat.RuleStatus
        public var awarded: Double
        /// False when a requirement kept a met rule from counting; `requires` names them.
        public var credited: Bool
        public var requires: [String]
        /// Why the rule was not evaluated (a rule of that status).
        public var notEvaluated: String?
        /// Empty when the reader was asked to leave evidence out.
        public var evidence: [Evidence]

        /// Met, and every requirement satisfied: what the cohort counts.
        public var isCredited: Bool { status == .met && credited }
    }

    public struct Evidence: Sendable, Equatable {
        /// Code points of the question's answer.
        public var start: Int
        public var end: Int
        public var via: String
    }

    public struct Levels: Sendable, Equatable {
        public var id: String
        public var met: Int
        public var of: Int
        public var points: Double
        public var levelMin: Int?
        public var credited: Bool
        public var requires: [String]
        /// The group's elements: these indices of the question's `rules`.
        public var elements: Range<Int>
    }

    public struct Band: Sendable, Equatable {
        public var from: Double
        public var points: Double
    }

    /// A moderator's decision the report applied: `score` replaced `automaticScore`, the rubric's.
    public struct Moderation: Sendable, Equatable {
        public var score: Double
        public var automaticScore: Double
        public var reason: String
        public var moderator: String
        public var decidedAt: String
        public var answerSHA256: String
    }

    /// A decision not applied because the answer changed since it was made.
    public struct StaleModeration: Sendable, Equatable {
        public var score: Double
        public var moderator: String
        public var decidedAt: String
        public var answerSHA256: String
    }
}

/// The rubric a report names (`<rubric>`); every report of one cohort must name the same one.
public struct RubricIdentity: Sendable, Equatable {
    public let id: String
    public let version: String?
    public let title: String?
    public let sha256: String
}
