import GraderFoundation

extension SVGCharts {
    /// One horizontal box plot per row (whiskers at min and max, box from Q1 to Q3, median
    /// line, mean dot) on a shared scale from `low` to `high`.
    package static func boxPlots(_ rows: [(label: String, stats: Descriptive)], low: Double, high: Double, unit: String,
                         title: String, into html: inout HTMLText) {
        let rowHeight = 20.0, left = 56.0, right = 16.0, width = 640.0, top = 8.0
        let plotWidth = width - left - right
        let height = top + rowHeight * Double(rows.count) + 26
        let span = high > low ? high - low : 1
        func x(_ value: Double) -> Double { left + plotWidth * (min(max(value, low), high) - low) / span }
        html.start("svg", ["class": "chart boxes", "viewBox": "0 0 640 " + NumberText.format(height, places: 1), "role": "img"])
        html.element("title", title)
        html.markup("\n")
        for step in 0...4 {
            let value = low + span * Double(step) / 4
            html.svgGridline(x1: x(value), x2: x(value), y1: top, y2: height - 22,
                             label: NumberText.format(value, places: 0) + unit, at: (x(value), height - 8), anchor: .middle)
        }
        for (index, row) in rows.enumerated() {
            let y = top + rowHeight * Double(index) + rowHeight / 2
            let stats = row.stats
            html.start("g")
            html.element("title", "\(row.label): min \(f(stats.min)), Q1 \(f(stats.q1)), median \(f(stats.median)), "
                         + "Q3 \(f(stats.q3)), max \(f(stats.max)), mean \(f(stats.mean)) (n = \(stats.count))")
            html.svgText(row.label, x: left - 8, y: y + 4, anchor: .end, class: "label")
            if stats.count > 0 {
                html.svgLine(class: "whisker", x1: x(stats.min), x2: x(stats.max), y1: y, y2: y)
                html.svgRect(class: "box", x: x(stats.q1), y: y - 6, width: max(1, x(stats.q3) - x(stats.q1)), height: 12)
                html.svgLine(class: "median", x1: x(stats.median), x2: x(stats.median), y1: y - 6, y2: y + 6)
                html.svgCircle(class: "mean", cx: x(stats.mean), cy: y, r: 2.5)
            }
            html.markup("</g>\n")
        }
        html.markup("</svg>\n")
    }

    /// A statistic in a box's tooltip.
    private static func f(_ value: Double) -> String { NumberText.format(value, places: 1) }
}
