import Foundation
import GraderEngine
import GraderModeration
import Testing

/// The pages as a browser sees them: they render, ask the network for nothing, and a
/// candidate's `<script>` or `<img onerror>` stays text. Run by `make test` (and so CI),
/// which installs Debian's chromium; skipped, with the reason recorded, only when it
/// cannot be installed.
@Suite("pages in headless Chromium", .serialized, .enabled(if: Chromium.executable != nil, Comment(rawValue: Chromium.unavailable)))
struct ChromiumTests {
    @Test func candidateAndCohortPagesRenderRunNoScriptAndRequestNothing() throws {
        let out = try Scratch()
        let run = try GraderProcess.run(["grade", GraderProcess.fixture("hostile"), "--rubric", GraderProcess.fixture("rubric.xml"), "--out", out.path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        for page in ["candidates/eve.html", "index.html"] {
            let html = try String(contentsOfFile: out.file(page), encoding: .utf8)
            let loaded = try Chromium.open(out.file(page), scratch: out.url)
            // Renders: a PNG of real size (an empty page is a few hundred bytes).
            #expect(loaded.screenshot.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(page): no PNG")
            #expect(loaded.screenshot.count > 10_000, "\(page): screenshot of \(loaded.screenshot.count) bytes")
            #expect(loaded.dom.contains("</main>"), "\(page): DOM not dumped")
            // No script ran: the payloads would have set this attribute on <html>.
            #expect(!loaded.dom.contains("data-pwned="), "\(page): a payload ran")
            // No element the payloads would create; the payload is there as text.
            #expect(!loaded.dom.contains("<script"), "\(page): a script element")
            #expect(!loaded.dom.contains("<img"), "\(page): an img element")
            #expect(!loaded.dom.contains("<svg onload"), "\(page): an svg with onload")
            #expect(!loaded.dom.contains("<a href=\"javascript:"), "\(page): a javascript: link")
            #expect(loaded.dom.contains("&lt;img src=x onerror="), "\(page): the payload is not shown as text")
            // No network: nothing requested, and no http(s) address in any attribute or style.
            #expect(loaded.pageRequests.isEmpty, "\(page) requested \(loaded.pageRequests)")
            #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("url("), "\(page): a network address")
            #expect(html.contains("default-src 'none'"))
        }
        let candidate = try Chromium.open(out.file("candidates/eve.html"), scratch: out.url)
        #expect(candidate.dom.contains("&lt;script&gt;document.documentElement.setAttribute"))
        // The rubric page the candidate pages link to renders too and requests nothing.
        let rubric = try Chromium.open(out.file("rubric.html"), scratch: out.url)
        #expect(rubric.screenshot.count > 10_000, "rubric.html: screenshot of \(rubric.screenshot.count) bytes")
        #expect(rubric.dom.contains("</main>") && rubric.dom.contains("class=\"matcher\""))
        #expect(rubric.pageRequests.isEmpty, "rubric.html requested \(rubric.pageRequests)")
    }

    /// The student report and a moderated candidate page, a moderator's reason carrying payloads
    /// too: they render, run nothing and request nothing.
    @Test func studentAndModeratedPagesRunNoScriptAndRequestNothing() throws {
        let out = try Scratch(), elsewhere = try Scratch()
        let hostile = GraderProcess.fixture("hostile"), rubric = GraderProcess.fixture("rubric.xml")
        #expect(try GraderProcess.run(["grade", hostile, "--rubric", rubric, "--out", out.path, "-q"]).status == 0)
        let file = elsewhere.file("moderation.csv")
        let answer = try ReportedAnswer.text(reports: out.path, candidate: "eve", question: "q1")
        try ModerationFile(path: file).record([ModerationDecision(
            candidateID: "eve", questionID: "q1", score: 9,
            reason: "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','reason')\">",
            moderator: "<script>document.documentElement.setAttribute('data-pwned','who')</script>",
            decidedAt: "2026-12-01T23:59:07Z", answerSHA256: ModerationDecision.answerHash(answer))])
        let run = try GraderProcess.run(["grade", hostile, "--rubric", rubric, "--out", out.path, "--moderation", file, "--student-reports"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        for page in ["students/eve.html", "candidates/eve.html"] {
            let loaded = try Chromium.open(out.file(page), scratch: out.url)
            #expect(loaded.screenshot.count > 10_000, "\(page): screenshot of \(loaded.screenshot.count) bytes")
            #expect(loaded.dom.contains("</main>"), "\(page): DOM not dumped")
            #expect(!loaded.dom.contains("data-pwned="), "\(page): a payload ran")
            #expect(!loaded.dom.contains("<script") && !loaded.dom.contains("<img") && !loaded.dom.contains("<svg onload"), "\(page): markup from a candidate or moderator")
            #expect(loaded.dom.contains("&lt;img src=x onerror=\"document.documentElement.setAttribute('data-pwned','reason')\"&gt;"),
                    "\(page): the reason is not shown as text")
            #expect(loaded.pageRequests.isEmpty, "\(page) requested \(loaded.pageRequests)")
        }
    }

    /// The tune page too: it renders with its charts (drawn with the classes its stylesheet
    /// colours), runs nothing and requests nothing.
    @Test func tunePageRendersItsChartsAndRequestsNothing() throws {
        let out = try Scratch()
        let run = try GraderProcess.run(["tune", GraderProcess.fixture("cohort"), "--rubric", GraderProcess.fixture("rubric.xml"),
                                         "--graded", GraderProcess.fixture("tune/human-grades.csv"), "--out", out.path])
        #expect(run.status == 1, "stderr: \(run.stderr)")   // the grades name one candidate with no submission
        let loaded = try Chromium.open(out.file("tune.html"), scratch: out.url)
        #expect(loaded.screenshot.count > 10_000, "screenshot of \(loaded.screenshot.count) bytes")
        #expect(loaded.dom.contains("<rect class=\"agree\""), "no confusion heat map")
        #expect(loaded.dom.contains("<rect class=\"bar tuned\""), "no agreement bars")
        #expect(!loaded.dom.contains("<script"))
        #expect(loaded.pageRequests.isEmpty, "tune.html requested \(loaded.pageRequests)")
    }

    /// The network check can fail: a page that loads an image from a closed loopback port is caught.
    @Test func networkCheckCatchesARequestingPage() throws {
        let scratch = try Scratch()
        let page = scratch.file("requests.html")
        try Data("<!DOCTYPE html><html><body><p>control</p><img src=\"http://127.0.0.1:9/pixel.png\"></body></html>".utf8)
            .write(to: URL(fileURLWithPath: page))
        let loaded = try Chromium.open(page, scratch: scratch.url)
        #expect(loaded.pageRequests.contains("http://127.0.0.1:9/pixel.png"))
    }

    /// A candidate page opened from disk takes its style from the folder's `candidate.css`: it looks
    /// exactly (pixel for pixel) as the same page with that stylesheet inline, under the policy that
    /// allows only inline style. Copied alone, it opens unstyled, its content all there.
    @Test func candidatePageOpenedFromDiskIsStyledByTheSharedStylesheet() throws {
        let out = try Scratch(), inline = try Scratch(), alone = try Scratch()
        let run = try GraderProcess.run(["grade", GraderProcess.fixture("cohort"), "--rubric", GraderProcess.fixture("rubric.xml"),
                                         "--out", out.path, "-q"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let page = try String(contentsOfFile: out.file("candidates/ann.html"), encoding: .utf8)
        let stylesheet = try String(contentsOfFile: out.file("candidate.css"), encoding: .utf8)
        let link = "<link rel=\"stylesheet\" href=\"../candidate.css\">\n"
        #expect(page.contains(link) && page.contains("style-src 'self' 'unsafe-inline'"))
        let inlined = page.replacingOccurrences(of: link, with: "<style>\n" + stylesheet + "</style>\n")
            .replacingOccurrences(of: "style-src 'self' 'unsafe-inline'", with: "style-src 'unsafe-inline'")
        try FileManager.default.createDirectory(atPath: inline.file("candidates"), withIntermediateDirectories: true)
        try inlined.write(toFile: inline.file("candidates/ann.html"), atomically: true, encoding: .utf8)
        try page.write(toFile: alone.file("ann.html"), atomically: true, encoding: .utf8)

        let linked = try Chromium.open(out.file("candidates/ann.html"), scratch: out.url)
        let reference = try Chromium.open(inline.file("candidates/ann.html"), scratch: inline.url)
        let unstyled = try Chromium.open(alone.file("ann.html"), scratch: alone.url)
        #expect(linked.screenshot.count > 10_000, "screenshot of \(linked.screenshot.count) bytes")
        #expect(linked.screenshot == reference.screenshot, "the page with its stylesheet linked does not look as with it inline")
        #expect(unstyled.screenshot != linked.screenshot, "the page looks the same without its stylesheet: the check cannot fail")
        #expect(unstyled.dom.contains("</main>") && unstyled.dom.contains("<mark"), "the page alone lost content")
        #expect(linked.pageRequests.isEmpty, "the page requested \(linked.pageRequests)")
    }
}
