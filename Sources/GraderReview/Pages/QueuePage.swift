import GraderFoundation
import GraderReports


/// The start page: progress, the queue (the head of the review order, most worth first, each
/// answer's worth, doubt and reasons, as `--export-queue` writes them) and the
/// random sample, every answer a link; moderated answers are marked and greyed.
enum QueuePage {
    /// Rows shown per list: a person works through `next`, not by scrolling thousands of rows.
    static let shownRows = 500

    static func render(_ snapshot: ReviewSnapshot) -> [UInt8] {
        var html = HTMLText(capacity: 256 * 1024)
        let rubric = snapshot.folder.rubric
        html.beginReviewPage(title: "Review queue")
        html.markup("<header>\n<div>\n")
        html.element("h1", "Review · " + (rubric.title ?? rubric.id))
        html.element("div", ["class": "who"], "reports " + snapshot.folder.path + " · decisions in " + snapshot.moderationPath)
        html.markup("</div>\n")
        html.progress(done: snapshot.done(in: .queue), of: snapshot.queue.items.count, label: "in the queue reviewed")
        html.progress(done: snapshot.done(in: .sample), of: snapshot.queue.sample.count, label: "in the random sample reviewed")
        html.markup("<nav class=\"top\">")
        html.markup("<a class=\"button primary\" href=\"/next?list=queue\" accesskey=\"n\">Review next in queue <kbd>Alt+N</kbd></a>")
        html.markup("<a class=\"button\" href=\"/next?list=sample\" accesskey=\"m\">Next in sample <kbd>Alt+M</kbd></a>")
        html.markup("</nav>\n</header>\n<main>\n")

        html.element("h2", "Queue: the answers Grader is least sure of")
        html.markup("<p class=\"note\">Answers whose worth is 0.5 or more, in the order of <code>--export-queue</code>, whose head this is. The doubt is the sum of each reason's weight (a score change as a share of the question's maximum, 1 for a rule not evaluated, 0.5 under the minimum words, the share copied from the prompt, half a similarity, the gap to the score a second opinion from the model answer's words gives, and after grader tune the gap to the fitted model's score, both as a share of the maximum). The worth, which the list is sorted by, is the doubt divided by one more for each answer above with the same rules met and again for each near-identical answer above: a decision teaches less on an answer like one already decided. Ties by candidate, then question. Answers in a group of the same or nearly the same answers can be decided together.</p>\n")
        if let note = snapshot.folder.fitted.note {
            html.element("p", ["class": "note"], note)
        } else if !snapshot.folder.fitted.byAnswer.isEmpty {
            html.element("p", ["class": "note"], "Fitted scores from \(FittedScores.fileName): \(snapshot.folder.fitted.byAnswer.count) answers.")
        }
        table(snapshot.queue.items, list: .queue, snapshot: snapshot, into: &html)

        html.element("h2", "Random sample")
        html.markup("<p class=\"note\">")
        html.text("\(snapshot.queue.sample.count) of \(snapshot.queue.reviewable) answers, drawn by a fixed seed from their ids alone: the share of these on which you keep Grader's score estimates its agreement with you, without the queue's bias towards doubtful answers.")
        html.markup("</p>\n")
        table(snapshot.queue.sample, list: .sample, snapshot: snapshot, into: &html)
        html.markup("</main>\n")
        html.endPage()
        return html.bytes
    }

    private static func table(_ items: [ReviewQueue.Item], list: ReviewList, snapshot: ReviewSnapshot, into html: inout HTMLText) {
        guard !items.isEmpty else {
            html.element("p", ["class": "note"], list == .queue ? "Nothing to doubt: no answer has a reason to be reviewed." : "No answers.")
            return
        }
        html.markup("<table>\n<thead><tr><th>#</th><th>Candidate</th><th>Question</th><th class=\"num\">Score</th><th class=\"num\">Worth</th><th class=\"num\">Doubt</th><th>Reasons</th><th>Group</th><th>Decision</th></tr></thead>\n<tbody>\n")
        for (position, item) in items.prefix(shownRows).enumerated() {
            let answer = item.answer
            let status = snapshot.status(answer)
            html.start("tr", ["class": status.isDone ? "done" : "open"])
            html.element("td", ["class": "num"], String(position + 1))
            html.markup("<td>")
            html.answerLink(answer.key, list: list, text: answer.candidate)
            html.markup("</td>")
            html.cell(answer.question)
            html.element("td", ["class": "num"], NumberText.format(answer.score) + " / " + NumberText.format(answer.max))
            let entry = snapshot.queue.entry(answer.key)
            html.element("td", ["class": "num"], NumberText.format(entry?.worth ?? item.uncertainty, places: 4))
            html.element("td", ["class": "num"], NumberText.format(item.uncertainty, places: 4))
            html.markup("<td>")
            let lines = item.reasons.map(\.text) + (entry?.discounts ?? [])
            if lines.isEmpty {
                html.markup("—")
            } else {
                html.markup("<ul>")
                for line in lines { html.element("li", line) }
                html.markup("</ul>")
            }
            html.markup("</td><td>")
            if let group = snapshot.queue.groups.group(of: answer.key) {
                html.element("span", ["class": "tag"], "\(group.members.count) " + (group.identical ? "same" : "alike"))
            }
            html.markup("</td><td>")
            decision(status, into: &html)
            html.markup("</td></tr>\n")
        }
        html.markup("</tbody>\n</table>\n")
        if items.count > shownRows {
            html.element("p", ["class": "note"], "The first \(shownRows) of \(items.count) are listed; Review next goes through them all.")
        }
    }

    static func decision(_ status: DecisionStatus, into html: inout HTMLText) {
        switch status {
        case .none:
            html.markup("—")
        case .current(let decision):
            html.element("span", ["class": "tag done"], NumberText.format(decision.score ?? 0) + " by " + (decision.moderator.isEmpty ? "?" : decision.moderator))
        case .stale(let decision):
            html.element("span", ["class": "tag stale", "title": "the answer changed since this decision"],
                         "stale: " + NumberText.format(decision.score ?? 0))
        }
    }
}
