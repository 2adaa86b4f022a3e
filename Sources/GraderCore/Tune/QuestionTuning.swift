/// One question's tuning: its answers as a `FitProblem`, the held-out predictions of the
/// tuned model (nested cross-validation), the model fitted on all the answers, and the
/// guard's decision whether `--write-rubric` may take it.
struct QuestionTuning {
    let problem: FitProblem
    /// Each answer's score under the tuned rubric, predicted without its fold.
    let heldOut: [Double]
    let fit: TuneReport.Fit?
    /// The final model, when there is one.
    let model: ScoreModel?

    /// The fitted weight of every rule, in the question's criteria-then-penalties order.
    var ruleWeights: [Double]? { model?.weights }

    init(question: Question, answers: [TuneAnswer], folds: Int, step: Double?, margin: Double) {
        let rules = question.criteria + question.penalties
        let rows = answers.map { answer in
            rules.indices.map { index -> Double in
                guard answer.fired.count > index, answer.fired[index] else { return 0 }
                return rules[index].kind == .penalty ? -1 : 1
            }
        }
        let human = answers.map(\.human)
        let floor = question.floor
        problem = FitProblem(
            rows: rows, target: human,
            fixed: answers.map { $0.status == .answered ? nil : $0.machine },
            prior: rules.map(\.points), priorBase: 0, authorBands: [],
            floor: floor, points: question.points,
            scale: ScoreScale(lowest: min(0, floor), highest: question.points, human: human),
            step: step ?? Self.step(for: question.points))
        let fittable = problem.fittable.count
        let k = min(folds, fittable / 2)
        guard k >= 2, !rules.isEmpty else {
            heldOut = answers.map(\.machine)
            fit = nil
            model = nil
            return
        }
        let fold = ModelSelection.folds(keys: answers.map(\.candidate), target: human, k: k)
        let nested = ModelSelection.nestedPredictions(problem, fold: fold)
        heldOut = nested.predictions
        let settings = ModelSelection.choose(problem, indices: Array(answers.indices), fold: fold)
        let final = ScoreFit.fit(problem, on: Array(answers.indices), settings: settings)
        model = final
        let author = Kappa.quadraticWeighted(human: human, machine: answers.map(\.machine), scale: problem.scale)
        let tuned = Kappa.quadraticWeighted(human: human, machine: heldOut, scale: problem.scale)
        fit = TuneReport.Fit(
            folds: k, settings: settings.description, foldSettings: nested.settings.map(\.description),
            base: final.base, bands: final.mapping == .cutPoints ? final.bands : [],
            inSample: Agreement(human: human, machine: answers.indices.map { [problem] in problem.predict($0, final) },
                                step: problem.scale.step),
            decision: Self.decide(author: author, tuned: tuned, margin: margin))
    }

    /// The guard: a tuned question is written only when its cross-validated QWK beats the
    /// author's by at least `margin`; anything less is within the noise of a few dozen answers.
    static func decide(author: Double?, tuned: Double?, margin: Double) -> TuneReport.Decision {
        func show(_ value: Double?) -> String { value.map { NumberText.format($0, places: 3) } ?? "undefined" }
        guard let tuned else {
            return TuneReport.Decision(written: false, reason: "the tuned rubric's QWK is undefined; the author's weights are kept")
        }
        let gain = tuned - (author ?? 0)
        let compared = "cross-validated QWK \(show(tuned)) against the author's \(show(author))"
        if gain >= margin - 1e-12 {
            return TuneReport.Decision(written: true, reason: "\(compared): +\(NumberText.format(gain, places: 3)), at least the margin \(NumberText.format(margin))")
        }
        return TuneReport.Decision(written: false, reason: "\(compared): \(gain >= 0 ? "+" : "")\(NumberText.format(gain, places: 3)), "
                                   + "less than the margin \(NumberText.format(margin)); the author's weights are kept")
    }

    /// The default rounding of a question's fitted points: the largest usual step at most 1/40 of its points.
    static func step(for points: Double) -> Double {
        let steps = [1, 0.5, 0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001]
        return steps.first { $0 <= points / 40 + 1e-12 } ?? 0.001
    }
}
