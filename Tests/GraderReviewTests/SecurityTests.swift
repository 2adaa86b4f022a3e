import FlyingFox
import Foundation
@testable import GraderReview
import Testing

@Suite("review security: what a request must carry")
struct SecurityTests {
    private let security = ReviewSecurity(port: 4321, sessionToken: "s3ss10n", csrfToken: "csrf-token")

    private func request(_ target: String, method: HTTPMethod = .GET, headers: [HTTPHeader: String] = [:]) -> HTTPRequest {
        var all: [HTTPHeader: String] = [.host: "127.0.0.1:4321"]
        for (name, value) in headers { all[name] = value }
        let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
        return HTTPRequest(method: method, version: .http11, target: HTTPRequest.Target(path: parts[0], query: parts.count > 1 ? parts[1] : ""),
                           headers: HTTPHeaders(all), body: HTTPBodySequence(data: Data()))
    }

    @Test func theTokenIsTakenFromTheStartAddressOrTheCookieOnly() {
        #expect(security.refusal(request("/?token=s3ss10n")) == nil)
        #expect(security.refusal(request("/queue?token=s3ss10n")) != nil, "the token in any address but the start one")
        #expect(security.refusal(request("/queue", headers: [.cookie: "other=1; grader_review=s3ss10n"])) == nil)
        #expect(security.refusal(request("/queue", headers: [.cookie: "grader_review=s3ss10"])) != nil)
        #expect(security.refusal(request("/queue")) != nil)
    }

    @Test func hostOriginAndMethodAreChecked() {
        let cookie: [HTTPHeader: String] = [.cookie: "grader_review=s3ss10n"]
        #expect(security.refusal(request("/queue", headers: cookie.merging([.host: "localhost:4321"]) { $1 })) == nil)
        #expect(security.refusal(request("/queue", headers: cookie.merging([.host: "evil.example:4321"]) { $1 })) != nil)
        #expect(security.refusal(request("/queue", headers: cookie.merging([.host: "127.0.0.1:80"]) { $1 })) != nil)
        #expect(security.refusal(request("/decide", method: .POST, headers: cookie)) == nil, "a POST without Origin (curl, older browsers)")
        #expect(security.refusal(request("/decide", method: .POST, headers: cookie.merging([HTTPHeader("Origin"): "http://127.0.0.1:4321"]) { $1 })) == nil)
        #expect(security.refusal(request("/decide", method: .POST, headers: cookie.merging([HTTPHeader("Origin"): "null"]) { $1 })) != nil)
        #expect(security.refusal(request("/decide", method: .POST, headers: cookie.merging([HTTPHeader("Origin"): "http://127.0.0.1:4322"]) { $1 })) != nil)
        #expect(security.refusal(request("/decide", method: .PUT, headers: cookie)) != nil)
    }

    @Test func tokensAreLongRandomAndComparedWhole() {
        let a = ReviewSecurity.randomToken(), b = ReviewSecurity.randomToken()
        #expect(a.count == 64 && a.allSatisfy(\.isHexDigit))
        #expect(a != b)
        #expect(ReviewSecurity.same("abc", "abc"))
        #expect(!ReviewSecurity.same("abc", "abd"))
        #expect(!ReviewSecurity.same("abc", "abcd"))
        #expect(security.startURL == "http://127.0.0.1:4321/?token=s3ss10n")
        #expect(security.sessionCookieHeader.contains("HttpOnly") && security.sessionCookieHeader.contains("SameSite=Strict"))
    }

    @Test func formsDecodePlusAndEscapesAndRefuseMalformedOnes() throws {
        let form = try #require(FormBody(Data("reason=too+generous%2C+%3Cb%3E&score=1.5&empty=&csrf=a&csrf=b".utf8)))
        #expect(form["reason"] == "too generous, <b>")
        #expect(form["score"] == "1.5")
        #expect(form["empty"] == "")
        #expect(form["csrf"] == "a", "the first of a repeated field")
        #expect(form["missing"] == nil)
        #expect(FormBody(Data("score=%zz".utf8)) == nil)
        #expect(FormBody(Data([0xFF, 0xFE])) == nil)
        #expect(security.acceptsForm(try #require(FormBody(Data("csrf=csrf-token".utf8)))))
        #expect(!security.acceptsForm(try #require(FormBody(Data("csrf=csrf-tokem".utf8)))))
    }

    @Test func answerAddressesEscapeTheirIds() {
        let key = AnswerKey(candidate: "a&b c", question: "q1#")
        #expect(PageLinks.answerPath(key, list: .sample) == "/answer?candidate=a%26b%20c&question=q1%23&list=sample")
    }
}
