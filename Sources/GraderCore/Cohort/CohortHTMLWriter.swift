import Foundation

/// Renders `index.html`: one self-contained page (inline CSS and SVG, a CSP that allows no
/// script and no network) with the score distribution, item analysis per question and per
/// criterion, the ranking with links to each candidate's page, candidates at risk, similar
/// answers side by side with the shared passages marked, answer lengths and readability,
/// and the run's facts. Everything from candidates and the rubric goes through `HTMLText`.
struct CohortHTMLWriter {
    private let stylesheet: [UInt8]
    /// Similar pairs shown in full on the page; all are in cohort.xml.
    static let pairsShown = 100

    init() {
        stylesheet = HTMLText.stylesheet("cohort.css")
    }

    /// The whole page in memory (for tests and small cohorts).
    func render(_ report: CohortReport) throws -> [UInt8] {
        var page: [UInt8] = []
        try render(report) { page += $0 }
        return page
    }

    /// Writes the page to `path`, a piece at a time: the ranking grows with the cohort.
    func write(_ report: CohortReport, to path: String) throws {
        let file = try AtomicFile.Streaming(to: path)
        try render(report) { try file.append($0) }
        try file.commit()
    }

    /// Hands the page to `sink` in pieces of about `pieceSize` bytes.
    private func render(_ report: CohortReport, sink: ([UInt8]) throws -> Void) throws {
        var html = HTMLText(capacity: 256 * 1024)
        let title = report.rubric.title ?? report.rubric.id
        html.beginPage(title: "Cohort — " + title, stylesheet: stylesheet)
        html.markup("<header>\n<h1>Cohort report · ")
        html.text(title)
        html.markup("</h1>\n<div class=\"sub\">")
        html.value(Plural.count(report.candidates, "candidate"))
        html.markup(" · ")
        html.value(Plural.count(report.answers, "answer"))
        html.markup(" · ")
        html.value(Plural.count(report.questions.count, "question"))
        html.markup(" · rubric <code>")
        html.text(report.rubric.id)
        html.markup("</code>")
        if let epoch = report.options.generatedAt {
            html.markup(" · generated ")
            html.value(Self.isoDate(epoch))
        }
        html.markup("</div>\n<nav class=\"toc\" aria-label=\"Sections\"><a href=\"#scores\">Scores</a><a href=\"#questions\">Questions</a><a href=\"#criteria\">Criteria</a><a href=\"#risk\">At risk (")
        html.value(String(report.ranking.atRiskCount))
        html.markup(")</a><a href=\"#similar\">Similar answers (")
        html.value(String(report.similar.count))
        html.markup(")</a><a href=\"#answers\">Lengths &amp; readability</a><a href=\"#ranking\">Ranking</a><a href=\"#run\">Run</a></nav>\n</header>\n<main>\n")
        scores(report, into: &html)
        questions(report, into: &html)
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

    private func card(_ value: String, _ label: StaticString, bad: Bool = false, into html: inout HTMLText) {
        html.markup(bad ? "<div class=\"card bad\"><b>" : "<div class=\"card\"><b>")
        html.value(value)
        html.markup("</b><span>")
        html.markup(label)
        html.markup("</span></div>")
    }

    private func scores(_ report: CohortReport, into html: inout HTMLText) {
        let totals = report.totals, maximum = report.maxPoints
        html.markup("<section id=\"scores\">\n<h2>Scores</h2>\n<div class=\"cards\">")
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
        html.markup(" points. SD is the sample standard deviation (n − 1); quartiles interpolate between ranks (type 7). Alpha above 0.7 is usually read as a consistent test; one that rises when a question is deleted (see Questions) points at that question.</p></div></div>\n</section>\n")
    }

    private func questions(_ report: CohortReport, into html: inout HTMLText) {
        html.markup("<section id=\"questions\">\n<h2>Questions</h2>\n<p class=\"note\">Facility is the mean score over the maximum (hard below 0.3, easy above 0.8). Discrimination: <b>item-rest r</b> correlates the question with the total of the other questions; <b>upper−lower</b> is the difference in mean score, over the maximum, between the top and bottom 27 % of candidates. Values under 0.2 are marked: the question separates strong from weak candidates poorly. <b>α if deleted</b> above the test's alpha means the test is more consistent without it.</p>\n<div class=\"wrap\"><table>\n<thead><tr><th>Question</th><th>Max</th><th>Mean</th><th>Median</th><th>SD</th><th>Facility</th><th>Item-rest r</th><th>Upper−lower</th><th>Missing</th><th>α if deleted</th></tr></thead>\n<tbody>\n")
        for question in report.questions {
            html.markup("<tr><td><a href=\"#crit-")
            html.text(question.id)
            html.markup("\">")
            html.text(question.id)
            html.markup("</a></td><td>")
            html.value(Self.f(question.maxPoints))
            html.markup("</td><td>")
            html.value(Self.f(question.scores.mean))
            html.markup("</td><td>")
            html.value(Self.f(question.scores.median))
            html.markup("</td><td>")
            html.value(Self.f(question.scores.sd))
            html.markup("</td>")
            Self.cell(question.facility, low: 0.3, high: 0.8, into: &html)
            Self.cell(question.itemRest, low: 0.2, high: nil, into: &html)
            Self.cell(question.upperLower, low: 0.2, high: nil, into: &html)
            html.markup("<td>")
            html.value(Self.f(question.missingShare * 100, 0))
            html.markup(" %</td>")
            if let alpha = question.alphaIfDeleted, let total = report.alpha, Self.f(alpha, 3) != Self.f(total, 3), alpha > total {
                html.markup("<td class=\"low\">")
            } else {
                html.markup("<td>")
            }
            html.value(question.alphaIfDeleted.map { Self.f($0, 3) } ?? "–")
            html.markup("</td></tr>\n")
        }
        html.markup("</tbody></table></div>\n<h3>Scores per question, as % of its maximum</h3>\n<p class=\"note\">Box from Q1 to Q3, line at the median, dot at the mean, whiskers to the lowest and highest score.</p>\n")
        let rows = report.questions.map { question -> (label: String, stats: Descriptive) in
            let scale = question.maxPoints > 0 ? 100 / question.maxPoints : 0
            let s = question.scores
            return (question.id, Descriptive(count: s.count, mean: s.mean * scale, sd: s.sd * scale, min: s.min * scale, q1: s.q1 * scale,
                                             median: s.median * scale, q3: s.q3 * scale, max: s.max * scale))
        }
        SVGCharts.boxPlots(rows, low: 0, high: 100, unit: "%", title: "Score per question as a percentage of its maximum", into: &html)
        html.markup("</section>\n")
    }

    private func criteria(_ report: CohortReport, into html: inout HTMLText) {
        html.markup("<section id=\"criteria\">\n<h2>Criteria and penalties</h2>\n<p class=\"note\">How often each rule fired across all candidates, and whether it fired more for strong candidates: <b>r</b> correlates firing with the total without the rule's own points; <b>upper−lower</b> is the share firing among the top 27 % minus the share among the bottom 27 %. A criterion with a low or negative value rewards something strong candidates do not write; a penalty should have a negative value.</p>\n")
        for question in report.questions {
            html.markup("<details id=\"crit-")
            html.text(question.id)
            html.markup("\"><summary>")
            html.text(question.id)
            html.markup(" <span>")
            html.value(String(question.rules.count))
            html.markup(" rules · facility ")
            html.value(Self.f(question.facility, 2))
            html.markup("</span></summary>\n<table><thead><tr><th>Rule</th><th class=\"text\">Kind</th><th>Points</th><th>Fired</th><th>r</th><th>Upper−lower</th></tr></thead><tbody>\n")
            for rule in question.rules {
                html.markup("<tr><td>")
                html.text(rule.id)
                switch rule.kind {
                case .penalty: html.markup("</td><td class=\"text\"><span class=\"tag pen\">penalty</span></td><td>−")
                case .criterion: html.markup("</td><td class=\"text\"><span class=\"tag\">criterion</span></td><td>")
                case .element: html.markup("</td><td class=\"text\"><span class=\"tag\">element</span></td><td>")
                }
                html.value(Self.f(rule.points))
                html.markup("</td><td>")
                html.value(Self.f(rule.fired * 100, 0))
                html.markup(" %</td>")
                if rule.isPenalty {
                    Self.cell(rule.restCorrelation, low: nil, high: nil, into: &html)
                    Self.cell(rule.upperLower, low: nil, high: nil, into: &html)
                } else {
                    Self.cell(rule.restCorrelation, low: 0.2, high: nil, into: &html)
                    Self.cell(rule.upperLower, low: 0.2, high: nil, into: &html)
                }
                html.markup("</tr>\n")
            }
            html.markup("</tbody></table>\n</details>\n")
        }
        html.markup("</section>\n")
    }

    private func risk(_ report: CohortReport, into html: inout HTMLText) throws {
        let atRisk = try report.ranking.atRisk()
        html.markup("<section id=\"risk\">\n<h2>Candidates at risk</h2>\n<p class=\"note\">")
        html.value(String(atRisk.count))
        html.markup(atRisk.count == 1 ? " candidate scored" : " candidates scored")
        html.markup(" below the pass mark of ")
        html.value(Self.f(report.passMark))
        html.markup(" / ")
        html.value(Self.f(report.maxPoints))
        html.markup(" (set with <code>--pass</code>).</p>\n")
        if !atRisk.isEmpty {
            html.markup("<ul class=\"risk\">\n")
            for candidate in atRisk {
                html.markup("<li>")
                link(candidate, into: &html)
                html.markup(" — ")
                html.value(Self.f(candidate.total))
                html.markup(" (")
                html.value(Self.f(candidate.percent, 0))
                html.markup(" %)")
                if candidate.answered < report.questions.count {
                    html.markup(", ")
                    html.value(String(report.questions.count - candidate.answered))
                    html.markup(" unanswered")
                }
                html.markup("</li>\n")
            }
            html.markup("</ul>\n")
        }
        html.markup("</section>\n")
    }

    private func similar(_ report: CohortReport, into html: inout HTMLText) {
        html.markup("<section id=\"similar\">\n<h2>Similar answers</h2>\n<p class=\"note\">Pairs of answers to the same question whose 4-word runs overlap by at least ")
        html.value(Self.f(report.similarityThreshold * 100, 0))
        html.markup(" % (Jaccard similarity; <code>--similarity-threshold</code>). Runs found in the prompt or the model answer, and runs that appear in more than 5 % of a question's answers (at least 10), are left out: they are shared knowledge, not copying. Shared passages are marked on both sides. ")
        html.value(Plural.count(report.pairsCompared, "candidate pair"))
        html.markup(report.pairsCompared == 1 ? " was compared in full" : " were compared in full")
        if report.pairsSimilar > report.similar.count {
            html.markup("; ")
            html.value(String(report.pairsSimilar))
            html.markup(" reach the threshold, and the strongest ")
            html.value(String(report.similar.count))
            html.markup(" are shown.</p>\n")
        } else {
            html.markup(".</p>\n")
        }
        if report.similar.isEmpty { html.markup("<p>No pair of answers reaches the threshold.</p>\n") }
        if !report.similarCandidates.isEmpty {
            html.markup("<h3>Pairs of candidates</h3>\n<p class=\"note\">Strongest evidence first: many similar answers by the same two candidates weigh more than one short stock answer. Answer pairs follow below in the same order.</p>\n<div class=\"wrap\"><table><thead><tr><th class=\"text\">Candidates</th><th>Questions</th><th>Shared 4-word runs</th><th>Mean similarity</th><th class=\"text\">On</th></tr></thead><tbody>\n")
            for pair in report.similarCandidates {
                html.markup("<tr><td class=\"text\"><a href=\"")
                html.text(Self.href(pair.first))
                html.markup("\">")
                html.text(pair.first)
                html.markup("</a> · <a href=\"")
                html.text(Self.href(pair.second))
                html.markup("\">")
                html.text(pair.second)
                html.markup(pair.questions.count >= 3 ? "</a></td><td class=\"low\">" : "</a></td><td>")
                html.value(String(pair.questions.count))
                html.markup("</td><td>")
                html.value(String(pair.sharedShingles))
                html.markup("</td><td>")
                html.value(Self.f(pair.meanSimilarity * 100, 0))
                html.markup(" %</td><td class=\"text\">")
                html.text(pair.questions.joined(separator: ", "))
                html.markup("</td></tr>\n")
            }
            html.markup("</tbody></table></div>\n<h3>Answer pairs</h3>\n")
        }
        for pair in report.similar.prefix(Self.pairsShown) {
            html.markup("<div class=\"pair\"><h3><span>")
            html.text(pair.question)
            html.markup(": ")
            html.text(pair.first)
            html.markup(" and ")
            html.text(pair.second)
            html.markup("</span><span class=\"sim\">")
            html.value(Self.f(pair.similarity * 100, 0))
            html.markup(" % similar · ")
            html.value(String(pair.sharedShingles))
            html.markup(" shared runs</span></h3><div class=\"sides\">\n")
            for (id, text, ranges) in [(pair.first, pair.firstText, pair.firstShared), (pair.second, pair.secondText, pair.secondShared)] {
                html.markup("<div class=\"side\"><h4><a href=\"")
                html.text(Self.href(id))
                html.markup("#")
                html.text(pair.question)
                html.markup("\">")
                html.text(id)
                html.markup("</a></h4><p class=\"answer\">")
                let bytes = Array(text.utf8)
                var position = 0
                for range in ranges where range.lowerBound >= position && range.upperBound <= bytes.count {
                    html.text(bytes[position..<range.lowerBound])
                    html.markup("<mark>")
                    html.text(bytes[range])
                    html.markup("</mark>")
                    position = range.upperBound
                }
                html.text(bytes[position..<bytes.count])
                html.markup("</p></div>\n")
            }
            html.markup("</div></div>\n")
        }
        if report.similar.count > Self.pairsShown {
            html.markup("<p class=\"note\">")
            html.value(String(report.similar.count - Self.pairsShown))
            html.markup(" more answer pairs are listed in cohort.xml.</p>\n")
        }
        html.markup("</section>\n")
    }

    private func answers(_ report: CohortReport, into html: inout HTMLText) {
        html.markup("<section id=\"answers\">\n<h2>Answer lengths and readability</h2>\n<p class=\"note\">Per question, over the answers given. Flesch reading ease: higher is easier, 60–70 is plain English, below 30 is dense (code and jargon lower it).</p>\n<div class=\"two\"><div><h3>Words per answer</h3>\n")
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

    /// The ranking table; `flush` may hand what is written so far to the file between rows.
    private func ranking(_ report: CohortReport, into html: inout HTMLText, flush: (inout HTMLText) throws -> Void) throws {
        html.markup("<section id=\"ranking\">\n<h2>Ranking</h2>\n<div class=\"wrap\"><table>\n<thead><tr><th>Rank</th><th class=\"text\">Candidate</th><th class=\"text\">Name</th><th>Total</th><th class=\"text\">%</th><th>Answered</th></tr></thead>\n<tbody>\n")
        try report.ranking.forEach { candidate in
            try flush(&html)
            html.markup(candidate.atRisk ? "<tr class=\"risk\"><td>" : "<tr><td>")
            html.value(String(candidate.rank))
            html.markup("</td><td class=\"text\">")
            link(candidate, into: &html)
            html.markup("</td><td class=\"text\">")
            html.text(candidate.name ?? "")
            html.markup("</td><td>")
            html.value(Self.f(candidate.total))
            html.markup(" / ")
            html.value(Self.f(candidate.maxPoints))
            html.markup("</td><td class=\"text\">")
            html.value(Self.f(candidate.percent, 0))
            html.markup(" %<span class=\"meter\"><span style=\"width: ")
            html.value(Self.f(min(max(candidate.percent, 0), 100), 0))
            html.markup("%\"></span></span></td><td>")
            html.value(String(candidate.answered))
            html.markup("</td></tr>\n")
        }
        html.markup("</tbody></table></div>\n</section>\n")
    }

    private func run(_ report: CohortReport, into html: inout HTMLText) {
        html.markup("<section id=\"run\">\n<h2>Run</h2>\n<dl class=\"facts\"><dt>Rubric</dt><dd>")
        html.text(report.rubric.title ?? report.rubric.id)
        html.markup(" (<code>")
        html.text(report.rubric.id)
        html.markup("</code>")
        if let version = report.rubric.version {
            html.markup(" version ")
            html.text(version)
        }
        html.markup(")</dd><dt>Rubric SHA-256</dt><dd><code>")
        html.value(report.rubric.sha256)
        html.markup("</code></dd><dt>Candidates</dt><dd>")
        html.value(String(report.candidates))
        html.markup("</dd><dt>Answers</dt><dd>")
        html.value(String(report.answers))
        html.markup(" of ")
        html.value(String(report.candidates * report.questions.count))
        html.markup("</dd><dt>Pass mark</dt><dd>")
        html.value(Self.f(report.passMark))
        html.markup(" / ")
        html.value(Self.f(report.maxPoints))
        html.markup("</dd><dt>Similarity threshold</dt><dd>")
        html.value(Self.f(report.similarityThreshold, 2))
        html.markup("</dd>")
        if let epoch = report.options.generatedAt {
            html.markup("<dt>Generated</dt><dd>")
            html.value(Self.isoDate(epoch))
            html.markup(" (SOURCE_DATE_EPOCH)</dd>")
        }
        html.markup("</dl>\n")
        if !report.options.stageTimes.isEmpty {
            html.markup("<h3>Stage times (summed over workers)</h3>\n<table><thead><tr><th>Stage</th><th>Seconds</th></tr></thead><tbody>\n")
            for stage in report.options.stageTimes {
                html.row([stage.name, NumberText.format(stage.seconds, places: 3)])
            }
            html.markup("</tbody></table>\n")
        }
        html.markup("</section>\n")
    }

    private func link(_ candidate: RankedCandidate, into html: inout HTMLText) {
        html.markup("<a href=\"")
        html.text(Self.href(candidate.id))
        html.markup("\">")
        html.text(candidate.id)
        html.markup("</a>")
    }

    /// A discrimination or facility cell, marked when outside the usual range.
    private static func cell(_ value: Double?, low: Double?, high: Double?, into html: inout HTMLText) {
        guard let value else {
            html.markup("<td title=\"undefined: no variance\">–</td>")
            return
        }
        if let low, value < low {
            html.markup("<td class=\"low\">")
        } else if let high, value > high {
            html.markup("<td class=\"high\">")
        } else {
            html.markup("<td>")
        }
        html.value(f(value, 2))
        html.markup("</td>")
    }

    /// The relative link to a candidate's page; ids are file-name safe, anything else is percent-encoded.
    static func href(_ id: String) -> String {
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
