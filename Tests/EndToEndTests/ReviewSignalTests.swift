import Foundation
import Testing

/// Stopping `grader review` the ways a person and a supervisor do: Ctrl-C at a terminal, SIGTERM,
/// and a second Ctrl-C while it stops. Against whichever binary `GRADER_BINARY` names: `make
/// test-release` runs these on the release build, where the optimiser once let the signal
/// handlers go and both signals were ignored.
@Suite("grader review: stopping on signals", .serialized)
struct ReviewSignalTests {
    /// How long a stop may take: the requirement, one second, on the release binary (`make
    /// test-release` sets GRADER_BINARY); the debug and ThreadSanitizer builds are slower.
    static let stopSeconds = ProcessInfo.processInfo.environment["GRADER_BINARY"] != nil ? 1.0 : 3.0

    /// A raw connection that sends a decision's head now and its body later: a request in flight.
    final class SlowPost {
        let socket: FileHandle
        let body: Data
        private let process = Process()
        private let input = Pipe(), output = Pipe()

        /// Starts a Python client that sends the head at once, then the body when told (a line on its input).
        init(review: ReviewProcess, form: String) throws {
            body = Data(form.utf8)
            let script = """
                import socket, sys
                s = socket.create_connection(("127.0.0.1", \(review.port)), timeout=15)
                s.sendall(sys.argv[1].encode())
                print("sent", flush=True)
                sys.stdin.readline()
                s.sendall(sys.argv[2].encode())
                data = b""
                while True:
                    chunk = s.recv(65536)
                    if not chunk: break
                    data += chunk
                print(data.split(b"\\r\\n")[0].decode(), flush=True)
                """
            let head = "POST /decide HTTP/1.1\r\nHost: 127.0.0.1:\(review.port)\r\nCookie: grader_review=\(review.token)\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script, head, form]
            process.standardInput = input
            process.standardOutput = output
            socket = output.fileHandleForReading
            try process.run()
            _ = socket.availableData   // "sent": the head is on its way
        }

        /// Sends the body; returns the status line the server answered with.
        func finish() -> String {
            input.fileHandleForWriting.write(Data("go\n".utf8))
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// The form of a decision on mallory's q1, as its page gives it.
    private func decisionForm(_ review: ReviewProcess, fixture: ReviewFixture, reason: String) throws -> String {
        let user = HTTPCall(jar: fixture.scratch.file("user-\(UUID().uuidString).jar"))
        _ = try user.send(review.url.absoluteString)
        let page = try user.send(review.base + "/answer?candidate=mallory&question=q1&list=queue").body
        let csrf = try #require(ReviewCommandTests.hidden("csrf", in: page))
        let hash = try #require(ReviewCommandTests.hidden("hash", in: page))
        let against = try #require(ReviewCommandTests.hidden("against", in: page))
        return "csrf=\(csrf)&candidate=mallory&question=q1&hash=\(hash)&list=queue&against=\(against)&score=3&reason=\(reason)&moderator=Ada"
    }

    /// SIGTERM while a decision is in flight: the decision is answered and on disk, then the
    /// server stops within a second with its "Stopped." line and status 0.
    @Test func sigtermAnswersTheRequestInFlightThenStops() throws {
        let fixture = try ReviewFixture()
        let review = try ReviewProcess(reports: fixture.reports, moderation: fixture.moderation, in: fixture.scratch.url)
        let post = try SlowPost(review: review, form: try decisionForm(review, fixture: fixture, reason: "in+flight"))
        // Time for the server to read the head (a request whose head has not arrived is not in flight).
        Thread.sleep(forTimeInterval: 1)
        review.send(SIGTERM)
        Thread.sleep(forTimeInterval: 0.2)
        #expect(post.finish().hasPrefix("HTTP/1.1 303"), "the request in flight was not answered")
        let exit = try #require(review.waitForExit(within: 5), "SIGTERM did not stop grader review")
        #expect(exit.status == 0)
        #expect(exit.seconds < Self.stopSeconds)
        #expect(exit.output.contains("Stopped. Decisions are in \(fixture.moderation)"))
        #expect(try fixture.moderationRows().map { $0[3] } == ["in flight"])
    }

    /// Ctrl-C typed at a terminal (a pseudo-terminal, through `script`): stopped within a second, status 0.
    @Test func controlCAtATerminalStops() throws {
        let fixture = try ReviewFixture()
        let review = try ReviewProcess(reports: fixture.reports, moderation: fixture.moderation, in: fixture.scratch.url, underTerminal: true)
        #expect(try HTTPCall(jar: fixture.scratch.file("user.jar")).send(review.url.absoluteString).status == 303)
        review.typeControlC()
        let exit = try #require(review.waitForExit(within: 5), "Ctrl-C did not stop grader review")
        #expect(exit.status == 0)
        #expect(exit.seconds < Self.stopSeconds)
        #expect(exit.output.contains("Stopped. Decisions are in"))
    }

    /// A second Ctrl-C while the server waits for a request in flight ends it at once.
    @Test func aSecondInterruptEndsItAtOnce() throws {
        let fixture = try ReviewFixture()
        let review = try ReviewProcess(reports: fixture.reports, moderation: fixture.moderation, in: fixture.scratch.url)
        let post = try SlowPost(review: review, form: try decisionForm(review, fixture: fixture, reason: "never+sent"))
        // Time for the server to read the head (a request whose head has not arrived is not in flight).
        Thread.sleep(forTimeInterval: 1)
        review.send(SIGINT)
        Thread.sleep(forTimeInterval: 0.1)
        #expect(review.process.isRunning, "the first Ctrl-C did not wait for the request in flight")
        review.send(SIGINT)
        // Not after the request in flight (its body never comes) nor the grace period: status 130 says which way it ended.
        let exit = try #require(review.waitForExit(within: Self.stopSeconds), "a second Ctrl-C did not end grader review at once")
        #expect(exit.status == 128 + SIGINT)
        #expect(exit.output.contains("stopped at once"))
        _ = post.finish()
        #expect(try fixture.moderationRows().isEmpty)

        // It had no time to remove its socket's folder; the next review does (or a review another
        // suite starts meanwhile: they run in parallel, so the folder's presence now is not checked).
        let temporary = FileManager.default.temporaryDirectory.path
        func leftovers() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []).filter { $0.hasPrefix("grader-review-\(review.process.processIdentifier)-") }
        }
        let next = try ReviewProcess(reports: fixture.reports, moderation: fixture.moderation, in: fixture.scratch.url)
        #expect(leftovers().isEmpty, "the folder of a review that exited at once was left behind")
        #expect(next.stop().status == 0)
    }
}
