import GraderReports

extension CohortHTMLWriter {
    /// The totals at a glance (cards), their histogram against the pass mark, and how to read them.
    package func scores(_ report: CohortReport, into html: inout HTMLText) {
        let totals = report.totals, maximum = report.maxPoints
        Self.beginSection("scores", "Scores", into: &html)
        html.markup("<div class=\"cards\">")
        card(Self.f(totals.mean, 1), "mean", into: &html)
        card(Self.f(totals.median, 1), "median", into: &html)
        card(Self.f(totals.sd, 1), "standard deviation", into: &html)
        card("\(Self.f(totals.min, 1))–\(Self.f(totals.max, 1))", "lowest – highest", into: &html)
        card("\(Self.f(totals.q1, 1))–\(Self.f(totals.q3, 1))", "quartiles Q1 – Q3", into: &html)
        card(report.alpha.map { Self.f($0, 3) } ?? "–", "Cronbach's alpha", into: &html)
        card(String(report.ranking.atRiskCount), "below the pass mark", bad: report.ranking.atRiskCount > 0, into: &html)
        html.markup("</div>\n<div class=\"two\"><div>\n")
        SVGCharts.histogram(report.histogram, passPercent: maximum > 0 ? report.passMark / maximum * 100 : 0, into: &html)
        html.markup("</div><div><p class=\"note\">Totals out of ")
        html.value(Self.f(maximum))
        html.markup(", as a percentage of the maximum in bands of 10 %. The pass mark is ")
        html.value(Self.f(report.passMark))
        html.markup(" points. ")
        html.markup(Self.howToReadScores)
        html.markup("</p></div></div>\n</section>\n")
    }

    /// A figure and what it is, large and small.
    private func card(_ value: String, _ label: StaticString, bad: Bool = false, into html: inout HTMLText) {
        html.markup(bad ? "<div class=\"card bad\"><b>" : "<div class=\"card\"><b>")
        html.value(value)
        html.markup("</b><span>")
        html.markup(label)
        html.markup("</span></div>")
    }

    private static let howToReadScores: StaticString = """
    SD is the sample standard deviation (n − 1); quartiles interpolate between ranks (type 7). Alpha above 0.7 is \
    usually read as a consistent test; one that rises when a question is deleted (see Questions) points at that question.
    """
}
