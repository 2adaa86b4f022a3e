import GraderFoundation
import GraderReports

extension TuneHTMLWriter {
    /// Each rule of a question: its points, fitted weight, how often it fires for high and low
    /// answers, and how well its firing agrees with the people's marks.
    package static func rules(_ question: TuneReport.QuestionReport, into html: inout HTMLText) {
        html.markup("<table><tr><th>rule</th><th>points</th><th>fitted</th><th>fires: high</th><th>low</th><th>r<sub>pb</sub></th><th>precision</th><th>recall</th></tr>\n")
        for rule in question.rules {
            html.markup("<tr><td>")
            html.text(rule.id)
            if rule.kind == .penalty { html.markup(" <span class=\"muted\">(penalty)</span>") }
            html.markup("</td>")
            for value in [NumberText.format(rule.points), rule.fitted.map { NumberText.format($0) } ?? "–",
                          rule.firesHigh.map(percent) ?? "–", rule.firesLow.map(percent) ?? "–",
                          format(rule.pointBiserial), format(rule.precision), format(rule.recall)] {
                html.cell(value)
            }
            html.markup("</tr>\n")
        }
        html.markup("</table>\n")
    }

    /// Criteria and penalties `--suggest` found, for the author to keep, reword or delete.
    package static func suggestions(_ question: TuneReport.QuestionReport, into html: inout HTMLText) {
        html.markup("<p>Suggested criteria and penalties (")
        html.value(question.suggested.map { "with them, cross-validated QWK " + format($0.quadraticKappa) } ?? "")
        html.markup("; the learner was fitted inside every training fold for that figure). Keep, reword or delete each:</p>\n")
        html.markup("<table><tr><th>looks for</th><th>as</th><th>points</th><th>QWK (CV) before → after</th><th>fires: high</th><th>low</th><th>matcher</th><th>matched in answers on its side</th></tr>\n")
        for suggestion in question.suggestions {
            html.markup("<tr>")
            for value in [suggestion.label, suggestion.kind.rawValue, NumberText.format(suggestion.weight, places: 3),
                          format(suggestion.qwkBefore) + " → " + format(suggestion.qwkAfter),
                          "\(suggestion.firesHigh)/\(question.highAnswers)", "\(suggestion.firesLow)/\(question.lowAnswers)"] {
                html.cell(value)
            }
            html.markup("<td class=\"text\">")
            html.element("code", suggestion.matcher)
            html.markup("</td>")
            html.element("td", ["class": "text"], suggestion.examples.joined(separator: " · "))
            html.markup("</tr>\n")
        }
        html.markup("</table>\n")
    }

    /// Phrases high-scored answers share that no rule catches: where a criterion may be missing.
    package static func phrases(_ question: TuneReport.QuestionReport, into html: inout HTMLText) {
        html.markup("<p>Phrases common in high-scored answers that no rule catches (log-odds; answers high/low):</p>\n<table><tr><th>phrase</th><th>log-odds</th><th>high</th><th>low</th></tr>\n")
        for phrase in question.phrases {
            html.row([phrase.text, NumberText.format(phrase.logOdds),
                      "\(phrase.high)/\(question.highAnswers)", "\(phrase.low)/\(question.lowAnswers)"])
        }
        html.markup("</table>\n")
    }
}
