import GraderFoundation
import GraderReports

extension TuneHTMLWriter {
    /// One question, folded: its agreement in the summary; inside, its confusion heat map, what
    /// the fit decided and why, and the tables of rules, suggested criteria and phrases.
    static func section(_ question: TuneReport.QuestionReport, into html: inout HTMLText) {
        html.markup("<details><summary>")
        html.text(question.id)
        html.value(" — QWK " + format(question.current.quadraticKappa) + (question.tuned.map { " → \(format($0.quadraticKappa)) tuned" } ?? "")
                   + ", exact \(percent(question.current.agreement.exact)), MAE \(NumberText.format(question.current.agreement.meanAbsoluteError))")
        html.markup("</summary>\n<div class=\"charts\"><div>")
        SVGCharts.confusionHeatMap(question.current.confusion, into: &html)
        html.markup("</div><div>")
        if let fit = question.fit { self.fit(fit, of: question, into: &html) }
        rules(question, into: &html)
        if !question.suggestions.isEmpty { suggestions(question, into: &html) }
        if !question.phrases.isEmpty { phrases(question, into: &html) }
        html.markup("</div></div>\n</details>\n")
    }

    /// Whether the tuned question is written and why, and the model fitted on all its answers.
    private static func fit(_ fit: TuneReport.Fit, of question: TuneReport.QuestionReport, into html: inout HTMLText) {
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
        html.value("\(fit.folds) folds " + (question.tuned.map { percent($0.agreement.exact) } ?? "–")
                   + (question.suggested.map { ", with suggestions " + percent($0.agreement.exact) } ?? ""))
        html.markup(".</p>\n")
    }
}
