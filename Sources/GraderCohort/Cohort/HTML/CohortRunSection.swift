import GraderFoundation
import GraderReports

extension CohortHTMLWriter {
    /// The run's facts: rubric and its hash, counts, pass mark, threshold, and where they were
    /// measured, the time each stage took.
    package func run(_ report: CohortReport, into html: inout HTMLText) {
        Self.beginSection("run", "Run", into: &html)
        html.markup("<dl class=\"facts\"><dt>Rubric</dt><dd>")
        html.text(report.rubric.title ?? report.rubric.id)
        html.markup(" (")
        html.element("code", report.rubric.id)
        if let version = report.rubric.version {
            html.markup(" version ")
            html.text(version)
        }
        html.markup(")</dd>")
        fact("Rubric SHA-256", code: report.rubric.sha256, into: &html)
        fact("Candidates", String(report.candidates), into: &html)
        fact("Answers", "\(report.answers) of \(report.candidates * report.questions.count)", into: &html)
        fact("Pass mark", Self.f(report.passMark) + " / " + Self.f(report.maxPoints), into: &html)
        fact("Similarity threshold", Self.f(report.similarityThreshold, 2), into: &html)
        if let epoch = report.options.generatedAt {
            fact("Generated", Self.isoDate(epoch) + " (SOURCE_DATE_EPOCH)", into: &html)
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

    /// `<dt>name</dt><dd>value</dd>`, the value in `<code>` when `code` is given instead.
    private func fact(_ name: StaticString, _ value: String = "", code: String? = nil, into html: inout HTMLText) {
        html.markup("<dt>")
        html.markup(name)
        html.markup("</dt><dd>")
        if let code { html.element("code", code) } else { html.text(value) }
        html.markup("</dd>")
    }
}
