import GraderReports

extension CohortHTMLWriter {
    /// Words per answer and reading ease, per question, as box plots.
    package func answers(_ report: CohortReport, into html: inout HTMLText) {
        Self.beginSection("answers", "Answer lengths and readability", into: &html)
        Self.note(Self.howToReadReadingEase, into: &html)
        html.markup("<div class=\"two\"><div><h3>Words per answer</h3>\n")
        let longest = report.questions.map(\.words.max).max() ?? 0
        SVGCharts.boxPlots(report.questions.map { ($0.id, $0.words) }, low: 0, high: max(10, (longest / 50).rounded(.up) * 50),
                           unit: "", title: "Words per answer, per question", into: &html)
        html.markup("</div><div><h3>Reading ease</h3>\n")
        let lowest = min(0, (report.questions.map(\.readingEase.min).min() ?? 0) / 20).rounded(.down) * 20
        let highest = max(100, ((report.questions.map(\.readingEase.max).max() ?? 100) / 20).rounded(.up) * 20)
        SVGCharts.boxPlots(report.questions.map { ($0.id, $0.readingEase) }, low: lowest, high: highest, unit: "",
                           title: "Flesch reading ease, per question", into: &html)
        html.markup("</div></div>\n</section>\n")
    }

    private static let howToReadReadingEase: StaticString = """
    Per question, over the answers given. Flesch reading ease: higher is easier, 60–70 is plain English, below 30 is \
    dense (code and jargon lower it).
    """
}
