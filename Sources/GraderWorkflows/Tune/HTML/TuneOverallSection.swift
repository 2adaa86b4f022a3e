import GraderFoundation
import GraderReports

extension TuneHTMLWriter {
    /// Agreement over all answers and per question, the pooled confusion heat map and the QWK bars.
    package static func overall(_ report: TuneReport, into html: inout HTMLText) {
        html.markup("<h2>Overall</h2>\n<div class=\"charts\"><div>")
        overviewTable(report, into: &html)
        html.markup("</div><div><h3>All answers: person (rows) × rubric (columns)</h3>")
        SVGCharts.confusionHeatMap(report.overall.confusion, into: &html)
        html.markup("</div></div>\n<h3>Quadratic weighted kappa per question: the author's rubric (dark) and the tuned one, cross-validated (light)</h3>\n")
        SVGCharts.agreementBars(report.questions.map { .init(question: $0.id, author: $0.current.quadraticKappa, tuned: $0.tuned?.quadraticKappa) },
                                into: &html)
    }

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
        html.value("\(report.totals.count) graded on every question): Pearson \(format(report.totals.pearson)), "
                   + "Spearman \(format(report.totals.spearman)), MAE \(NumberText.format(report.totals.meanAbsoluteError)).")
        html.markup("</p>\n")
    }

    /// Exact, adjacent, MAE, Pearson and QWK of one set of scores.
    static func cells(_ scores: TuneReport.Scores) -> [String] {
        [percent(scores.agreement.exact), percent(scores.agreement.adjacent), NumberText.format(scores.agreement.meanAbsoluteError),
         format(scores.pearson), format(scores.quadraticKappa)]
    }
}
