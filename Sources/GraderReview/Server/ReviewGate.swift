import FlyingFox
import FlyingSocks
import Foundation
import GraderFoundation

/// The limits the review server holds every client to.
public struct ReviewLimits: Sendable {
    /// Request line and headers together; a browser sends under 2 KB.
    public var maximumHead = 16 * 1024
    /// A form: a reason of 2,000 characters, percent-encoded, with room to spare.
    public var maximumBody = 64 * 1024
    /// From a connection's opening (or its previous answer) to the head's blank line: a slow
    /// client (slowloris) is cut off here.
    public var headSeconds = 5.0
    /// For a body once its head has arrived (a Content-Length larger than what is sent).
    public var bodySeconds = 5.0
    /// Connections open at once; past it the oldest one still waiting for its head is closed.
    public var maximumConnections = 128
    /// For a stop: how long a request already being answered may take to finish.
    public var stopGraceSeconds = 1.0

    public init() {}
}

/// The review server's front door, on 127.0.0.1. FlyingFox 0.27.1 bounds only how long a handler
/// runs (`HTTPServer`'s `timeout`): it reads a head of any size, waits for it forever, keeps any
/// number of connections and reads a short body before any handler sees it, with no deadline.
/// So the gate accepts the connections itself (FlyingSocks, FlyingFox's socket layer), reads each
/// head and body under the limits above, refuses what the review never serves (`RequestHead`),
/// and passes each whole, bounded request to FlyingFox, which listens on a Unix socket in a folder
/// only this user can open, and relays its answer.
final class ReviewGate: Sendable {
    let port: UInt16
    private let listener: Socket
    private let backend: String
    private let limits: ReviewLimits
    private let pool: any AsyncSocketPool
    private let connections = Locked(Registry())
    private let acceptTask = Locked<Task<Void, Never>?>(nil)

    /// Binds 127.0.0.1:`port` (0: a free one) at once, so the port is known before serving.
    init(port: UInt16, backend: String, limits: ReviewLimits) throws {
        listener = try Socket(domain: AF_INET, type: .stream)
        try listener.setValue(true, for: .localAddressReuse)
        try listener.bind(to: try sockaddr_in.inet(ip4: "127.0.0.1", port: port))
        try listener.listen(maxPendingConnection: 1024)
        guard case .ip4(_, let actual) = try listener.sockname() else {
            throw ReviewServerError(message: "the server did not report the port it listens on")
        }
        self.port = actual
        self.backend = backend
        self.limits = limits
        pool = HTTPServer.defaultPool()
    }

    /// Serves until `requestStop()`; then lets requests being answered finish (up to the grace
    /// period), closes every connection and returns.
    func run() async throws {
        try await pool.prepare()
        let polling = Task { [pool] in try? await pool.run() }
        defer { polling.cancel() }
        let socket = try AsyncSocket(socket: listener, pool: pool)
        let accepting = Task { await self.accept(on: socket) }
        acceptTask.withLock { $0 = accepting }
        if connections.withLock({ $0.stopping }) { accepting.cancel() }
        await accepting.value
        try? listener.close()
        await drain()
    }

    /// Stops accepting and cancels idle connections; callable from a cancellation handler.
    func requestStop() {
        let idle = connections.withLock { registry -> [Task<Void, Never>] in
            registry.stopping = true
            return registry.entries.values.filter { !$0.busy }.compactMap(\.task)
        }
        acceptTask.withLock { $0?.cancel() }
        for task in idle { task.cancel() }
    }

    private func accept(on socket: AsyncSocket) async {
        while !Task.isCancelled {
            guard let client = try? await socket.accept() else {
                if Task.isCancelled { return }
                // Out of file descriptors, say: wait for connections to close rather than spin.
                try? await Task.sleep(for: .milliseconds(10))
                continue
            }
            admit(client)
        }
    }

    /// Registers the connection, closing the oldest idle one when over the cap (so a flood of
    /// silent connections cannot lock a reviewer out); if every one is busy, answers 503.
    private func admit(_ client: AsyncSocket) {
        let (id, evicted, full) = connections.withLock { registry -> (Int, Task<Void, Never>?, Bool) in
            var evicted: Task<Void, Never>?
            if registry.entries.count >= limits.maximumConnections,
               let oldest = registry.entries.filter({ !$0.value.busy && !$0.value.evicted }).min(by: { $0.key < $1.key }) {
                registry.entries[oldest.key]?.evicted = true
                evicted = oldest.value.task
            }
            let full = registry.entries.filter { !$0.value.evicted }.count >= limits.maximumConnections
            registry.serial += 1
            registry.entries[registry.serial] = Entry()
            return (registry.serial, evicted, full)
        }
        evicted?.cancel()
        let task = Task {
            defer {
                try? client.close()
                self.connections.withLock { _ = $0.entries.removeValue(forKey: id) }
            }
            if full {
                try? await client.write(Self.refusal(RequestHead.Refusal(status: 503, message: "Too many connections; try again.")))
                return
            }
            await self.serve(client, id: id)
        }
        connections.withLock { registry in
            if registry.entries[id] != nil { registry.entries[id]?.task = task }
            if registry.stopping && registry.entries[id]?.busy == false { task.cancel() }
        }
    }

    /// Requests on one connection, one after the other, until it closes, breaks a limit or asks to close.
    private func serve(_ client: AsyncSocket, id: Int) async {
        var buffer: [UInt8] = [], first = true
        while !Task.isCancelled {
            guard setBusy(id, false) else { return }
            let headEnd: Int?
            do {
                let read = try await Deadline.within(limits.headSeconds) { [buffer, limits] in
                    var read = buffer
                    let end = try await Self.readHead(client, into: &read, limit: limits.maximumHead)
                    return (read, end)
                }
                buffer = read.0
                headEnd = read.1
            } catch is Deadline.Expired {
                // A keep-alive connection left idle closes quietly; a first head not finished in time is a 408.
                if first { await reply(client, RequestHead.Refusal(status: 408, message: "The request's headers took too long.")) }
                return
            } catch {
                return
            }
            first = false
            guard let headEnd else {
                await reply(client, RequestHead.Refusal(status: 431, message: "The request's headers are limited to \(limits.maximumHead / 1024) KB."))
                return
            }
            let head: RequestHead
            switch RequestHead.parse(buffer[..<headEnd], maximumBody: limits.maximumBody) {
            case .success(let parsed): head = parsed
            case .failure(let refusal):
                await reply(client, refusal)
                return
            }
            buffer.removeFirst(headEnd)
            guard setBusy(id, true) else { return }
            do {
                buffer = try await Deadline.within(limits.bodySeconds) { [buffer] in
                    var read = buffer
                    while read.count < head.contentLength {
                        read += try await client.read(atMost: head.contentLength - read.count)
                    }
                    return read
                }
            } catch is Deadline.Expired {
                await reply(client, RequestHead.Refusal(status: 408, message: "The request's body is shorter than its Content-Length said."))
                return
            } catch {
                return
            }
            let body = Array(buffer.prefix(head.contentLength))
            buffer.removeFirst(head.contentLength)
            guard let answer = try? await forward(head.forwarded + body) else {
                await reply(client, RequestHead.Refusal(status: 503, message: "The server is stopping."))
                return
            }
            guard (try? await client.write(Data(answer))) != nil, head.keepAlive else { return }
        }
    }

    /// Reads until the head's blank line; nil when `limit` bytes came without one.
    private static func readHead(_ client: AsyncSocket, into buffer: inout [UInt8], limit: Int) async throws -> Int? {
        var searched = 0
        while true {
            if let end = RequestHead.end(in: buffer, from: searched - 2) { return end <= limit ? end : nil }
            if buffer.count > limit { return nil }
            searched = buffer.count
            buffer += try await client.read(atMost: 16 * 1024)
        }
    }

    /// One request to FlyingFox over a new backend connection; its whole answer (it closes after it).
    /// Not under a deadline of the gate's: FlyingFox's own handler timeout bounds it.
    private func forward(_ request: [UInt8]) async throws -> [UInt8] {
        let socket = try await AsyncSocket.connected(to: sockaddr_un.unix(path: backend), pool: pool)
        defer { try? socket.close() }
        try await socket.write(Data(request))
        var answer: [UInt8] = []
        while true {
            do { answer += try await socket.read(atMost: 64 * 1024) } catch SocketError.disconnected { return answer }
        }
    }

    private func reply(_ client: AsyncSocket, _ refusal: RequestHead.Refusal) async {
        _ = try? await Deadline.within(limits.headSeconds) { try await client.write(Self.refusal(refusal)) }
    }

    /// A refusal as a whole HTTP response that closes the connection.
    static func refusal(_ refusal: RequestHead.Refusal) -> Data {
        let body = refusal.message + "\n"
        var lines = ["HTTP/1.1 \(refusal.status) \(reasons[refusal.status] ?? "Refused")",
                     "Content-Type: text/plain; charset=utf-8", "Content-Length: \(body.utf8.count)", "Connection: close",
                     "X-Content-Type-Options: nosniff", "Cache-Control: no-store", "Content-Security-Policy: default-src 'none'"]
        lines += refusal.headers
        return Data((lines.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
    }

    private static let reasons = [400: "Bad Request", 405: "Method Not Allowed", 408: "Request Timeout", 411: "Length Required",
                                  413: "Content Too Large", 431: "Request Header Fields Too Large", 503: "Service Unavailable"]

    /// Marks the connection as answering a request (not evictable, given the grace period at a stop)
    /// or idle; false when the gate is stopping and the connection should end instead.
    @discardableResult
    private func setBusy(_ id: Int, _ busy: Bool) -> Bool {
        connections.withLock { registry in
            registry.entries[id]?.busy = busy
            return !registry.stopping
        }
    }

    /// After the listener closed: waits for busy connections up to the grace period, then cancels every one left.
    private func drain() async {
        let deadline = Date().addingTimeInterval(limits.stopGraceSeconds)
        while Date() < deadline, connections.withLock({ $0.entries.values.contains(where: \.busy) }) {
            try? await Task.sleep(for: .milliseconds(20))
        }
        let left = connections.withLock { $0.entries.values.compactMap(\.task) }
        for task in left { task.cancel() }
        for task in left { await task.value }
    }

    private struct Entry {
        var task: Task<Void, Never>?
        var busy = false
        var evicted = false
    }

    private struct Registry {
        var entries: [Int: Entry] = [:]
        var serial = 0
        var stopping = false
    }
}

/// Runs work under a time limit, cancelling it when the limit passes. (FlyingSocks has such a
/// helper, `withThrowingTimeout`, but keeps it to its own package.)
enum Deadline {
    struct Expired: Error {}

    static func within<T: Sendable>(_ seconds: Double, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw Expired() }
            return value
        }
    }
}
