/// The named passes every candidate goes through, in order. `--profile` reports the time spent in each.
public enum Stage: String, Sendable, CaseIterable {
    /// Read the file(s), decode, split into answers.
    case ingest
    /// NFKC, folding and code-aware tokens.
    case normalise
    /// Length, readability, code and copying measures.
    case profile
    /// Every criterion's and penalty's matcher, and the score.
    case match
    /// XML and HTML reports.
    case report
    /// Reading each report back into a digest, the cohort statistics and similar answers.
    case cohort
}

/// Time spent per stage, summed over candidates (and so over workers).
public struct StageTimes: Sendable {
    public private(set) var durations: [Stage: Duration] = [:]

    public init() {}

    /// Seconds per stage in `Stage` order, for the cohort report's run facts.
    public var seconds: [(name: String, seconds: Double)] {
        Stage.allCases.map { stage in
            let duration = durations[stage] ?? .zero
            return (stage.rawValue, Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        }
    }

    package mutating func add(_ stage: Stage, _ duration: Duration) {
        durations[stage, default: .zero] += duration
    }

    package mutating func merge(_ other: StageTimes) {
        for (stage, duration) in other.durations { add(stage, duration) }
    }

    /// Runs `body`, charging its time to `stage`.
    package mutating func measure<T>(_ stage: Stage, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        defer { add(stage, ContinuousClock.now - start) }
        return try body()
    }
}
