/// The suggestion learner's penalised least squares, solved by coordinate descent on the
/// centred normal equations (G = Σ(x−x̄)(x−x̄)ᵀ, c = Σ(x−x̄)(y−ȳ), so the intercept is free):
///
///     minimise  ½ wᵀGw − cᵀw + Σ_rules (ρⱼ/2)(wⱼ − w₀ⱼ)² + λ Σ_candidates κⱼwⱼ   subject to w ≥ 0
///
/// The rubric's own features keep their ridge toward the author's weights (as in `ScoreFit`);
/// every candidate feature carries an L1 penalty λκⱼ, which holds most of them at exactly 0, so
/// the survivors are a short list a person can read (κⱼ: the candidate's cost, more for a
/// harder-to-read matcher). Columns are signed before the fit (a
/// phrase of low-scored answers enters as −1, like a penalty), so w ≥ 0 keeps a criterion a
/// criterion and a penalty a penalty.
///
/// Hand-written: no Swift package here does a non-negative lasso, and on a few hundred
/// binary columns it is a short loop. Each coordinate is minimised exactly in turn; the
/// gradient g = c − Gw is kept up to date, so a coordinate that stays at 0 (most of them)
/// costs O(1) and a move costs one column of G. The objective is convex, so the sweeps
/// converge to its minimum; warm starts along a decreasing λ path make each step short.
enum CoordinateDescent {
    struct System {
        /// Row-major, p × p.
        let gram: [Double]
        let moment: [Double]
        /// Per feature: its ridge ρ (0 for a candidate) and prior w₀; `cost` is κ, 0 for the rubric's own features.
        let ridge: [Double]
        let prior: [Double]
        let cost: [Double]
        package var count: Int { moment.count }
    }

    /// The relaxed system of an active set: the candidates in `active` lose their L1 cost and
    /// take a light ridge toward 0 (as the final fit gives them), the others are held at 0.
    /// Judging a λ by this refit, not by the shrunken weights, keeps cross-validation from
    /// choosing a small λ only to undo the shrinkage, which lets in a tail of tiny weights.
    static func relaxed(_ system: System, active: [Bool], ridge: Double) -> System {
        System(gram: system.gram, moment: system.moment,
               ridge: system.ridge.indices.map { system.cost[$0] > 0 ? (active[$0] ? ridge : 0) : system.ridge[$0] },
               prior: system.prior,
               cost: system.cost.indices.map { system.cost[$0] > 0 ? (active[$0] ? 0 : .infinity) : 0 })
    }

    /// The largest λ at which some candidate would leave 0, with the others at `start`.
    static func lambdaMax(_ system: System, start: [Double]) -> Double {
        let gradient = gradient(system, start)
        var best = 0.0
        for j in 0..<system.count where system.cost[j] > 0 { best = max(best, gradient[j] / system.cost[j]) }
        return best
    }

    /// The minimiser for `lambda`, starting from `start` (a warm start from the previous λ).
    static func solve(_ system: System, lambda: Double, start: [Double], tolerance: Double = 1e-7, maximumSweeps: Int = 500) -> [Double] {
        let p = system.count
        var w = start
        var g = gradient(system, w)
        for _ in 0..<maximumSweeps {
            var largest = 0.0
            for j in 0..<p {
                let diagonal = system.gram[j * p + j]
                let own = g[j] + diagonal * w[j]
                let next: Double
                if system.cost[j] > 0 {
                    next = diagonal > 1e-12 ? max(0, (own - lambda * system.cost[j]) / diagonal) : 0
                } else {
                    let denominator = diagonal + system.ridge[j]
                    next = denominator > 1e-12 ? max(0, (own + system.ridge[j] * system.prior[j]) / denominator) : max(0, system.prior[j])
                }
                let delta = next - w[j]
                if delta == 0 { continue }
                w[j] = next
                for k in 0..<p { g[k] -= delta * system.gram[k * p + j] }
                largest = max(largest, abs(delta) * max(1, diagonal.squareRoot()))
            }
            if largest < tolerance { break }
        }
        return w
    }

    private static func gradient(_ system: System, _ w: [Double]) -> [Double] {
        let p = system.count
        var g = system.moment
        for j in 0..<p where w[j] != 0 {
            for k in 0..<p { g[k] -= system.gram[k * p + j] * w[j] }
        }
        return g
    }
}
