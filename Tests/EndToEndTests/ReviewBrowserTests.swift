import Foundation
import Testing

/// `grader review` in a real headless Chromium driven through chromedriver: the person's path
/// from the printed address to a recorded decision, with the keyboard only (the score field has
/// focus on arrival, Enter submits). Run by `make test` and so CI, which installs chromium and
/// chromium-driver; skipped, with the reason, only when they are not installed.
@Suite("grader review in headless Chromium", .serialized,
       .enabled(if: Chromium.executable != nil && WebDriver.executable != nil, Comment(rawValue: WebDriver.unavailable)))
struct ReviewBrowserTests {
    @Test func aPersonModeratesAnAnswerThroughTheFormAndItIsInTheFile() async throws {
        let fixture = try ReviewFixture()
        let review = try ReviewProcess(reports: fixture.reports, moderation: fixture.moderation, in: fixture.scratch.url)
        let browser = try await WebDriver(profile: fixture.scratch.url.appendingPathComponent("profile"))

        // The printed address: the token becomes a cookie and the browser lands on the queue.
        try await browser.open(review.url.absoluteString)
        #expect(try await browser.currentURL() == review.base + "/queue")
        let queue = try await browser.source()
        #expect(queue.contains("Queue: the answers Grader is least sure of"))
        #expect(queue.contains("Random sample"))
        let queueShot = try await browser.screenshot()
        try queueShot.write(to: fixture.scratch.url.appendingPathComponent("queue.png"))
        #expect(queueShot.count > 10_000)

        // The first item of the queue: its page, with the score field focused.
        try await browser.click(await browser.element("table tbody tr td a"))
        let address = try await browser.currentURL()
        #expect(address.contains("/answer?candidate="))
        let components = try #require(URLComponents(string: address))
        let candidate = try #require(components.queryItems?.first { $0.name == "candidate" }?.value)
        let question = try #require(components.queryItems?.first { $0.name == "question" }?.value)
        // An answer in a group is decided for the whole group (the box is ticked by default).
        let group = try await browser.source().components(separatedBy: "Apply to all ").dropFirst().first
            .flatMap { Int($0.prefix { $0.isNumber }) } ?? 1
        let focused = try await browser.active()
        #expect(try await browser.attribute("name", of: focused) == "score")
        let answerShot = try await browser.screenshot()
        try answerShot.write(to: fixture.scratch.url.appendingPathComponent("answer.png"))
        #expect(answerShot.count > 10_000)

        // Type a score and a reason and press Enter: saved, and on to the next answer.
        try await browser.clear(focused)
        try await browser.type("1.5", into: focused)
        let reason = try await browser.element("#reason")
        try await browser.type("partly right <b>really</b>", into: reason)
        try await browser.type("Ada Lovelace", into: await browser.element("#moderator"))
        try await browser.type(WebDriver.enter, into: reason)
        let next = try await browser.currentURL()
        #expect(next.contains("/answer?candidate="))
        #expect(next != address, "Enter did not save and move on")

        // Reload the moderated answer's page: the moderated score is shown beside the automatic one.
        try await browser.open(address)
        try await browser.reload()
        let page = try await browser.source()
        #expect(page.contains("moderated by Ada Lovelace"))
        #expect(page.contains("partly right &lt;b&gt;really&lt;/b&gt;"))
        #expect(try await browser.attribute("value", of: await browser.element("#moderator")) == "Ada Lovelace", "the name was not remembered")

        // The file holds the decision, with the hash of the answer text the report holds.
        let rows = try fixture.moderationRows()
        #expect(rows.count == group)
        #expect(rows.allSatisfy { $0[1] == question && $0[2] == "1.5" })
        let row = try #require(rows.first { $0[0] == candidate })
        #expect(Array(row[0...4]) == [candidate, question, "1.5", "partly right <b>really</b>", "Ada Lovelace"])
        let text = try fixture.answerText(candidate: candidate, question: question)
        #expect(row[6] == Self.sha256(text))
        #expect(row[5].hasSuffix("Z") && row[5].count == 20)

        // The queue marks it done.
        try await browser.open(review.base + "/queue")
        #expect(try await browser.source().contains("1.5 by Ada Lovelace"))
        await browser.close()
        review.stop()

        // The next grade applies it: the moderated score in the candidate's report, beside the rubric's.
        let regrade = try GraderProcess.run(["grade", fixture.scratch.file("Submissions"), "--rubric", GraderProcess.fixture("rubric.xml"),
                                             "--out", fixture.reports, "--moderation", fixture.moderation])
        #expect(regrade.status == 0, "\(regrade.stderr)")
        let report = try String(contentsOfFile: fixture.reports + "/candidates/\(candidate).xml", encoding: .utf8)
        #expect(report.contains("<moderation score=\"1.5\""))
        #expect(report.contains("moderator=\"Ada Lovelace\""))
    }

    /// A decision taken back with the answer page's Withdraw button: the page shows the answer
    /// not moderated, and the file ends with a row without a score.
    @Test func aDecisionIsWithdrawnThroughTheForm() async throws {
        let fixture = try ReviewFixture()
        let review = try ReviewProcess(reports: fixture.reports, moderation: fixture.moderation, in: fixture.scratch.url)
        let browser = try await WebDriver(profile: fixture.scratch.url.appendingPathComponent("profile"))
        try await browser.open(review.url.absoluteString)
        let address = review.base + "/answer?candidate=mallory&question=q1&list=queue"
        try await browser.open(address)
        let score = try await browser.active()
        try await browser.clear(score)
        try await browser.type("2", into: score)
        try await browser.type(WebDriver.enter, into: score)
        try await browser.open(address)
        #expect(try await browser.source().contains("moderated by"))
        try await browser.click(await browser.element("form[action='/withdraw'] button"))
        #expect(try await browser.currentURL() == address)
        let page = try await browser.source()
        #expect(page.contains("not moderated"))
        #expect(!page.contains("Withdraw the decision"))
        #expect(try fixture.moderationRows().map { Array($0[0...2]) } == [["mallory", "q1", "2"], ["mallory", "q1", ""]])
        await browser.close()
        review.stop()
    }

    /// SHA-256 hex by the system's sha256sum: a check independent of Grader's own hashing.
    static func sha256(_ text: String) -> String {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try? Data(text.utf8).write(to: scratch)
        return String(Chromium.run(["sha256sum", scratch.path], timeout: 10)?.stdout.prefix(64) ?? "")
    }
}
