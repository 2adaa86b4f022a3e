import GraderEngine
import GraderFoundation

/// One question's tuning: its answers as a `FitProblem`, the held-out predictions of the
/// tuned model (nested cross-validation), the model fitted on all the answers, optional
/// suggested criteria, and the guard's decision whether `--write-rubric` may take it.
struct QuestionTuning {
    /// What `--suggest` needs of a question besides its answers.
    struct SuggestContext {
        package let limit: Int
        package let counts: [String: (high: Int, low: Int)]
        let usedWords: (String) -> Bool
        package let language: String
    }

    package let problem: FitProblem
    /// Each answer's score under the tuned rubric, predicted without its fold.
    let heldOut: [Double]
    /// The same with suggested criteria searched for inside each training fold; nil without `--suggest`.
    let suggestedHeldOut: [Double]?
    package let fit: TuneReport.Fit?
    /// The final model, when there is one; its weights are the rules' and then the suggestions'.
    package let model: ScoreModel?
    package let suggestions: [TuneReport.Suggestion]
    /// The rules-alone model fitted on every graded answer, before any suggestion: what scores the
    /// answers no person graded, so their fitted score means what `heldOut` means (no suggestions).
    let rulesModel: ScoreModel?

    let layout: FeatureLayout

    /// The rules-alone model's scores of answers no person graded (nil when the question has no fit);
    /// an answer the weights cannot move (missing, off-topic, gated off) keeps the rubric's score, as in the fit.
    func predictions(ofUngraded answers: [TuneAnswer], question: Question) -> [Double]? {
        guard let rulesModel else { return nil }
        return answers.map { Self.fixedScore($0) ?? rulesModel.predict(layout.row($0, question), in: problem) }
    }

    /// The score of an answer the fitted weights cannot change, nil for one they can.
    static func fixedScore(_ answer: TuneAnswer) -> Double? {
        answer.status == .answered && !answer.gatedOff ? nil : answer.machine
    }

    /// The fitted weight of every rule, in `Question.rules` order (nil for elements: their group's table has it).
    func ruleWeights(rules: Int) -> [Double?] {
        model.map { layout.ruleWeights($0.weights, rules: rules) } ?? Array(repeating: nil, count: rules)
    }

    init(question: Question, answers: [TuneAnswer], folds: Int, step: Double?, margin: Double, suggest: SuggestContext? = nil) {
        let layout = FeatureLayout(question)
        self.layout = layout
        let human = answers.map(\.human)
        let floor = question.floor
        let problem = FitProblem(
            rows: answers.map { layout.row($0, question) }, target: human,
            fixed: answers.map(Self.fixedScore),
            prior: layout.prior, ridgeLimit: layout.prior.map { _ in .infinity }, priorBase: question.base, authorBands: question.bands.map { ($0.from, $0.points) },
            floor: floor, points: question.points,
            scale: ScoreScale(lowest: min(0, floor), highest: question.points, human: human),
            step: step ?? Self.step(for: question.points))
        self.problem = problem
        let k = min(folds, problem.fittable.count / 2)
        guard k >= 2, !layout.features.isEmpty else {
            heldOut = answers.map(\.machine)
            suggestedHeldOut = nil
            fit = nil
            model = nil
            rulesModel = nil
            suggestions = []
            return
        }
        var learner: SuggestionLearner? = nil
        var mined: (candidates: [SuggestionCandidate], found: SuggestionColumns)? = nil
        if let suggest, suggest.limit > 0 {
            let isHigh = { (answer: TuneAnswer) in answer.human >= question.points / 2 }
            let answered = answers.filter { $0.status == .answered }
            let high = answered.filter(isHigh).count
            let candidates = SuggestionCandidates.mine(question: question, counts: suggest.counts, high: high,
                                                       low: answered.count - high, usedWords: suggest.usedWords)
                + SuggestionCandidates.lengthBands(words: answered.map(\.words), question: question)
            if let found = SuggestionColumns(candidates: candidates, answers: answers, high: isHigh, language: suggest.language,
                                             prompt: question.prompt) {
                learner = SuggestionLearner(columns: found.columns, costs: candidates.map(SuggestionLearner.cost), limit: suggest.limit,
                                            sides: candidates.map(\.side))
                mined = (candidates, found)
            }
        }
        let procedure = TuningProcedure(learner: learner, k: k, keys: answers.map(\.candidate))
        // Split 0's folds give every figure of the report; the guard asks for the others only as it needs them.
        let runs = SplitRuns(procedure: procedure, problem: problem)
        let first = runs[0]
        heldOut = first.rules
        suggestedHeldOut = first.suggested
        let fold = first.fold
        let all = Array(answers.indices)
        let settings = ModelSelection.choose(problem, indices: all, fold: fold)
        let rulesAlone = ScoreFit.fit(problem, on: all, settings: settings)
        rulesModel = rulesAlone
        var withSuggestions = rulesAlone
        var suggestedProblem = problem
        var suggestions: [TuneReport.Suggestion] = []
        if let learner, let mined {
            var chosen = learner.selectOnAll(problem, fold: fold, settings: settings)
            if !chosen.isEmpty {
                suggestedProblem = learner.problem(problem, with: chosen)
                withSuggestions = ScoreFit.fit(suggestedProblem, on: all, settings: settings)
                // A suggestion the final fit (weights ≥ 0, rounded) leaves at 0 points suggests nothing: drop it and refit.
                let kept = chosen.indices.filter { withSuggestions.weights[problem.features + $0] > 0 }
                if kept.count < chosen.count {
                    chosen = kept.map { chosen[$0] }
                    suggestedProblem = learner.problem(problem, with: chosen)
                    withSuggestions = ScoreFit.fit(suggestedProblem, on: all, settings: settings)
                }
            }
            if !chosen.isEmpty {
                suggestions = learner.describe(chosen, problem: problem, model: withSuggestions, fold: fold, settings: settings,
                                               candidates: mined.candidates, examples: mined.found.examples)
            }
        }
        self.suggestions = suggestions

        let scale = problem.scale
        let authorScores = answers.map(\.machine)
        /// What the settings (and suggestions) that would be written predict for each answer without its fold, on split `r`.
        func writtenPredictions(_ written: FitProblem) -> (Int) -> [Double] {
            { split in
                var predictions = Array(repeating: 0.0, count: all.count)
                for item in ModelSelection.crossValidatedPredictions(written, indices: all, fold: runs[split].fold, settings: settings) {
                    predictions[item.index] = item.prediction
                }
                return predictions
            }
        }
        // The guard weighs the better variant first (by split 0's nested QWK), then the other.
        var trials = [WriteGuard.Trial(label: "", withSuggestions: false, splits: WriteGuard.repetitions, nested: { runs[$0].rules },
                                       written: writtenPredictions(problem))]
        if suggestions.contains(where: { $0.weight > 0 }), let suggested = first.suggested {
            let trial = WriteGuard.Trial(label: " with suggestions", withSuggestions: true, splits: WriteGuard.repetitions,
                                         nested: { runs[$0].suggested ?? runs[$0].rules }, written: writtenPredictions(suggestedProblem))
            let kappa = { (predictions: [Double]) in Kappa.quadraticWeighted(human: human, machine: predictions, scale: scale) ?? -1 }
            if kappa(suggested) > kappa(first.rules) + 1e-12 { trials.insert(trial, at: 0) } else { trials.append(trial) }
        }
        let decision = WriteGuard(human: human, author: authorScores, scale: scale, margin: margin).decide(trials)
        // The model reported and written is the one the guard weighed: with suggestions only when they were taken.
        let final = decision.withSuggestions || !decision.written && !suggestions.isEmpty ? withSuggestions : rulesAlone
        let finalProblem = final == withSuggestions ? suggestedProblem : problem
        model = final
        fit = TuneReport.Fit(
            folds: k, settings: settings.description, foldSettings: first.settings.map(\.description),
            base: final.base, bands: final.mapping == .cutPoints ? final.bands : [],
            levels: zip(question.levels.map(\.id), layout.tables(final.weights, groups: question.levels.count)).map { ($0, $1) },
            inSample: Agreement(human: human, machine: answers.indices.map { [finalProblem] in finalProblem.predict($0, final) },
                                step: problem.scale.step),
            decision: decision)
    }

    /// The default rounding of a question's fitted points: the largest usual step at most 1/40 of its points.
    package static func step(for points: Double) -> Double {
        let steps = [1, 0.5, 0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001]
        return steps.first { $0 <= points / 40 + 1e-12 } ?? 0.001
    }
}
