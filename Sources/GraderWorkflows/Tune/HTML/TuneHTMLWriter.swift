import GraderFoundation
import GraderReports

/// `tune.html`: one self-contained page (inline CSS and SVG, a Content-Security-Policy
/// that allows no script and no network) with the agreement per question, the
/// confusion matrices, per-rule statistics with fitted weights, candidate phrases,
/// the worst disagreements and the baseline comparison. Every string from the rubric,
/// the grades or the answers goes through `HTMLText`, which escapes it. Each section is
/// written by its own file beside this one.
enum TuneHTMLWriter {
    package static func render(_ report: TuneReport) -> [UInt8] {
        var html = HTMLText()
        html.beginPage(title: "Tuning " + report.rubricID, stylesheet: stylesheet)
        html.element("h1", "Tuning \(report.rubricID) against human grades")
        html.markup("\n<p class=\"muted\">Rubric ")
        html.element("code", report.rubricFile)
        html.value(" (SHA-256 \(report.rubricSHA256.prefix(12))…), human grades ")
        html.element("code", report.gradesFile)
        html.value(": \(report.candidates) candidates, \(report.answers) answers compared. ")
        html.markup(howToReadAgreement)
        html.markup("</p>\n")
        overall(report, into: &html)
        if !report.warnings.isEmpty {
            html.markup("<h2>Warnings</h2>\n<ul>")
            for warning in report.warnings { html.element("li", warning.description) }
            html.markup("</ul>\n")
        }
        html.markup("<h2>Questions</h2>\n")
        for question in report.questions { section(question, into: &html) }
        disagreements(report, into: &html)
        if let baseline = report.baselineFile { comparison(report, baseline: baseline, into: &html) }
        html.markup(footer)
        html.endPage()
        return html.bytes
    }

    /// `Resources/tune.css`, read once.
    private static let stylesheet = HTMLText.stylesheet("tune.css")

    private static let howToReadAgreement: StaticString = """
    Exact and adjacent agreement, κ and QWK count scores on each question's grid (the finest step its human scores \
    use); “high” means a person gave at least half the points. The tuned rubric's figures are cross-validated: every \
    answer is scored by a model fitted without it.
    """

    private static let footer: StaticString = """
    <footer class="muted"><p>Written by grader tune. The tuned rubric: a base (intercept) plus non-negative weights \
    for what fired, fitted by least squares with a pull toward the author's weights, then either the author's map onto \
    the question's points or cut-points fitted to the people's scores (written as bands). The pull and the map are \
    chosen by cross-validation inside the training folds; the tuned figures score every answer with a model fitted \
    without its fold. --write-rubric takes a tuned question only where its QWK beats the author's by the margin.</p></footer>

    """

    package static func percent(_ value: Double) -> String { NumberText.format(value * 100, places: 0) + "%" }
    package static func format(_ value: Double?) -> String { value.map { NumberText.format($0, places: 2) } ?? "–" }
}
