/// Inline SVG charts for the cohort page, written as escaped bytes into the page's `HTMLText`
/// (no script, no external file, so the page stays self-contained under its CSP).
enum SVGCharts {
    /// A bar per 10 % band of the total, with the pass mark as a dashed line.
    static func histogram(_ bins: [Int], passPercent: Double, into html: inout HTMLText) {
        let width = 640.0, height = 220.0, left = 36.0, bottom = 28.0, top = 12.0
        let plotWidth = width - left - 8, plotHeight = height - bottom - top
        // Whole-number ticks: four steps of a whole size covering the tallest bar.
        let step = max(1, ((bins.max() ?? 1) + 3) / 4), peak = step * 4
        html.markup("<svg class=\"chart\" viewBox=\"0 0 640 220\" role=\"img\" aria-labelledby=\"hist-title\"><title id=\"hist-title\">Candidates per 10 % band of the total score</title>\n")
        for tick in 0...4 {
            let y = top + plotHeight - plotHeight * Double(tick) / 4
            let label = Double(peak) * Double(tick) / 4
            html.markup("<line class=\"grid\" x1=\"")
            html.value(n(left))
            html.markup("\" x2=\"")
            html.value(n(width - 8))
            html.markup("\" y1=\"")
            html.value(n(y))
            html.markup("\" y2=\"")
            html.value(n(y))
            html.markup("\"/><text class=\"axis\" x=\"")
            html.value(n(left - 6))
            html.markup("\" y=\"")
            html.value(n(y + 4))
            html.markup("\" text-anchor=\"end\">")
            html.value(NumberText.format(label, places: 0))
            html.markup("</text>\n")
        }
        let barWidth = plotWidth / Double(bins.count)
        for (index, count) in bins.enumerated() {
            let barHeight = plotHeight * Double(count) / Double(peak)
            let x = left + barWidth * Double(index)
            html.markup("<rect class=\"bar")
            if Double(index + 1) * 10 <= passPercent { html.markup(" risk") }
            html.markup("\" x=\"")
            html.value(n(x + 2))
            html.markup("\" y=\"")
            html.value(n(top + plotHeight - barHeight))
            html.markup("\" width=\"")
            html.value(n(barWidth - 4))
            html.markup("\" height=\"")
            html.value(n(barHeight))
            html.markup("\"><title>")
            html.value(String(index * 10))
            html.markup(index == 9 ? "–100 %: " : "–")
            if index < 9 {
                html.value(String(index * 10 + 10))
                html.markup(" %: ")
            }
            html.value(String(count))
            html.markup(count == 1 ? " candidate" : " candidates")
            html.markup("</title></rect>\n")
            if count > 0 {
                html.markup("<text class=\"count\" x=\"")
                html.value(n(x + barWidth / 2))
                html.markup("\" y=\"")
                html.value(n(top + plotHeight - barHeight - 3))
                html.markup("\" text-anchor=\"middle\">")
                html.value(String(count))
                html.markup("</text>\n")
            }
            html.markup("<text class=\"axis\" x=\"")
            html.value(n(x))
            html.markup("\" y=\"")
            html.value(n(height - 10))
            html.markup("\" text-anchor=\"middle\">")
            html.value(String(index * 10))
            html.markup("</text>\n")
        }
        html.markup("<text class=\"axis\" x=\"")
        html.value(n(width - 8))
        html.markup("\" y=\"")
        html.value(n(height - 10))
        html.markup("\" text-anchor=\"end\">100 %</text>\n")
        let passX = left + plotWidth * min(max(passPercent, 0), 100) / 100
        html.markup("<line class=\"pass\" x1=\"")
        html.value(n(passX))
        html.markup("\" x2=\"")
        html.value(n(passX))
        html.markup("\" y1=\"")
        html.value(n(top - 4))
        html.markup("\" y2=\"")
        html.value(n(top + plotHeight))
        html.markup("\"/><text class=\"pass-label\" x=\"")
        html.value(n(passX + 4))
        html.markup("\" y=\"")
        html.value(n(top + 6))
        html.markup("\">pass ")
        html.value(NumberText.format(passPercent, places: 0))
        html.markup(" %</text>\n</svg>\n")
    }

    /// One horizontal box plot per row (whiskers at min and max, box from Q1 to Q3, median
    /// line, mean dot) on a shared scale from `low` to `high`.
    static func boxPlots(_ rows: [(label: String, stats: Descriptive)], low: Double, high: Double, unit: String,
                         title: String, into html: inout HTMLText) {
        let rowHeight = 20.0, left = 56.0, right = 16.0, width = 640.0, top = 8.0
        let plotWidth = width - left - right
        let height = top + rowHeight * Double(rows.count) + 26
        let span = high > low ? high - low : 1
        func x(_ value: Double) -> Double { left + plotWidth * (min(max(value, low), high) - low) / span }
        html.markup("<svg class=\"chart boxes\" viewBox=\"0 0 640 ")
        html.value(n(height))
        html.markup("\" role=\"img\"><title>")
        html.text(title)
        html.markup("</title>\n")
        for step in 0...4 {
            let value = low + span * Double(step) / 4
            html.markup("<line class=\"grid\" x1=\"")
            html.value(n(x(value)))
            html.markup("\" x2=\"")
            html.value(n(x(value)))
            html.markup("\" y1=\"")
            html.value(n(top))
            html.markup("\" y2=\"")
            html.value(n(height - 22))
            html.markup("\"/><text class=\"axis\" x=\"")
            html.value(n(x(value)))
            html.markup("\" y=\"")
            html.value(n(height - 8))
            html.markup("\" text-anchor=\"middle\">")
            html.value(NumberText.format(value, places: 0))
            html.text(unit)
            html.markup("</text>\n")
        }
        for (index, row) in rows.enumerated() {
            let y = top + rowHeight * Double(index) + rowHeight / 2
            html.markup("<g><title>")
            html.text(row.label)
            html.markup(": min ")
            html.value(NumberText.format(row.stats.min, places: 1))
            html.markup(", Q1 ")
            html.value(NumberText.format(row.stats.q1, places: 1))
            html.markup(", median ")
            html.value(NumberText.format(row.stats.median, places: 1))
            html.markup(", Q3 ")
            html.value(NumberText.format(row.stats.q3, places: 1))
            html.markup(", max ")
            html.value(NumberText.format(row.stats.max, places: 1))
            html.markup(", mean ")
            html.value(NumberText.format(row.stats.mean, places: 1))
            html.markup(" (n = ")
            html.value(String(row.stats.count))
            html.markup(")</title><text class=\"label\" x=\"")
            html.value(n(left - 8))
            html.markup("\" y=\"")
            html.value(n(y + 4))
            html.markup("\" text-anchor=\"end\">")
            html.text(row.label)
            html.markup("</text>")
            if row.stats.count > 0 {
                html.markup("<line class=\"whisker\" x1=\"")
                html.value(n(x(row.stats.min)))
                html.markup("\" x2=\"")
                html.value(n(x(row.stats.max)))
                html.markup("\" y1=\"")
                html.value(n(y))
                html.markup("\" y2=\"")
                html.value(n(y))
                html.markup("\"/><rect class=\"box\" x=\"")
                html.value(n(x(row.stats.q1)))
                html.markup("\" y=\"")
                html.value(n(y - 6))
                html.markup("\" width=\"")
                html.value(n(max(1, x(row.stats.q3) - x(row.stats.q1))))
                html.markup("\" height=\"12\"/><line class=\"median\" x1=\"")
                html.value(n(x(row.stats.median)))
                html.markup("\" x2=\"")
                html.value(n(x(row.stats.median)))
                html.markup("\" y1=\"")
                html.value(n(y - 6))
                html.markup("\" y2=\"")
                html.value(n(y + 6))
                html.markup("\"/><circle class=\"mean\" cx=\"")
                html.value(n(x(row.stats.mean)))
                html.markup("\" cy=\"")
                html.value(n(y))
                html.markup("\" r=\"2.5\"/>")
            }
            html.markup("</g>\n")
        }
        html.markup("</svg>\n")
    }

    private static func n(_ value: Double) -> String { NumberText.format(value, places: 1) }
}
