import GraderFoundation

/// SVG shapes, one call each, for the charts in `SVGCharts`. Coordinates are written with at
/// most one decimal place (`NumberText`), a whole number without one. A class names the shape's
/// style, which the page's stylesheet gives, so every chart is styled in the same way and no
/// colour is written inline; only what depends on the data (a heat map cell's opacity) is.
extension HTMLText {
    enum TextAnchor: String { case middle, end }

    /// `<line class="…" x1="…" x2="…" y1="…" y2="…"/>`.
    mutating func svgLine(class style: String, x1: Double, x2: Double, y1: Double, y2: Double) {
        markup("<line")
        attribute("class", style)
        coordinate("x1", x1)
        coordinate("x2", x2)
        coordinate("y1", y1)
        coordinate("y2", y2)
        markup("/>")
    }

    /// `<text class="…" x="…" y="…" text-anchor="…">content</text>`; class and anchor are left out when nil.
    mutating func svgText(_ content: String, x: Double, y: Double, anchor: TextAnchor? = nil, class style: String? = nil) {
        markup("<text")
        if let style { attribute("class", style) }
        coordinate("x", x)
        coordinate("y", y)
        if let anchor { attribute("text-anchor", anchor.rawValue) }
        markup(">")
        text(content)
        markup("</text>")
    }

    /// `<rect class="…" x="…" y="…" width="…" height="…" fill-opacity="…"/>`, with a `<title>`
    /// inside (the browser's tooltip) when there is one; class and opacity are left out when nil.
    mutating func svgRect(class style: String? = nil, x: Double, y: Double, width: Double, height: Double,
                          opacity: Double? = nil, title: String? = nil) {
        markup("<rect")
        if let style { attribute("class", style) }
        coordinate("x", x)
        coordinate("y", y)
        coordinate("width", width)
        coordinate("height", height)
        if let opacity { attribute("fill-opacity", NumberText.format(opacity, places: 2)) }
        if let title {
            markup(">")
            element("title", title)
            markup("</rect>")
        } else {
            markup("/>")
        }
    }

    /// `<circle class="…" cx="…" cy="…" r="…"/>`.
    mutating func svgCircle(class style: String, cx: Double, cy: Double, r: Double) {
        markup("<circle")
        attribute("class", style)
        coordinate("cx", cx)
        coordinate("cy", cy)
        coordinate("r", r)
        markup("/>")
    }

    /// A gridline of a chart's scale and its value, on a line of their own: the one way every
    /// chart draws its scale.
    mutating func svgGridline(x1: Double, x2: Double, y1: Double, y2: Double,
                              label: String, at position: (x: Double, y: Double), anchor: TextAnchor) {
        svgLine(class: "grid", x1: x1, x2: x2, y1: y1, y2: y2)
        svgText(label, x: position.x, y: position.y, anchor: anchor, class: "axis")
        markup("\n")
    }

    private mutating func coordinate(_ name: StaticString, _ value: Double) {
        attribute(name, NumberText.format(value, places: 1))
    }
}
