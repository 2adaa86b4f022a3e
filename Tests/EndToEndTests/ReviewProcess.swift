import Foundation

/// A running `grader review`, started the way a user starts it, with the address it printed.
/// Stopped with SIGINT (Ctrl-C) when released; `stop()` reports how it exited. Under a terminal
/// (`script`'s pseudo-terminal), Ctrl-C is the byte the terminal turns into SIGINT.
final class ReviewProcess {
    let process = Process()
    let url: URL
    let port: Int
    let token: String
    private let output = Pipe()
    /// What is typed at the terminal (only under one).
    private let keyboard = Pipe()

    static func quoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(reports: String, moderation: String, in directory: URL, underTerminal: Bool = false) throws {
        let arguments = ["review", reports, "--moderation", moderation, "--port", "0"]
        if underTerminal {
            // util-linux script: -q quiet, -e its exit status is the command's, -f flush at once.
            // `exec`: script runs the command through $SHELL, and a shell that stays (dash, CI's
            // /bin/sh) is in the terminal's foreground group too, dies of the same Ctrl-C, and
            // script then reports 130 whatever grader did.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qefc", "exec " + ([GraderProcess.executable.path] + arguments).map(Self.quoted).joined(separator: " "), "/dev/null"]
            process.standardInput = keyboard
        } else {
            process.executableURL = GraderProcess.executable
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // Reads what it prints until the address line, for at most 20 seconds.
        var printed = Data()
        let deadline = Date().addingTimeInterval(20)
        let handle = output.fileHandleForReading
        while Date() < deadline, !String(decoding: printed, as: UTF8.self).contains("Press Ctrl-C"), process.isRunning {
            let chunk = handle.availableData
            if chunk.isEmpty { Thread.sleep(forTimeInterval: 0.05) } else { printed += chunk }
        }
        let text = String(decoding: printed, as: UTF8.self)
        guard let line = text.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("Open http://127.0.0.1:") }),
              let url = URL(string: String(line.dropFirst("Open ".count)).trimmingCharacters(in: .whitespacesAndNewlines)), let port = url.port,
              let token = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.first(where: { $0.name == "token" })?.value else {
            if process.isRunning { process.interrupt() }
            throw Failure(description: "grader review printed no address: \(text)")
        }
        self.url = url
        self.port = port
        self.token = token
    }

    var base: String { "http://127.0.0.1:\(port)" }

    /// Ctrl-C; waits for the exit and returns its status and what was printed after the address.
    @discardableResult
    func stop() -> (status: Int32, output: String) {
        if process.isRunning { process.interrupt() }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        // A server that ignores both signals (the bug `ReviewSignalTests` guards against) must not hang the suite.
        let killDeadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < killDeadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        return (process.terminationStatus, String(decoding: rest, as: UTF8.self))
    }

    /// Types Ctrl-C at the terminal the review runs under.
    func typeControlC() {
        keyboard.fileHandleForWriting.write(Data([0x03]))
    }

    /// Sends `number` to the review process itself.
    func send(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits up to `seconds` for the exit; its status, how long it took, and what was printed after the address.
    func waitForExit(within seconds: TimeInterval) -> (status: Int32, seconds: TimeInterval, output: String)? {
        let started = Date()
        while process.isRunning, Date().timeIntervalSince(started) < seconds { Thread.sleep(forTimeInterval: 0.01) }
        guard !process.isRunning else { return nil }
        let took = Date().timeIntervalSince(started)
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        return (process.terminationStatus, took, String(decoding: rest, as: UTF8.self))
    }

    deinit {
        if process.isRunning { stop() }
        try? keyboard.fileHandleForWriting.close()
    }
}

/// HTTP requests as any client can send them, through curl: it sets any `Host` and `Origin`,
/// keeps a cookie jar and does not follow redirects, so each answer is seen as the server gave it.
struct HTTPCall {
    struct Response {
        let status: Int
        let headers: String
        let body: String

        func header(_ name: String) -> String? {
            headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
                .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
        }
    }

    let jar: String

    func send(_ url: String, method: String = "GET", headers: [String: String] = [:], form: String? = nil) throws -> Response {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("curl-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(atPath: scratch.path + ".body")
            try? FileManager.default.removeItem(atPath: scratch.path + ".head")
        }
        var arguments = ["curl", "-s", "-X", method, "-b", jar, "-c", jar, "-o", scratch.path + ".body", "-D", scratch.path + ".head",
                         "-w", "%{http_code}", "--max-time", "20"]
        for (name, value) in headers { arguments += ["-H", "\(name): \(value)"] }
        if let form { arguments += ["--data-binary", form, "-H", "Content-Type: application/x-www-form-urlencoded"] }
        arguments.append(url)
        guard let run = Chromium.run(arguments, timeout: 30), let status = Int(run.stdout) else {
            throw ReviewProcess.Failure(description: "curl could not reach \(url)")
        }
        return Response(status: status, headers: (try? String(contentsOfFile: scratch.path + ".head", encoding: .utf8)) ?? "",
                        body: (try? String(contentsOfFile: scratch.path + ".body", encoding: .utf8)) ?? "")
    }
}
