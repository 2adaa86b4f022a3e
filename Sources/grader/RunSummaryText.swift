import GraderEngine
import GraderFoundation
import GraderWorkflows


/// The one-screen summary printed after a run.
struct RunSummaryText {
    let report: RunReport
    let rubric: GraderEngine.Rubric
    let output: String
    let showStages: Bool

    /// Warnings listed in full before the rest is only counted (all are in the reports).
    static let warningsShown = 10

    var text: String {
        var lines: [String] = []
        let seconds = Self.seconds(report.elapsed)
        let megabytes = Double(report.bytesRead) / 1_048_576
        lines.append("Graded \(Plural.count(report.graded, "candidate")), \(Plural.count(report.answers, "answer")) (\(Self.format(megabytes, 2)) MB) "
                     + "in \(Self.format(seconds, 2)) s: \(Int(seconds > 0 ? Double(report.answers) / seconds : 0)) answers/s.")
        if report.reused > 0 {
            lines.append("Reused the reports of \(Plural.count(report.reused, "candidate")) unchanged since the last run "
                         + "(same submission and rubric); graded \(report.graded - report.reused). --force grades everyone.")
        }
        if report.graded > 0 {
            let totals = report.cohort.totals
            let maximum = rubric.maxPoints
            lines.append("Scores out of \(NumberText.format(maximum)): mean \(Self.format(totals.mean, 1)) (\(Self.format(maximum > 0 ? totals.mean / maximum * 100 : 0, 1))%), "
                         + "median \(Self.format(totals.median, 1)), lowest \(Self.format(totals.min, 1)), highest \(Self.format(totals.max, 1)).")
        }
        if !report.skipped.isEmpty {
            lines.append("Skipped \(report.skipped.count) (reasons above).")
        }
        if !report.warnings.isEmpty {
            lines.append("Warnings: \(report.warnings.count)" + (report.warnings.count > Self.warningsShown ? " (first \(Self.warningsShown); all are in the reports)" : ""))
            for warning in report.warnings.prefix(Self.warningsShown) { lines.append("  \(warning.terminalText)") }
        }
        if showStages {
            lines.append("Stage times (summed over workers):")
            for stage in Stage.allCases {
                let spent = Self.seconds(report.stageTimes.durations[stage] ?? .zero)
                lines.append("  \(stage.rawValue.padding(9)) \(Self.format(spent * 1000, 1)) ms")
            }
        }
        if report.otherShards > 0 {
            lines.append("This shard graded \(Plural.count(report.graded, "candidate")); \(report.otherShards) "
                         + (report.otherShards == 1 ? "belongs to another shard" : "belong to other shards") + " (merge with grader cohort).")
        }
        lines += ModerationOption.summary(report.moderation)
        lines += CohortArguments.summary(report.cohort)
        lines.append("Reports: \(output)/candidates/ (XML + HTML), \(output)/index.html (cohort), \(output)/grades.csv"
                     + (report.studentReports ? ", \(output)/students/ (for candidates)" : ""))
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
