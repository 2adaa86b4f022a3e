/// Counts of (human category, rubric category) pairs: rows are the human's
/// score, columns the rubric's, on a score scale's grid. The table behind kappa,
/// and the picture that shows whether a rubric is harsh, lenient or just noisy.
public struct ConfusionMatrix: Sendable, Equatable {
    /// Category k stands for the score `scale.value(k)`.
    public let scale: ScoreScale
    public private(set) var counts: [[Int]]

    public var categories: Int { counts.count }
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    public init(scale: ScoreScale) {
        self.scale = scale
        counts = Array(repeating: Array(repeating: 0, count: scale.categories), count: scale.categories)
    }

    /// A matrix of scores snapped to the grid of `scale`.
    public init(human: [Double], machine: [Double], scale: ScoreScale) {
        self.init(scale: scale)
        for (h, m) in zip(human, machine) { add(human: h, machine: m) }
    }

    public init(counts: [[Int]], lowest: Int = 0) {
        scale = ScoreScale(lowest: Double(lowest), highest: Double(lowest + max(1, counts.count) - 1), step: 1)
        self.counts = counts
    }

    public mutating func add(human: Double, machine: Double) {
        counts[scale.category(human)][scale.category(machine)] += 1
    }

    /// Cohen's kappa: agreement beyond what the raters' marginals give by chance.
    public var cohensKappa: Double? {
        let n = Double(total)
        guard n > 0 else { return nil }
        var observed = 0.0, expected = 0.0
        for k in 0..<categories {
            observed += Double(counts[k][k])
            expected += rowSum(k) * columnSum(k)
        }
        observed /= n
        expected /= n * n
        guard expected < 1 else { return nil }
        return (observed - expected) / (1 - expected)
    }

    /// Quadratic weighted kappa: disagreements weighted by the square of their distance,
    /// so scoring 9 for a 10 costs little and 0 for a 10 costs most.
    public var quadraticWeightedKappa: Double? {
        let n = Double(total)
        guard n > 0, categories > 1 else { return nil }
        let span = Double((categories - 1) * (categories - 1))
        var observed = 0.0, expected = 0.0
        for i in 0..<categories {
            for j in 0..<categories {
                let weight = Double((i - j) * (i - j)) / span
                observed += weight * Double(counts[i][j])
                expected += weight * rowSum(i) * columnSum(j) / n
            }
        }
        guard expected > 0 else { return nil }
        return 1 - observed / expected
    }

    func rowSum(_ row: Int) -> Double { Double(counts[row].reduce(0, +)) }
    func columnSum(_ column: Int) -> Double { Double(counts.reduce(0) { $0 + $1[column] }) }
}
