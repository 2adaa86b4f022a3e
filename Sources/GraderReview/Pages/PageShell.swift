import GraderFoundation
import GraderReports


/// The frame every review page shares: the page shell of Grader's reports, with the policy that
/// lets its plain forms post back to this server and nothing else (no script at all).
extension HTMLText {
    static let reviewPolicy: StaticString =
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    static let reviewStylesheet = HTMLText.stylesheet("review.css")

    mutating func beginReviewPage(title: String) {
        beginPage(title: title + " — grader review", stylesheet: Self.reviewStylesheet, policy: Self.reviewPolicy, referrer: "same-origin")
    }

    /// "12 of 80 reviewed" with a bar.
    mutating func progress(done: Int, of total: Int, label: String) {
        start("div", ["class": "progress"])
        text("\(done) of \(total) \(label)")
        let percent = total > 0 ? Double(done) / Double(total) * 100 : 0
        start("div", ["class": "bar", "role": "img", "aria-label": NumberText.format(percent, places: 0) + " percent"])
        element("span", ["style": "width: " + NumberText.format(percent, places: 0) + "%"], "")
        markup("</div></div>\n")
    }

    /// A link to an answer's page.
    mutating func answerLink(_ key: AnswerKey, list: ReviewList, text label: String, accessKey: String? = nil) {
        let href = PageLinks.answerPath(key, list: list)
        if let accessKey {
            element("a", ["href": href, "accesskey": accessKey], label)
        } else {
            element("a", ["href": href], label)
        }
    }
}
