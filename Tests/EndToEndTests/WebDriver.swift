import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Debian's chromedriver, spoken to in the W3C WebDriver protocol (JSON over HTTP) with
/// URLSession: a real headless Chromium that types into forms and submits them.
final class WebDriver {
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

    init(profile: URL) throws {
        guard let executable = Self.executable, let chromium = Chromium.executable else { throw Failure(description: Self.unavailable) }
        let port = Int.random(in: 20_000...60_000)
        endpoint = "http://127.0.0.1:\(port)"
        driver.executableURL = URL(fileURLWithPath: executable)
        driver.arguments = ["--port=\(port)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        let deadline = Date().addingTimeInterval(20)
        while (try? call("GET", "/status")) == nil {
            guard Date() < deadline, driver.isRunning else { throw Failure(description: "chromedriver did not start on port \(port)") }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let options: [String: Any] = ["binary": chromium, "args": ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                                                    "--disable-background-networking", "--window-size=1300,1700",
                                                                    "--user-data-dir=\(profile.path)"]]
        let created = try call("POST", "/session", ["capabilities": ["alwaysMatch": ["goog:chromeOptions": options]]])
        guard let value = created["value"] as? [String: Any], let id = value["sessionId"] as? String else {
            throw Failure(description: "chromedriver made no session: \(created)")
        }
        session = id
    }

    func open(_ url: String) throws { _ = try command("POST", "/url", ["url": url]) }
    func reload() throws { _ = try command("POST", "/refresh", [:]) }
    var currentURL: String { get throws { try command("GET", "/url")["value"] as? String ?? "" } }
    var source: String { get throws { try command("GET", "/source")["value"] as? String ?? "" } }

    func screenshot() throws -> Data {
        guard let text = try command("GET", "/screenshot")["value"] as? String, let png = Data(base64Encoded: text) else {
            throw Failure(description: "no screenshot")
        }
        return png
    }

    /// The first element matching `css`, by its WebDriver reference.
    func element(_ css: String) throws -> String {
        let found = try command("POST", "/element", ["using": "css selector", "value": css])
        guard let value = found["value"] as? [String: Any], let id = value.values.first as? String else {
            throw Failure(description: "no element \(css): \(found)")
        }
        return id
    }

    func click(_ element: String) throws { _ = try command("POST", "/element/\(element)/click", [:]) }
    func clear(_ element: String) throws { _ = try command("POST", "/element/\(element)/clear", [:]) }
    func type(_ text: String, into element: String) throws { _ = try command("POST", "/element/\(element)/value", ["text": text]) }
    /// The element that has the keyboard focus.
    var active: String { get throws {
        guard let value = try command("GET", "/element/active")["value"] as? [String: Any], let id = value.values.first as? String else {
            throw Failure(description: "no focused element")
        }
        return id
    } }
    func attribute(_ name: String, of element: String) throws -> String? {
        try command("GET", "/element/\(element)/attribute/\(name)")["value"] as? String
    }

    /// The Enter key, in WebDriver's key codes.
    static let enter = "\u{E007}"

    private func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> [String: Any] {
        let result = try call(method, "/session/\(session)" + path, body)
        if let value = result["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "WebDriver \(path): \(error): \(value["message"] ?? "")")
        }
        return result
    }

    /// One request, waited for synchronously (a test drives the browser step by step).
    private func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> [String: Any] {
        var request = URLRequest(url: URL(string: endpoint + path)!, timeoutInterval: 60)
        request.httpMethod = method
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, _, error in
            box.set(data, error)
            done.signal()
        }.resume()
        done.wait()
        let (data, error) = box.get()
        guard let data, error == nil, let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure(description: "WebDriver \(method) \(path) failed: \(String(describing: error))")
        }
        return json
    }

    /// Hands a URLSession completion's result to the waiting test thread.
    private final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var data: Data?
        private var error: (any Error)?
        func set(_ data: Data?, _ error: (any Error)?) { lock.lock(); self.data = data; self.error = error; lock.unlock() }
        func get() -> (Data?, (any Error)?) { lock.lock(); defer { lock.unlock() }; return (data, error) }
    }

    deinit {
        if !session.isEmpty { _ = try? call("DELETE", "/session/\(session)") }
        if driver.isRunning { driver.terminate() }
        driver.waitUntilExit()
    }
}
