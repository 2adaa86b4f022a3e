import GraderFoundation

extension SVGCharts {
    /// A confusion matrix as a heat map: rows the person's score, columns the rubric's, a cell's
    /// opacity its share of the largest count; agreement (the diagonal) green, the rest red.
    package static func confusionHeatMap(_ matrix: ConfusionMatrix, into html: inout HTMLText) {
        let cell = matrix.categories > 12 ? 22.0 : 28.0
        let margin = 34.0
        let size = String(Int(margin + cell * Double(matrix.categories) + 4))
        let largest = max(1, matrix.counts.flatMap { $0 }.max() ?? 1)
        html.start("svg", ["xmlns": "http://www.w3.org/2000/svg", "role": "img", "aria-label": "confusion matrix", "width": size, "height": size])
        for index in 0..<matrix.categories {
            let label = NumberText.format(matrix.scale.value(index), places: 3)
            let centre = margin + Double(index) * cell + cell / 2
            html.svgText(label, x: centre, y: margin - 6, anchor: .middle)
            html.svgText(label, x: margin - 6, y: centre + 4, anchor: .end)
        }
        for (row, counts) in matrix.counts.enumerated() {
            for (column, count) in counts.enumerated() {
                let shade = count == 0 ? 0.0 : 0.15 + 0.85 * Double(count) / Double(largest)
                let x = margin + Double(column) * cell, y = margin + Double(row) * cell
                html.svgRect(class: row == column ? "agree" : "disagree", x: x, y: y, width: cell - 1, height: cell - 1,
                             opacity: max(shade, 0.04))
                if count > 0 { html.svgText(String(count), x: x + cell / 2, y: y + cell / 2 + 4, anchor: .middle) }
            }
        }
        html.markup("</svg>\n")
    }
}
