import GraderEngine
import GraderFoundation

/// Renders the rubric as the assessor reads it, once per reports folder (`rubric.html`):
/// each question's prompt and model answer, its criteria, levels groups, penalties and
/// bands with points, feedback, requirements and matchers. Every part has a stable anchor
/// (`RubricAnchor`) that the candidate pages link to. The same shell, stylesheet and
/// Content-Security-Policy as the candidate pages; every rubric string is escaped.
///
/// The page depends on the rubric alone (not the path it was read from), so `grader cohort`
/// rebuilding it from `rubric.xml` writes the same bytes `grader grade` did.
struct RubricHTMLWriter {
    private let stylesheet = HTMLText.stylesheet("candidate.css")

    package func render(_ rubric: Rubric) -> [UInt8] {
        var html = HTMLText(capacity: stylesheet.count + 64 * 1024)
        let title = rubric.title ?? rubric.id
        html.beginPage(title: "Rubric — " + title, stylesheet: stylesheet)
        html.markup("<header>\n  <div>\n    ")
        html.element("h1", title)
        html.markup("\n    <div class=\"who\">rubric ")
        html.text(rubric.id + (rubric.version.map { " v" + $0 } ?? "") + " · sha256 " + rubric.sha256)
        html.markup("</div>\n  </div>\n  <div>\n    <div class=\"total\">")
        html.value(NumberText.format(rubric.maxPoints))
        html.markup(" <small>points</small></div>\n  </div>\n</header>\n<main>\n<nav class=\"summary\" aria-label=\"Questions\">\n")
        for question in rubric.questions {
            html.start("a", ["href": "#" + RubricAnchor.question(question.id)])
            html.element("b", NumberText.format(question.points))
            html.text(question.id)
            html.markup("</a>\n")
        }
        html.markup("</nav>\n")
        for question in rubric.questions { section(question, into: &html) }
        html.markup("</main>\n")
        html.element("footer", "The rubric every candidate page in this folder was graded against (rubric.xml).")
        html.markup("\n")
        html.endPage()
        return html.bytes
    }

    private func section(_ question: Question, into html: inout HTMLText) {
        html.start("section", ["class": "question", "id": RubricAnchor.question(question.id)])
        html.markup("\n  <h2>")
        html.element("span", question.id)
        html.markup("<span class=\"score\">")
        html.text(HTMLReportWriter.points(question.points))
        html.markup("</span></h2>\n  <p class=\"prompt\">")
        html.text(question.prompt)
        html.markup("</p>\n")
        if let model = question.modelAnswer, !model.isEmpty {
            html.markup("  <div class=\"model\"><h3>Model answer</h3><div class=\"answer\">")
            html.text(model)
            html.markup("</div></div>\n")
        }
        terms(question, into: &html)
        html.markup("  <ul class=\"rules\">\n")
        for rule in question.criteria { item(rule, of: question.id, into: &html) }
        for group in question.levels { levels(group, of: question.id, into: &html) }
        for rule in question.penalties { item(rule, of: question.id, into: &html) }
        html.markup("  </ul>\n")
        if !question.bands.isEmpty { bands(question, into: &html) }
        html.markup("</section>\n")
    }

    /// What scores the question besides its rules: base points, floor, shortest answer, gate.
    private func terms(_ question: Question, into html: inout HTMLText) {
        var parts: [String] = []
        if question.base != 0 { parts.append("base " + HTMLReportWriter.points(question.base)) }
        if question.floor != 0 { parts.append("floor " + NumberText.format(question.floor)) }
        if question.minWords > 0 {
            parts.append("at least \(Plural.count(question.minWords, "word"))" + (question.shortScoresZero ? " (shorter scores 0)" : ""))
        }
        if !question.requires.isEmpty { parts.append("requires " + question.requires.joined(separator: ", ")) }
        guard !parts.isEmpty else { return }
        html.markup("  <p class=\"profile\">")
        for part in parts { html.element("span", part) }
        html.markup("</p>\n")
    }

    /// A criterion, element or penalty: points, feedback, requirements and its matcher.
    private func item(_ rule: ScoredRule, of question: String, into html: inout HTMLText) {
        html.start("li", ["class": rule.kind == .penalty ? "penalty" : rule.kind.rawValue, "id": RubricAnchor.rule(rule, of: question)])
        html.markup("<span class=\"pts\">")
        switch rule.kind {
        case .criterion: html.value(NumberText.format(rule.points))
        case .penalty: html.value("−" + NumberText.format(rule.points))
        case .element: html.markup("counted")
        }
        html.markup("</span>")
        html.element("strong", rule.id)
        feedback(rule.feedback, requires: rule.requires, into: &html)
        html.markup("    <div class=\"matcher\">")
        html.text(rule.summary)
        html.markup("</div>\n  </li>\n")
    }

    /// " — feedback", the line's end, then what the rule or group needs to be credited.
    private func feedback(_ feedback: String, requires: [String], into html: inout HTMLText) {
        if !feedback.isEmpty {
            html.markup(" — ")
            html.text(feedback)
        }
        html.markup("\n")
        if !requires.isEmpty {
            html.markup("    <div class=\"via\">credited only with ")
            html.text(requires.joined(separator: ", "))
            html.markup("</div>\n")
        }
    }

    /// A levels group: its table of points by elements met, then each element.
    private func levels(_ group: LevelGroup, of question: String, into html: inout HTMLText) {
        html.start("li", ["class": "criterion", "id": RubricAnchor.levels(group.id, of: question)])
        html.markup("<span class=\"pts\">")
        html.value(NumberText.format(group.table.map(\.points).max() ?? 0))
        html.markup("</span>")
        html.element("strong", group.id)
        html.markup(" — ")
        html.text(group.label + ": " + group.table.reversed().map { "\($0.min) or more: " + HTMLReportWriter.points($0.points) }
            .joined(separator: "; "))
        feedback(group.feedback, requires: group.requires, into: &html)
        html.markup("    <ul class=\"rules\">\n")
        for element in group.elements { item(element, of: question, into: &html) }
        html.markup("    </ul>\n  </li>\n")
    }

    /// Holistic bands: the raw score each starts from and the points it gives.
    private func bands(_ question: Question, into html: inout HTMLText) {
        html.start("ul", ["class": "rules", "id": RubricAnchor.bands(of: question.id)])
        html.markup("\n")
        for band in question.bands.reversed() {
            html.markup("  <li><span class=\"pts\">")
            html.value(NumberText.format(band.points))
            html.markup("</span>band from raw ")
            html.value(NumberText.format(band.from))
            if !band.descriptor.isEmpty {
                html.markup(" — ")
                html.text(band.descriptor)
            }
            html.markup("</li>\n")
        }
        html.markup("  </ul>\n")
    }
}
