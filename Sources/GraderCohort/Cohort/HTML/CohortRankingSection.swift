import GraderReports

extension CohortHTMLWriter {
    /// The ranking table; `flush` may hand what is written so far to the file between rows.
    package func ranking(_ report: CohortReport, into html: inout HTMLText, flush: (inout HTMLText) throws -> Void) throws {
        Self.beginSection("ranking", "Ranking", into: &html)
        html.markup("<div class=\"wrap\"><table>\n<thead><tr><th>Rank</th><th class=\"text\">Candidate</th><th class=\"text\">Name</th><th>Total</th><th class=\"text\">%</th><th>Answered</th></tr></thead>\n<tbody>\n")
        try report.ranking.forEach { candidate in
            try flush(&html)
            html.markup(candidate.atRisk ? "<tr class=\"risk\">" : "<tr>")
            html.cell(String(candidate.rank))
            html.markup("<td class=\"text\">")
            link(candidate, into: &html)
            html.markup("</td>")
            html.element("td", ["class": "text"], candidate.name ?? "")
            html.cell(Self.f(candidate.total) + " / " + Self.f(candidate.maxPoints))
            html.markup("<td class=\"text\">")
            html.value(Self.f(candidate.percent, 0))
            html.markup(" %<span class=\"meter\">")
            html.element("span", ["style": "width: " + Self.f(min(max(candidate.percent, 0), 100), 0) + "%"], "")
            html.markup("</span></td>")
            html.cell(String(candidate.answered))
            html.markup("</tr>\n")
        }
        html.markup("</tbody></table></div>\n</section>\n")
    }
}
