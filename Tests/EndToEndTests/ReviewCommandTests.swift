import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// A small graded folder for `grader review`: the hostile fixture's candidates, one whose answers
/// are script and markup payloads, and two whose q2 answers are the same after normalisation.
struct ReviewFixture {
    let scratch: Scratch
    var reports: String { scratch.file("Reports") }
    var moderation: String { scratch.file("moderation.csv") }

    static let payloadAnswer = "<script>alert(1)</script> \"><b onmouseover=\"alert(2)\">bold</b> &amp; it counts references and frees an object when the count reaches zero."

    init() throws {
        scratch = try Scratch()
        let submissions = scratch.file("Submissions")
        try FileManager.default.createDirectory(atPath: submissions, withIntermediateDirectories: true)
        for name in ["eve.md", "fred.md"] {
            try FileManager.default.copyItem(atPath: GraderProcess.fixture("hostile/\(name)"), toPath: submissions + "/" + name)
        }
        let files = [
            "mallory.md": "---\nid: mallory\nname: Mallory\n---\n## Q1\n\(Self.payloadAnswer)\n\n## Q2\nLists are mutable. </div><iframe src=\"http://127.0.0.1:9/x\"></iframe><style>body{display:none}</style>\n",
            "ann.md": "---\nid: ann\n---\n## Q2\nLists are mutable; tuples are immutable and hashable, so a tuple can be a key.\n",
            "bob.md": "---\nid: bob\n---\n## Q2\nlists are MUTABLE;   tuples are immutable and hashable, so a tuple can be a key\n",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: submissions + "/" + name)) }
        let run = try GraderProcess.run(["grade", submissions, "--rubric", GraderProcess.fixture("rubric.xml"), "--out", reports])
        guard run.status == 0 else { throw ReviewProcess.Failure(description: "grade failed: \(run.stderr)") }
    }

    /// The answer text the candidate report holds (what a decision's hash is of).
    func answerText(candidate: String, question: String) throws -> String {
        let xml = try String(contentsOfFile: reports + "/candidates/\(candidate).xml", encoding: .utf8)
        let document = try XMLDocument(xmlString: xml)
        let nodes = try document.nodes(forXPath: "/report/question[@id='\(question)']/answer")
        return nodes.first?.stringValue ?? ""
    }

    /// The moderation file's rows after the header, split on commas (the tests' values hold none).
    func moderationRows() throws -> [[String]] {
        guard FileManager.default.fileExists(atPath: moderation) else { return [] }
        return try String(contentsOfFile: moderation, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) } }
    }
}

@Suite("grader review: refused requests, escaping, decisions", .serialized)
struct ReviewCommandTests {
    /// Every kind of bad request is refused with its status and a page saying why, nothing is
    /// written, and the server goes on answering.
    @Test func badRequestsAreRefusedAndTheServerKeepsServing() throws {
        let fixture = try ReviewFixture()
        let review = try ReviewProcess(reports: fixture.reports, moderation: fixture.moderation, in: fixture.scratch.url)
        let stranger = HTTPCall(jar: fixture.scratch.file("stranger.jar"))
        let user = HTTPCall(jar: fixture.scratch.file("user.jar"))

        // No token, a wrong token: 403 with the page saying what to do.
        let bare = try stranger.send(review.base + "/queue")
        #expect(bare.status == 403)
        #expect(bare.body.contains("session token"))
        #expect(try stranger.send(review.base + "/?token=0123").status == 403)
        #expect(try stranger.send(review.base + "/answer?candidate=eve&question=q1").status == 403)

        // The right token: a 303 to the queue with the session cookie, then pages with the policy.
        let start = try user.send(review.url.absoluteString)
        #expect(start.status == 303)
        #expect(start.header("Location") == "/queue")
        let cookie = start.header("Set-Cookie") ?? ""
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        let queue = try user.send(review.base + "/queue")
        #expect(queue.status == 200)
        #expect(queue.header("Content-Security-Policy") == "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")

        // Another Host (DNS rebinding), even with the cookie.
        #expect(try user.send(review.base + "/queue", headers: ["Host": "attacker.example:\(review.port)"]).status == 403)

        // A valid form but for its Origin or its CSRF token.
        let answerPage = try user.send(review.base + "/answer?candidate=mallory&question=q1&list=queue")
        #expect(answerPage.status == 200)
        let csrf = try #require(Self.hidden("csrf", in: answerPage.body))
        let hash = try #require(Self.hidden("hash", in: answerPage.body))
        let against = try #require(Self.hidden("against", in: answerPage.body))
        func form(score: String, csrf: String = csrf, candidate: String = "mallory") -> String {
            "csrf=\(csrf)&candidate=\(candidate)&question=q1&hash=\(hash)&against=\(against)&list=queue&score=\(score)&reason=checked&moderator=Ada"
        }
        let foreign = try user.send(review.base + "/decide", method: "POST", headers: ["Origin": "http://attacker.example"], form: form(score: "2"))
        #expect(foreign.status == 403)
        #expect(foreign.body.contains("another site"))
        let forged = try user.send(review.base + "/decide", method: "POST", form: form(score: "2", csrf: "forged"))
        #expect(forged.status == 403)
        #expect(forged.body.contains("CSRF"))
        #expect(try stranger.send(review.base + "/decide", method: "POST", form: form(score: "2")).status == 403)

        // Bad bodies and values: 400 (404 for an answer that is not there), each saying what is wrong.
        let notANumber = try user.send(review.base + "/decide", method: "POST", form: form(score: "lots"))
        #expect(notANumber.status == 400)
        #expect(notANumber.body.contains("from 0 to 10"))
        #expect(try user.send(review.base + "/decide", method: "POST", form: form(score: "11")).status == 400)
        #expect(try user.send(review.base + "/decide", method: "POST", form: form(score: "-1")).status == 400)
        #expect(try user.send(review.base + "/decide", method: "POST", form: "%zz%%&&=").status == 400)
        #expect(try user.send(review.base + "/decide", method: "POST", headers: ["Content-Type": "application/json"]).status == 400)
        #expect(try user.send(review.base + "/decide", method: "POST", form: form(score: "2", candidate: "nobody")).status == 404)
        #expect(try user.send(review.base + "/decide", method: "POST",
                              form: form(score: "2").replacingOccurrences(of: hash, with: String(repeating: "0", count: 64))).status == 400)
        #expect(try user.send(review.base + "/answer?candidate=nobody&question=q1").status == 404)
        #expect(try user.send(review.base + "/nowhere").status == 404)
        #expect(try user.send(review.base + "/queue", method: "DELETE").status == 405)
        #expect(try fixture.moderationRows().isEmpty, "a refused request wrote a decision")

        // Still serving, and a good form is recorded and answered with a 303 to the next answer.
        #expect(try user.send(review.base + "/queue").status == 200)
        let saved = try user.send(review.base + "/decide", method: "POST", form: form(score: "2.5"))
        #expect(saved.status == 303)
        #expect(saved.header("Location")?.hasPrefix("/answer?candidate=") == true)
        #expect(saved.header("Set-Cookie")?.hasPrefix("grader_moderator=Ada") == true)
        let rows = try fixture.moderationRows()
        #expect(rows.count == 1)
        #expect(rows.first.map { Array($0[0...4]) } == ["mallory", "q1", "2.5", "checked", "Ada"])
        #expect(rows.first?.last == hash)
        let stopped = review.stop()
        #expect(stopped.status == 0)
        #expect(stopped.output.contains("Stopped."))
    }

    /// The candidate's script and markup arrive as text: escaped in the answer page and the queue.
    @Test func payloadsInAnswersAreRenderedAsText() throws {
        let fixture = try ReviewFixture()
        let review = try ReviewProcess(reports: fixture.reports, moderation: fixture.moderation, in: fixture.scratch.url)
        let user = HTTPCall(jar: fixture.scratch.file("user.jar"))
        _ = try user.send(review.url.absoluteString)
        for (candidate, question) in [("mallory", "q1"), ("mallory", "q2"), ("eve", "q1"), ("eve", "q2")] {
            let page = try user.send(review.base + "/answer?candidate=\(candidate)&question=\(question)&list=queue")
            #expect(page.status == 200, "\(candidate) \(question)")
            for element in ["<script", "<img", "<iframe", "<svg", "<b ", "<style>body", "<a href=\"javascript"] {
                #expect(!page.body.contains(element), "\(candidate) \(question): \(element) unescaped")
            }
        }
        let mallory = try user.send(review.base + "/answer?candidate=mallory&question=q1&list=queue").body
        #expect(mallory.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(mallory.contains("&quot;&gt;&lt;b onmouseover=&quot;alert(2)&quot;&gt;bold&lt;/b&gt; &amp;amp;"))
        let eve = try user.send(review.base + "/answer?candidate=eve&question=q1&list=queue").body
        #expect(eve.contains("&lt;img src=x onerror="))
        review.stop()
    }

    /// One decision on an answer of a group is recorded for every answer of the group, each row
    /// with its own answer's hash; and the decided answers are marked in the queue.
    @Test func aGroupDecisionIsRecordedPerAnswer() throws {
        let fixture = try ReviewFixture()
        let review = try ReviewProcess(reports: fixture.reports, moderation: fixture.moderation, in: fixture.scratch.url)
        let user = HTTPCall(jar: fixture.scratch.file("user.jar"))
        _ = try user.send(review.url.absoluteString)
        let page = try user.send(review.base + "/answer?candidate=ann&question=q2&list=sample").body
        #expect(page.contains("Apply to all 2 answers"))
        let csrf = try #require(Self.hidden("csrf", in: page)), hash = try #require(Self.hidden("hash", in: page))
        let against = try #require(Self.hidden("against-group", in: page))
        let saved = try user.send(review.base + "/decide", method: "POST",
                                  form: "csrf=\(csrf)&candidate=ann&question=q2&hash=\(hash)&against-group=\(against)&list=sample&score=5&reason=same+answer&moderator=Bo&group=all")
        #expect(saved.status == 303)
        let rows = try fixture.moderationRows()
        #expect(rows.map { $0[0] } == ["ann", "bob"])
        #expect(rows.allSatisfy { $0[2] == "5" && $0[3] == "same answer" && $0[4] == "Bo" })
        #expect(rows[0][6] == hash)
        #expect(rows[1][6] != hash, "bob's row carries ann's hash")
        #expect(rows[1][6].count == 64)
        let queue = try user.send(review.base + "/queue").body
        #expect(queue.contains("5 by Bo"))
        review.stop()
    }

    /// The moderation file may not be put inside the reports folder, which grading rewrites.
    @Test func aModerationFileInsideTheReportsIsRefused() throws {
        let fixture = try ReviewFixture()
        let run = try GraderProcess.run(["review", fixture.reports, "--moderation", fixture.reports + "/moderation.csv", "--port", "0"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("inside the reports folder"))
    }

    /// A folder without the rubric copy (graded by an older grader) or without reports is named with what to do.
    @Test func aFolderItCannotReviewIsAClearError() throws {
        let fixture = try ReviewFixture()
        try FileManager.default.removeItem(atPath: fixture.reports + "/rubric.xml")
        let noRubric = try GraderProcess.run(["review", fixture.reports, "--moderation", fixture.moderation, "--port", "0"])
        #expect(noRubric.status == 2)
        #expect(noRubric.stderr.contains("no rubric.xml") && noRubric.stderr.contains("grade it again"))
        let empty = try GraderProcess.run(["review", fixture.scratch.file("Submissions"), "--moderation", fixture.moderation, "--port", "0"])
        #expect(empty.status == 2)
        #expect(!empty.stderr.isEmpty)
    }

    /// A decision taken back from the answer page's own form: a row without a score, the answer
    /// back to not moderated; refused without the CSRF token and when there is nothing to withdraw.
    @Test func aDecisionIsWithdrawnFromTheAnswerPage() throws {
        let fixture = try ReviewFixture()
        let review = try ReviewProcess(reports: fixture.reports, moderation: fixture.moderation, in: fixture.scratch.url)
        let user = HTTPCall(jar: fixture.scratch.file("user.jar"))
        _ = try user.send(review.url.absoluteString)
        let path = "/answer?candidate=mallory&question=q1&list=queue"
        let before = try user.send(review.base + path).body
        #expect(!before.contains("action=\"/withdraw\""), "a withdraw form with nothing to withdraw")
        func fields(_ page: String, form action: String) throws -> String {
            let start = try #require(page.range(of: "action=\"\(action)\""))
            let end = try #require(page.range(of: "</form>", range: start.upperBound..<page.endIndex))
            let form = String(page[start.upperBound..<end.lowerBound])
            return try ["csrf", "candidate", "question", "hash", "list", "against"].map { name in
                "\(name)=" + (try #require(Self.hidden(name, in: form))).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            }.joined(separator: "&")
        }
        #expect(try user.send(review.base + "/withdraw", method: "POST", form: fields(before, form: "/decide")).status == 400)
        #expect(try user.send(review.base + "/decide", method: "POST", form: fields(before, form: "/decide") + "&score=4&reason=first&moderator=Ada").status == 303)
        let decided = try user.send(review.base + path).body
        #expect(decided.contains("moderated by Ada"))
        let withdrawal = try fields(decided, form: "/withdraw")
        #expect(try user.send(review.base + "/withdraw", method: "POST", form: withdrawal.replacingOccurrences(of: "csrf=", with: "csrf=x")).status == 403)
        let withdrawn = try user.send(review.base + "/withdraw", method: "POST", form: withdrawal)
        #expect(withdrawn.status == 303)
        #expect(withdrawn.header("Location") == path)
        let rows = try fixture.moderationRows()
        #expect(rows.map { $0[2] } == ["4", ""])
        #expect(rows.last.map { Array($0[0...1]) } == ["mallory", "q1"])
        let after = try user.send(review.base + path).body
        #expect(after.contains("not moderated"))
        #expect(!after.contains("action=\"/withdraw\""))
        review.stop()
    }

    /// The reports' rubric.html is served under the session, with the same headers, and each
    /// answer page links to its question there.
    @Test func theRubricIsServedAndLinkedFromEachAnswer() throws {
        let fixture = try ReviewFixture()
        let review = try ReviewProcess(reports: fixture.reports, moderation: fixture.moderation, in: fixture.scratch.url)
        let user = HTTPCall(jar: fixture.scratch.file("user.jar"))
        #expect(try HTTPCall(jar: fixture.scratch.file("stranger.jar")).send(review.base + "/rubric").status == 403)
        _ = try user.send(review.url.absoluteString)
        let rubric = try user.send(review.base + "/rubric")
        #expect(rubric.status == 200)
        #expect(rubric.header("Content-Security-Policy")?.hasPrefix("default-src 'none'") == true)
        #expect(rubric.body == (try String(contentsOfFile: fixture.reports + "/rubric.html", encoding: .utf8)))
        #expect(rubric.body.contains("id=\"q2\""))
        let page = try user.send(review.base + "/answer?candidate=eve&question=q2&list=queue").body
        #expect(page.contains("href=\"/rubric#q2\""))
        review.stop()
    }

    static func hidden(_ name: String, in page: String) -> String? {
        guard let range = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }
}
