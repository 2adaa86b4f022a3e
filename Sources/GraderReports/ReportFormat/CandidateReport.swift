import GraderEngine
import GraderFoundation

/// A candidate report (`candidates/ID.xml`) as `CandidateReportReader` reads it back: what
/// `XMLReportWriter` wrote, typed, element by element. Texts are as the report holds them (made
/// valid XML: `XMLWriter.sanitised`), numbers as written (two decimals at most).
///
/// What report.xsd makes optional is optional here; so is what a consumer must tell apart from a
/// missing value (the format, the candidate, the rubric, the total, a question's status and maximum).
package struct CandidateReport: Sendable, Equatable {
    /// `<report format>`, nil when absent.
    package var format: String?
    /// Nil when the report has no `<candidate id>`.
    package var candidate: Identity?
    /// Nil when the report has no `<rubric id sha256>`.
    package var rubric: RubricIdentity?
    package var submissionSHA256: String?
    package var total: Total?
    package var warnings: [Diagnostic] = []
    package var questions: [Question] = []

    /// `<candidate>`: who, and the file or folder the answers were read from.
    package struct Identity: Sendable, Equatable {
        package var id: String
        package var name: String?
        package var email: String?
        package var source: String
    }

    package struct Total: Sendable, Equatable {
        package var score: Double
        package var maxPoints: Double
    }

    package struct Question: Sendable, Equatable {
        package var id: String
        /// Nil when absent or not one of the status words.
        package var status: QuestionResult.Status?
        package var score: Double
        /// Nil in a report without `max`.
        package var maxPoints: Double?
        /// Written only for a question that uses levels, bands, base points or requirements.
        package var raw: Double?
        package var base: Double?
        /// False, with `requires` naming them, when the question's own requirements were not met.
        package var credited = true
        package var requires: [String] = []
        /// Nil for a question the candidate did not answer.
        package var answer: Answer?
        /// What review needs of the answer's words, as grading found them; nil in a report written before they were kept.
        package var wordFacts: WordFacts?
        /// `AnswerProfile.empty` when absent.
        package var profile = AnswerProfile.empty
        /// Whether each named matcher the question's gates require held, in `Question.requiredDefines`
        /// order; empty for a missing answer, a question requiring none, and a report written before they were recorded.
        package var defines: [Define] = []
        /// Criteria, each levels group's elements, penalties: in report order, which is `Question.rules` order.
        package var rules: [Rule] = []
        package var levels: [Levels] = []
        package var band: Band?
        package var moderation: Moderation?
        package var staleModeration: StaleModeration?

        package init(id: String, status: QuestionResult.Status?, score: Double, maxPoints: Double?) {
            self.id = id
            self.status = status
            self.score = score
            self.maxPoints = maxPoints
        }

        /// Whether the report holds a moderator's decision on this answer, applied or stale.
        package var holdsDecision: Bool { moderation != nil || staleModeration != nil }
    }

    /// `<define id held>`.
    package struct Define: Sendable, Equatable {
        package var id: String
        package var held: Bool
    }

    package struct Rule: Sendable, Equatable {
        package var kind: ScoredRule.Kind
        package var id: String
        package var points: Double
        package var status: CandidateReportFormat.RuleStatus
        package var awarded: Double
        /// False when a requirement kept a met rule from counting; `requires` names them.
        package var credited: Bool
        package var requires: [String]
        /// Why the rule was not evaluated (a rule of that status).
        package var notEvaluated: String?
        /// Empty when the reader was asked to leave evidence out.
        package var evidence: [Evidence]

        /// Met, and every requirement satisfied: what the cohort counts.
        package var isCredited: Bool { status == .met && credited }
    }

    package struct Evidence: Sendable, Equatable {
        /// Code points of the question's answer.
        package var start: Int
        package var end: Int
        package var via: String
    }

    package struct Levels: Sendable, Equatable {
        package var id: String
        package var met: Int
        package var of: Int
        package var points: Double
        package var levelMin: Int?
        package var credited: Bool
        package var requires: [String]
        /// The group's elements: these indices of the question's `rules`.
        package var elements: Range<Int>
    }

    package struct Band: Sendable, Equatable {
        package var from: Double
        package var points: Double
    }

    /// A moderator's decision the report applied: `score` replaced `automaticScore`, the rubric's.
    package struct Moderation: Sendable, Equatable {
        package var score: Double
        package var automaticScore: Double
        package var reason: String
        package var moderator: String
        package var decidedAt: String
        package var answerSHA256: String
    }

    /// A decision not applied because the answer changed since it was made.
    package struct StaleModeration: Sendable, Equatable {
        package var score: Double
        package var moderator: String
        package var decidedAt: String
        package var answerSHA256: String
    }
}

/// The rubric a report names (`<rubric>`); every report of one cohort must name the same one.
public struct RubricIdentity: Sendable, Equatable {
    public let id: String
    public let version: String?
    public let title: String?
    public let sha256: String

    package init(id: String, version: String?, title: String?, sha256: String) {
        self.id = id
        self.version = version
        self.title = title
        self.sha256 = sha256
    }
}
