internal import CUTF8Proc

/// Why utf8proc refused a string (in practice only on allocation failure,
/// since Swift strings are always valid UTF-8).
public struct UnicodeFoldingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: Int
    public let message: String
    public var description: String { "utf8proc: \(message)" }
}

/// Unicode normalisation through utf8proc: a single C call per string, far
/// cheaper than Foundation's, and the same tables on every platform.
public enum UnicodeFolding {
    /// A transformation utf8proc applies.
    public struct Form: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// NFKC: compatibility decomposition, then canonical composition.
        public static let nfkc = Form(rawValue: UTF8PROC_STABLE.rawValue | UTF8PROC_COMPAT.rawValue | UTF8PROC_COMPOSE.rawValue)
        /// Unicode case folding ("Straße" and "STRASSE" compare equal).
        public static let caseFold = Form(rawValue: UTF8PROC_CASEFOLD.rawValue)
        /// Removes combining marks, so "naïve" becomes "naive".
        public static let stripMarks = Form(rawValue: UTF8PROC_STRIPMARK.rawValue)
        /// Removes default-ignorable characters such as zero-width spaces and soft hyphens.
        public static let dropIgnorable = Form(rawValue: UTF8PROC_IGNORE.rawValue)
    }

    /// Applies `form` to `text`.
    public static func apply(_ form: Form, to text: String) throws(UnicodeFoldingError) -> String {
        var text = text
        let result = text.withUTF8 { buffer -> Result<String, UnicodeFoldingError> in
            var output: UnsafeMutablePointer<UInt8>? = nil
            let length = utf8proc_map(buffer.baseAddress, buffer.count, &output,
                                      utf8proc_option_t(rawValue: form.rawValue))
            defer { free(output) }
            guard length >= 0, let output else {
                return .failure(UnicodeFoldingError(code: length,
                                                    message: String(cString: utf8proc_errmsg(length))))
            }
            return .success(String(decoding: UnsafeBufferPointer(start: output, count: length), as: UTF8.self))
        }
        return try result.get()
    }
}
