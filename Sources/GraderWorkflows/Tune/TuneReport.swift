import GraderEngine
import GraderFoundation
import GraderModeration

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

        /// Scores compared on a grid (exact, adjacent, confusion, kappa, QWK), MAE and correlations as they are.
        /// `steps` gives each answer its own question's grid when answers of several questions are pooled;
        /// by default every answer is on `scale`'s.
        init(human: [Double], machine: [Double], scale: ScoreScale, steps: [Double]? = nil) {
            let steps = steps ?? Array(repeating: scale.step, count: human.count)
            agreement = Agreement(human: human, machine: machine, steps: steps)
            pearson = Correlation.pearson(human, machine)
            spearman = Correlation.spearman(human, machine)
            let snapped = zip(machine, steps).map { ($0 / $1).rounded() * $1 }
            confusion = ConfusionMatrix(human: human, machine: snapped, scale: scale)
            kappa = confusion.cohensKappa
            quadraticKappa = Kappa.quadraticWeighted(human: human, machine: snapped, scale: scale)
        }
    }

    /// One criterion or penalty against the human scores.
    public struct RuleStats: Sendable {
        public let id: String
        public let kind: ScoredRule.Kind
        public let points: Double
        /// Its weight in the model fitted on all the answers (rounded to the step).
        public let fitted: Double?
        /// Share of answers scored high (≥ half the points) / low by people in which it fired.
        public let firesHigh: Double?
        public let firesLow: Double?
        public let pointBiserial: Double?
        /// Against per-criterion human marks, when the CSV has a `qid.rule` column.
        public let precision: Double?
        public let recall: Double?
        public let marked: Int
    }

    /// The model fitted to the human scores, how it did on answers it never saw, and whether it was written.
    public struct Fit: Sendable {
        /// Cross-validation folds (0: too few answers to fit).
        public let folds: Int
        /// The settings chosen on all the answers, for the model that would be written.
        public let settings: String
        /// The settings each outer fold chose by its own inner cross-validation.
        public let foldSettings: [String]
        /// The intercept fitted on all the answers (the question's `base`).
        public let base: Double
        /// Cut-points fitted on all the answers: (lowest raw score, points); empty with the author's map.
        public let bands: [(from: Double, points: Double)]
        /// Levels tables fitted on all the answers, per group id.
        public let levels: [(id: String, table: [Level])]
        /// Agreement of the fitted model on the answers it was fitted to (optimistic; for comparison only).
        public let inSample: Agreement
        public let decision: Decision
    }

    /// Whether `--write-rubric` takes the tuned question or keeps the author's.
    public struct Decision: Sendable {
        public let written: Bool
        /// The tuned question is written with its suggested criteria (`--suggest`).
        public let withSuggestions: Bool
        public let reason: String
    }

    /// A criterion or penalty `--suggest` proposes, mined from the graded answers and kept by
    /// the suggestion learner's regularised fit (`SuggestionLearner`).
    public struct Suggestion: Sendable {
        public enum Kind: String, Sendable { case criterion, penalty }
        public let label: String
        /// The matcher as rubric XML.
        public let matcher: String
        public let source: String
        /// A criterion (common in answers people scored high) or a penalty (common in low-scored ones).
        public let kind: Kind
        /// Its fitted points (on all the answers).
        public let weight: Double
        /// Cross-validated QWK before and after it was added (in the order the learner took them).
        public let qwkBefore: Double?
        public let qwkAfter: Double?
        /// In how many answers scored high / low by people it fires.
        public let firesHigh: Int
        public let firesLow: Int
        /// Passages it matched in answers people scored high (a criterion) or low (a penalty).
        public let examples: [String]
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
        public let scale: ScoreScale
        /// The author's rubric as it is (nothing fitted, so every answer is already unseen by it).
        public let current: Scores
        /// The tuned rubric, every answer predicted by a model fitted without it (nested cross-validation).
        public let tuned: Scores?
        /// The tuned rubric with suggestions, cross-validated with the suggestion learner inside each training fold.
        public let suggested: Scores?
        public let suggestions: [Suggestion]
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

    /// One answer's three scores, for `grader review`'s queue (the gap between rubric and model)
    /// and for scripts: every graded answer, and every ungraded one of a question that has a fit.
    public struct AnswerScore: Sendable, Equatable {
        public let candidate: String
        public let question: String
        /// The author's rubric's score.
        public let rubric: Double
        /// The person's; nil for an answer no person graded.
        public let human: Double?
        /// The tuned (rules-alone) model's: for a graded answer its held-out prediction, from the
        /// nested cross-validation the tuned figures are computed from, so the model never saw it;
        /// for an ungraded one the model fitted on all graded answers. Nil where the question has no fit.
        public let fitted: Double?
        /// SHA-256 of the answer's text as graded (`ModerationDecision.answerHash`, the hash a candidate
        /// report's answer and a moderation decision have): review uses these scores only for the very
        /// answers tune read.
        public let answerSHA256: String
    }

    public let rubricID: String
    public let rubricFile: String
    public let rubricSHA256: String
    public let gradesFile: String
    public let baselineFile: String?
    public let candidates: Int
    public let answers: Int
    /// All answers pooled: the author's rubric, the tuned rubric on every question (cross-validated),
    /// and what `--write-rubric` writes (tuned where it clearly wins, the author's elsewhere).
    public let overall: Scores
    public let overallTuned: Scores
    public let overallWritten: Scores
    /// With `--suggest`: the tuned rubric with suggestions on every question where there are any.
    public let overallSuggested: Scores?
    /// QWK a tuned question must gain over the author's, cross-validated, to be written.
    public let margin: Double
    public let baselineOverall: Scores?
    /// Candidate totals over the questions graded by people: count, correlations, MAE.
    public let totals: (count: Int, pearson: Double?, spearman: Double?, meanAbsoluteError: Double)
    public let questions: [QuestionReport]
    public let disagreements: [Disagreement]
    public let deltas: [CandidateDelta]
    /// Weights are rounded to this step (`--round`); nil: a step per question, about 1/40 of its points.
    public let step: Double?
    public let warnings: [Diagnostic]
    /// With `--write-rubric`: what writing changed beyond the points (removed criteria, new
    /// example scores, suggestions added), and what `grader check` still finds in the result.
    public var tunedRubricNotes: [String] = []
    public var tunedRubricFindings: [Diagnostic] = []
    /// What the moderation file contributed, when one was read.
    public package(set) var moderation: TuneModeration? = nil
    /// Per answer, sorted by candidate id then question (rubric order).
    public package(set) var answerScores: [AnswerScore] = []
}
