/// Quadratic weighted kappa computed from the scores themselves rather than from a
/// table: 1 − Σ(hᵢ − mᵢ)² / (1/n · Σᵢ Σⱼ (hᵢ − mⱼ)²). On scores that lie on an evenly
/// spaced grid this is exactly the textbook matrix form (weights (i−j)²/(K−1)²; the
/// normaliser cancels), and it needs no table, so questions of any scale pool into
/// one figure. The double sum is expanded (n·Σh² + n·Σm² − 2·Σh·Σm), so it costs O(n).
public enum Kappa {
    /// QWK of `machine` against `human`, both snapped to `scale` first; nil when it is
    /// undefined (fewer than two answers, or no spread in either rater's scores).
    public static func quadraticWeighted(human: [Double], machine: [Double], scale: ScoreScale) -> Double? {
        precondition(human.count == machine.count)
        guard human.count >= 2 else { return nil }
        let n = Double(human.count)
        var observed = 0.0, sumH = 0.0, sumM = 0.0, squaresH = 0.0, squaresM = 0.0
        for (rawH, rawM) in zip(human, machine) {
            let h = Double(scale.category(rawH)), m = Double(scale.category(rawM))
            observed += (h - m) * (h - m)
            sumH += h
            sumM += m
            squaresH += h * h
            squaresM += m * m
        }
        let expected = squaresH + squaresM - 2 * sumH * sumM / n
        guard expected > 1e-12 else { return nil }
        return 1 - observed / expected
    }
}
