import GraderEngine
import GraderFoundation
import GraderReports


/// One answer to judge: why it is in the queue, the prompt, the answer with the evidence of its
/// met rules highlighted, every criterion met or unmet with its points and feedback, the
/// automatic and the moderated score, and the form. The form is built for the keyboard: the
/// score field has focus on arrival, Enter in any field saves and opens the next answer, and
/// Alt+K skips, Alt+Q goes back to the queue.
struct AnswerPage {
    let snapshot: ReviewSnapshot
    let item: ReviewQueue.Item
    package let list: ReviewList
    package let question: Question
    let moderator: String
    let csrfToken: String

    func render() -> [UInt8] {
        let answer = item.answer
        var html = HTMLText(capacity: 64 * 1024 + answer.text.utf8.count * 2)
        html.beginReviewPage(title: answer.candidate + " · " + answer.question)
        header(&html)
        html.markup("<main>\n<div class=\"layout\">\n<div>\n")
        if !item.reasons.isEmpty {
            html.markup("<div class=\"reasons\" role=\"note\"><strong>")
            let inQueue = list == .queue && snapshot.queue.items.contains { $0.answer.key == item.answer.key }
            html.markup(inQueue ? "Why this answer is here" : "Grader's doubts about this answer")
            html.markup("</strong> (doubt ")
            html.value(NumberText.format(item.uncertainty))
            html.markup(")<ul>")
            for reason in item.reasons { html.element("li", reason.text) }
            html.markup("</ul></div>\n")
        }
        html.markup("<section class=\"card\">\n<h2>")
        html.element("span", "Question " + question.id)
        html.element("span", NumberText.format(question.points) + (question.points == 1 ? " point" : " points"))
        html.markup("</h2>\n")
        html.element("p", ["class": "prompt"], question.prompt)
        html.markup("<p class=\"keys\">")
        html.element("a", ["href": "/rubric#" + RubricAnchor.question(question.id)], "Question \(question.id) in the rubric")
        html.markup("</p>\n")
        html.markup("<div class=\"label\">Answer · ")
        html.value(Plural.count(item.answer.words, "word"))
        html.markup("</div>\n<div class=\"answer\">")
        answerText(&html)
        html.markup("</div>\n</section>\n")
        rules(&html)
        html.markup("</div>\n<aside>\n")
        scores(&html)
        form(&html)
        group(&html)
        html.markup("</aside>\n</div>\n</main>\n")
        html.endPage()
        return html.bytes
    }

    private func header(_ html: inout HTMLText) {
        let items = snapshot.list(list)
        let position = items.firstIndex { $0.answer.key == item.answer.key }
        html.markup("<header>\n<div>\n")
        html.element("h1", item.answer.candidate + " · " + item.answer.question)
        html.element("div", ["class": "who"], position.map { "\(list == .queue ? "queue" : "random sample") item \($0 + 1) of \(items.count)" }
                        ?? "not in the \(list == .queue ? "queue" : "random sample")")
        html.markup("</div>\n")
        html.progress(done: snapshot.done(in: list), of: items.count, label: list == .queue ? "in the queue reviewed" : "in the sample reviewed")
        html.markup("<nav class=\"top\">")
        html.start("a", ["class": "button", "href": "/next?list=\(list.rawValue)&" + PageLinks.encode(item.answer.key), "accesskey": "k"])
        html.markup("Skip <kbd>Alt+K</kbd></a>")
        html.markup("<a class=\"button\" href=\"/queue\" accesskey=\"q\">Queue <kbd>Alt+Q</kbd></a>")
        html.markup("</nav>\n</header>\n")
    }

    /// The answer, escaped, with met rules' evidence marked (reports give code point offsets).
    private func answerText(_ html: inout HTMLText) {
        let offsets = TextOffsets(item.answer.text)
        var marks: [HTMLReportWriter.Mark] = []
        for rule in item.answer.rules where rule.status == .met && rule.credited {
            for evidence in rule.evidence {
                let lower = offsets.byteOffset(ofScalar: evidence.start), upper = offsets.byteOffset(ofScalar: evidence.end)
                if lower < upper { marks.append((lower..<upper, rule.id, rule.kind == .penalty)) }
            }
        }
        for segment in HTMLReportWriter.segments(marks, length: offsets.utf8.count) {
            guard let mark = segment.mark else {
                html.text(offsets.utf8[segment.range])
                continue
            }
            html.start("mark", ["class": mark.kind, "title": mark.rules])
            html.text(offsets.utf8[segment.range])
            html.end("mark")
        }
    }

    /// The rubric's rules in its order, each with the answer's outcome.
    private func rules(_ html: inout HTMLText) {
        let outcomes = Dictionary(item.answer.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let levels = Dictionary(item.answer.levels.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        html.markup("<section class=\"card\">\n<h2><span>Criteria</span></h2>\n<ul class=\"rules\">\n")
        for rule in question.criteria { self.rule(rule, outcomes[rule.id], &html) }
        for group in question.levels {
            let outcome = levels[group.id]
            html.start("li", ["class": (outcome?.points ?? 0) > 0 ? "met" : "unmet"])
            html.element("span", ["class": "pts"], NumberText.format(outcome?.points ?? 0) + " / " + NumberText.format(group.table.map(\.points).max() ?? 0))
            html.element("strong", group.id)
            html.text(" — \(outcome?.met ?? 0) of \(group.elements.count) " + group.label)
            if !group.feedback.isEmpty { html.element("div", ["class": "feedback"], group.feedback) }
            html.markup("<ul class=\"rules\">\n")
            for element in group.elements { self.rule(element, outcomes[element.id], &html) }
            html.markup("</ul></li>\n")
        }
        for rule in question.penalties { self.rule(rule, outcomes[rule.id], &html) }
        html.markup("</ul>\n</section>\n")
    }

    private func rule(_ rule: ScoredRule, _ outcome: ReviewAnswer.Rule?, _ html: inout HTMLText) {
        let status = outcome?.status ?? .unmet
        let credited = status == .met && (outcome?.credited ?? true)
        html.start("li", ["class": rule.kind.rawValue + " " + (status == .notEvaluated ? "not-evaluated" : credited ? "met" : "unmet")])
        if rule.kind == .element {
            html.element("span", ["class": "pts"], credited ? "met" : "missed")
        } else {
            html.element("span", ["class": "pts"], NumberText.format(outcome?.awarded ?? 0) + " / " + (rule.kind == .penalty ? "−" : "")
                            + NumberText.format(rule.points))
        }
        html.element("strong", rule.id)
        if status == .met && !credited { html.text(" (matched, not credited: a requirement is unmet)") }
        if !rule.feedback.isEmpty { html.element("div", ["class": "feedback"], rule.feedback) }
        if status == .notEvaluated { html.element("div", ["class": "feedback"], "not evaluated: " + (outcome?.notEvaluated ?? "")) }
        html.end("li")
        html.markup("\n")
    }

    private func scores(_ html: inout HTMLText) {
        let answer = item.answer
        html.markup("<section class=\"card\">\n<div class=\"scores\">\n<div>")
        html.element("b", NumberText.format(answer.score) + " / " + NumberText.format(answer.max))
        html.markup("<small>automatic score</small></div>\n")
        switch snapshot.status(answer) {
        case .none:
            html.markup("<div><b>—</b><small>not moderated</small></div>\n")
        case .current(let decision):
            html.markup("<div class=\"moderated\">")
            html.element("b", NumberText.format(decision.score ?? 0))
            html.element("small", "moderated by " + (decision.moderator.isEmpty ? "?" : decision.moderator) + " · " + decision.decidedAt
                            + (decision.reason.isEmpty ? "" : " · " + decision.reason))
            html.markup("</div>\n")
        case .stale(let decision):
            html.markup("<div>")
            html.element("b", NumberText.format(decision.score ?? 0))
            html.element("small", "stale: decided on a different answer text (" + decision.decidedAt + ")")
            html.markup("</div>\n")
        }
        html.markup("</div>\n")
    }

    private func form(_ html: inout HTMLText) {
        let answer = item.answer
        let current: ModerationDecision? = if case .current(let decision) = snapshot.status(answer) { decision } else { nil }
        html.markup("<form method=\"post\" action=\"/decide\">\n")
        html.start("input", ["type": "hidden", "name": "csrf", "value": csrfToken])
        html.start("input", ["type": "hidden", "name": "candidate", "value": answer.candidate])
        html.start("input", ["type": "hidden", "name": "question", "value": answer.question])
        html.start("input", ["type": "hidden", "name": "hash", "value": answer.hash])
        html.start("input", ["type": "hidden", "name": "list", "value": list.rawValue])
        // The decisions this page shows: a post made against others (someone decided meanwhile) is refused.
        html.start("input", ["type": "hidden", "name": "against", "value": DecisionTag.of([answer.key], in: snapshot)])
        if let group = snapshot.queue.groups.group(of: answer.key) {
            html.start("input", ["type": "hidden", "name": "against-group", "value": DecisionTag.of(group.members, in: snapshot)])
        }
        html.markup("\n<label for=\"score\">Score (0 to ")
        html.value(NumberText.format(question.points))
        html.markup(") <kbd>Alt+S</kbd></label>\n")
        html.start("input", ["type": "number", "id": "score", "name": "score", "min": "0", "max": NumberText.format(question.points),
                             "step": "any", "required": "required", "autofocus": "autofocus", "accesskey": "s", "tabindex": "1",
                             "value": NumberText.format(current?.score ?? answer.score), "inputmode": "decimal"])
        html.markup("\n<label for=\"reason\">Reason <kbd>Alt+R</kbd></label>\n")
        html.start("input", ["type": "text", "id": "reason", "name": "reason", "maxlength": "2000", "accesskey": "r", "tabindex": "2",
                             "value": current?.reason ?? "", "autocomplete": "off"])
        html.markup("\n<label for=\"moderator\">Your name (remembered)</label>\n")
        html.start("input", ["type": "text", "id": "moderator", "name": "moderator", "maxlength": "200", "tabindex": "3",
                             "value": moderator, "autocomplete": "name"])
        if let group = snapshot.queue.groups.group(of: answer.key) {
            html.markup("\n<label class=\"check\">")
            html.start("input", ["type": "checkbox", "name": "group", "value": "all", "checked": "checked", "accesskey": "g", "tabindex": "4"])
            html.text(" Apply to all \(group.members.count) answers of its group (\(group.identical ? "the same" : "nearly the same") after normalisation) ")
            html.markup("<kbd>Alt+G</kbd></label>")
        }
        html.markup("\n<div class=\"actions\"><button class=\"primary\" type=\"submit\" tabindex=\"5\">Save and next <kbd>Enter</kbd></button></div>\n")
        html.markup("</form>\n")
        if current != nil { withdrawForm(&html) }
        html.markup("<p class=\"keys\"><kbd>Tab</kbd> next field · <kbd>Enter</kbd> save and next · <kbd>Alt+K</kbd> skip · <kbd>Alt+Q</kbd> queue (Shift+Alt in Firefox)</p>\n</section>\n")
    }

    /// Takes the decision back: the answer returns to its automatic score (a row without a score).
    private func withdrawForm(_ html: inout HTMLText) {
        let answer = item.answer
        html.markup("<form method=\"post\" action=\"/withdraw\">\n")
        for (name, value) in [("csrf", csrfToken), ("candidate", answer.candidate), ("question", answer.question), ("hash", answer.hash),
                              ("list", list.rawValue), ("moderator", moderator), ("against", DecisionTag.of([answer.key], in: snapshot))] {
            html.start("input", ["type": "hidden", "name": name, "value": value])
        }
        html.markup("\n<div class=\"actions\"><button type=\"submit\" tabindex=\"6\">Withdraw the decision</button></div>\n</form>\n")
    }

    private func group(_ html: inout HTMLText) {
        guard let group = snapshot.queue.groups.group(of: item.answer.key) else { return }
        html.markup("<section class=\"card group\">\n<h2><span>Group</span></h2>\n")
        html.element("p", "\(group.members.count) answers to \(group.question) " + (group.identical ? "are the same" : "are the same or nearly the same")
                        + " after normalisation; one decision can cover them all, recorded for each.")
        html.markup("<ul>")
        for key in group.members {
            html.markup("<li>")
            if key == item.answer.key {
                html.element("strong", key.candidate)
            } else {
                html.answerLink(key, list: list, text: key.candidate)
            }
            if let other = snapshot.queue.item(key) {
                html.text(" " + NumberText.format(other.answer.score))
                if case .current(let decision) = snapshot.status(other.answer) { html.text(" → " + NumberText.format(decision.score ?? 0)) }
            }
            html.markup("</li>")
        }
        html.markup("</ul>\n</section>\n")
    }
}
