import GraderEngine

/// `tune.xml` as `TuneReportReader` reads it: every section of the document, with its numbers as
/// written (rounded to the places the writer gives them). Optional fields are the attributes and
/// elements the writer leaves out when there is nothing to say (no correlation of constant scores,
/// no fit, no baseline, ...).
public struct TuneDocument: Sendable, Equatable {
    /// The document element's attributes: what was tuned on what (strict in `tune.xsd`).
    public struct Header: Sendable, Equatable {
        public let rubricID: String
        public let rubricFile: String
        public let rubricSHA256: String
        public let gradesFile: String
        public let candidates: Int
        public let answers: Int
        /// Nil: `auto`, a step per question.
        public let weightStep: Double?
        public let margin: Double
    }

    /// A set of scores compared with the people's.
    public struct Scores: Sendable, Equatable {
        public let count: Int
        public let exact: Double
        public let adjacent: Double
        public let meanAbsoluteError: Double
        public let pearson: Double?
        public let spearman: Double?
        public let kappa: Double?
        public let quadraticKappa: Double?
        public let confusion: Confusion
    }

    public struct Confusion: Sendable, Equatable {
        public let lowest: Double
        public let step: Double
        /// The non-empty cells, human score by row.
        public let cells: [Cell]
    }

    public struct Cell: Sendable, Equatable {
        public let human: Double
        public let rubric: Double
        public let count: Int
    }

    public struct Totals: Sendable, Equatable {
        public let candidates: Int
        public let pearson: Double?
        public let spearman: Double?
        public let meanAbsoluteError: Double
    }

    public struct Question: Sendable, Equatable {
        public let id: String
        public let points: Double
        public let highAnswers: Int
        public let lowAnswers: Int
        public let scaleStep: Double
        public let current: Scores
        public let tuned: Scores?
        public let suggested: Scores?
        public let baseline: Scores?
        public let fit: Fit?
        public let rules: [Rule]
        public let suggestions: [Suggestion]
        public let phrases: [Phrase]
    }

    public struct Fit: Sendable, Equatable {
        public let folds: Int
        public let settings: String
        public let base: Double
        public let inSampleExact: Double
        public let inSampleMeanAbsoluteError: Double
        public let written: Bool
        public let withSuggestions: Bool
        public let reason: String
        public let bands: [Band]
        /// The settings each outer fold chose, fold 1 first.
        public let foldSettings: [String]
    }

    public struct Band: Sendable, Equatable {
        public let from: Double
        public let points: Double
    }

    public struct Rule: Sendable, Equatable {
        public let kind: ScoredRule.Kind
        public let id: String
        public let points: Double
        public let fitted: Double?
        public let firesHigh: Double?
        public let firesLow: Double?
        public let pointBiserial: Double?
        /// Answers people marked this rule on; nil when the grades had no marks for it.
        public let humanMarked: Int?
        public let precision: Double?
        public let recall: Double?
    }

    public struct Suggestion: Sendable, Equatable {
        public let label: String
        public let source: String
        /// `criterion` or `penalty`.
        public let kind: String
        public let points: Double
        public let qwkBefore: Double?
        public let qwkAfter: Double?
        public let firesHigh: Int
        public let firesLow: Int
        public let matcher: String
        public let examples: [String]
    }

    public struct Phrase: Sendable, Equatable {
        public let text: String
        public let logOdds: Double
        public let high: Int
        public let low: Int
    }

    public struct Disagreement: Sendable, Equatable {
        public let candidate: String
        public let question: String
        public let human: Double
        public let rubric: Double
        public let answer: String
        public let fired: [Fired]
    }

    public struct Fired: Sendable, Equatable {
        public let rule: String
        public let awarded: Double
        public let matches: [String]
    }

    /// One answer's rubric, human and fitted score (strict in `tune.xsd`).
    public struct AnswerScore: Sendable, Equatable {
        public let candidate: String
        public let question: String
        public let rubric: Double
        public let human: Double?
        public let fitted: Double?
        /// The answer's SHA-256 as tune graded it; nil in a tune.xml an older grader wrote.
        public let answerSHA256: String?
    }

    public struct Baseline: Sendable, Equatable {
        public let file: String
        public let overall: Scores?
        public let candidates: [CandidateDelta]
    }

    public struct CandidateDelta: Sendable, Equatable {
        public let id: String
        public let human: Double
        public let old: Double
        public let new: Double
        public let delta: Double
    }

    public let header: Header
    public let overall: Scores
    public let overallTuned: Scores
    public let overallWritten: Scores
    public let overallSuggested: Scores?
    public let totals: Totals
    public let questions: [Question]
    public let disagreements: [Disagreement]
    public let answerScores: [AnswerScore]
    public let baseline: Baseline?
    public let warnings: [String]
    public let tunedRubricChanges: [String]
    public let tunedRubricFindings: [String]
}
