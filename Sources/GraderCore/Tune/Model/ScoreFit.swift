/// Fits a `ScoreModel` to some of a problem's answers (see `ScoreModel` for the model).
enum ScoreFit {
    /// The model fitted on the answers `indices` of `problem` with `settings`.
    ///
    /// The intercept is left unpenalised by centring: with column means x̄ and mean ȳ,
    /// w minimises ‖(X − x̄)w − (y − ȳ)‖² + λ‖w − w₀‖² over w ≥ 0 (non-negative least squares
    /// on the normal equations), then b = ȳ − x̄·w. Weights and base are rounded to the
    /// problem's step before the cut-points are fitted, so the cut-points fit the very
    /// scores the written rubric will compute.
    static func fit(_ problem: FitProblem, on indices: [Int], settings: FitSettings) -> ScoreModel {
        let usable = indices.filter { problem.fixed[$0] == nil }
        let p = problem.features
        guard !usable.isEmpty else { return problem.authorModel }
        let n = Double(usable.count)
        var meanX = Array(repeating: 0.0, count: p)
        var meanY = 0.0
        for index in usable {
            let row = problem.rows[index]
            for j in 0..<p where row[j] != 0 { meanX[j] += row[j] }
            meanY += problem.target[index]
        }
        for j in 0..<p { meanX[j] /= n }
        meanY /= n
        var gram = Array(repeating: Array(repeating: 0.0, count: p), count: p)
        var moment = Array(repeating: 0.0, count: p)
        var centred = Array(repeating: 0.0, count: p)
        for index in usable {
            let row = problem.rows[index]
            for j in 0..<p { centred[j] = row[j] - meanX[j] }
            let y = problem.target[index] - meanY
            for i in 0..<p where centred[i] != 0 {
                moment[i] += centred[i] * y
                for j in i..<p { gram[i][j] += centred[i] * centred[j] }
            }
        }
        for i in 0..<p {
            for j in 0..<i { gram[i][j] = gram[j][i] }
            let ridge = min(settings.ridge, problem.ridgeLimit[i])
            gram[i][i] += ridge
            moment[i] += ridge * problem.prior[i]
        }
        let exact = NonNegativeLeastSquares.solve(gram: gram, moment: moment)
        let weights = exact.map { round($0, problem.step) }
        var base = meanY
        for j in 0..<p { base -= meanX[j] * weights[j] }
        base = round(base, problem.step)
        var model = ScoreModel(weights: weights, base: base, bands: [], mapping: settings.mapping)
        if settings.mapping == .cutPoints {
            model.bands = CutPoints.fit(raw: usable.map { model.raw(problem.rows[$0]) }, target: usable.map { problem.target[$0] },
                                        scale: problem.scale, floor: problem.floor, points: problem.points, step: problem.step)
        }
        return model
    }

    static func round(_ value: Double, _ step: Double) -> Double {
        let rounded = (value / step).rounded() * step
        return abs(rounded) < 1e-12 ? 0 : rounded
    }
}

/// Chooses the fit's settings and measures the fit honestly: every figure reported for a
/// tuned rubric comes from answers the fit never saw, and the settings used to predict an
/// answer are chosen by cross-validation inside the training folds only (nested), never
/// on the fold being predicted.
enum ModelSelection {
    /// Deterministic, stratified folds: answers ordered by the person's score and then by a
    /// fixed-seed hash of their key (the candidate id) are dealt out in turn, so every fold
    /// spans the scale and the split is the same on every run and machine.
    static func folds(keys: [String], target: [Double], k: Int) -> [Int] {
        let order = keys.indices.sorted {
            (target[$0], StableHash.of(keys[$0]), keys[$0]) < (target[$1], StableHash.of(keys[$1]), keys[$1])
        }
        var fold = Array(repeating: 0, count: keys.count)
        for (position, index) in order.enumerated() { fold[index] = position % max(1, k) }
        return fold
    }

    /// Mean squared error of predictions for `indices` made by models fitted without their fold.
    static func crossValidatedError(_ problem: FitProblem, indices: [Int], fold: [Int], settings: FitSettings) -> Double {
        let errors = crossValidatedErrors(problem, indices: indices, fold: fold, settings: settings)
        return errors.isEmpty ? .infinity : errors.reduce(0, +) / Double(errors.count)
    }

    /// The squared error of each answer of `indices` predicted by a model fitted without its fold
    /// (empty when there are not two folds to fit and predict).
    static func crossValidatedErrors(_ problem: FitProblem, indices: [Int], fold: [Int], settings: FitSettings) -> [Double] {
        let folds = Set(indices.map { fold[$0] }).sorted()
        guard folds.count >= 2 else { return [] }
        var errors: [Double] = []
        errors.reserveCapacity(indices.count)
        for held in folds {
            let training = indices.filter { fold[$0] != held }
            let model = ScoreFit.fit(problem, on: training, settings: settings)
            for index in indices where fold[index] == held {
                let difference = problem.predict(index, model) - problem.target[index]
                errors.append(difference * difference)
            }
        }
        return errors
    }

    /// The settings chosen on `indices` (folds as given) by the one-standard-error rule: the
    /// earliest in the grid's order of preference (strongest pull toward the author, the
    /// author's map) whose cross-validated error is within one standard error of the least.
    /// Picking the bare minimum of a dozen noisy estimates from a few dozen answers rewards
    /// the noise (each fold then chooses differently); within the noise, the author's rubric wins.
    static func choose(_ problem: FitProblem, indices: [Int], fold: [Int],
                       grid: [FitSettings] = FitSettings.grid) -> FitSettings {
        let measured = grid.map { settings -> (mean: Double, error: Double) in
            let errors = crossValidatedErrors(problem, indices: indices, fold: fold, settings: settings)
            guard errors.count >= 2 else { return (.infinity, 0) }
            let mean = errors.reduce(0, +) / Double(errors.count)
            let variance = errors.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(errors.count - 1)
            return (mean, (variance / Double(errors.count)).squareRoot())
        }
        guard let best = measured.indices.min(by: { measured[$0].mean < measured[$1].mean }), measured[best].mean.isFinite
        else { return grid[0] }
        let limit = measured[best].mean + measured[best].error + 1e-12
        return grid[measured.firstIndex { $0.mean <= limit } ?? best]
    }

    /// Held-out predictions of every answer: for each outer fold, settings chosen by inner
    /// cross-validation over the other folds, a model fitted on them, the fold predicted.
    static func nestedPredictions(_ problem: FitProblem, fold: [Int], grid: [FitSettings] = FitSettings.grid)
        -> (predictions: [Double], settings: [FitSettings]) {
        let all = Array(problem.target.indices)
        let folds = Set(fold).sorted()
        var predictions = Array(repeating: 0.0, count: all.count)
        var chosen: [FitSettings] = []
        for held in folds {
            let training = all.filter { fold[$0] != held }
            let settings = choose(problem, indices: training, fold: fold, grid: grid)
            chosen.append(settings)
            let model = ScoreFit.fit(problem, on: training, settings: settings)
            for index in all where fold[index] == held { predictions[index] = problem.predict(index, model) }
        }
        return (predictions, chosen)
    }
}

/// FNV-1a over UTF-8 with a fixed seed: the same on every run and platform, unlike Swift's `Hasher`.
enum StableHash {
    static func of(_ text: String, seed: UInt64 = 0x5EED_6AD3_0000_0001) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ seed
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
