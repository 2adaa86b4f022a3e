/// The pages' charts, as inline SVG written into the page's `HTMLText` (no script, no external
/// file, so a page stays self-contained under its CSP): the cohort page's histogram and box
/// plots, the tune page's confusion heat maps and agreement bars. Each chart is in its own file;
/// the shapes they are drawn with are in `SVGShapes.swift`.
package enum SVGCharts {}
