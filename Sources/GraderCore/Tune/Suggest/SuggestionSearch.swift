/// Forward selection of suggested criteria: each round adds the candidate whose column,
/// as a new feature with no weight of the author's to pull toward (its prior is 0, so it
/// must earn its points from the answers), lowers the cross-validated squared error most;
/// it stops when no candidate gives a clear gain, or `limit` are in. A clear gain is the
/// guard's own standard: the error falls by `minimumGain` of itself and by
/// `QuestionTuning.requiredEvidence` standard errors of the paired per-answer difference.
enum SuggestionSearch {
    /// A candidate must lower the cross-validated mean squared error by this share to be added.
    static let minimumGain = 0.02
    /// Candidates scored per round, the most discriminating in the answers searched first.
    static let scoredPerRound = 40

    /// The candidates chosen on `indices` (folds as given), in the order added.
    static func select(_ problem: FitProblem, columns: [[Double]], indices: [Int], fold: [Int], settings: FitSettings,
                       limit: Int, isHigh: (Int) -> Bool) -> [Int] {
        guard limit > 0, !columns.isEmpty else { return [] }
        // Rank by log-odds in these answers only: the held-out fold must not choose its own suggestions.
        let high = indices.filter(isHigh), low = indices.filter { !isHigh($0) }
        guard high.count >= 3, low.count >= 3 else { return [] }
        // A candidate that fires on exactly the answers an earlier one does adds nothing of its own.
        var seen = Set<[Double]>()
        let distinct = columns.indices.filter { seen.insert(columns[$0]).inserted }
        let ranked = distinct.compactMap { index -> (Int, Double)? in
            let inHigh = high.filter { columns[index][$0] != 0 }.count, inLow = low.filter { columns[index][$0] != 0 }.count
            guard inHigh + inLow >= 3 else { return nil }
            let odds = PhraseMining.logOdds(high: inHigh, highTotal: high.count, low: inLow, lowTotal: low.count)
            return odds > 0 ? (index, odds) : nil
        }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(scoredPerRound).map(\.0)
        var current = problem
        var errors = ModelSelection.crossValidatedErrors(current, indices: indices, fold: fold, settings: settings)
        var chosen: [Int] = []
        func mean(_ values: [Double]) -> Double { values.isEmpty ? .infinity : values.reduce(0, +) / Double(values.count) }
        while chosen.count < limit {
            var best: (index: Int, errors: [Double])? = nil
            for candidate in ranked where !chosen.contains(candidate) {
                let trial = current.adding(feature: columns[candidate])
                let trialErrors = ModelSelection.crossValidatedErrors(trial, indices: indices, fold: fold, settings: settings,
                                                                      sums: FoldSums(trial, fold: fold))
                if mean(trialErrors) < mean(best?.errors ?? []) - 1e-12 { best = (candidate, trialErrors) }
            }
            guard let best, mean(best.errors) < mean(errors) * (1 - minimumGain),
                  QuestionTuning.pairedDrop(from: errors, to: best.errors) >= QuestionTuning.requiredEvidence else { break }
            chosen.append(best.index)
            current = current.adding(feature: columns[best.index])
            errors = best.errors
        }
        return chosen
    }
}

/// The suggestion search of one question: the candidates' columns beside its fit problem.
struct SuggestionRun {
    let problem: FitProblem
    let columns: [[Double]]
    let fold: [Int]
    let limit: Int
    let isHigh: (Int) -> Bool

    /// The problem with the chosen candidates added as features (prior weight 0).
    func problem(with chosen: [Int]) -> FitProblem {
        chosen.reduce(problem) { $0.adding(feature: columns[$1]) }
    }

    /// Candidates chosen on `indices`, cross-validated over their own folds.
    func select(on indices: [Int], settings: FitSettings) -> [Int] {
        SuggestionSearch.select(problem, columns: columns, indices: indices, fold: fold, settings: settings,
                                limit: limit, isHigh: isHigh)
    }

    /// Held-out predictions with the search inside each outer training fold: the suggestions
    /// used to predict an answer were found without it. `foldSettings` are the settings each
    /// outer fold chose (in fold order) for the rubric without suggestions.
    func nestedPredictions(foldSettings: [FitSettings]) -> [Double] {
        let all = Array(problem.target.indices)
        var predictions = Array(repeating: 0.0, count: all.count)
        for (held, settings) in zip(Set(fold).sorted(), foldSettings) {
            let training = all.filter { fold[$0] != held }
            let extended = problem(with: select(on: training, settings: settings))
            let model = ScoreFit.fit(extended, on: training, settings: settings)
            for index in all where fold[index] == held { predictions[index] = extended.predict(index, model) }
        }
        return predictions
    }

    /// The chosen candidates as the report shows them, with the cross-validated QWK before and after each was added.
    func describe(_ chosen: [Int], model: ScoreModel, settings: FitSettings, candidates: [SuggestionCandidate],
                  examples: [[String]], scale: ScoreScale) -> [TuneReport.Suggestion] {
        let all = Array(problem.target.indices)
        func kappa(_ added: [Int]) -> Double? {
            var predictions = Array(repeating: 0.0, count: all.count)
            for item in ModelSelection.crossValidatedPredictions(problem(with: added), indices: all, fold: fold, settings: settings) {
                predictions[item.index] = item.prediction
            }
            return Kappa.quadraticWeighted(human: problem.target, machine: predictions, scale: scale)
        }
        var before = kappa([])
        var described: [TuneReport.Suggestion] = []
        for (position, candidate) in chosen.enumerated() {
            let after = kappa(Array(chosen.prefix(position + 1)))
            let answered = all.filter { problem.fixed[$0] == nil }
            described.append(TuneReport.Suggestion(
                label: candidates[candidate].label, matcher: candidates[candidate].matcher, source: candidates[candidate].source.rawValue,
                weight: model.weights[problem.features + position], qwkBefore: before, qwkAfter: after,
                firesHigh: answered.filter { isHigh($0) && columns[candidate][$0] != 0 }.count,
                firesLow: answered.filter { !isHigh($0) && columns[candidate][$0] != 0 }.count,
                examples: examples[candidate]))
            before = after
        }
        return described
    }
}
