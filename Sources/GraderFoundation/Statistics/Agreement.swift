/// How often two raters give the same score: exact and adjacent agreement on a
/// grid of `step` points (scores are rounded to it), and the mean absolute error
/// of the raw scores. The first numbers a rubric author reads.
public struct Agreement: Sendable, Equatable {
    public let count: Int
    /// Share of answers where both scores round to the same grid point.
    public let exact: Double
    /// Share of answers within one grid step of each other.
    public let adjacent: Double
    public let meanAbsoluteError: Double

    public init(human: [Double], machine: [Double], step: Double = 1) {
        self.init(human: human, machine: machine, steps: Array(repeating: step, count: human.count))
    }

    /// Answers of several questions pooled, each compared on its own question's step.
    public init(human: [Double], machine: [Double], steps: [Double]) {
        precondition(human.count == machine.count && human.count == steps.count)
        count = human.count
        guard count > 0 else { exact = 0; adjacent = 0; meanAbsoluteError = 0; return }
        var same = 0, near = 0
        var error = 0.0
        for ((h, m), step) in zip(zip(human, machine), steps) {
            let distance = abs((h / step).rounded() - (m / step).rounded())
            if distance == 0 { same += 1 }
            if distance <= 1 { near += 1 }
            error += abs(h - m)
        }
        exact = Double(same) / Double(count)
        adjacent = Double(near) / Double(count)
        meanAbsoluteError = error / Double(count)
    }
}
