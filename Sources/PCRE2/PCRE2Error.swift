internal import CPCRE2

/// Why a pattern could not be compiled: PCRE2's own message and the offset
/// (in UTF-8 bytes of the pattern) where it stopped.
public struct PatternCompileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: Int32
    public let message: String
    /// Byte offset into the pattern where PCRE2 detected the error.
    public let offset: Int

    public var description: String { "\(message) at offset \(offset)" }
}

/// Why a match could not be completed. A limit error means the answer was not
/// evaluated by this pattern: callers must report it, never treat it as "no match".
public enum PatternMatchError: Error, Sendable, Equatable, CustomStringConvertible {
    case matchLimitExceeded
    case depthLimitExceeded
    case heapLimitExceeded
    case jitStackExhausted
    case failed(code: Int32, message: String)

    public var description: String {
        switch self {
        case .matchLimitExceeded: return "PCRE2 match limit exceeded"
        case .depthLimitExceeded: return "PCRE2 depth limit exceeded"
        case .heapLimitExceeded: return "PCRE2 heap limit exceeded"
        case .jitStackExhausted: return "PCRE2 JIT stack exhausted"
        case .failed(let code, let message): return "PCRE2 error \(code): \(message)"
        }
    }

    /// The one place where a negative `pcre2_match` code becomes a Swift error.
    init(code: Int32) {
        switch code {
        case PCRE2_ERROR_MATCHLIMIT: self = .matchLimitExceeded
        case PCRE2_ERROR_DEPTHLIMIT: self = .depthLimitExceeded
        case PCRE2_ERROR_HEAPLIMIT: self = .heapLimitExceeded
        case PCRE2_ERROR_JIT_STACKLIMIT: self = .jitStackExhausted
        default: self = .failed(code: code, message: errorMessage(code))
        }
    }
}

/// PCRE2's text for an error code.
func errorMessage(_ code: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    let length = buffer.withUnsafeMutableBufferPointer {
        pcre2_get_error_message_8(code, $0.baseAddress, $0.count)
    }
    guard length > 0 else { return "unknown error \(code)" }
    return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
}
