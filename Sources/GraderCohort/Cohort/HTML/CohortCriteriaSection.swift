import GraderReports

extension CohortHTMLWriter {
    /// Per question, how often each rule fired and whether it fired more for strong candidates.
    package func criteria(_ report: CohortReport, into html: inout HTMLText) {
        Self.beginSection("criteria", "Criteria and penalties", into: &html)
        Self.note(Self.howToReadCriteria, into: &html)
        for question in report.questions {
            html.start("details", ["id": "crit-" + question.id])
            html.markup("<summary>")
            html.text(question.id)
            html.markup(" ")
            html.element("span", "\(question.rules.count) rules · facility \(Self.f(question.facility, 2))")
            html.markup("</summary>\n<table><thead><tr><th>Rule</th><th class=\"text\">Kind</th><th>Points</th><th>Fired</th><th>r</th><th>Upper−lower</th></tr></thead><tbody>\n")
            for rule in question.rules {
                html.markup("<tr>")
                html.cell(rule.id)
                switch rule.kind {
                case .penalty: html.markup("<td class=\"text\"><span class=\"tag pen\">penalty</span></td><td>−")
                case .criterion: html.markup("<td class=\"text\"><span class=\"tag\">criterion</span></td><td>")
                case .element: html.markup("<td class=\"text\"><span class=\"tag\">element</span></td><td>")
                }
                html.value(Self.f(rule.points))
                html.markup("</td>")
                html.cell(Self.f(rule.fired * 100, 0) + " %")
                // A penalty should fire more for weak candidates: nothing to mark either way.
                let low = rule.isPenalty ? nil : 0.2
                Self.cell(rule.restCorrelation, low: low, high: nil, into: &html)
                Self.cell(rule.upperLower, low: low, high: nil, into: &html)
                html.markup("</tr>\n")
            }
            html.markup("</tbody></table>\n</details>\n")
        }
        html.markup("</section>\n")
    }

    private static let howToReadCriteria: StaticString = """
    How often each rule fired across all candidates, and whether it fired more for strong candidates: <b>r</b> \
    correlates firing with the total without the rule's own points; <b>upper−lower</b> is the share firing among the \
    top 27 % minus the share among the bottom 27 %. A criterion with a low or negative value rewards something strong \
    candidates do not write; a penalty should have a negative value.
    """
}
