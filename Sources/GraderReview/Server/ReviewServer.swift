import FlyingFox
import FlyingSocks
import Foundation
import GraderFoundation

/// `grader review`'s web server: `ReviewGate` on 127.0.0.1 holds clients to `ReviewLimits` and
/// passes whole requests to FlyingFox, whose one handler checks every request (`ReviewSecurity`)
/// before routing it (`ReviewRoutes`).
public struct ReviewServer: Sendable {
    public let session: ReviewSession
    public let limits: ReviewLimits

    public init(session: ReviewSession, limits: ReviewLimits = ReviewLimits()) {
        self.session = session
        self.limits = limits
    }

    /// Listens on `port` (0: a free one), calls `started` with the start URL once listening, and
    /// serves until the task is cancelled (Ctrl-C, see the command). A cancellation stops taking
    /// requests, lets the ones being answered finish (up to `limits.stopGraceSeconds`) and returns.
    public func run(port: UInt16, started: @Sendable (String) -> Void) async throws {
        let backend = try BackendSocket()
        defer { backend.remove() }
        let routes = Locked<ReviewRoutes?>(nil)
        let handler = ClosureHTTPHandler { request in
            guard let handler = routes.withLock({ $0 }) else { return HTTPResponse(statusCode: .serviceUnavailable) }
            return await handler.handle(request)
        }
        let server = HTTPServer(address: sockaddr_un.unix(path: backend.path), timeout: 30, logger: .disabled, handler: handler)
        let gate = try ReviewGate(port: port, backend: backend.path, limits: limits)
        // Unstructured, so a cancellation of this task reaches the server only through the
        // orderly stop below, never mid-answer.
        let serving = Task { try await server.run() }
        defer { serving.cancel() }
        try await server.waitUntilListening(timeout: 10)
        let security = ReviewSecurity(port: gate.port)
        routes.withLock { $0 = ReviewRoutes(session: session, security: security) }
        let gating = Task { try await gate.run() }
        started(security.startURL)
        let result = await withTaskCancellationHandler {
            await gating.result
        } onCancel: {
            gate.requestStop()
        }
        // The gate has drained: no request is left in FlyingFox, so its stop need not wait.
        await server.stop(timeout: 0)
        try result.get()
    }
}

/// The Unix socket FlyingFox listens on behind the gate, in a folder of its own that only this
/// user may open (mode 0700): no other local user can reach FlyingFox around the gate's limits.
struct BackendSocket {
    let folder: String
    var path: String { folder + "/http.sock" }

    static let prefix = "grader-review-"

    init() throws {
        let temporary = FileSystem.temporaryFolder
        Self.removeLeftovers(in: temporary)
        folder = Path.join(temporary, Self.prefix + "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileSystem.createFolder(folder, parents: false, mode: 0o700)
    }

    /// Folders of reviews that ended without removing theirs (a second Ctrl-C exits at once, a
    /// kill -9): named by the process id, removed once no such process runs (Linux's /proc).
    static func removeLeftovers(in temporary: String) {
        guard FileSystem.exists("/proc/self") else { return }
        for name in (try? FileSystem.list(temporary)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int(name.dropFirst(prefix.count).prefix { $0 != "-" }), !FileSystem.exists("/proc/\(pid)") else { continue }
            try? FileSystem.remove(Path.join(temporary, name))
        }
    }

    func remove() { try? FileSystem.remove(folder) }
}

public struct ReviewServerError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
