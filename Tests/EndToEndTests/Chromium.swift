import Foundation

/// Debian's headless Chromium, for the tests that open Grader's pages as a browser would.
/// When it is missing, the first use installs it (`apt-get install -y chromium`, as root or
/// through `sudo -n`); `unavailable` says why when that was not possible.
enum Chromium {
    static let executable: String? = locate() ?? (install() ? locate() : nil)

    static var unavailable: String {
        "chromium is not installed and could not be installed with apt-get (need root or passwordless sudo): Chromium checks skipped"
    }

    private static func locate() -> String? {
        for name in ["chromium", "chromium-browser"] {
            for folder in ["/usr/bin", "/usr/local/bin", "/snap/bin"] where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }

    private static func install() -> Bool {
        let root = getuid() == 0
        let command = (root ? [] : ["sudo", "-n"]) + ["apt-get", "install", "-y", "-qq", "chromium"]
        let update = (root ? [] : ["sudo", "-n"]) + ["apt-get", "update", "-qq"]
        return run(update, timeout: 600) != nil && run(command, timeout: 900)?.status == 0
    }

    struct Outcome {
        let status: Int32
        let stdout: String
    }

    /// Runs a command with a time limit; nil when it could not start or ran too long.
    static func run(_ arguments: [String], timeout: TimeInterval) -> Outcome? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DEBIAN_FRONTEND"] = "noninteractive"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        guard process.terminationReason == .exit else { return nil }
        return Outcome(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self))
    }

    /// What the browser made of a page: its DOM after load, a screenshot, and the URLs the page itself asked the network for.
    struct Page {
        let dom: String
        let screenshot: Data
        let pageRequests: [String]
    }

    /// Opens `file` headless twice: once for a screenshot with a network log, once to dump the DOM.
    static func open(_ file: String, scratch: URL) throws -> Page {
        guard let executable else { throw Failure("no chromium") }
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let shot = scratch.appendingPathComponent("\(name).png").path, log = scratch.appendingPathComponent("\(name).netlog.json").path
        let common = [executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                      "--disable-component-update", "--hide-scrollbars"]
        let url = URL(fileURLWithPath: file).absoluteString
        guard let shotRun = run(common + ["--user-data-dir=\(scratch.path)/profile-\(name)-1", "--window-size=1280,1600",
                                          "--log-net-log=\(log)", "--screenshot=\(shot)", url], timeout: 120), shotRun.status == 0 else {
            throw Failure("chromium could not take a screenshot of \(file)")
        }
        guard let domRun = run(common + ["--user-data-dir=\(scratch.path)/profile-\(name)-2", "--dump-dom", url], timeout: 120),
              domRun.status == 0 else {
            throw Failure("chromium could not dump the DOM of \(file)")
        }
        return Page(dom: domRun.stdout, screenshot: FileManager.default.contents(atPath: shot) ?? Data(),
                    pageRequests: try pageRequests(inNetLog: log))
    }

    /// URLs requested by a page, from Chromium's net log: the browser's own background requests carry
    /// the initiator "not an origin"; a request a page makes names the page's origin ("null" for file://).
    static func pageRequests(inNetLog path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path),
              let log = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let constants = log["constants"] as? [String: Any], let types = constants["logEventTypes"] as? [String: Int],
              let start = types["URL_REQUEST_START_JOB"], let events = log["events"] as? [[String: Any]] else {
            throw Failure("unreadable net log \(path)")
        }
        return events.compactMap { event -> String? in
            guard event["type"] as? Int == start, let params = event["params"] as? [String: Any],
                  let url = params["url"] as? String, !url.hasPrefix("file:") else { return nil }
            return params["initiator"] as? String == "not an origin" ? nil : url
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
