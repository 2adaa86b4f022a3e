import Foundation

/// Debian's chromedriver, spoken to in the W3C WebDriver protocol (JSON over HTTP): a real
/// headless Chromium that types into forms and submits them.
final class WebDriver: @unchecked Sendable {
    static let executable: String? = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static var unavailable: String {
        "chromium or chromedriver is not installed (Debian packages chromium and chromium-driver; scripts/install-deps.sh test installs both): the review browser test is skipped"
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let driver = Process()
    private let endpoint: String
    private var session = ""

    /// Starts chromedriver and a browser session; `close()` ends both.
    init(profile: URL) async throws {
        guard let executable = Self.executable, let chromium = Chromium.executable else { throw Failure(description: Self.unavailable) }
        let port = Int.random(in: 20_000...60_000)
        endpoint = "http://127.0.0.1:\(port)"
        driver.executableURL = URL(fileURLWithPath: executable)
        driver.arguments = ["--port=\(port)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        let deadline = Date().addingTimeInterval(20)
        while (try? await call("GET", "/status")) == nil {
            guard Date() < deadline, driver.isRunning else { throw Failure(description: "chromedriver did not start on port \(port)") }
            try await Task.sleep(for: .milliseconds(100))
        }
        let options: [String: Any] = ["binary": chromium, "args": ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                                                    "--disable-background-networking", "--window-size=1300,1700",
                                                                    "--user-data-dir=\(profile.path)"]]
        let created = try await call("POST", "/session", ["capabilities": ["alwaysMatch": ["goog:chromeOptions": options]]])
        guard let value = created["value"] as? [String: Any], let id = value["sessionId"] as? String else {
            throw Failure(description: "chromedriver made no session: \(created)")
        }
        session = id
    }

    func open(_ url: String) async throws { _ = try await command("POST", "/url", ["url": url]) }
    func reload() async throws { _ = try await command("POST", "/refresh", [:]) }
    func currentURL() async throws -> String { try await command("GET", "/url")["value"] as? String ?? "" }
    func source() async throws -> String { try await command("GET", "/source")["value"] as? String ?? "" }

    func screenshot() async throws -> Data {
        guard let text = try await command("GET", "/screenshot")["value"] as? String, let png = Data(base64Encoded: text) else {
            throw Failure(description: "no screenshot")
        }
        return png
    }

    /// The first element matching `css`, by its WebDriver reference.
    func element(_ css: String) async throws -> String {
        let found = try await command("POST", "/element", ["using": "css selector", "value": css])
        guard let value = found["value"] as? [String: Any], let id = value.values.first as? String else {
            throw Failure(description: "no element \(css): \(found)")
        }
        return id
    }

    func click(_ element: String) async throws { _ = try await command("POST", "/element/\(element)/click", [:]) }
    func clear(_ element: String) async throws { _ = try await command("POST", "/element/\(element)/clear", [:]) }
    func type(_ text: String, into element: String) async throws { _ = try await command("POST", "/element/\(element)/value", ["text": text]) }

    /// The element that has the keyboard focus.
    func active() async throws -> String {
        guard let value = try await command("GET", "/element/active")["value"] as? [String: Any], let id = value.values.first as? String else {
            throw Failure(description: "no focused element")
        }
        return id
    }

    func attribute(_ name: String, of element: String) async throws -> String? {
        try await command("GET", "/element/\(element)/attribute/\(name)")["value"] as? String
    }

    /// The Enter key, in WebDriver's key codes.
    static let enter = "\u{E007}"

    private func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        let result = try await call(method, "/session/\(session)" + path, body)
        if let value = result["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "WebDriver \(path): \(error): \(value["message"] ?? "")")
        }
        return result
    }

    /// One request through curl: Foundation's URLSession on Linux fails on chromedriver's
    /// responses ("Failed writing header"), curl reads them as any client does.
    private func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        var arguments = ["curl", "-s", "--max-time", "90", "-X", method, endpoint + path]
        if let body {
            arguments += ["-H", "Content-Type: application/json",
                          "--data-binary", String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)]
        }
        guard let run = Chromium.run(arguments, timeout: 120), run.status == 0,
              let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] else {
            throw Failure(description: "WebDriver \(method) \(path) failed")
        }
        return json
    }

    /// Ends the browser session and chromedriver (asked to shut down; killed if it has not after 10 s:
    /// it does not stop on SIGTERM).
    func close() async {
        if !session.isEmpty { _ = try? await call("DELETE", "/session/\(session)") }
        session = ""
        _ = try? await call("GET", "/shutdown")
        let deadline = Date().addingTimeInterval(10)
        while driver.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(100)) }
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
        driver.waitUntilExit()
    }

    deinit {
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
    }
}
