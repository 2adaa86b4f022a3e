import GraderFoundation

extension SVGCharts {
    /// A bar per 10 % band of the total, with the pass mark as a dashed line.
    package static func histogram(_ bins: [Int], passPercent: Double, into html: inout HTMLText) {
        let width = 640.0, height = 220.0, left = 36.0, bottom = 28.0, top = 12.0
        let plotWidth = width - left - 8, plotHeight = height - bottom - top
        // Whole-number ticks: four steps of a whole size covering the tallest bar.
        let step = max(1, ((bins.max() ?? 1) + 3) / 4), peak = step * 4
        html.start("svg", ["class": "chart", "viewBox": "0 0 640 220", "role": "img", "aria-labelledby": "hist-title"])
        html.element("title", ["id": "hist-title"], "Candidates per 10 % band of the total score")
        html.markup("\n")
        for tick in 0...4 {
            let y = top + plotHeight - plotHeight * Double(tick) / 4
            let label = NumberText.format(Double(peak) * Double(tick) / 4, places: 0)
            html.svgGridline(x1: left, x2: width - 8, y1: y, y2: y, label: label, at: (left - 6, y + 4), anchor: .end)
        }
        let barWidth = plotWidth / Double(bins.count)
        for (index, count) in bins.enumerated() {
            let barHeight = plotHeight * Double(count) / Double(peak)
            let x = left + barWidth * Double(index)
            let band = index == 9 ? "\(index * 10)–100 %" : "\(index * 10)–\(index * 10 + 10) %"
            html.svgRect(class: Double(index + 1) * 10 <= passPercent ? "bar risk" : "bar",
                         x: x + 2, y: top + plotHeight - barHeight, width: barWidth - 4, height: barHeight,
                         title: band + ": " + Plural.count(count, "candidate"))
            html.markup("\n")
            if count > 0 {
                html.svgText(String(count), x: x + barWidth / 2, y: top + plotHeight - barHeight - 3, anchor: .middle, class: "count")
                html.markup("\n")
            }
            html.svgText(String(index * 10), x: x, y: height - 10, anchor: .middle, class: "axis")
            html.markup("\n")
        }
        html.svgText("100 %", x: width - 8, y: height - 10, anchor: .end, class: "axis")
        html.markup("\n")
        let passX = left + plotWidth * min(max(passPercent, 0), 100) / 100
        html.svgLine(class: "pass", x1: passX, x2: passX, y1: top - 4, y2: top + plotHeight)
        html.svgText("pass " + NumberText.format(passPercent, places: 0) + " %", x: passX + 4, y: top + 6, class: "pass-label")
        html.markup("\n</svg>\n")
    }
}
