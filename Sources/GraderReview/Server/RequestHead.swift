import Foundation

/// A request's line and headers as `ReviewGate` reads them off the socket, checked before
/// FlyingFox sees them: what the review serves is GET, HEAD and POST of small forms to a few
/// fixed addresses, so anything else is refused here with a 4xx saying why.
struct RequestHead: Sendable, Equatable {
    let method: String
    let target: String
    package let version: String
    /// Header lines in the order sent, connection-scoped ones (`Connection`, `Keep-Alive`) left out.
    let headers: [String]
    let contentLength: Int
    /// Whether the client keeps the connection for another request (HTTP/1.1 unless it says `close`).
    let keepAlive: Bool

    /// Why a request is refused: the status and a sentence for the client.
    struct Refusal: Error, Equatable {
        let status: Int
        let message: String
        /// Extra header lines (e.g. `Allow` for a 405).
        var headers: [String] = []
    }

    static let methods: Set<String> = ["GET", "HEAD", "POST"]

    /// The index just past the blank line ending the head in `bytes`, or nil when it has not arrived yet.
    static func end(in bytes: [UInt8], from start: Int = 0) -> Int? {
        var index = Swift.max(start, 0)
        while index < bytes.count {
            if bytes[index] == 0x0A {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { return index + 2 }
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A { return index + 3 }
            }
            index += 1
        }
        return nil
    }

    /// Parses and checks a whole head (up to and including its blank line).
    static func parse(_ bytes: ArraySlice<UInt8>, maximumBody: Int) -> Result<RequestHead, Refusal> {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(Refusal(status: 400, message: "The request is not UTF-8."))
        }
        // Split on newlines as Characters: "\r\n" is one Character in Swift, not "\r" then "\n".
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { return .failure(Refusal(status: 400, message: "The request has no request line.")) }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty else {
            return .failure(Refusal(status: 400, message: "The request line is not METHOD TARGET VERSION."))
        }
        let method = String(parts[0]), target = String(parts[1]), version = String(parts[2])
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            return .failure(Refusal(status: 400, message: "Only HTTP/1.1 and HTTP/1.0 are served."))
        }
        guard methods.contains(method) else {
            return .failure(Refusal(status: 405, message: "Only GET, HEAD and POST are served.", headers: ["Allow: GET, HEAD, POST"]))
        }
        if let problem = targetProblem(target) { return .failure(Refusal(status: 400, message: problem)) }

        var headers: [String] = [], contentLengths: Set<String> = [], connection = "", chunked = false
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":"), line.first != " ", line.first != "\t" else {
                return .failure(Refusal(status: 400, message: "A header line is not NAME: VALUE."))
            }
            let name = line[..<colon].lowercased(), value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.utf8.allSatisfy(isTokenByte), !value.unicodeScalars.contains(where: isControl) else {
                return .failure(Refusal(status: 400, message: "A header holds a character headers may not."))
            }
            switch name {
            case "content-length": contentLengths.insert(value)
            case "transfer-encoding": chunked = true
            case "connection": connection = value.lowercased()
            case "keep-alive": break
            default: headers.append(String(line))
            }
        }
        if chunked {
            return .failure(Refusal(status: 411, message: "Send the form with a Content-Length, not a Transfer-Encoding."))
        }
        guard contentLengths.count <= 1 else { return .failure(Refusal(status: 400, message: "The Content-Length headers disagree.")) }
        var length = 0
        if let value = contentLengths.first {
            guard !value.isEmpty, value.utf8.count <= 18, value.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let parsed = Int(value) else {
                return .failure(Refusal(status: 400, message: "The Content-Length is not a number."))
            }
            length = parsed
        }
        guard length <= maximumBody else {
            return .failure(Refusal(status: 413, message: "A form is limited to \(maximumBody / 1024) KB."))
        }
        let keepAlive = version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive")
        return .success(RequestHead(method: method, target: target, version: version, headers: headers,
                                    contentLength: length, keepAlive: keepAlive))
    }

    /// The head as passed to FlyingFox: one request per backend connection, so `Connection: close`.
    var forwarded: [UInt8] {
        var text = "\(method) \(target) \(version)\r\n"
        for line in headers { text += line + "\r\n" }
        if contentLength > 0 || method == "POST" { text += "Content-Length: \(contentLength)\r\n" }
        text += "Connection: close\r\n\r\n"
        return Array(text.utf8)
    }

    /// Why a request target is refused: not an absolute path, a malformed or non-UTF-8 escape,
    /// a control character (an encoded NUL), or a `..` segment, however escaped.
    static func targetProblem(_ target: String) -> String? {
        guard target.hasPrefix("/") else { return "The request target is not a path." }
        for piece in target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false) {
            // `+` is a space only in queries, and decoding it first changes nothing checked here.
            guard let decoded = String(piece).removingPercentEncoding else {
                return "The address holds a malformed percent-escape or one that is not UTF-8."
            }
            if decoded.unicodeScalars.contains(where: isControl) { return "The address holds a control character." }
        }
        let path = target.prefix { $0 != "?" }
        if path.split(separator: "/").contains(where: { ($0.removingPercentEncoding ?? "") == ".." || ($0.removingPercentEncoding ?? "") == "." }) {
            return "The address holds a . or .. segment."
        }
        return nil
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F
    }

    /// RFC 9110 token characters (header names).
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
