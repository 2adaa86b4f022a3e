import FlyingFox
import GraderReports

/// The page for a refused or bad request: what went wrong, in words, and the way back.
enum ErrorPage {
    static func render(status: HTTPStatusCode, message: String, backLink: Bool) -> [UInt8] {
        var html = HTMLText(capacity: 8 * 1024)
        html.beginReviewPage(title: "\(status.code) \(status.phrase)")
        html.markup("<div class=\"error\" role=\"alert\">\n")
        html.element("h1", "\(status.code) \(status.phrase)")
        html.element("p", message)
        if backLink { html.markup("<p><a class=\"button\" href=\"/queue\" accesskey=\"q\">Back to the queue</a></p>\n") }
        html.markup("</div>\n")
        html.endPage()
        return html.bytes
    }
}
