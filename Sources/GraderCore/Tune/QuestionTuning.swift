/// One question's tuning: its answers as a `FitProblem`, the held-out predictions of the
/// tuned model (nested cross-validation), the model fitted on all the answers, optional
/// suggested criteria, and the guard's decision whether `--write-rubric` may take it.
struct QuestionTuning {
    /// What `--suggest` needs of a question besides its answers.
    struct SuggestContext {
        let limit: Int
        let counts: [String: (high: Int, low: Int)]
        let usedWords: (String) -> Bool
        let language: String
    }

    let problem: FitProblem
    /// Each answer's score under the tuned rubric, predicted without its fold.
    let heldOut: [Double]
    /// The same with suggested criteria searched for inside each training fold; nil without `--suggest`.
    let suggestedHeldOut: [Double]?
    let fit: TuneReport.Fit?
    /// The final model, when there is one; its weights are the rules' and then the suggestions'.
    let model: ScoreModel?
    let suggestions: [TuneReport.Suggestion]
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
        let fold = ModelSelection.folds(keys: answers.map(\.candidate), target: human, k: k)
        let nested = ModelSelection.nestedPredictions(problem, fold: fold)
        heldOut = nested.predictions
        let all = Array(answers.indices)
        let settings = ModelSelection.choose(problem, indices: all, fold: fold)
        var final = ScoreFit.fit(problem, on: all, settings: settings)
        rulesModel = final
        var finalProblem = problem

        var suggestedHeldOut: [Double]? = nil
        var suggestions: [TuneReport.Suggestion] = []
        if let suggest, suggest.limit > 0 {
            let isHigh = { (answer: TuneAnswer) in answer.human >= question.points / 2 }
            let answered = answers.filter { $0.status == .answered }
            let high = answered.filter(isHigh).count
            let candidates = SuggestionCandidates.mine(question: question, counts: suggest.counts, high: high,
                                                       low: answered.count - high, usedWords: suggest.usedWords)
            if let found = SuggestionColumns(candidates: candidates, answers: answers, high: isHigh, language: suggest.language) {
                let search = SuggestionRun(problem: problem, columns: found.columns, fold: fold, limit: suggest.limit,
                                           isHigh: { isHigh(answers[$0]) })
                suggestedHeldOut = search.nestedPredictions(foldSettings: nested.settings)
                let chosen = search.select(on: all, settings: settings)
                if !chosen.isEmpty {
                    finalProblem = search.problem(with: chosen)
                    final = ScoreFit.fit(finalProblem, on: all, settings: settings)
                    suggestions = search.describe(chosen, model: final, settings: settings, candidates: candidates,
                                                  examples: found.examples, scale: problem.scale)
                }
            }
        }
        self.suggestedHeldOut = suggestedHeldOut
        self.suggestions = suggestions
        model = final
        let decision = Self.decide(human: human, author: answers.map(\.machine), tuned: heldOut,
                                   suggested: suggestions.isEmpty ? nil : suggestedHeldOut, scale: problem.scale, margin: margin)
        fit = TuneReport.Fit(
            folds: k, settings: settings.description, foldSettings: nested.settings.map(\.description),
            base: final.base, bands: final.mapping == .cutPoints ? final.bands : [],
            levels: zip(question.levels.map(\.id), layout.tables(final.weights, groups: question.levels.count)).map { ($0, $1) },
            inSample: Agreement(human: human, machine: answers.indices.map { [finalProblem] in finalProblem.predict($0, final) },
                                step: problem.scale.step),
            decision: decision)
    }

    /// How many standard errors the tuned rubric's squared error must be below the author's.
    static let requiredEvidence = 2.0

    /// The guard: a tuned question is written only when its cross-validated QWK beats the
    /// author's by at least `margin` and its squared error is lower than the author's by at
    /// least `requiredEvidence` standard errors of the paired per-answer difference: a gain
    /// smaller than that is within the noise of a few dozen answers, and writing it would make
    /// the rubric worse about as often as better. With suggestions, the better of the two
    /// tuned variants is the one weighed.
    static func decide(human: [Double], author: [Double], tuned: [Double], suggested: [Double]? = nil,
                       scale: ScoreScale, margin: Double) -> TuneReport.Decision {
        func show(_ value: Double?) -> String { value.map { NumberText.format($0, places: 3) } ?? "undefined" }
        let authorKappa = Kappa.quadraticWeighted(human: human, machine: author, scale: scale)
        let tunedKappa = Kappa.quadraticWeighted(human: human, machine: tuned, scale: scale)
        let suggestedKappa = suggested.flatMap { Kappa.quadraticWeighted(human: human, machine: $0, scale: scale) }
        let useSuggestions = (suggestedKappa ?? -.infinity) > (tunedKappa ?? -.infinity) + 1e-12
        guard let best = useSuggestions ? suggestedKappa : tunedKappa, let predictions = useSuggestions ? suggested : tuned else {
            return TuneReport.Decision(written: false, withSuggestions: false,
                                       reason: "the tuned rubric's QWK is undefined; the author's weights are kept")
        }
        let gain = best - (authorKappa ?? 0)
        let evidence = pairedEvidence(human: human, author: author, tuned: predictions)
        let compared = "cross-validated QWK \(show(best))\(useSuggestions ? " with suggestions" : "") against the author's "
            + "\(show(authorKappa)) (\(gain >= 0 ? "+" : "")\(NumberText.format(gain, places: 3))), squared error lower by "
            + "\(evidence.isFinite ? NumberText.format(evidence, places: 1) : "many") standard errors"
        if gain >= margin - 1e-12 && evidence >= requiredEvidence {
            return TuneReport.Decision(written: true, withSuggestions: useSuggestions,
                                       reason: "\(compared); a clear gain (the guard asks for \(NumberText.format(margin)) QWK "
                                       + "and \(NumberText.format(requiredEvidence)) standard errors)")
        }
        return TuneReport.Decision(written: false, withSuggestions: false,
                                   reason: "\(compared); within the noise (the guard asks for \(NumberText.format(margin)) QWK "
                                   + "and \(NumberText.format(requiredEvidence)) standard errors), so the author's weights are kept")
    }

    /// The mean per-answer drop in squared error from `author` to `tuned`, in standard errors
    /// (a paired t statistic); infinite when every answer improves by the same amount.
    static func pairedEvidence(human: [Double], author: [Double], tuned: [Double]) -> Double {
        pairedDrop(from: human.indices.map { (author[$0] - human[$0]) * (author[$0] - human[$0]) },
                   to: human.indices.map { (tuned[$0] - human[$0]) * (tuned[$0] - human[$0]) })
    }

    /// How many standard errors the mean of `after` lies below the mean of `before`, answer by answer.
    static func pairedDrop(from before: [Double], to after: [Double]) -> Double {
        guard before.count == after.count else { return 0 }
        let drops = zip(before, after).map { $0 - $1 }
        guard drops.count >= 2 else { return 0 }
        let mean = drops.reduce(0, +) / Double(drops.count)
        let variance = drops.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(drops.count - 1)
        let error = (variance / Double(drops.count)).squareRoot()
        if error < 1e-12 { return mean > 1e-12 ? .infinity : 0 }
        return mean / error
    }

    /// The default rounding of a question's fitted points: the largest usual step at most 1/40 of its points.
    static func step(for points: Double) -> Double {
        let steps = [1, 0.5, 0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001]
        return steps.first { $0 <= points / 40 + 1e-12 } ?? 0.001
    }
}
