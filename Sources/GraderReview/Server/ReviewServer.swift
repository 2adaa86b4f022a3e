import FlyingFox
import FlyingSocks
import Foundation
import GraderCore

/// `grader review`'s web server: FlyingFox on 127.0.0.1 only, one handler that checks every
/// request (`ReviewSecurity`) before routing it (`ReviewRoutes`).
public struct ReviewServer: Sendable {
    public let session: ReviewSession

    public init(session: ReviewSession) { self.session = session }

    /// Listens on `port` (0: a free one), calls `started` with the start URL once listening, and
    /// serves until the task is cancelled (Ctrl-C, see the command).
    public func run(port: UInt16, started: @Sendable (String) -> Void) async throws {
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
        let routes = Locked<ReviewRoutes?>(nil)
        let handler = ClosureHTTPHandler { request in
            guard let handler = routes.withLock({ $0 }) else { return HTTPResponse(statusCode: .serviceUnavailable) }
            return await handler.handle(request)
        }
        let server = HTTPServer(address: address, timeout: 30, logger: .disabled, handler: handler)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            try await server.waitUntilListening(timeout: 10)
            guard case .ip4(_, let actual) = await server.listeningAddress else {
                throw ReviewServerError(message: "the server did not report the port it listens on")
            }
            let security = ReviewSecurity(port: actual)
            routes.withLock { $0 = ReviewRoutes(session: session, security: security) }
            started(security.startURL)
            try await withTaskCancellationHandler {
                try await group.next()
            } onCancel: {
                Task { await server.stop(timeout: 1) }
            }
        }
    }
}

public struct ReviewServerError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
