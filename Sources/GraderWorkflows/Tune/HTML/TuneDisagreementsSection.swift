import GraderFoundation
import GraderReports

extension TuneHTMLWriter {
    /// The answers where the rubric and the person differ most: the answer, both scores and what fired.
    package static func disagreements(_ report: TuneReport, into html: inout HTMLText) {
        html.markup("<h2>Worst disagreements</h2>\n")
        if report.disagreements.isEmpty { html.markup("<p>The rubric agrees with every human score.</p>\n") }
        for item in report.disagreements {
            html.element("h3", "\(item.candidate) · \(item.question): person \(NumberText.format(item.human)), "
                         + "rubric \(NumberText.format(item.machine)) of \(NumberText.format(item.points))")
            html.markup("\n")
            html.element("pre", item.text.isEmpty ? "(no answer)" : item.text)
            html.markup("\n<p>")
            if item.evidence.isEmpty { html.markup("Nothing fired.") }
            for (index, evidence) in item.evidence.enumerated() {
                if index > 0 { html.markup("; ") }
                html.element("b", evidence.rule)
                html.value(" " + (evidence.awarded >= 0 ? "+" : "") + NumberText.format(evidence.awarded))
                if !evidence.matched.isEmpty {
                    html.text(" (" + evidence.matched.map { "“\($0)”" }.joined(separator: ", ") + ")")
                }
            }
            html.markup("</p>\n")
        }
    }
}
