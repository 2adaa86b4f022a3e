internal import CPCRE2

/// A PCRE2 pattern compiled (and JIT-compiled when the platform allows) once,
/// then shared read-only by every worker. PCRE2 documents compiled code as safe
/// to use from several threads at once, hence `@unchecked Sendable`.
public final class Pattern: @unchecked Sendable {
    /// Compile-time options, a Swift view of the `PCRE2_*` flags we expose.
    public struct Options: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        public static let caseless = Options(rawValue: PCRE2_CASELESS)
        public static let multiline = Options(rawValue: PCRE2_MULTILINE)
        public static let dotAll = Options(rawValue: PCRE2_DOTALL)
        public static let extended = Options(rawValue: PCRE2_EXTENDED)
        /// Unicode properties for `\w`, `\b`, `\d` and case folding beyond ASCII.
        public static let unicodeProperties = Options(rawValue: PCRE2_UCP)
    }

    public let source: String
    public let options: Options
    /// False when JIT compilation is unavailable; matching then falls back to the interpreter.
    public let isJITCompiled: Bool
    let code: OpaquePointer

    /// Compiles `source` in UTF mode. Subjects must then be valid UTF-8 (Swift strings are),
    /// which lets matching skip PCRE2's UTF check.
    public init(_ source: String, options: Options = [.caseless, .unicodeProperties]) throws(PatternCompileError) {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let compiled: OpaquePointer? = source.withCString { pointer in
            pointer.withMemoryRebound(to: UInt8.self, capacity: source.utf8.count) {
                pcre2_compile_8($0, source.utf8.count, PCRE2_UTF | options.rawValue,
                                &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw PatternCompileError(code: errorCode, message: errorMessage(errorCode), offset: errorOffset)
        }
        self.code = compiled
        self.source = source
        self.options = options
        self.isJITCompiled = pcre2_jit_compile_8(compiled, PCRE2_JIT_COMPLETE) == 0
    }

    deinit { pcre2_code_free_8(code) }

    /// True when the pattern can match the empty string (PCRE2's minimum match length is 0).
    public var canMatchEmpty: Bool {
        var length: UInt32 = 0
        return pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_MINLENGTH), &length) == 0 && length == 0
    }

    /// How a match can start, from PCRE2's pattern info: what lets `pcre2_match`
    /// skip ahead instead of trying the pattern at every position of the subject.
    public struct StartInfo: Sendable, Equatable {
        /// A specific first code unit (`PCRE2_INFO_FIRSTCODETYPE` 1), e.g. `g` for `\bgc\b`.
        public let hasFirstCodeUnit: Bool
        /// Matches can only start at the start of the subject or of a line (anchored, or FIRSTCODETYPE 2).
        public let isAnchored: Bool
        /// A set of possible first code units is known (`PCRE2_INFO_FIRSTBITMAP`).
        public let hasFirstCodeUnitSet: Bool
        /// A code unit every match must contain (`PCRE2_INFO_LASTCODETYPE` 1).
        public let hasRequiredCodeUnit: Bool

        /// True when PCRE2 has nothing to skip ahead with: the pattern is tried at every position.
        public var scansEveryPosition: Bool {
            !hasFirstCodeUnit && !isAnchored && !hasFirstCodeUnitSet && !hasRequiredCodeUnit
        }
    }

    /// PCRE2's start-of-match optimisation facts for this pattern.
    public var startInfo: StartInfo {
        var firstType: UInt32 = 0
        var lastType: UInt32 = 0
        var allOptions: UInt32 = 0
        var bitmap: UnsafePointer<UInt8>? = nil
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODETYPE), &firstType)
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_LASTCODETYPE), &lastType)
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_ALLOPTIONS), &allOptions)
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTBITMAP), &bitmap)
        return StartInfo(hasFirstCodeUnit: firstType == 1,
                         isAnchored: firstType == 2 || allOptions & PCRE2_ANCHORED != 0,
                         hasFirstCodeUnitSet: bitmap != nil,
                         hasRequiredCodeUnit: lastType == 1)
    }

    /// Finds successive non-overlapping matches in `subject`, at most `limit` of them,
    /// as UTF-8 byte ranges. Uses the worker's `scratch` for match data and limits.
    public func matches(in subject: String, scratch: MatchScratch, limit: Int = 32) throws(PatternMatchError) -> [Range<Int>] {
        var text = subject
        let result = text.withUTF8 { buffer in
            Result { () throws(PatternMatchError) in try matches(in: buffer, scratch: scratch, limit: limit) }
        }
        return try result.get()
    }

    /// Byte-buffer form of `matches(in:scratch:limit:)`; `subject` must be valid UTF-8.
    public func matches(in subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch, limit: Int = 32) throws(PatternMatchError) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var start = 0
        let base = subject.baseAddress ?? UnsafePointer<UInt8>(bitPattern: 1)!
        while start <= subject.count && found.count < limit {
            let rc = pcre2_match_8(code, base, subject.count, start, PCRE2_NO_UTF_CHECK,
                                   scratch.matchData, scratch.context)
            if rc == PCRE2_ERROR_NOMATCH { break }
            // rc == 0 means the ovector had no room for every group; group 0 is still set.
            guard rc >= 0 else { throw PatternMatchError(code: rc) }
            let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
            let lower = ovector[0], upper = ovector[1]
            found.append(lower..<upper)
            if upper > lower {
                start = upper
            } else {
                // An empty match: step over one whole UTF-8 character before looking again.
                start = upper + 1
                while start < subject.count && (subject[start] & 0xC0) == 0x80 { start += 1 }
            }
        }
        return found
    }

    /// True when the pattern matches anywhere in `subject`.
    public func firstMatch(in subject: String, scratch: MatchScratch) throws(PatternMatchError) -> Range<Int>? {
        try matches(in: subject, scratch: scratch, limit: 1).first
    }
}
