import Foundation

/// A value shared between threads, behind a pthread mutex (NSLock). Not
/// `Synchronization.Mutex`: on Linux that is a raw futex which ThreadSanitizer
/// cannot see, so every use of it was reported as a data race in CI's TSan run.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
