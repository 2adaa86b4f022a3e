import GraderReports

extension CohortHTMLWriter {
    /// The candidates below the pass mark, with their totals and unanswered questions.
    func risk(_ report: CohortReport, into html: inout HTMLText) throws {
        let atRisk = try report.ranking.atRisk()
        Self.beginSection("risk", "Candidates at risk", into: &html)
        html.markup("<p class=\"note\">")
        html.value(String(atRisk.count))
        html.markup(atRisk.count == 1 ? " candidate scored" : " candidates scored")
        html.markup(" below the pass mark of ")
        html.value(Self.f(report.passMark) + " / " + Self.f(report.maxPoints))
        html.markup(" (set with <code>--pass</code>).</p>\n")
        if !atRisk.isEmpty {
            html.markup("<ul class=\"risk\">\n")
            for candidate in atRisk {
                html.markup("<li>")
                link(candidate, into: &html)
                html.value(" — \(Self.f(candidate.total)) (\(Self.f(candidate.percent, 0)) %)")
                if candidate.answered < report.questions.count {
                    html.value(", \(report.questions.count - candidate.answered) unanswered")
                }
                html.markup("</li>\n")
            }
            html.markup("</ul>\n")
        }
        html.markup("</section>\n")
    }
}
