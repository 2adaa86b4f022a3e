import GraderEngine
import GraderFoundation

/// Renders the report a candidate may be given (`grade --student-reports`): their total and
/// per-question scores, their answers with what earned credit highlighted, the feedback of the
/// criteria they met and missed, and a moderator's comment where there is one. It leaves out
/// everything else the candidate report holds: matchers, patterns, evidence sources, penalty
/// rules, warnings and anything about other candidates. One self-contained page (the shared
/// shell and its script-free CSP), with a print stylesheet.
public struct StudentReportWriter: Sendable {
    /// `candidate.css` with `student.css` (its additions and the print rules), read once.
    private let stylesheet: [UInt8]

    public init() {
        stylesheet = HTMLText.stylesheet("candidate.css") + HTMLText.stylesheet("student.css")
    }

    package func render(_ result: CandidateResult, rubric: Rubric) -> [UInt8] {
        var html = HTMLText(capacity: 0)
        render(result, rubric: rubric, into: &html)
        return html.bytes
    }

    /// Renders into `html`, emptied first (a worker keeps one page's memory for all its candidates).
    package func render(_ result: CandidateResult, rubric: Rubric, into html: inout HTMLText) {
        html.reset(capacity: stylesheet.count + 16 * 1024 + 2 * result.questions.reduce(0) { $0 + ($1.answer?.text.utf8.count ?? 0) })
        let candidate = result.submission.candidate
        let title = rubric.title ?? rubric.id
        html.beginPage(title: title + " — " + candidate.id, stylesheet: stylesheet)
        html.markup("<header>\n  <div>\n    ")
        html.element("h1", title)
        html.markup("\n    <div class=\"who\">")
        html.text(candidate.id + (candidate.name.map { " · " + $0 } ?? ""))
        html.markup("</div>\n  </div>\n  <div class=\"total\">")
        html.value(NumberText.format(result.total))
        html.markup(" <small>/ ")
        html.value(NumberText.format(result.maxPoints))
        html.markup("</small></div>\n</header>\n<main>\n<table class=\"scores\"><thead><tr><th>Question</th><th>Score</th></tr></thead><tbody>\n")
        for question in result.questions {
            html.row([question.question.id, NumberText.format(question.score) + " / " + NumberText.format(question.question.points)
                      + (question.moderation == nil ? "" : " (moderated)")])
        }
        html.markup("</tbody></table>\n")
        for question in result.questions { section(question, into: &html) }
        html.markup("</main>\n")
        html.endPage()
    }

    private func section(_ result: QuestionResult, into html: inout HTMLText) {
        html.start("section", ["class": "question", "id": result.question.id])
        html.markup("\n  <h2>")
        html.element("span", result.question.id)
        html.element("span", ["class": "score"], NumberText.format(result.score) + " / " + NumberText.format(result.question.points))
        html.markup("</h2>\n  <p class=\"prompt\">")
        html.text(result.question.prompt)
        html.markup("</p>\n")
        if let moderation = result.moderation {
            html.markup("  <div class=\"moderation\" role=\"note\"><strong>Reviewed by a moderator</strong>")
            if !moderation.decision.reason.isEmpty {
                html.markup(": ")
                html.text(moderation.decision.reason)
            }
            html.markup("</div>\n")
        }
        answer(result, into: &html)
        feedback(result, into: &html)
        html.markup("</section>\n")
    }

    /// The answer as written, the passages that earned credit marked (never a penalty's).
    private func answer(_ result: QuestionResult, into html: inout HTMLText) {
        let bytes = TextOffsets(result.answer?.text ?? "").utf8
        guard !bytes.isEmpty else {
            html.markup("  <div class=\"answer missing\">No answer.</div>\n")
            return
        }
        html.markup("  <div class=\"answer\">")
        for segment in HTMLReportWriter.segments(result, length: bytes.count, creditOnly: true) {
            if segment.mark != nil { html.markup("<mark>") }
            html.text(bytes[segment.range])
            if segment.mark != nil { html.markup("</mark>") }
        }
        html.markup("</div>\n")
    }

    /// The feedback of the criteria (and levels elements) met and missed, and the points any penalties took.
    private func feedback(_ result: QuestionResult, into html: inout HTMLText) {
        guard result.status != .missing else { return }
        var met: [String] = [], missed: [String] = []
        var deducted = 0.0
        for rule in result.rules {
            switch rule.rule.kind {
            case .penalty: deducted -= rule.awarded
            case .criterion:
                let points = " (" + HTMLReportWriter.points(rule.rule.points) + ")"
                let text = (rule.rule.feedback.isEmpty ? "A criterion without feedback" : rule.rule.feedback) + points
                if rule.credited { met.append(text) } else { missed.append(text) }
            case .element:
                // An element's points are its group's, said below; one without feedback has nothing to tell.
                guard !rule.rule.feedback.isEmpty else { continue }
                if rule.credited { met.append(rule.rule.feedback) } else { missed.append(rule.rule.feedback) }
            }
        }
        html.markup("  <div class=\"feedback\">\n")
        list("What earned credit", met, met: true, into: &html)
        list("What was missing", missed, met: false, into: &html)
        for group in result.levels {
            html.markup("  <p>")
            html.text("\(group.met) of \(group.of) \(group.group.label): \(HTMLReportWriter.points(group.points))"
                      + (group.group.feedback.isEmpty ? "" : " — " + group.group.feedback))
            html.markup("</p>\n")
        }
        if deducted > 0 {
            html.markup("  <p class=\"deduction\">Points deducted: ")
            html.value(NumberText.format(deducted))
            html.markup("</p>\n")
        }
        html.markup("  </div>\n")
    }

    private func list(_ heading: StaticString, _ items: [String], met: Bool, into html: inout HTMLText) {
        guard !items.isEmpty else { return }
        html.markup("  <h3>")
        html.markup(heading)
        html.markup("</h3>\n  <ul>\n")
        for item in items {
            html.markup("  ")
            html.element("li", ["class": met ? "met" : "unmet"], item)
            html.markup("\n")
        }
        html.markup("  </ul>\n")
    }
}
