/// Everything `grader tune` measured, as plain values: the summary, `tune.html`
/// and `tune.xml` are all written from it.
public struct TuneReport: Sendable {
    /// How one set of scores compares with the human ones.
    public struct Scores: Sendable {
        public let agreement: Agreement
        public let pearson: Double?
        public let spearman: Double?
        public let kappa: Double?
        public let quadraticKappa: Double?
        public let confusion: ConfusionMatrix

        init(human: [Double], machine: [Double], lowest: Int, highest: Int) {
            agreement = Agreement(human: human, machine: machine)
            pearson = Correlation.pearson(human, machine)
            spearman = Correlation.spearman(human, machine)
            confusion = ConfusionMatrix(human: human, machine: machine, lowest: lowest, highest: max(lowest, highest))
            kappa = confusion.cohensKappa
            quadraticKappa = confusion.quadraticWeightedKappa
        }
    }

    /// One criterion or penalty against the human scores.
    public struct RuleStats: Sendable {
        public let id: String
        public let kind: ScoredRule.Kind
        public let points: Double
        /// Its weight fitted by non-negative least squares, rounded to the step, and unrounded.
        public let fitted: Double?
        public let fittedExact: Double?
        /// Share of answers scored high (≥ half the points) / low by people in which it fired.
        public let firesHigh: Double?
        public let firesLow: Double?
        public let pointBiserial: Double?
        /// Against per-criterion human marks, when the CSV has a `qid.rule` column.
        public let precision: Double?
        public let recall: Double?
        public let marked: Int
    }

    /// Weights fitted to the human scores and the agreement they reach.
    public struct Fit: Sendable {
        public let inSample: Agreement
        public let inSampleQuadraticKappa: Double?
        /// Each answer predicted by weights fitted without its fold; nil with too few answers.
        public let crossValidated: Agreement?
        public let crossValidatedQuadraticKappa: Double?
        public let folds: Int
    }

    /// A phrase common in answers people scored high that no rule catches.
    public struct Phrase: Sendable {
        public let text: String
        public let logOdds: Double
        public let high: Int
        public let low: Int
    }

    public struct QuestionReport: Sendable {
        public let id: String
        public let points: Double
        public let current: Scores
        public let baseline: Scores?
        public let rules: [RuleStats]
        public let fit: Fit?
        public let phrases: [Phrase]
        public let highAnswers: Int
        public let lowAnswers: Int
    }

    /// An answer where the rubric and the person disagree most.
    public struct Disagreement: Sendable {
        public let candidate: String
        public let question: String
        public let points: Double
        public let human: Double
        public let machine: Double
        public let text: String
        /// Rules that fired: id, points moved, matched text.
        public let evidence: [(rule: String, awarded: Double, matched: [String])]
    }

    /// Per-candidate totals under the baseline rubric and this one.
    public struct CandidateDelta: Sendable {
        public let id: String
        public let human: Double
        public let old: Double
        public let new: Double
        public var delta: Double { new - old }
    }

    public let rubricID: String
    public let rubricFile: String
    public let rubricSHA256: String
    public let gradesFile: String
    public let baselineFile: String?
    public let candidates: Int
    public let answers: Int
    public let overall: Scores
    public let baselineOverall: Scores?
    /// Candidate totals over the questions graded by people: count, correlations, MAE.
    public let totals: (count: Int, pearson: Double?, spearman: Double?, meanAbsoluteError: Double)
    public let questions: [QuestionReport]
    public let disagreements: [Disagreement]
    public let deltas: [CandidateDelta]
    /// Weights are fitted to this step (`--round`).
    public let step: Double
    public let warnings: [Diagnostic]
}
