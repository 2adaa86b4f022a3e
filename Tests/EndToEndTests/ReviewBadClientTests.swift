import Foundation
import GraderEngine
import Testing

/// Broken and hostile clients against the real server over real sockets (a Python client, each
/// case bounded in time): each is refused with a 4xx or a closed connection within its limit,
/// and a normal request right after is answered.
@Suite("grader review: bad clients", .serialized)
struct ReviewBadClientTests {
    struct Answer: Decodable {
        enum Status: Decodable, Equatable {
            case code(Int), other(String)
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let code = try? container.decode(Int.self) { self = .code(code) } else { self = .other(try container.decode(String.self)) }
            }
        }
        let status: Status
        let seconds: Double
    }

    static var client: String { GraderProcess.fixture("review_client.py") }

    private func send(_ bad: String, to review: ReviewProcess) throws -> Answer {
        let run = try #require(Chromium.run(["python3", Self.client, "bad", bad, String(review.port)], timeout: 30), "\(bad): the client hung")
        return try JSONDecoder().decode(Answer.self, from: Data(run.stdout.utf8))
    }

    /// Every case: the status it must get (nil: a 4xx or a closed connection will do) and the time it may take.
    static let cases: [(name: String, status: Int?, seconds: Double)] = [
        ("long-request-line", 431, 3), ("long-headers", 431, 3), ("large-body", 413, 3), ("short-body", 408, 8),
        ("chunked-body", 411, 3), ("slowloris", 408, 8), ("bad-utf8-path", 400, 3), ("bad-escape", 400, 3),
        ("non-utf8-escape", 400, 3), ("dot-dot", 400, 3), ("escaped-dot-dot", 400, 3), ("encoded-nul", 400, 3),
        ("nul-in-query", 400, 3), ("method-DELETE", 405, 3), ("method-PUT", 405, 3), ("method-OPTIONS", 405, 3),
        ("method-TRACE", 405, 3), ("method-CONNECT", 405, 3), ("method-PATCH", 405, 3),
    ]

    @Test func eachBadClientIsRefusedInTimeAndTheNextRequestIsAnswered() throws {
        let fixture = try ReviewFixture()
        let review = try ReviewProcess(reports: fixture.reports, moderation: fixture.moderation, in: fixture.scratch.url)
        let user = HTTPCall(jar: fixture.scratch.file("user.jar"))
        #expect(try user.send(review.url.absoluteString).status == 303)
        for bad in Self.cases {
            let answer = try send(bad.name, to: review)
            if let status = bad.status {
                // A server that refuses while the client still sends may reset before the client reads the answer.
                #expect(answer.status == .code(status) || (bad.name.hasPrefix("long") && answer.status == .other("closed")),
                        "\(bad.name): \(answer.status)")
            } else if case .code(let code) = answer.status {
                #expect((400..<500).contains(code), "\(bad.name): \(code)")
            }
            #expect(answer.seconds <= bad.seconds, "\(bad.name) took \(answer.seconds) s")
            #expect(try user.send(review.base + "/queue").status == 200, "after \(bad.name), a normal request failed")
        }
        #expect(try fixture.moderationRows().isEmpty)
        #expect(review.stop().status == 0)
    }

    /// A thousand connections that send nothing: the newest ones push out the oldest idle ones
    /// past the cap, so a reviewer's request is still answered while they are all open.
    @Test func aThousandSilentConnectionsDoNotLockTheReviewerOut() throws {
        struct HalfOpen: Decodable { let opened: Int, status: Int, seconds: Double }
        let fixture = try ReviewFixture()
        let review = try ReviewProcess(reports: fixture.reports, moderation: fixture.moderation, in: fixture.scratch.url)
        let run = try #require(Chromium.run(["python3", Self.client, "halfopen", String(review.port), review.token, "1000"], timeout: 60))
        let outcome = try JSONDecoder().decode(HalfOpen.self, from: Data(run.stdout.utf8))
        #expect(outcome.opened == 1000)
        #expect(outcome.status == 200)
        #expect(outcome.seconds < 2)
        #expect(try HTTPCall(jar: fixture.scratch.file("user.jar")).send(review.url.absoluteString).status == 303)
        #expect(review.stop().status == 0)
    }
}
