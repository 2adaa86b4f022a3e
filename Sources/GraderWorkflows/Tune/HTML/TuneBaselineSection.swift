import GraderFoundation
import GraderReports

extension TuneHTMLWriter {
    /// `--baseline`: the earlier rubric's agreement beside this one's, and the candidates whose total moved most.
    static func comparison(_ report: TuneReport, baseline: String, into html: inout HTMLText) {
        html.markup("<h2>Baseline comparison</h2>\n<p>Baseline ")
        html.element("code", baseline)
        html.markup(" against this rubric, on the same answers.</p>\n<table><tr><th>rubric</th><th>exact</th><th>adjacent</th><th>MAE</th><th>QWK</th></tr>\n")
        if let old = report.baselineOverall { scoresRow("baseline", old, into: &html) }
        scoresRow("this rubric", report.overall, into: &html)
        html.markup("</table>\n<h3>Candidates whose total moved most</h3>\n<table><tr><th>candidate</th><th>person</th><th>baseline</th><th>this rubric</th><th>change</th></tr>\n")
        for delta in report.deltas.prefix(30) {
            html.row([delta.id, NumberText.format(delta.human), NumberText.format(delta.old), NumberText.format(delta.new),
                      (delta.delta > 0 ? "+" : "") + NumberText.format(delta.delta)])
        }
        html.markup("</table>\n")
    }

    private static func scoresRow(_ label: String, _ scores: TuneReport.Scores, into html: inout HTMLText) {
        html.row([label, percent(scores.agreement.exact), percent(scores.agreement.adjacent),
                  NumberText.format(scores.agreement.meanAbsoluteError), format(scores.quadraticKappa)])
    }
}
