import Foundation
import Testing

/// Two `grader review` servers on one moderation file, as two reviewers run them.
@Suite("grader review: two reviewers, one moderation file", .serialized)
struct ReviewTwoReviewersTests {
    struct Outcome: Decodable {
        let acknowledged: [String]
        let conflicts: Int
        let conflict_pages_name_a_decision: Bool
        let other: [Int]
    }

    /// Each reviewer posts 500 decisions at once over the same answers: every acknowledged
    /// decision is one row of the file, none lost, none twice; a post made against a decision
    /// the other reviewer replaced meanwhile is a 409 that names it, not a silent overwrite.
    @Test func concurrentDecisionsAreNeitherLostNorDuplicated() throws {
        let fixture = try ReviewFixture()
        let first = try ReviewProcess(reports: fixture.reports, moderation: fixture.moderation, in: fixture.scratch.url)
        let second = try ReviewProcess(reports: fixture.reports, moderation: fixture.moderation, in: fixture.scratch.url)
        let run = try #require(Chromium.run(["python3", ReviewBadClientTests.client, "reviewers", "500", "mallory/q1,mallory/q2,eve/q1,eve/q2",
                                             first.base, first.token, second.base, second.token], timeout: 300), "the reviewers hung")
        let outcomes = try JSONDecoder().decode([Outcome].self, from: Data(run.stdout.utf8))
        #expect(outcomes.count == 2)
        for outcome in outcomes {
            #expect(outcome.other.isEmpty, "answers other than 303 and 409: \(outcome.other)")
            #expect(outcome.conflict_pages_name_a_decision)
            #expect(outcome.acknowledged.count + outcome.conflicts == 500)
        }
        let rows = try fixture.moderationRows().map { $0[3] }
        #expect(rows.count == Set(rows).count, "a decision was written twice")
        #expect(Set(rows) == Set(outcomes.flatMap(\.acknowledged)), "the file and the acknowledged decisions differ")
        #expect(first.stop().status == 0)
        #expect(second.stop().status == 0)
    }

    /// What one reviewer decides shows on the other's next page; a decision made on a page drawn
    /// before it is refused with a page saying who decided what.
    @Test func eachServerShowsTheOthersDecisionsAndRefusesAStaleForm() throws {
        let fixture = try ReviewFixture()
        let first = try ReviewProcess(reports: fixture.reports, moderation: fixture.moderation, in: fixture.scratch.url)
        let second = try ReviewProcess(reports: fixture.reports, moderation: fixture.moderation, in: fixture.scratch.url)
        let ada = HTTPCall(jar: fixture.scratch.file("ada.jar")), bo = HTTPCall(jar: fixture.scratch.file("bo.jar"))
        _ = try ada.send(first.url.absoluteString)
        _ = try bo.send(second.url.absoluteString)
        let path = "/answer?candidate=mallory&question=q1&list=queue"
        let adasPage = try ada.send(first.base + path).body
        let bosPage = try bo.send(second.base + path).body
        func form(_ page: String, score: String, reason: String, moderator: String) throws -> String {
            let fields = try ["csrf", "hash", "against"].map { "\($0)=" + (try #require(ReviewCommandTests.hidden($0, in: page))) }
            return fields.joined(separator: "&") + "&candidate=mallory&question=q1&list=queue&score=\(score)&reason=\(reason)&moderator=\(moderator)"
        }
        #expect(try bo.send(second.base + "/decide", method: "POST", form: form(bosPage, score: "3", reason: "bo", moderator: "Bo")).status == 303)
        let seen = try ada.send(first.base + path).body
        #expect(seen.contains("moderated by Bo"), "the first server did not show the second's decision")
        let stale = try ada.send(first.base + "/decide", method: "POST", form: form(adasPage, score: "7", reason: "ada", moderator: "Ada"))
        #expect(stale.status == 409)
        #expect(stale.body.contains("mallory q1: 3 by Bo"))
        #expect(try fixture.moderationRows().map { $0[3] } == ["bo"])
        #expect(try ada.send(first.base + "/decide", method: "POST", form: form(seen, score: "7", reason: "ada", moderator: "Ada")).status == 303)
        #expect(try fixture.moderationRows().map { $0[3] } == ["bo", "ada"])
        first.stop()
        second.stop()
    }
}
