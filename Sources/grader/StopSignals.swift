import Dispatch
import Foundation

/// Ctrl-C (SIGINT) and `kill` (SIGTERM) for a command that serves until stopped: the first
/// signal calls `onFirst` (a clean stop), a second one ends the process at once.
///
/// A class that owns its dispatch sources for as long as it lives. `grader review` once kept
/// them in a local array that nothing read after `resume()`: in a release build the optimiser
/// ended the array's lifetime there, the sources were cancelled, and the server ignored both
/// signals. Whoever starts a `StopSignals` keeps it alive until it calls `stop()`. The handlers
/// run on a queue of their own, not `.main`, so a busy or blocked main thread delays nothing.
final class StopSignals: @unchecked Sendable {
    // @unchecked: `sources` is set once in init and only read after; DispatchSource is thread-safe.
    private let sources: [DispatchSourceSignal]

    init(onFirst: @escaping @Sendable () -> Void, onSecond: @escaping @Sendable (Int32) -> Never) {
        let signals = [SIGINT, SIGTERM]
        // The default action would end the process before the handler runs: dispatch sources
        // see a signal only when it is ignored.
        for number in signals { signal(number, SIG_IGN) }
        let received = SignalCount()
        let queue = DispatchQueue(label: "grader.stop-signals")
        sources = signals.map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if received.next() == 1 { onFirst() } else { onSecond(number) }
            }
            source.resume()
            return source
        }
    }

    /// Cancels the sources and gives both signals their default action back.
    func stop() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    /// How many stop signals arrived; touched only on `queue`, serial, so no lock is needed,
    /// but a class so the handlers of both sources share it.
    private final class SignalCount: @unchecked Sendable {
        private var count = 0
        func next() -> Int { count += 1; return count }
    }
}
