import Foundation
import GraderFoundation
import GraderReports

/// Renders `index.html`: one self-contained page (inline CSS and SVG, a CSP that allows no
/// script and no network) with the score distribution, item analysis per question and per
/// criterion, the ranking with links to each candidate's page, candidates at risk, similar
/// answers side by side with the shared passages marked, answer lengths and readability,
/// and the run's facts. Everything from candidates and the rubric goes through `HTMLText`.
/// Each section is written by its own file beside this one.
struct CohortHTMLWriter {
    private let stylesheet: [UInt8]
    /// Similar pairs shown in full on the page; all are in cohort.xml.
    static let pairsShown = 100

    init() {
        stylesheet = HTMLText.stylesheet("cohort.css")
    }

    /// The whole page in memory (for tests and small cohorts).
    package func render(_ report: CohortReport) throws -> [UInt8] {
        var page: [UInt8] = []
        try render(report) { page += $0 }
        return page
    }

    /// Writes the page to `path`, a piece at a time: the ranking grows with the cohort.
    package func write(_ report: CohortReport, to path: String) throws {
        let file = try AtomicFile.Streaming(to: path)
        try render(report) { try file.append($0) }
        try file.commit()
    }

    /// Hands the page to `sink` in pieces of about `pieceSize` bytes.
    private func render(_ report: CohortReport, sink: ([UInt8]) throws -> Void) throws {
        var html = HTMLText(capacity: 256 * 1024)
        let title = report.rubric.title ?? report.rubric.id
        html.beginPage(title: "Cohort — " + title, stylesheet: stylesheet)
        header(report, title: title, into: &html)
        html.markup("<main>\n")
        scores(report, into: &html)
        questions(report, into: &html)
        if let moderation = report.moderation { self.moderation(moderation, into: &html) }
        criteria(report, into: &html)
        try risk(report, into: &html)
        similar(report, into: &html)
        answers(report, into: &html)
        try ranking(report, into: &html) { html in
            guard html.bytes.count >= Self.pieceSize else { return }
            try sink(html.bytes)
            html = HTMLText(capacity: Self.pieceSize + 4096)
        }
        run(report, into: &html)
        html.markup("</main>\n<footer>Grader cohort report · rebuilt from the candidate reports by <code>grader cohort</code></footer>\n")
        html.endPage()
        try sink(html.bytes)
    }

    static let pieceSize = 256 * 1024

    /// The title, what the cohort is, and the sections' table of contents.
    private func header(_ report: CohortReport, title: String, into html: inout HTMLText) {
        html.markup("<header>\n<h1>Cohort report · ")
        html.text(title)
        html.markup("</h1>\n<div class=\"sub\">")
        html.value(Plural.count(report.candidates, "candidate"))
        html.markup(" · ")
        html.value(Plural.count(report.answers, "answer"))
        html.markup(" · ")
        html.value(Plural.count(report.questions.count, "question"))
        html.markup(" · rubric ")
        html.element("code", report.rubric.id)
        if let epoch = report.options.generatedAt {
            html.markup(" · generated ")
            html.value(Self.isoDate(epoch))
        }
        html.markup("</div>\n<nav class=\"toc\" aria-label=\"Sections\"><a href=\"#scores\">Scores</a><a href=\"#questions\">Questions</a>")
        if let moderation = report.moderation { html.element("a", ["href": "#moderation"], "Moderation (\(moderation.moderated))") }
        html.markup("<a href=\"#criteria\">Criteria</a>")
        html.element("a", ["href": "#risk"], "At risk (\(report.ranking.atRiskCount))")
        html.element("a", ["href": "#similar"], "Similar answers (\(report.similar.count))")
        html.markup("<a href=\"#answers\">Lengths &amp; readability</a><a href=\"#ranking\">Ranking</a><a href=\"#run\">Run</a></nav>\n</header>\n")
    }

    /// `<section id="…">` and its heading: every section of the page starts so, and the table of contents links to the id.
    static func beginSection(_ id: StaticString, _ heading: StaticString, into html: inout HTMLText) {
        html.markup("<section id=\"")
        html.markup(id)
        html.markup("\">\n<h2>")
        html.markup(heading)
        html.markup("</h2>\n")
    }

    /// A note on how to read what follows, in the page's own words.
    package static func note(_ prose: StaticString, into html: inout HTMLText) {
        html.markup("<p class=\"note\">")
        html.markup(prose)
        html.markup("</p>\n")
    }

    /// A link to a candidate's page, named by the candidate's id.
    func link(_ candidate: RankedCandidate, into html: inout HTMLText) {
        html.element("a", ["href": Self.href(candidate.id)], candidate.id)
    }

    /// A discrimination or facility cell, marked when outside the usual range.
    package static func cell(_ value: Double?, low: Double?, high: Double?, into html: inout HTMLText) {
        guard let value else {
            html.markup("<td title=\"undefined: no variance\">–</td>")
            return
        }
        if let low, value < low {
            html.element("td", ["class": "low"], f(value, 2))
        } else if let high, value > high {
            html.element("td", ["class": "high"], f(value, 2))
        } else {
            html.cell(f(value, 2))
        }
    }

    /// The relative link to a candidate's page; ids are file-name safe, anything else is percent-encoded.
    package static func href(_ id: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return "candidates/" + (id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id) + ".html"
    }

    static func f(_ value: Double, _ places: Int = 2) -> String { NumberText.format(value, places: places) }

    /// `2024-05-01T12:00:00Z`, in UTC whatever the machine's zone.
    static func isoDate(_ epoch: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
    }
}
