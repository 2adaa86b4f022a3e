import GraderEngine
import GraderFoundation
import GraderModeration
import GraderReports
import LibXML2

/// What the cohort stage keeps of one candidate: scores, rule outcomes, profile figures
/// and each answer's shingle ranks, never the texts. It lives only until `DigestWriter` has
/// written it to disk.
public struct CandidateDigest: Sendable, Equatable {
    public let id: String
    public let name: String?
    public let email: String?
    public let source: String
    public let rubric: RubricIdentity
    public let total: Double
    public let maxPoints: Double
    public let warnings: Int
    public let questions: [QuestionDigest]
    /// The report it was read from.
    public let file: String

    /// The same digest of a report at `file` (a cached digest names the report where it was then).
    package func reported(in file: String) -> CandidateDigest {
        CandidateDigest(id: id, name: name, email: email, source: source, rubric: rubric, total: total, maxPoints: maxPoints,
                        warnings: warnings, questions: questions, file: file)
    }
}

/// One question of one candidate's report.
public struct QuestionDigest: Sendable, Equatable {
    public let id: String
    public let status: QuestionResult.Status
    public let score: Double
    public let maxPoints: Double
    public let words: Int
    public let readingEase: Double
    public let rules: [RuleDigest]
    /// Ranks of the answer's distinct shingles, prompt and model answer left out, ascending:
    /// its first `MinHashSketch.size` are the answer's bottom-k sketch, and all of them give
    /// the exact similarity of two answers without their texts.
    public let ranks: [UInt32]
    /// What `grader review` queues the answer by, for the reports folder's review index.
    package var review: ReviewRecord? = nil
    /// The answer was counted in the cohort's shingle frequencies (it has text; `ranks` may
    /// still be empty for a very short one): what a digest from the cache adds again.
    package var countedInFrequency = false
    public var answered: Bool { status != .missing }
}

/// A criterion's, element's or penalty's outcome for one answer.
public struct RuleDigest: Sendable, Equatable {
    public let id: String
    public let kind: ScoredRule.Kind
    public let points: Double
    /// Credited: met, and every requirement satisfied.
    public let met: Bool
    public let awarded: Double

    public var isPenalty: Bool { kind == .penalty }

    public init(id: String, kind: ScoredRule.Kind, points: Double, met: Bool, awarded: Double) {
        self.id = id
        self.kind = kind
        self.points = points
        self.met = met
        self.awarded = awarded
    }
}

/// A question's prompt and model answer (from the rubric), whose shingles are not evidence of copying.
struct QuestionSources: Sendable {
    package let prompt: String
    package let modelAnswer: String
    let excluded: ShingleSet

    init(prompt: String, modelAnswer: String) {
        self.prompt = prompt
        self.modelAnswer = modelAnswer
        excluded = ShingleSet(ShingledText(prompt).shingles + ShingledText(modelAnswer).shingles)
    }

    /// Each question's texts as a report would have held them (sanitised for XML), in rubric order.
    package static func of(_ rubric: Rubric) -> [QuestionSources] {
        rubric.questions.map {
            QuestionSources(prompt: XMLWriter.sanitised($0.prompt), modelAnswer: $0.modelAnswer.map(XMLWriter.sanitised) ?? "")
        }
    }
}
