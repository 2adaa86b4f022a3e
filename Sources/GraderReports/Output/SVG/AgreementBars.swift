import GraderFoundation

extension SVGCharts {
    /// A question's agreement (QWK, 0 to 1) under the author's rubric and the tuned one.
    package struct AgreementPair {
        package let question: String
        package let author: Double?
        package let tuned: Double?

        package init(question: String, author: Double?, tuned: Double?) {
            self.question = question
            self.author = author
            self.tuned = tuned
        }
    }

    /// Two bars per question on a scale of 0 to 1: the author's rubric (dark) and the tuned one,
    /// cross-validated (light). A missing value (no variance to agree on) draws no bar.
    package static func agreementBars(_ pairs: [AgreementPair], into html: inout HTMLText) {
        let bar = 9.0, gap = 6.0, height = 160.0, top = 10.0, left = 30.0
        let width = left + Double(pairs.count) * (2 * bar + gap) + 10
        html.start("svg", ["xmlns": "http://www.w3.org/2000/svg", "role": "img", "aria-label": "QWK per question",
                           "width": NumberText.format(width), "height": NumberText.format(height + top + 40)])
        for tick in [0.0, 0.5, 1.0] {
            // Whole pixels, as the bars below are.
            let y = top + (height * (1 - tick)).rounded(.towardZero)
            html.svgGridline(x1: left, x2: width, y1: y, y2: y, label: NumberText.format(tick), at: (left - 4, y + 4), anchor: .end)
        }
        for (index, pair) in pairs.enumerated() {
            let x = left + Double(index) * (2 * bar + gap) + (gap / 2).rounded(.towardZero)
            for (offset, value, name) in [(0.0, pair.author, "author's QWK"), (1.0, pair.tuned, "tuned QWK (cross-validated)")] {
                let barHeight = (height * min(max(value ?? 0, 0), 1)).rounded(.towardZero)
                html.svgRect(class: offset == 0 ? "bar" : "bar tuned", x: x + offset * bar, y: top + height - barHeight,
                             width: bar - 1, height: barHeight,
                             title: "\(pair.question) \(name) \(value.map { NumberText.format($0, places: 2) } ?? "–")")
            }
            html.element("text", ["transform": "translate(\(NumberText.format(x + bar)),\(NumberText.format(top + height + 8))) rotate(60)"],
                         pair.question)
        }
        html.markup("</svg>\n")
    }
}
