import Foundation
import GraderFoundation

/// Writing to the terminal: messages to stderr, and a progress bar that is
/// drawn only when stderr is a terminal.
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

/// A one-line progress bar on stderr, redrawn at most ten times a second.
final class ProgressBar: Sendable {
    private struct State {
        var lastDrawn: ContinuousClock.Instant?
        var visible = false
    }

    private let state = Locked(State())
    private let enabled: Bool
    private let started = ContinuousClock.now

    init(enabled: Bool) { self.enabled = enabled }

    func update(done: Int, total: Int) {
        guard enabled else { return }
        state.withLock { state in
            let now = ContinuousClock.now
            if done < total, let last = state.lastDrawn, now - last < .milliseconds(100) { return }
            state.lastDrawn = now
            state.visible = true
            let width = 30
            let filled = total > 0 ? width * done / total : width
            let seconds = Double((now - started).components.attoseconds) / 1e18 + Double((now - started).components.seconds)
            let rate = seconds > 0 ? Double(done) / seconds : 0
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            Terminal.writeRaw("\r\u{1B}[2K\(bar) \(done)/\(total) \(Plural.noun(total, "candidate"))  \(Int(rate))/s")
        }
    }

    func clear() {
        guard enabled else { return }
        state.withLock { state in
            if state.visible { Terminal.writeRaw("\r\u{1B}[2K") }
            state.visible = false
        }
    }
}

extension Terminal {
    static func writeRaw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
