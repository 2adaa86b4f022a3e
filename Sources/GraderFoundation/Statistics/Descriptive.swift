/// The summary of a list of numbers that the cohort report shows for totals,
/// question scores, answer lengths and readability.
///
/// Conventions (stated in the report too): SD is the sample standard deviation
/// (divisor n − 1); quartiles interpolate linearly between order statistics
/// (Hyndman–Fan type 7, as numpy's default and Excel's QUARTILE.INC).
public struct Descriptive: Sendable, Equatable {
    public let count: Int
    public let mean: Double
    public let sd: Double
    public let min: Double
    public let q1: Double
    public let median: Double
    public let q3: Double
    public let max: Double

    public static let empty = Descriptive(count: 0, mean: 0, sd: 0, min: 0, q1: 0, median: 0, q3: 0, max: 0)

    public init(count: Int, mean: Double, sd: Double, min: Double, q1: Double, median: Double, q3: Double, max: Double) {
        self.count = count
        self.mean = mean
        self.sd = sd
        self.min = min
        self.q1 = q1
        self.median = median
        self.q3 = q3
        self.max = max
    }

    public init(_ values: [Double]) {
        guard !values.isEmpty else {
            self = .empty
            return
        }
        let sorted = values.sorted()
        let mean = ItemAnalysis.mean(values)
        self.init(count: values.count, mean: mean, sd: ItemAnalysis.sd(values), min: sorted[0],
                  q1: ItemAnalysis.quantile(sorted: sorted, 0.25), median: ItemAnalysis.quantile(sorted: sorted, 0.5),
                  q3: ItemAnalysis.quantile(sorted: sorted, 0.75), max: sorted[sorted.count - 1])
    }
}
