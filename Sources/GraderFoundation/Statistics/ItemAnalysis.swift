/// Classical test theory measures over a score matrix. Hand-written rather than taken
/// from a package: they are a few lines each, and the report must state exactly which
/// definition it uses (sample variance, type-7 quartiles, corrected correlations).
public enum ItemAnalysis {
    public static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// Sample variance (divisor n − 1); 0 for fewer than two values.
    public static func variance(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let mean = mean(values)
        return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    }

    public static func sd(_ values: [Double]) -> Double { variance(values).squareRoot() }

    /// Type-7 quantile of already sorted values.
    public static func quantile(sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let h = Double(sorted.count - 1) * p
        let low = Int(h.rounded(.down))
        let high = Swift.min(low + 1, sorted.count - 1)
        return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
    }

    /// Pearson correlation; nil when either side has no variance (undefined, shown as "–").
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count == y.count, x.count > 1 else { return nil }
        let mx = mean(x), my = mean(y)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for index in x.indices {
            let dx = x[index] - mx, dy = y[index] - my
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    /// Corrected item-total (item-rest) correlation: the item against the total of the
    /// other items, so an item is not correlated with itself.
    public static func itemRestCorrelation(item: [Double], totals: [Double]) -> Double? {
        pearson(item, zip(totals, item).map { $0 - $1 })
    }

    /// Cronbach's alpha of `items` (one array per item, all of the cohort's length):
    /// k/(k−1) · (1 − Σ var(item) / var(total)). nil with fewer than two items or no total variance.
    public static func cronbachAlpha(_ items: [[Double]]) -> Double? {
        guard items.count > 1, let count = items.first?.count, count > 1 else { return nil }
        var totals = [Double](repeating: 0, count: count)
        for item in items { for index in 0..<count { totals[index] += item[index] } }
        let totalVariance = variance(totals)
        guard totalVariance > 0 else { return nil }
        let k = Double(items.count)
        return k / (k - 1) * (1 - items.reduce(0) { $0 + variance($1) } / totalVariance)
    }

    /// Alpha of the test without each item in turn.
    public static func alphaIfDeleted(_ items: [[Double]]) -> [Double?] {
        items.indices.map { skipped in
            cronbachAlpha(items.enumerated().filter { $0.offset != skipped }.map(\.element))
        }
    }

    /// Size of the upper and lower groups: 27 % of the cohort (Kelley), at least one.
    public static func extremeGroupSize(_ count: Int) -> Int {
        Swift.max(1, Int((0.27 * Double(count)).rounded()))
    }

    /// Upper-lower index: (mean of the upper group − mean of the lower group) / maximum.
    /// `order` lists candidate indices from best to worst total.
    public static func upperLowerIndex(_ values: [Double], order: [Int], maximum: Double) -> Double? {
        guard order.count > 1, maximum > 0 else { return nil }
        let size = extremeGroupSize(order.count)
        let upper = order.prefix(size).reduce(0) { $0 + values[$1] } / Double(size)
        let lower = order.suffix(size).reduce(0) { $0 + values[$1] } / Double(size)
        return (upper - lower) / maximum
    }
}
