/// Pearson's and Spearman's correlation and the point-biserial correlation
/// (Pearson's with one variable 0/1). Each is nil when a variable does not vary,
/// where the coefficient is undefined, rather than a misleading 0.
public enum Correlation {
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        precondition(x.count == y.count)
        guard x.count >= 2 else { return nil }
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n, meanY = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - meanX) * (b - meanY)
            sxx += (a - meanX) * (a - meanX)
            syy += (b - meanY) * (b - meanY)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    /// Pearson's correlation of the ranks, ties given their average rank.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
        pearson(ranks(x), ranks(y))
    }

    /// Correlation of a 0/1 variable (a criterion fired or not) with a score.
    public static func pointBiserial(_ flags: [Bool], _ scores: [Double]) -> Double? {
        pearson(flags.map { $0 ? 1 : 0 }, scores)
    }

    /// 1-based ranks; tied values share the mean of the ranks they span.
    public static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let shared = Double(start + end) / 2 + 1
            for index in start...end { ranks[order[index]] = shared }
            start = end + 1
        }
        return ranks
    }
}
