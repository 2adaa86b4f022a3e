internal import CPCRE2

/// The mutable state one worker needs to run any `Pattern`: match data, a match
/// context carrying the limits, and a JIT stack. Not thread-safe: create one per worker.
public final class MatchScratch {
    /// Bounds that keep a hostile or careless pattern from hanging a run.
    public struct Limits: Sendable, Equatable {
        /// Calls of PCRE2's internal match function per match attempt (applies to JIT too).
        public var matchLimit: UInt32
        /// Backtracking depth for the interpreter (JIT uses its stack instead).
        public var depthLimit: UInt32
        /// Largest JIT stack, in bytes.
        public var jitStackBytes: Int

        public init(matchLimit: UInt32 = 1_000_000, depthLimit: UInt32 = 10_000, jitStackBytes: Int = 1 << 20) {
            self.matchLimit = matchLimit
            self.depthLimit = depthLimit
            self.jitStackBytes = jitStackBytes
        }
    }

    let matchData: OpaquePointer
    let context: OpaquePointer
    let jitStack: OpaquePointer?
    public let limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
        // Group 0 is all we read; PCRE2 still reports a match when other groups do not fit.
        matchData = pcre2_match_data_create_8(1, nil)!
        context = pcre2_match_context_create_8(nil)!
        pcre2_set_match_limit_8(context, limits.matchLimit)
        pcre2_set_depth_limit_8(context, limits.depthLimit)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, max(32 * 1024, limits.jitStackBytes), nil)
        if let jitStack {
            pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack))
        }
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }
}
