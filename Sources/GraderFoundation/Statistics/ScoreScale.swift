/// The scale people score a question on: from `lowest` to `highest` in steps of
/// `step` (whole points, halves, eighths...). Exact agreement, adjacency, the
/// confusion matrix and kappa are all counted on this grid, so a 0–1 question
/// marked in eighths is compared in eighths, not rounded to 0 or 1.
public struct ScoreScale: Sendable, Equatable {
    public let lowest: Double
    public let highest: Double
    public let step: Double

    /// Steps tried, coarsest first: the scale takes the coarsest that every human score lies on.
    static let usualSteps: [Double] = [1, 0.5, 0.25, 0.2, 0.125, 0.1, 0.05, 0.025, 0.01]

    public init(lowest: Double, highest: Double, step: Double) {
        self.lowest = lowest
        self.highest = max(lowest, highest)
        self.step = step > 0 ? step : 1
    }

    /// The scale from `lowest` to `highest` on the coarsest usual step every score of `human` lies on.
    public init(lowest: Double, highest: Double, human: [Double]) {
        let fits = Self.usualSteps.first { step in
            human.allSatisfy { abs(($0 / step).rounded() * step - $0) < 1e-6 }
        }
        self.init(lowest: lowest, highest: highest, step: fits ?? Self.usualSteps.last!)
    }

    /// Number of grid points from `lowest` to `highest`.
    public var categories: Int { Int(((highest - lowest) / step).rounded()) + 1 }

    /// The grid point of category `index`.
    public func value(_ index: Int) -> Double { lowest + Double(index) * step }

    /// The category a score falls in: the nearest grid point, held inside the scale.
    public func category(_ score: Double) -> Int {
        min(max(Int(((score - lowest) / step).rounded()), 0), categories - 1)
    }

    /// The nearest grid point to `score` inside the scale.
    public func snap(_ score: Double) -> Double { value(category(score)) }

    /// One scale for scores of several questions: the widest range on the finest step.
    public static func pooled(_ scales: [ScoreScale]) -> ScoreScale {
        guard let first = scales.first else { return ScoreScale(lowest: 0, highest: 1, step: 1) }
        return ScoreScale(lowest: scales.map(\.lowest).min() ?? first.lowest, highest: scales.map(\.highest).max() ?? first.highest,
                          step: scales.map(\.step).min() ?? first.step)
    }
}
