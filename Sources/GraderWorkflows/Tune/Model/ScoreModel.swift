import GraderFoundation

/// The model `grader tune` fits to one question, and the rubric it writes back.
///
/// Two stages, both readable in the rubric afterwards:
/// 1. A linear score `raw = base + Σ wⱼ·xⱼ` over what fired in the answer (xⱼ is 1 for a
///    credited criterion, −1 for a credited penalty, and 1 for each "at least k elements"
///    step of a levels group). Weights are fitted by least squares with an unpenalised
///    intercept (the question's `base`: how a lenient or strict marker is corrected) and a
///    ridge that pulls every weight toward the author's own (‖Xw + b − y‖² + λ‖w − w₀‖²),
///    subject to w ≥ 0, so a criterion never turns into a penalty nor a penalty into
///    credit, and forty answers cannot overfit: with little data the author's weights win.
///    This is the maximum a-posteriori fit under a Gaussian prior centred on the author's
///    weights, truncated at zero.
/// 2. A map from `raw` onto the human scale: either the author's (clamp to the question's
///    range, or the author's `<bands>`), or ordinal cut-points fitted to the people's
///    scores (`CutPoints`), written back as `<bands>`. The human score is an ordered
///    category, usually on a small grid; cut-points learn where each category starts.
///
/// It assumes the criteria add up (no interactions beyond what levels and gates say) and
/// that more raw score never means a lower human score. λ and the map are chosen by
/// cross-validation inside the training answers only (`ModelSelection`).
struct ScoreModel: Sendable, Equatable {
    package var weights: [Double]
    package var base: Double
    /// Cut-points: (lowest raw score of the band, points). Empty: the author's map.
    package var bands: [(from: Double, points: Double)]
    var mapping: Mapping

    enum Mapping: String, Sendable { case author, cutPoints = "cut-points" }

    static func == (a: ScoreModel, b: ScoreModel) -> Bool {
        a.weights == b.weights && a.base == b.base && a.mapping == b.mapping
            && a.bands.map(\.from) == b.bands.map(\.from) && a.bands.map(\.points) == b.bands.map(\.points)
    }

    func raw(_ row: [Double]) -> Double {
        var sum = base
        for (x, w) in zip(row, weights) where x != 0 { sum += x * w }
        return sum
    }

    func predict(_ row: [Double], in problem: FitProblem) -> Double {
        let value = raw(row)
        switch mapping {
        case .author: return problem.authorMap(value)
        case .cutPoints: return problem.clamp(Self.band(value, bands) ?? problem.floor)
        }
    }

    /// The points of the band with the greatest `from` at or below `raw`; nil below every band.
    package static func band(_ raw: Double, _ bands: [(from: Double, points: Double)]) -> Double? {
        bands.last { $0.from <= raw + 1e-9 }?.points
    }
}

/// Settings the fit does not learn from the answers it fits: chosen by inner cross-validation.
struct FitSettings: Sendable, Equatable, CustomStringConvertible {
    /// Strength of the pull toward the author's weights (in answers' worth of squared error).
    var ridge: Double
    var mapping: ScoreModel.Mapping

    package var description: String {
        let pull = ridge >= 1e5 ? "the author's weights" : "weights pulled toward the author's with λ \(NumberText.format(ridge))"
        return "\(pull), \(mapping == .author ? "the author's map" : "fitted cut-points")"
    }

    /// The grid searched, most preferred first: from (in effect) the author's weights with a new
    /// base down to a loose fit, the author's map before cut-points. On a tie the earlier wins,
    /// so the tuned rubric departs from the author's only as far as the answers show it should.
    static let grid: [FitSettings] = [1e6, 256, 64, 16, 4, 1.0].flatMap { ridge in
        [FitSettings(ridge: ridge, mapping: .author), FitSettings(ridge: ridge, mapping: .cutPoints)]
    }
}

/// One question's graded answers as the fit sees them.
struct FitProblem: Sendable {
    /// Per answer: the value of every feature (see `ScoreModel`).
    package var rows: [[Double]]
    /// The person's score of each answer.
    package let target: [Double]
    /// Answers whose score no weight can change (missing, too short, gated off), with that score; nil elsewhere.
    let fixed: [Double?]
    /// The author's weight of every feature, and the author's base points.
    var prior: [Double]
    /// Per feature, the most the ridge may pull it toward its prior: infinite for the author's
    /// own features, small for a suggested criterion (no author stands behind its prior of 0,
    /// so the pull that protects the author's weights must not also silence it).
    var ridgeLimit: [Double]
    let priorBase: Double
    /// The author's `<bands>`, empty when the question has none.
    let authorBands: [(from: Double, points: Double)]
    let floor: Double
    package let points: Double
    package let scale: ScoreScale
    /// Fitted weights, base and cut-points are rounded to multiples of this.
    package let step: Double

    var features: Int { prior.count }

    func clamp(_ value: Double) -> Double { min(max(value, floor), points) }

    /// The author's map from raw score to points: their bands, else the clamp.
    func authorMap(_ raw: Double) -> Double {
        authorBands.isEmpty ? clamp(raw) : clamp(ScoreModel.band(raw, authorBands) ?? floor)
    }

    /// The author's own rubric as a model.
    var authorModel: ScoreModel { ScoreModel(weights: prior, base: priorBase, bands: [], mapping: .author) }

    /// The prediction for answer `index`: its fixed score, or the model's.
    func predict(_ index: Int, _ model: ScoreModel) -> Double {
        fixed[index] ?? model.predict(rows[index], in: self)
    }

    /// Answers the weights can move.
    var fittable: [Int] { rows.indices.filter { fixed[$0] == nil } }

    /// Pull on a suggested criterion's weight: a few answers' worth, whatever the author's features get.
    static let suggestedRidge = 4.0

    /// Whether a person scored answer `index` high: at least half the question's points.
    func isHigh(_ index: Int) -> Bool { target[index] >= points / 2 }

    /// The problem with one more feature, a suggested criterion: prior weight 0, a weak pull.
    func adding(feature column: [Double]) -> FitProblem {
        var copy = self
        copy.rows = zip(rows, column).map { $0 + [$1] }
        copy.prior.append(0)
        copy.ridgeLimit.append(Self.suggestedRidge)
        return copy
    }
}
