import GraderFoundation
import GraderReports

extension CohortHTMLWriter {
    /// Pairs of similar answers: first the pairs of candidates they add up to, then the
    /// strongest answer pairs side by side with the shared passages marked.
    package func similar(_ report: CohortReport, into html: inout HTMLText) {
        Self.beginSection("similar", "Similar answers", into: &html)
        html.markup("<p class=\"note\">Pairs of answers to the same question whose 4-word runs overlap by at least ")
        html.value(Self.f(report.similarityThreshold * 100, 0))
        html.markup(" % (Jaccard similarity; <code>--similarity-threshold</code>). ")
        html.markup(Self.whatSimilarMeans)
        html.markup(" ")
        html.value(Plural.count(report.pairsCompared, "candidate pair"))
        html.markup(report.pairsCompared == 1 ? " was compared in full" : " were compared in full")
        if report.pairsSimilar > report.similar.count {
            html.value("; \(report.pairsSimilar) reach the threshold, and the strongest \(report.similar.count) are shown")
        }
        html.markup(".</p>\n")
        if report.comparisonsSkipped > 0 {
            html.markup("<p class=\"note\">")
            html.value("The cap of \(report.options.comparisonsPerAnswer) comparisons per answer was reached for "
                       + "\(Plural.count(report.answersAtComparisonCap, "answer")): \(Plural.count(report.comparisonsSkipped, "weaker candidate pair")) "
                       + "(by the sketches' estimate) \(report.comparisonsSkipped == 1 ? "was" : "were") not compared, so a few similar pairs may be missing.")
            html.markup("</p>\n")
        }
        if report.similar.isEmpty { html.markup("<p>No pair of answers reaches the threshold.</p>\n") }
        if !report.similarCandidates.isEmpty { candidatePairs(report, into: &html) }
        for pair in report.similar.prefix(Self.pairsShown) { answerPair(pair, into: &html) }
        if report.similar.count > Self.pairsShown {
            html.markup("<p class=\"note\">")
            html.value(String(report.similar.count - Self.pairsShown))
            html.markup(" more answer pairs are listed in cohort.xml.</p>\n")
        }
        html.markup("</section>\n")
    }

    /// The table of candidate pairs, strongest evidence first.
    private func candidatePairs(_ report: CohortReport, into html: inout HTMLText) {
        html.markup("<h3>Pairs of candidates</h3>\n")
        Self.note(Self.howCandidatePairsAreOrdered, into: &html)
        html.markup("<div class=\"wrap\"><table><thead><tr><th class=\"text\">Candidates</th><th>Questions</th><th>Shared 4-word runs</th><th>Mean similarity</th><th class=\"text\">On</th></tr></thead><tbody>\n")
        for pair in report.similarCandidates {
            html.markup("<tr><td class=\"text\">")
            html.element("a", ["href": Self.href(pair.first)], pair.first)
            html.markup(" · ")
            html.element("a", ["href": Self.href(pair.second)], pair.second)
            html.markup("</td>")
            // Three questions or more by the same two candidates is marked.
            if pair.questions.count >= 3 {
                html.element("td", ["class": "low"], String(pair.questions.count))
            } else {
                html.cell(String(pair.questions.count))
            }
            html.cell(String(pair.sharedShingles))
            html.cell(Self.f(pair.meanSimilarity * 100, 0) + " %")
            html.element("td", ["class": "text"], pair.questions.joined(separator: ", "))
            html.markup("</tr>\n")
        }
        html.markup("</tbody></table></div>\n<h3>Answer pairs</h3>\n")
    }

    /// Two answers side by side, each linking to its candidate's page, the shared runs marked.
    private func answerPair(_ pair: SimilarPair, into html: inout HTMLText) {
        html.markup("<div class=\"pair\"><h3>")
        html.element("span", "\(pair.question): \(pair.first) and \(pair.second)")
        html.element("span", ["class": "sim"], "\(Self.f(pair.similarity * 100, 0)) % similar · \(pair.sharedShingles) shared runs")
        html.markup("</h3><div class=\"sides\">\n")
        for (id, text, ranges) in [(pair.first, pair.firstText, pair.firstShared), (pair.second, pair.secondText, pair.secondShared)] {
            html.markup("<div class=\"side\"><h4>")
            html.element("a", ["href": Self.href(id) + "#" + pair.question], id)
            html.markup("</h4><p class=\"answer\">")
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

    private static let whatSimilarMeans: StaticString = """
    Runs found in the prompt or the model answer, and runs that appear in more than 5 % of a question's answers (at \
    least 10), are left out: they are shared knowledge, not copying. Shared passages are marked on both sides.
    """

    private static let howCandidatePairsAreOrdered: StaticString = """
    Strongest evidence first: many similar answers by the same two candidates weigh more than one short stock answer. \
    Answer pairs follow below in the same order.
    """
}
