/// Everything tuning does to one question's graded answers, as a function of their scores
/// and a fold split: settings chosen by inner cross-validation, the fit, and with `--suggest`
/// the suggestion learner inside each training fold. The report runs it on one split; the
/// guard runs it again on other splits, so the evidence is about this whole procedure and
/// not about one lucky split.
struct TuningProcedure {
    let learner: SuggestionLearner?
    /// Cross-validation folds.
    let k: Int
    /// The answers' candidate ids, which seed the fold split.
    package let keys: [String]

    struct HeldOut {
        package let fold: [Int]
        /// Settings each outer fold chose, in fold order.
        package let settings: [FitSettings]
        /// Every answer predicted by the tuned rules fitted without its fold.
        package let rules: [Double]
        /// The same with suggestions chosen without its fold; nil without a learner or when not asked.
        package let suggested: [Double]?
    }

    /// Nested held-out predictions over the split of `repetition` (stratified on `problem`'s scores).
    func heldOut(_ problem: FitProblem, repetition: Int) -> HeldOut {
        let fold = ModelSelection.folds(keys: keys, target: problem.target, k: k, repetition: repetition)
        let nested = ModelSelection.nestedPredictions(problem, fold: fold)
        let suggested = learner.map { $0.nestedPredictions(problem, fold: fold, foldSettings: nested.settings) }
        return HeldOut(fold: fold, settings: nested.settings, rules: nested.predictions, suggested: suggested)
    }
}

/// A question's fold splits, each run through the procedure once, when first asked for: the
/// report needs split 0, the guard the others only while the evidence holds.
final class SplitRuns {
    private let procedure: TuningProcedure
    private let problem: FitProblem
    private var done: [Int: TuningProcedure.HeldOut] = [:]

    init(procedure: TuningProcedure, problem: FitProblem) {
        self.procedure = procedure
        self.problem = problem
    }

    subscript(split: Int) -> TuningProcedure.HeldOut {
        if let run = done[split] { return run }
        let run = procedure.heldOut(problem, repetition: split)
        done[split] = run
        return run
    }
}
