import GraderCore

/// The one-screen summary printed after a run.
struct RunSummaryText {
    let report: RunReport
    let rubric: GraderCore.Rubric
    let output: String
    let showStages: Bool

    /// Warnings listed in full before the rest is only counted (all are in the reports).
    static let warningsShown = 10

    var text: String {
        var lines: [String] = []
        let seconds = Self.seconds(report.elapsed)
        let megabytes = Double(report.bytesRead) / 1_048_576
        lines.append("Graded \(report.graded.count) candidates, \(report.answers) answers (\(Self.format(megabytes, 2)) MB) "
                     + "in \(Self.format(seconds, 2)) s: \(Int(seconds > 0 ? Double(report.answers) / seconds : 0)) answers/s.")
        if !report.graded.isEmpty {
            let totals = report.graded.map(\.total).sorted()
            let maximum = rubric.maxPoints
            let mean = totals.reduce(0, +) / Double(totals.count)
            let median = totals.count % 2 == 1 ? totals[totals.count / 2]
                                               : (totals[totals.count / 2 - 1] + totals[totals.count / 2]) / 2
            lines.append("Scores out of \(NumberText.format(maximum)): mean \(Self.format(mean, 1)) (\(Self.format(maximum > 0 ? mean / maximum * 100 : 0, 1))%), "
                         + "median \(Self.format(median, 1)), lowest \(Self.format(totals.first!, 1)), highest \(Self.format(totals.last!, 1)).")
        }
        if !report.skipped.isEmpty {
            lines.append("Skipped \(report.skipped.count) (reasons above).")
        }
        if !report.warnings.isEmpty {
            lines.append("Warnings: \(report.warnings.count)" + (report.warnings.count > Self.warningsShown ? " (first \(Self.warningsShown); all are in the reports)" : ""))
            for warning in report.warnings.prefix(Self.warningsShown) { lines.append("  \(warning)") }
        }
        if showStages {
            lines.append("Stage times (summed over workers):")
            for stage in Stage.allCases {
                let spent = Self.seconds(report.stageTimes.durations[stage] ?? .zero)
                lines.append("  \(stage.rawValue.padding(9)) \(Self.format(spent * 1000, 1)) ms")
            }
        }
        if report.otherShards > 0 {
            lines.append("This shard graded \(report.graded.count) candidates; \(report.otherShards) belong to other shards (merge with grader cohort).")
        }
        lines += CohortArguments.summary(report.cohort)
        lines.append("Reports: \(output)/candidates/ (XML + HTML), \(output)/index.html (cohort), \(output)/grades.csv")
        return lines.joined(separator: "\n")
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func format(_ value: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = "\(rounded)"
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if places == 0 { text = String(text[..<dot]) } else if decimals < places { text += String(repeating: "0", count: places - decimals) }
        }
        return text
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
