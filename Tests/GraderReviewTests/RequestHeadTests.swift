@testable import GraderReview
import Testing

/// The gate's reading of a request head: what it passes on to FlyingFox, and what it refuses with which status.
@Suite("review: request heads at the gate")
struct RequestHeadTests {
    private func parse(_ text: String) -> Result<RequestHead, RequestHead.Refusal> {
        RequestHead.parse(ArraySlice(Array(text.utf8)), maximumBody: 64 * 1024)
    }

    private func status(_ text: String) -> Int? {
        if case .failure(let refusal) = parse(text) { return refusal.status }
        return nil
    }

    @Test func theEndOfAHeadIsTheFirstBlankLine() {
        #expect(RequestHead.end(in: Array("GET / HTTP/1.1\r\nHost: a\r\n\r\nrest".utf8)) == 27)
        #expect(RequestHead.end(in: Array("GET / HTTP/1.1\nHost: a\n\nrest".utf8)) == 24)
        #expect(RequestHead.end(in: Array("GET / HTTP/1.1\r\nHost: a\r\n".utf8)) == nil)
        #expect(RequestHead.end(in: Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8), from: 20) == 27)
    }

    @Test func aGoodPostIsPassedOnWithItsLengthAndConnectionClose() throws {
        let head = try parse("POST /decide HTTP/1.1\r\nHost: 127.0.0.1:9\r\nConnection: keep-alive\r\nKeep-Alive: 5\r\n"
                             + "Content-Length: 12\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n").get()
        #expect(head.contentLength == 12)
        #expect(head.keepAlive)
        #expect(String(decoding: head.forwarded, as: UTF8.self) == "POST /decide HTTP/1.1\r\nHost: 127.0.0.1:9\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 12\r\nConnection: close\r\n\r\n")
        #expect(try parse("GET /queue HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").get().keepAlive == false)
        #expect(try parse("GET /queue HTTP/1.0\r\nHost: a\r\n\r\n").get().keepAlive == false)
    }

    @Test func whatTheReviewNeverServesIsRefusedWithItsStatus() {
        #expect(status("DELETE /queue HTTP/1.1\r\n\r\n") == 405)
        #expect(status("BREW /queue HTTP/1.1\r\n\r\n") == 405)
        #expect(status("GET /queue HTTP/2.0\r\n\r\n") == 400)
        #expect(status("GET  /queue HTTP/1.1\r\n\r\n") == 400)
        #expect(status("GET /queue\r\n\r\n") == 400)
        #expect(status("POST /decide HTTP/1.1\r\nContent-Length: 70000\r\n\r\n") == 413)
        #expect(status("POST /decide HTTP/1.1\r\nContent-Length: -1\r\n\r\n") == 400)
        #expect(status("POST /decide HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n") == 400)
        #expect(status("POST /decide HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n") == 400)
        #expect(status("POST /decide HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") == 411)
        #expect(status("GET /queue HTTP/1.1\r\n folded: header\r\n\r\n") == 400)
        #expect(status("GET /queue HTTP/1.1\r\nBad Name: x\r\n\r\n") == 400)
        #expect(status("GET /queue HTTP/1.1\r\nX: a\u{01}b\r\n\r\n") == 400)
    }

    @Test func addressesWithTraversalBadEscapesOrControlsAreRefused() {
        for target in ["/../etc/passwd", "/a/%2e%2e/b", "/%2E%2E", "/./queue", "/queue%00", "/answer?candidate=a%00", "/answer?c=%zz",
                       "/answer?c=%ff", "/answer?c=%", "queue", "http://evil/queue"] {
            #expect(RequestHead.targetProblem(target) != nil, "\(target)")
        }
        for target in ["/", "/queue", "/answer?candidate=caf%C3%A9&question=q1&list=queue", "/next?list=sample", "/rubric",
                       "/answer?candidate=a..b&question=q.1"] {
            #expect(RequestHead.targetProblem(target) == nil, "\(target)")
        }
        #expect(RequestHead.parse(ArraySlice([0x47, 0x45, 0x54, 0x20, 0x2F, 0xFF, 0x20] + Array("HTTP/1.1\r\n\r\n".utf8)),
                                  maximumBody: 10).failureStatus == 400)
    }
}

extension Result where Failure == RequestHead.Refusal {
    var failureStatus: Int? { if case .failure(let refusal) = self { refusal.status } else { nil } }
}
