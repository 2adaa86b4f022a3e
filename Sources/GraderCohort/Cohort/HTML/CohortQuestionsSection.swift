import GraderFoundation
import GraderReports

extension CohortHTMLWriter {
    /// Item analysis per question (facility, discrimination, alpha if deleted), then each
    /// question's scores as a box plot on a scale of its maximum.
    package func questions(_ report: CohortReport, into html: inout HTMLText) {
        Self.beginSection("questions", "Questions", into: &html)
        Self.note(Self.howToReadQuestions, into: &html)
        html.markup("<div class=\"wrap\"><table>\n<thead><tr><th>Question</th><th>Max</th><th>Mean</th><th>Median</th><th>SD</th><th>Facility</th><th>Item-rest r</th><th>Upper−lower</th><th>Missing</th><th>α if deleted</th></tr></thead>\n<tbody>\n")
        for question in report.questions {
            html.markup("<tr><td>")
            html.element("a", ["href": "#crit-" + question.id], question.id)
            html.markup("</td>")
            for value in [question.maxPoints, question.scores.mean, question.scores.median, question.scores.sd] {
                html.cell(Self.f(value))
            }
            Self.cell(question.facility, low: 0.3, high: 0.8, into: &html)
            Self.cell(question.itemRest, low: 0.2, high: nil, into: &html)
            Self.cell(question.upperLower, low: 0.2, high: nil, into: &html)
            html.cell(Self.f(question.missingShare * 100, 0) + " %")
            let alpha = question.alphaIfDeleted.map { Self.f($0, 3) } ?? "–"
            if let deleted = question.alphaIfDeleted, let total = report.alpha, Self.f(deleted, 3) != Self.f(total, 3), deleted > total {
                html.element("td", ["class": "low"], alpha)
            } else {
                html.cell(alpha)
            }
            html.markup("</tr>\n")
        }
        html.markup("</tbody></table></div>\n<h3>Scores per question, as % of its maximum</h3>\n")
        Self.note("Box from Q1 to Q3, line at the median, dot at the mean, whiskers to the lowest and highest score.", into: &html)
        let rows = report.questions.map { question -> (label: String, stats: Descriptive) in
            let scale = question.maxPoints > 0 ? 100 / question.maxPoints : 0
            let s = question.scores
            return (question.id, Descriptive(count: s.count, mean: s.mean * scale, sd: s.sd * scale, min: s.min * scale, q1: s.q1 * scale,
                                             median: s.median * scale, q3: s.q3 * scale, max: s.max * scale))
        }
        SVGCharts.boxPlots(rows, low: 0, high: 100, unit: "%", title: "Score per question as a percentage of its maximum", into: &html)
        html.markup("</section>\n")
    }

    private static let howToReadQuestions: StaticString = """
    Facility is the mean score over the maximum (hard below 0.3, easy above 0.8). Discrimination: <b>item-rest r</b> \
    correlates the question with the total of the other questions; <b>upper−lower</b> is the difference in mean score, \
    over the maximum, between the top and bottom 27 % of candidates. Values under 0.2 are marked: the question separates \
    strong from weak candidates poorly. <b>α if deleted</b> above the test's alpha means the test is more consistent without it.
    """
}
