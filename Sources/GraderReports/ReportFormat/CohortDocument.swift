import GraderEngine

/// `cohort.xml` as `CohortReportReader` reads it: every section of the document, with its numbers
/// as written (rounded to the places the writer gives them). Optional fields are the optional
/// attributes and elements of `cohort.xsd`.
public struct CohortDocument: Sendable, Equatable {
    /// Which rubric graded the cohort.
    public struct RubricReference: Sendable, Equatable {
        public let id: String
        public let version: String?
        public let title: String?
        public let sha256: String
    }

    public struct Run: Sendable, Equatable {
        public let candidates: Int
        public let answers: Int
        public let questions: Int
        public let max: Double
        public let passMark: Double
        public let similarityThreshold: Double
        /// ISO 8601, when SOURCE_DATE_EPOCH was set.
        public let generated: String?
        public let stages: [StageTime]
    }

    public struct StageTime: Sendable, Equatable {
        public let name: String
        public let seconds: Double
    }

    /// A distribution: count, mean, sd and five-number summary.
    public struct Distribution: Sendable, Equatable {
        public let count: Int
        public let mean: Double
        public let sd: Double
        public let min: Double
        public let q1: Double
        public let median: Double
        public let q3: Double
        public let max: Double
    }

    public struct Totals: Sendable, Equatable {
        public let scores: Distribution
        public let alpha: Double?
        public let bins: [Bin]
    }

    /// A tenth of the histogram of totals, in percent of the maximum.
    public struct Bin: Sendable, Equatable {
        public let from: Int
        public let to: Int
        public let count: Int
    }

    public struct Question: Sendable, Equatable {
        public let id: String
        public let max: Double
        public let scores: Distribution
        public let facility: Double
        public let itemRest: Double?
        public let upperLower: Double?
        public let missing: Double
        public let alphaIfDeleted: Double?
        public let words: Distribution
        public let readingEase: Distribution
        public let rules: [Rule]
    }

    public struct Rule: Sendable, Equatable {
        public let kind: ScoredRule.Kind
        public let id: String
        public let points: Double
        public let fired: Double
        public let restCorrelation: Double?
        public let upperLower: Double?
    }

    /// A line of the ranking.
    public struct Candidate: Sendable, Equatable {
        public let rank: Int
        public let id: String
        public let name: String?
        public let total: Double
        public let max: Double
        public let answered: Int
        public let atRisk: Bool
    }

    public struct Similar: Sendable, Equatable {
        public let pairsCompared: Int
        public let pairsSimilar: Int?
        /// Present only when the cap on comparisons per answer was reached.
        public let comparisonsPerAnswer: Int?
        public let answersAtCap: Int?
        public let comparisonsSkipped: Int?
        public let pairs: [Pair]
    }

    /// Two candidates' similar answers to one question.
    public struct Pair: Sendable, Equatable {
        public let question: String
        public let first: String
        public let second: String
        public let similarity: Double
        public let sharedShingles: Int
        /// The passages each answer shares with the other, first's then second's.
        public let shared: [Shared]
    }

    public struct Shared: Sendable, Equatable {
        public let candidate: String
        public let text: String
    }

    public struct Moderation: Sendable, Equatable {
        public let moderated: Int
        public let stale: Int
        public let questions: [ModeratedQuestion]
    }

    public struct ModeratedQuestion: Sendable, Equatable {
        public let id: String
        public let moderated: Int
        public let disagreed: Int
        public let meanDifference: Double?
        public let meanAbsoluteDifference: Double?
    }

    public let format: String
    public let rubric: RubricReference
    public let run: Run
    public let totals: Totals
    public let questions: [Question]
    /// Best first.
    public let ranking: [Candidate]
    public let similar: Similar
    public let moderation: Moderation?
}
