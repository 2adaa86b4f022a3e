import FlyingFox
import Foundation

/// What keeps the review server to the person who started it: it listens on loopback only;
/// every request carries the random session token (in the start URL once, then in an HttpOnly,
/// SameSite=Strict cookie), `Host` must name the server itself (against DNS rebinding), and a
/// state-changing request must be a POST from the server's own origin carrying the CSRF token
/// of the page that sent it. Tokens are compared in constant time.
public struct ReviewSecurity: Sendable {
    public let sessionToken: String
    public let csrfToken: String
    public let port: UInt16

    static let sessionCookie = "grader_review"
    static let moderatorCookie = "grader_moderator"

    public init(port: UInt16, sessionToken: String = Self.randomToken(), csrfToken: String = Self.randomToken()) {
        self.port = port
        self.sessionToken = sessionToken
        self.csrfToken = csrfToken
    }

    /// 32 random bytes as hex, from the system's generator (the kernel's getrandom on Linux).
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// The URL printed at start: the only way in.
    public var startURL: String { "http://127.0.0.1:\(port)/?token=\(sessionToken)" }

    /// Why a request is refused (a 403 page says it), or nil when it may go on.
    func refusal(_ request: HTTPRequest) -> String? {
        let allowed = ["127.0.0.1:\(port)", "localhost:\(port)"]
        guard let host = request.headers[.host]?.lowercased(), allowed.contains(host) else {
            return "This server answers only requests addressed to 127.0.0.1:\(port) or localhost:\(port)."
        }
        let token = Self.cookies(request)[Self.sessionCookie] ?? (request.path == "/" ? request.query["token"] : nil)
        guard let token, Self.same(token, sessionToken) else {
            return "This page needs the session token: open the address grader review printed when it started."
        }
        if request.method == .POST {
            if let origin = request.headers[HTTPHeader("Origin")], !allowed.map({ "http://" + $0 }).contains(origin.lowercased()) {
                return "A form sent from another site (Origin \(origin)) is not accepted."
            }
        } else if request.method != .GET && request.method != .HEAD {
            return "Only GET and POST are served."
        }
        return nil
    }

    /// Whether a submitted form carries this session's CSRF token.
    func acceptsForm(_ form: FormBody) -> Bool {
        Self.same(form["csrf"] ?? "", csrfToken)
    }

    /// The `Cookie` header's name=value pairs. Split by hand because FlyingFox has no cookie
    /// parser and Foundation's `HTTPCookie` reads only `Set-Cookie`; a malformed pair is skipped.
    static func cookies(_ request: HTTPRequest) -> [String: String] {
        var cookies: [String: String] = [:]
        for pair in (request.headers[.cookie] ?? "").split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            if cookies[name] == nil { cookies[name] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return cookies
    }

    /// `Set-Cookie` for the session: HttpOnly and SameSite=Strict, so no page script (there is
    /// none) and no other site's request ever carries it.
    var sessionCookieHeader: String {
        "\(Self.sessionCookie)=\(sessionToken); Path=/; HttpOnly; SameSite=Strict"
    }

    /// `Set-Cookie` remembering who moderates, percent-encoded (a name may hold `;` or spaces).
    static func moderatorCookieHeader(_ name: String) -> String {
        let value = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return "\(moderatorCookie)=\(value); Path=/; Max-Age=31536000; HttpOnly; SameSite=Strict"
    }

    static func moderator(_ request: HTTPRequest) -> String {
        cookies(request)[moderatorCookie].flatMap { $0.removingPercentEncoding } ?? ""
    }

    /// Compares every byte whatever the first difference, so timing tells nothing of the token.
    static func same(_ a: String, _ b: String) -> Bool {
        let a = Array(a.utf8), b = Array(b.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

/// An `application/x-www-form-urlencoded` body. FlyingFox decodes URL queries but not form bodies,
/// and Foundation's `URLComponents` silently re-escapes a malformed escape (`%zz`) on Linux; so the
/// `&`- and `=`-separated pairs are split here and each decoded by Foundation's
/// `removingPercentEncoding`, which refuses a malformed escape: such a form is refused whole.
struct FormBody: Sendable {
    private let fields: [String: String]

    init?(_ body: Data) {
        guard let text = String(data: body, encoding: .utf8) else { return nil }
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            // `+` is a space in forms (only there), so it becomes one before decoding.
            func decoded(_ part: Substring) -> String? { part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let name = decoded(parts[0]), let value = parts.count > 1 ? decoded(parts[1]) : "" else { return nil }
            if fields[name] == nil { fields[name] = value }
        }
        self.fields = fields
    }

    subscript(name: String) -> String? { fields[name] }
}
