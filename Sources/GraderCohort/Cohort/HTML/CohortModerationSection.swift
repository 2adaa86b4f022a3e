import GraderFoundation
import GraderModeration
import GraderReports

extension CohortHTMLWriter {
    /// What moderators changed, per question: how many answers they scored, how often they
    /// disagreed with the rubric and by how much. A question people keep correcting in one
    /// direction is one whose rubric needs work.
    package func moderation(_ moderation: ModerationStatistics, into html: inout HTMLText) {
        Self.beginSection("moderation", "Moderation", into: &html)
        html.markup("<p>")
        html.value(Plural.count(moderation.moderated, "answer"))
        html.markup(" moderated")
        if moderation.stale > 0 {
            html.markup("; ")
            html.value(Plural.count(moderation.stale, "decision"))
            html.markup(" not applied because the answer changed since (stale)")
        }
        html.markup(".</p>\n")
        Self.note("Difference is the moderator's score minus the rubric's, in points: positive when people give more than the rubric.", into: &html)
        html.markup("<table><thead><tr><th>Question</th><th>Moderated</th><th>Disagreed</th><th>Mean difference</th><th>Mean absolute difference</th></tr></thead><tbody>\n")
        for question in moderation.questions {
            html.row([question.id, String(question.moderated), String(question.disagreed),
                      question.meanDifference.map { Self.f($0, 2) } ?? "–",
                      question.meanAbsoluteDifference.map { Self.f($0, 2) } ?? "–"])
        }
        html.markup("</tbody></table>\n</section>\n")
    }
}
