import GraderFoundation

/// Fits a `ScoreModel` to some of a problem's answers (see `ScoreModel` for the model).
enum ScoreFit {
    /// The model fitted on the answers `indices` of `problem` with `settings`.
    ///
    /// The intercept is left unpenalised by centring: with column means x̄ and mean ȳ,
    /// w minimises ‖(X − x̄)w − (y − ȳ)‖² + λ‖w − w₀‖² over w ≥ 0 (non-negative least squares
    /// on the normal equations), then b = ȳ − x̄·w. Weights and base are rounded to the
    /// problem's step before the cut-points are fitted, so the cut-points fit the very
    /// scores the written rubric will compute.
    /// `sums` are the answers' sums when the caller has them (`FoldSums`); else they are added up here.
    package static func fit(_ problem: FitProblem, on indices: [Int], settings: FitSettings, sums given: NormalSums? = nil) -> ScoreModel {
        guard let linear = linear(problem, ridge: settings.ridge, sums: given ?? NormalSums(problem, indices)) else { return problem.authorModel }
        return mapped(linear, problem, on: indices, mapping: settings.mapping)
    }

    /// The rounded weights and base for one ridge (the author's map, no cut-points): the same
    /// for both maps of that ridge, so cross-validation over the grid solves it once. Nil without answers.
    static func linear(_ problem: FitProblem, ridge: Double, sums: NormalSums) -> ScoreModel? {
        let p = problem.features
        guard sums.count > 0 else { return nil }
        let n = sums.count
        let meanX = sums.x.map { $0 / n }
        let meanY = sums.y / n
        // Centred normal equations from the raw sums: Σ(x−x̄)(x−x̄)ᵀ = Σxxᵀ − n·x̄x̄ᵀ, Σ(x−x̄)(y−ȳ) = Σxy − n·x̄ȳ.
        var gram = Array(repeating: Array(repeating: 0.0, count: p), count: p)
        var moment = Array(repeating: 0.0, count: p)
        for i in 0..<p {
            moment[i] = sums.xy[i] - n * meanX[i] * meanY
            for j in 0..<p { gram[i][j] = sums.xx[i * p + j] - n * meanX[i] * meanX[j] }
        }
        for i in 0..<p {
            let pull = min(ridge, problem.ridgeLimit[i])
            gram[i][i] += pull
            moment[i] += pull * problem.prior[i]
        }
        let exact = NonNegativeLeastSquares.solve(gram: gram, moment: moment)
        let weights = exact.map { round($0, problem.step) }
        var base = meanY
        for j in 0..<p { base -= meanX[j] * weights[j] }
        base = round(base, problem.step)
        return ScoreModel(weights: weights, base: base, bands: [], mapping: .author)
    }

    /// `linear` with the map `mapping`: cut-points fitted to the answers `indices` for `.cutPoints`.
    static func mapped(_ linear: ScoreModel, _ problem: FitProblem, on indices: [Int], mapping: ScoreModel.Mapping) -> ScoreModel {
        var model = linear
        model.mapping = mapping
        if mapping == .cutPoints {
            let usable = indices.filter { problem.fixed[$0] == nil }
            model.bands = CutPoints.fit(raw: usable.map { model.raw(problem.rows[$0]) }, target: usable.map { problem.target[$0] },
                                        scale: problem.scale, floor: problem.floor, points: problem.points, step: problem.step)
        }
        return model
    }

    package static func round(_ value: Double, _ step: Double) -> Double {
        let rounded = (value / step).rounded() * step
        return abs(rounded) < 1e-12 ? 0 : rounded
    }
}

/// What least squares needs of some answers, added up once: their count, Σx, Σy, Σxxᵀ and Σxy
/// over the answers the weights can move. Sums of folds add, so a fit on any union of folds
/// costs O(features²) instead of a pass over its answers; cross-validation fits a few hundred.
struct NormalSums: Sendable {
    package var count = 0.0
    var x: [Double]
    var y = 0.0
    /// Row-major, features × features.
    var xx: [Double]
    var xy: [Double]

    init(features: Int) {
        x = Array(repeating: 0, count: features)
        xx = Array(repeating: 0, count: features * features)
        xy = Array(repeating: 0, count: features)
    }

    /// The sums over the answers `indices` of `problem` that are not fixed.
    init(_ problem: FitProblem, _ indices: [Int]) {
        let p = problem.features
        self.init(features: p)
        for index in indices where problem.fixed[index] == nil {
            let row = problem.rows[index], target = problem.target[index]
            count += 1
            y += target
            for i in 0..<p where row[i] != 0 {
                x[i] += row[i]
                xy[i] += row[i] * target
                for j in 0..<p where row[j] != 0 { xx[i * p + j] += row[i] * row[j] }
            }
        }
    }

    static func + (a: NormalSums, b: NormalSums) -> NormalSums {
        var sum = a
        sum.count += b.count
        sum.y += b.y
        for i in sum.x.indices { sum.x[i] += b.x[i]; sum.xy[i] += b.xy[i] }
        for i in sum.xx.indices { sum.xx[i] += b.xx[i] }
        return sum
    }
}

/// A problem's `NormalSums` per fold, so each training set's sums are a few additions.
struct FoldSums {
    let byFold: [Int: NormalSums]
    let features: Int

    init(_ problem: FitProblem, fold: [Int]) {
        var groups: [Int: [Int]] = [:]
        for index in problem.target.indices { groups[fold[index], default: []].append(index) }
        byFold = groups.mapValues { NormalSums(problem, $0) }
        features = problem.features
    }

    /// The sums over the folds in `folds`.
    func sums(of folds: [Int]) -> NormalSums {
        folds.reduce(NormalSums(features: features)) { $0 + (byFold[$1] ?? NormalSums(features: features)) }
    }
}

/// Chooses the fit's settings and measures the fit honestly: every figure reported for a
/// tuned rubric comes from answers the fit never saw, and the settings used to predict an
/// answer are chosen by cross-validation inside the training folds only (nested), never
/// on the fold being predicted.
enum ModelSelection {
    /// Deterministic, stratified folds: answers ordered by the person's score and then by a
    /// fixed-seed hash of their key (the candidate id) are dealt out in turn, so every fold
    /// spans the scale and the split is the same on every run and machine. Another `repetition`
    /// hashes with another seed: a different split, as fixed as the first (the guard repeats
    /// cross-validation over several).
    package static func folds(keys: [String], target: [Double], k: Int, repetition: Int = 0) -> [Int] {
        let seed = StableHash.defaultSeed &+ UInt64(repetition) &* 0x9E37_79B9_7F4A_7C15
        let hashes = keys.map { StableHash.of($0, seed: seed) }
        let order = keys.indices.sorted {
            (target[$0], hashes[$0], keys[$0]) < (target[$1], hashes[$1], keys[$1])
        }
        var fold = Array(repeating: 0, count: keys.count)
        for (position, index) in order.enumerated() { fold[index] = position % max(1, k) }
        return fold
    }

    /// Each answer of `indices` predicted by a model fitted without its fold, fold by fold
    /// (empty when there are not two folds to fit and predict).
    static func crossValidatedPredictions(_ problem: FitProblem, indices: [Int], fold: [Int], settings: FitSettings,
                                          sums given: FoldSums? = nil) -> [(index: Int, prediction: Double)] {
        let folds = Set(indices.map { fold[$0] }).sorted()
        guard folds.count >= 2 else { return [] }
        let sums = given ?? FoldSums(problem, fold: fold)
        var predictions: [(index: Int, prediction: Double)] = []
        predictions.reserveCapacity(indices.count)
        for held in folds {
            let training = indices.filter { fold[$0] != held }
            let model = ScoreFit.fit(problem, on: training, settings: settings, sums: sums.sums(of: folds.filter { $0 != held }))
            for index in indices where fold[index] == held { predictions.append((index, problem.predict(index, model))) }
        }
        return predictions
    }

    /// The squared error of each answer of `indices` predicted by a model fitted without its fold.
    static func crossValidatedErrors(_ problem: FitProblem, indices: [Int], fold: [Int], settings: FitSettings,
                                     sums: FoldSums? = nil) -> [Double] {
        crossValidatedPredictions(problem, indices: indices, fold: fold, settings: settings, sums: sums).map { item in
            let difference = item.prediction - problem.target[item.index]
            return difference * difference
        }
    }

    /// `crossValidatedErrors` for every settings of `grid`, in its order: on each training set the
    /// weights are solved once per ridge and serve both maps (the same numbers as one settings at a time).
    static func crossValidatedErrors(_ problem: FitProblem, indices: [Int], fold: [Int], grid: [FitSettings],
                                     sums: FoldSums) -> [[Double]] {
        var errors = Array(repeating: [Double](), count: grid.count)
        let folds = Set(indices.map { fold[$0] }).sorted()
        guard folds.count >= 2 else { return errors }
        for held in folds {
            let training = indices.filter { fold[$0] != held }
            let trainingSums = sums.sums(of: folds.filter { $0 != held })
            var solved: [Double: ScoreModel?] = [:]
            for (position, settings) in grid.enumerated() {
                let linear = solved[settings.ridge] ?? ScoreFit.linear(problem, ridge: settings.ridge, sums: trainingSums)
                solved[settings.ridge] = linear
                let model = linear.map { ScoreFit.mapped($0, problem, on: training, mapping: settings.mapping) } ?? problem.authorModel
                for index in indices where fold[index] == held {
                    let difference = problem.predict(index, model) - problem.target[index]
                    errors[position].append(difference * difference)
                }
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
                       grid: [FitSettings] = FitSettings.grid, sums given: FoldSums? = nil) -> FitSettings {
        let sums = given ?? FoldSums(problem, fold: fold)
        let measured = crossValidatedErrors(problem, indices: indices, fold: fold, grid: grid, sums: sums).map { errors -> (mean: Double, error: Double) in
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
        let sums = FoldSums(problem, fold: fold)
        for held in folds {
            let training = all.filter { fold[$0] != held }
            let settings = choose(problem, indices: training, fold: fold, grid: grid, sums: sums)
            chosen.append(settings)
            let model = ScoreFit.fit(problem, on: training, settings: settings, sums: sums.sums(of: folds.filter { $0 != held }))
            for index in all where fold[index] == held { predictions[index] = problem.predict(index, model) }
        }
        return (predictions, chosen)
    }
}

/// FNV-1a over UTF-8 with a fixed seed: the same on every run and platform, unlike Swift's `Hasher`.
enum StableHash {
    static let defaultSeed: UInt64 = 0x5EED_6AD3_0000_0001

    package static func of(_ text: String, seed: UInt64 = defaultSeed) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ seed
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
