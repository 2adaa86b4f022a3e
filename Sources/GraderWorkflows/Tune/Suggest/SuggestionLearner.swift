import Foundation
import GraderFoundation

/// A candidate the learner kept, with the side it is on: +1 a criterion (common in answers
/// people scored high), −1 a penalty (common in answers they scored low).
struct SuggestionChoice: Sendable, Equatable {
    package let candidate: Int
    let sign: Double
    var isPenalty: Bool { sign < 0 }
}

/// Suggested criteria and penalties from one regularised fit, not a greedy walk: every
/// candidate column of a question (mined phrases, `near` pairs, model-answer words, length bands) enters
/// one least-squares fit beside the rubric's own features, with an L1 penalty λ on the
/// candidates (`CoordinateDescent`). λ runs down a path from "nothing enters" and is chosen
/// by cross-validation over the folds of the answers it is given (each λ judged by the relaxed
/// refit of its active set), by the one-standard-error rule toward the larger λ (fewer
/// suggestions); the candidates with a weight there, at most
/// `limit`, are the suggestions, in the order they entered the path. Fitting them together
/// lets two phrases that say the same thing share one weight instead of both being taken,
/// and a phrase of low-scored answers become a penalty.
///
/// Guarantees kept from the search it replaces: a candidate uses no word a matcher of the
/// question uses (`SuggestionCandidates`), it fires in at least `support` answers and in at
/// least two answers on its own side (high for a criterion, low for a penalty), and its side
/// is read from the answers it is chosen on, never from a held-out fold.
struct SuggestionLearner {
    /// Per candidate, per answer: 1 where it fired.
    let columns: [[Double]]
    /// Per candidate: its L1 cost (see `cost(of:)`).
    let costs: [Double]
    package let limit: Int
    /// Per candidate: the one side it may be taken on, nil for either (empty: every candidate either).
    package var sides: [SuggestionCandidate.Side?] = []

    /// A `near` pair is two conditions in one criterion: harder to read and to trust than a
    /// phrase, so it must explain twice as much of the scores to enter.
    static func cost(of candidate: SuggestionCandidate) -> Double { candidate.source == .pair ? 2 : 1 }

    /// A smaller λ is worth taking only if it lowers the cross-validated error by this share of the rules' own.
    static let minimumGain = 0.02
    /// λ path: from the least λ at which nothing enters, down by this ratio, this many steps.
    static let pathLength = 16
    static let pathRatio = 0.6

    /// The problem with every candidate appended, unsigned: its fold sums serve every selection.
    func extended(_ problem: FitProblem) -> FitProblem {
        var copy = problem
        copy.rows = problem.rows.indices.map { row in problem.rows[row] + columns.map { $0[row] } }
        copy.prior += columns.map { _ in 0 }
        copy.ridgeLimit += columns.map { _ in FitProblem.suggestedRidge }
        return copy
    }

    /// The problem with the chosen candidates added as features (prior 0, a weak pull), signed.
    package func problem(_ problem: FitProblem, with chosen: [SuggestionChoice]) -> FitProblem {
        chosen.reduce(problem) { current, choice in current.adding(feature: columns[choice.candidate].map { $0 * choice.sign }) }
    }

    /// The candidates chosen on `indices`, λ cross-validated over their own folds. `extended`
    /// and `sums` are `extended(problem)` and its fold sums for `fold`.
    func select(_ problem: FitProblem, extended: FitProblem, sums: FoldSums, indices: [Int], fold: [Int],
                settings: FitSettings) -> [SuggestionChoice] {
        guard limit > 0, !columns.isEmpty else { return [] }
        let p = problem.features
        let movable = indices.filter { problem.fixed[$0] == nil }
        let high = movable.filter(problem.isHigh), low = movable.filter { !problem.isHigh($0) }
        guard high.count >= 3, low.count >= 3 else { return [] }
        let support = max(3, Int((Double(movable.count) * 0.05).rounded(.up)))
        var eligible: [SuggestionChoice] = []
        var seen = Set<[Double]>()
        for candidate in columns.indices {
            let column = columns[candidate]
            let inHigh = high.filter { column[$0] != 0 }.count, inLow = low.filter { column[$0] != 0 }.count
            guard inHigh + inLow >= support, inHigh + inLow < movable.count else { continue }
            let odds = PhraseMining.logOdds(high: inHigh, highTotal: high.count, low: inLow, lowTotal: low.count)
            let sign: Double
            if odds > 0 && inHigh >= 2 { sign = 1 } else if odds < 0 && inLow >= 2 { sign = -1 } else { continue }
            if candidate < sides.count, let side = sides[candidate], (side == .penalty) != (sign < 0) { continue }
            // A candidate that fires on exactly the answers an earlier one does adds nothing of its own.
            guard seen.insert(movable.map { column[$0] }).inserted else { continue }
            eligible.append(SuggestionChoice(candidate: candidate, sign: sign))
        }
        guard !eligible.isEmpty else { return [] }
        let features = Array(0..<p) + eligible.map { p + $0.candidate }
        let signs = Array(repeating: 1.0, count: p) + eligible.map(\.sign)
        // The rubric's own features enter with the weakest pull of the grid: a candidate is taken for
        // what the rules cannot say at any weights, never to make up for weights held at the author's.
        let weakest = FitSettings.grid.map(\.ridge).min() ?? settings.ridge
        let ridge = (0..<p).map { min(weakest, problem.ridgeLimit[$0]) } + eligible.map { _ in 0.0 }
        let prior = Array(problem.prior) + eligible.map { _ in 0.0 }
        let cost = Array(repeating: 0.0, count: p) + eligible.map { costs[$0.candidate] }
        let start = prior

        /// The centred system of the chosen features over some answers' sums, and their means.
        func system(_ sums: NormalSums) -> (system: CoordinateDescent.System, meanX: [Double], meanY: Double)? {
            guard sums.count >= 2 else { return nil }
            let n = sums.count, width = extended.features, q = features.count
            let meanX = features.indices.map { signs[$0] * sums.x[features[$0]] / n }
            let meanY = sums.y / n
            var gram = Array(repeating: 0.0, count: q * q), moment = Array(repeating: 0.0, count: q)
            for a in 0..<q {
                let fa = features[a]
                moment[a] = signs[a] * sums.xy[fa] - n * meanX[a] * meanY
                for b in 0..<q {
                    gram[a * q + b] = signs[a] * signs[b] * sums.xx[fa * width + features[b]] - n * meanX[a] * meanX[b]
                }
            }
            return (CoordinateDescent.System(gram: gram, moment: moment, ridge: ridge, prior: prior, cost: cost), meanX, meanY)
        }
        func raw(_ index: Int, _ w: [Double], base: Double) -> Double {
            var sum = base
            let row = extended.rows[index]
            for j in w.indices where w[j] != 0 { sum += w[j] * signs[j] * row[features[j]] }
            return sum
        }

        let folds = Set(indices.map { fold[$0] }).sorted()
        guard let whole = system(sums.sums(of: folds)) else { return [] }
        let rulesOnly = CoordinateDescent.solve(whole.system, lambda: .infinity, start: start)
        let top = CoordinateDescent.lambdaMax(whole.system, start: rulesOnly)
        guard top > 1e-12 else { return [] }
        let lambdas = (0..<Self.pathLength).map { top * pow(Self.pathRatio, Double($0)) }

        // Inner cross-validation of λ: per step of the path, every held-out answer's squared error.
        var errors = Array(repeating: [Double](), count: lambdas.count)
        for held in folds where folds.count >= 2 {
            guard let inner = system(sums.sums(of: folds.filter { $0 != held })) else { continue }
            let predicted = indices.filter { fold[$0] == held && problem.fixed[$0] == nil }
            var w = CoordinateDescent.solve(inner.system, lambda: .infinity, start: start)
            for (step, lambda) in lambdas.enumerated() {
                w = CoordinateDescent.solve(inner.system, lambda: lambda, start: w)
                // Judged by the relaxed refit of the active set: what the final fit would give these suggestions.
                let relaxed = CoordinateDescent.relaxed(inner.system, active: w.map { $0 > 1e-9 }, ridge: 1e-6)
                let refit = CoordinateDescent.solve(relaxed, lambda: 1, start: w)
                var base = inner.meanY
                for j in refit.indices { base -= inner.meanX[j] * refit[j] }
                for index in predicted {
                    let difference = problem.clamp(raw(index, refit, base: base)) - problem.target[index]
                    errors[step].append(difference * difference)
                }
            }
        }
        let measured = errors.map { values -> (mean: Double, error: Double) in
            guard values.count >= 2 else { return (.infinity, 0) }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
            return (mean, (variance / Double(values.count)).squareRoot())
        }
        guard let best = measured.indices.min(by: { measured[$0].mean < measured[$1].mean }), measured[best].mean.isFinite
        else { return [] }
        // Within one standard error of the least, or within `minimumGain` of the rules' own error: a
        // step down the path must buy a real share of the error, not the last crumbs of a clean fit.
        let tolerance = max(measured[best].error, Self.minimumGain * (measured[0].mean.isFinite ? measured[0].mean : 0))
        let chosenStep = measured.firstIndex { $0.mean <= measured[best].mean + tolerance + 1e-12 } ?? best

        // Down the path on all the answers to the chosen λ, never past `limit` suggestions.
        var w = rulesOnly
        var entered: [Int: Int] = [:]
        var kept: [Int] = []
        for step in 0...chosenStep {
            let next = CoordinateDescent.solve(whole.system, lambda: lambdas[step], start: w)
            let active = (p..<features.count).filter { next[$0] > 1e-9 }
            if active.count > limit { break }
            w = next
            for j in active where entered[j] == nil { entered[j] = step }
            kept = active
        }
        return kept.sorted { (entered[$0] ?? 0, -w[$0], $0) < (entered[$1] ?? 0, -w[$1], $1) }.map { eligible[$0 - p] }
    }

    /// Held-out predictions with the learner inside each outer training fold: the suggestions
    /// used to predict an answer were chosen without it. `foldSettings` are the settings each
    /// outer fold chose (in fold order) for the rubric without suggestions.
    func nestedPredictions(_ problem: FitProblem, fold: [Int], foldSettings: [FitSettings]) -> [Double] {
        let all = Array(problem.target.indices)
        let wide = extended(problem)
        let sums = FoldSums(wide, fold: fold)
        var predictions = Array(repeating: 0.0, count: all.count)
        for (held, settings) in zip(Set(fold).sorted(), foldSettings) {
            let training = all.filter { fold[$0] != held }
            let chosen = select(problem, extended: wide, sums: sums, indices: training, fold: fold, settings: settings)
            let withChosen = self.problem(problem, with: chosen)
            let model = ScoreFit.fit(withChosen, on: training, settings: settings)
            for index in all where fold[index] == held { predictions[index] = withChosen.predict(index, model) }
        }
        return predictions
    }

    /// The chosen candidates on every answer (λ cross-validated over `fold`).
    func selectOnAll(_ problem: FitProblem, fold: [Int], settings: FitSettings) -> [SuggestionChoice] {
        let wide = extended(problem)
        return select(problem, extended: wide, sums: FoldSums(wide, fold: fold), indices: Array(problem.target.indices),
                      fold: fold, settings: settings)
    }

    /// The chosen candidates as the report shows them, with the cross-validated QWK before and
    /// after each was added (in the order they entered the path).
    package func describe(_ chosen: [SuggestionChoice], problem: FitProblem, model: ScoreModel, fold: [Int], settings: FitSettings,
                  candidates: [SuggestionCandidate], examples: [(high: [String], low: [String])]) -> [TuneReport.Suggestion] {
        let all = Array(problem.target.indices)
        func kappa(_ added: [SuggestionChoice]) -> Double? {
            var predictions = Array(repeating: 0.0, count: all.count)
            for item in ModelSelection.crossValidatedPredictions(self.problem(problem, with: added), indices: all, fold: fold, settings: settings) {
                predictions[item.index] = item.prediction
            }
            return Kappa.quadraticWeighted(human: problem.target, machine: predictions, scale: problem.scale)
        }
        var before = kappa([])
        var described: [TuneReport.Suggestion] = []
        let movable = all.filter { problem.fixed[$0] == nil }
        for (position, choice) in chosen.enumerated() {
            let after = kappa(Array(chosen.prefix(position + 1)))
            let column = columns[choice.candidate], candidate = candidates[choice.candidate]
            described.append(TuneReport.Suggestion(
                label: candidate.label, matcher: candidate.matcher, source: candidate.source.rawValue,
                kind: choice.isPenalty ? .penalty : .criterion,
                weight: model.weights[problem.features + position], qwkBefore: before, qwkAfter: after,
                firesHigh: movable.filter { problem.isHigh($0) && column[$0] != 0 }.count,
                firesLow: movable.filter { !problem.isHigh($0) && column[$0] != 0 }.count,
                examples: choice.isPenalty ? examples[choice.candidate].low : examples[choice.candidate].high))
            before = after
        }
        return described
    }
}
