/// `tune.html`: one self-contained page (inline CSS and SVG, a Content-Security-Policy
/// that allows no script and no network) with the agreement per question, the
/// confusion matrices, per-rule statistics with fitted weights, candidate phrases,
/// the worst disagreements and the baseline comparison. Every string from the rubric,
/// the grades or the answers goes through `HTMLText.text`, which escapes it.
enum TuneHTMLWriter {
    static func render(_ report: TuneReport) -> [UInt8] {
        var html = HTMLText()
        html.beginPage(title: "Tuning " + report.rubricID, stylesheet: stylesheet)
        html.markup("<h1>Tuning ")
        html.text(report.rubricID)
        html.markup(" against human grades</h1>\n<p class=\"muted\">Rubric <code>")
        html.text(report.rubricFile)
        html.markup("</code> (SHA-256 ")
        html.text(String(report.rubricSHA256.prefix(12)))
        html.markup("…), human grades <code>")
        html.text(report.gradesFile)
        html.markup("</code>: ")
        html.value(String(report.candidates))
        html.markup(" candidates, ")
        html.value(String(report.answers))
        html.markup(" answers compared. Exact and adjacent agreement, κ and QWK count scores on each question's grid (the finest step its human scores use); “high” means a person gave at least half the points. The tuned rubric's figures are cross-validated: every answer is scored by a model fitted without it.</p>\n")

        html.markup("<h2>Overall</h2>\n<div class=\"charts\"><div>")
        overviewTable(report, into: &html)
        html.markup("</div><div><h3>All answers: person (rows) × rubric (columns)</h3>")
        SVGCharts.confusionHeatMap(report.overall.confusion, into: &html)
        html.markup("</div></div>\n<h3>Quadratic weighted kappa per question: the author's rubric (dark) and the tuned one, cross-validated (light)</h3>\n")
        SVGCharts.agreementBars(report.questions.map { .init(question: $0.id, author: $0.current.quadraticKappa, tuned: $0.tuned?.quadraticKappa) },
                                into: &html)

        if !report.warnings.isEmpty {
            html.markup("<h2>Warnings</h2>\n<ul>")
            for warning in report.warnings {
                html.markup("<li>")
                html.text(warning.description)
                html.markup("</li>")
            }
            html.markup("</ul>\n")
        }

        html.markup("<h2>Questions</h2>\n")
        for question in report.questions { section(question, into: &html) }

        html.markup("<h2>Worst disagreements</h2>\n")
        if report.disagreements.isEmpty { html.markup("<p>The rubric agrees with every human score.</p>\n") }
        for item in report.disagreements {
            html.markup("<h3>")
            html.text(item.candidate)
            html.markup(" · ")
            html.text(item.question)
            html.markup(": person ")
            html.value(NumberText.format(item.human))
            html.markup(", rubric ")
            html.value(NumberText.format(item.machine))
            html.markup(" of ")
            html.value(NumberText.format(item.points))
            html.markup("</h3>\n<pre>")
            html.text(item.text.isEmpty ? "(no answer)" : item.text)
            html.markup("</pre>\n<p>")
            if item.evidence.isEmpty { html.markup("Nothing fired.") }
            for (index, evidence) in item.evidence.enumerated() {
                if index > 0 { html.markup("; ") }
                html.markup("<b>")
                html.text(evidence.rule)
                html.markup("</b> ")
                html.value((evidence.awarded >= 0 ? "+" : "") + NumberText.format(evidence.awarded))
                if !evidence.matched.isEmpty {
                    html.markup(" (")
                    html.text(evidence.matched.map { "“\($0)”" }.joined(separator: ", "))
                    html.markup(")")
                }
            }
            html.markup("</p>\n")
        }

        if let baseline = report.baselineFile {
            html.markup("<h2>Baseline comparison</h2>\n<p>Baseline <code>")
            html.text(baseline)
            html.markup("</code> against this rubric, on the same answers.</p>\n<table><tr><th>rubric</th><th>exact</th><th>adjacent</th><th>MAE</th><th>QWK</th></tr>\n")
            if let old = report.baselineOverall { scoresRow("baseline", old, into: &html) }
            scoresRow("this rubric", report.overall, into: &html)
            html.markup("</table>\n<h3>Candidates whose total moved most</h3>\n<table><tr><th>candidate</th><th>person</th><th>baseline</th><th>this rubric</th><th>change</th></tr>\n")
            for delta in report.deltas.prefix(30) {
                html.row([delta.id, NumberText.format(delta.human), NumberText.format(delta.old), NumberText.format(delta.new),
                          (delta.delta > 0 ? "+" : "") + NumberText.format(delta.delta)])
            }
            html.markup("</table>\n")
        }
        html.markup(footer)
        html.endPage()
        return html.bytes
    }

    /// `Resources/tune.css`, read once.
    private static let stylesheet = HTMLText.stylesheet("tune.css")

    private static let footer: StaticString = """
    <footer class="muted"><p>Written by grader tune. The tuned rubric: a base (intercept) plus non-negative weights \
    for what fired, fitted by least squares with a pull toward the author's weights, then either the author's map onto \
    the question's points or cut-points fitted to the people's scores (written as bands). The pull and the map are \
    chosen by cross-validation inside the training folds; the tuned figures score every answer with a model fitted \
    without its fold. --write-rubric takes a tuned question only where its QWK beats the author's by the margin.</p></footer>

    """

    private static func overviewTable(_ report: TuneReport, into html: inout HTMLText) {
        let suggesting = report.overallSuggested != nil
        html.markup("<table><tr><th></th><th></th><th colspan=\"5\" class=\"group\">author's rubric</th><th colspan=\"5\" class=\"group\">tuned (cross-validated)</th>")
        if suggesting { html.markup("<th class=\"group\">+ suggestions</th>") }
        html.markup("<th>written</th></tr>\n")
        html.markup("<tr><th></th><th>n</th><th>exact</th><th>adjacent</th><th>MAE</th><th>Pearson</th><th>QWK</th><th>exact</th><th>adjacent</th><th>MAE</th><th>Pearson</th><th>QWK</th>")
        if suggesting { html.markup("<th>QWK</th>") }
        html.markup("<th></th></tr>\n")
        html.row(["all answers", String(report.overall.agreement.count)] + cells(report.overall) + cells(report.overallTuned)
                 + (suggesting ? [format(report.overallSuggested?.quadraticKappa)] : [])
                 + ["QWK " + format(report.overallWritten.quadraticKappa)])
        for question in report.questions {
            let decision = question.fit?.decision
            let written = decision?.written == true ? (decision?.withSuggestions == true ? "tuned + suggestions" : "tuned") : "author's"
            html.row([question.id, String(question.current.agreement.count)] + cells(question.current)
                     + (question.tuned.map(cells) ?? Array(repeating: "–", count: 5))
                     + (suggesting ? [format(question.suggested?.quadraticKappa)] : []) + [written])
        }
        html.markup("</table>\n<p>Written: what --write-rubric takes per question (tuned only where its cross-validated QWK gains at least ")
        html.value(NumberText.format(report.margin))
        html.markup(" over the author's and its squared error drops by two standard errors). Candidate totals (")
        html.value(String(report.totals.count))
        html.markup(" graded on every question): Pearson ")
        html.value(format(report.totals.pearson))
        html.markup(", Spearman ")
        html.value(format(report.totals.spearman))
        html.markup(", MAE ")
        html.value(NumberText.format(report.totals.meanAbsoluteError))
        html.markup(".</p>\n")
    }

    private static func cells(_ scores: TuneReport.Scores) -> [String] {
        [percent(scores.agreement.exact), percent(scores.agreement.adjacent), NumberText.format(scores.agreement.meanAbsoluteError),
         format(scores.pearson), format(scores.quadraticKappa)]
    }

    private static func scoresRow(_ label: String, _ scores: TuneReport.Scores, into html: inout HTMLText) {
        html.row([label, percent(scores.agreement.exact), percent(scores.agreement.adjacent),
                  NumberText.format(scores.agreement.meanAbsoluteError), format(scores.quadraticKappa)])
    }

    private static func section(_ question: TuneReport.QuestionReport, into html: inout HTMLText) {
        html.markup("<details><summary>")
        html.text(question.id)
        html.markup(" — QWK ")
        html.value(format(question.current.quadraticKappa))
        if let tuned = question.tuned {
            html.markup(" → ")
            html.value(format(tuned.quadraticKappa))
            html.markup(" tuned")
        }
        html.markup(", exact ")
        html.value(percent(question.current.agreement.exact))
        html.markup(", MAE ")
        html.value(NumberText.format(question.current.agreement.meanAbsoluteError))
        html.markup("</summary>\n<div class=\"charts\"><div>")
        SVGCharts.confusionHeatMap(question.current.confusion, into: &html)
        html.markup("</div><div>")
        if let fit = question.fit {
            html.markup("<p>")
            html.markup(fit.decision.written ? "<b class=\"good\">Written:</b> " : "<b>Kept the author's:</b> ")
            html.text(fit.decision.reason)
            html.markup(".</p>\n<p>Fitted on all the answers (")
            html.text(fit.settings)
            html.markup("): base ")
            html.value(NumberText.format(fit.base, places: 3))
            if !fit.bands.isEmpty {
                html.markup(", cut-points ")
                html.text(fit.bands.map { "≥ \(NumberText.format($0.from, places: 3)) → \(NumberText.format($0.points, places: 3))" }.joined(separator: ", "))
            }
            html.markup("; exact agreement in sample ")
            html.value(percent(fit.inSample.exact))
            html.markup(" (optimistic), cross-validated over ")
            html.value(String(fit.folds))
            html.markup(" folds ")
            html.value(question.tuned.map { percent($0.agreement.exact) } ?? "–")
            if let suggested = question.suggested {
                html.markup(", with suggestions ")
                html.value(percent(suggested.agreement.exact))
            }
            html.markup(".</p>\n")
        }
        html.markup("<table><tr><th>rule</th><th>points</th><th>fitted</th><th>fires: high</th><th>low</th><th>r<sub>pb</sub></th><th>precision</th><th>recall</th></tr>\n")
        for rule in question.rules {
            html.markup("<tr><td>")
            html.text(rule.id)
            if rule.kind == .penalty { html.markup(" <span class=\"muted\">(penalty)</span>") }
            html.markup("</td><td>")
            html.value(NumberText.format(rule.points))
            html.markup("</td><td>")
            html.value(rule.fitted.map { NumberText.format($0) } ?? "–")
            html.markup("</td><td>")
            html.value(rule.firesHigh.map(percent) ?? "–")
            html.markup("</td><td>")
            html.value(rule.firesLow.map(percent) ?? "–")
            html.markup("</td><td>")
            html.value(format(rule.pointBiserial))
            html.markup("</td><td>")
            html.value(format(rule.precision))
            html.markup("</td><td>")
            html.value(format(rule.recall))
            html.markup("</td></tr>\n")
        }
        html.markup("</table>\n")
        if !question.suggestions.isEmpty {
            html.markup("<p>Suggested criteria (")
            html.value(question.suggested.map { "with them, cross-validated QWK " + format($0.quadraticKappa) } ?? "")
            html.markup("; each was searched for inside every training fold). Keep, reword or delete each:</p>\n")
            html.markup("<table><tr><th>looks for</th><th>points</th><th>QWK (CV) before → after</th><th>fires: high</th><th>low</th><th>matcher</th><th>matched in high-scored answers</th></tr>\n")
            for suggestion in question.suggestions {
                html.markup("<tr><td>")
                html.text(suggestion.label)
                html.markup("</td><td>")
                html.value(NumberText.format(suggestion.weight, places: 3))
                html.markup("</td><td>")
                html.value(format(suggestion.qwkBefore) + " → " + format(suggestion.qwkAfter))
                html.markup("</td><td>")
                html.value("\(suggestion.firesHigh)/\(question.highAnswers)")
                html.markup("</td><td>")
                html.value("\(suggestion.firesLow)/\(question.lowAnswers)")
                html.markup("</td><td class=\"text\"><code>")
                html.text(suggestion.matcher)
                html.markup("</code></td><td class=\"text\">")
                html.text(suggestion.examples.joined(separator: " · "))
                html.markup("</td></tr>\n")
            }
            html.markup("</table>\n")
        }
        if !question.phrases.isEmpty {
            html.markup("<p>Phrases common in high-scored answers that no rule catches (log-odds; answers high/low):</p>\n<table><tr><th>phrase</th><th>log-odds</th><th>high</th><th>low</th></tr>\n")
            for phrase in question.phrases {
                html.row([phrase.text, NumberText.format(phrase.logOdds),
                          "\(phrase.high)/\(question.highAnswers)", "\(phrase.low)/\(question.lowAnswers)"])
            }
            html.markup("</table>\n")
        }
        html.markup("</div></div>\n</details>\n")
    }

    static func percent(_ value: Double) -> String { NumberText.format(value * 100, places: 0) + "%" }
    static func format(_ value: Double?) -> String { value.map { NumberText.format($0, places: 2) } ?? "–" }
}
