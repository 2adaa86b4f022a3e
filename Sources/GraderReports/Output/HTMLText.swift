/// An HTML document being written as UTF-8 bytes. `text` and `attribute` escape
/// everything that could open markup or leave an attribute (`& < > " '`);
/// `markup` is for the page's own literal tags only and never takes data. Elements and
/// attributes in one call are in `HTMLElements.swift`, the page shell in `HTMLPage.swift`,
/// SVG shapes and charts in `SVG/`.
///
/// Hand-written on purpose: with swift-mustache the HTML report cost 20 ms per
/// candidate (a dynamic cast per variable lookup), half of a whole grading run;
/// writing bytes directly makes it a small fraction of the matching time.
public struct HTMLText: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 64 * 1024) { bytes.reserveCapacity(capacity) }

    /// Empties the page, keeping its memory for the next one (a worker writes page after page).
    mutating func reset(capacity: Int) {
        bytes.removeAll(keepingCapacity: true)
        bytes.reserveCapacity(capacity)
    }

    /// The page's own markup: a literal, never candidate or rubric data.
    public mutating func markup(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Bytes of a resource shipped with Grader (the stylesheet), copied as they are.
    mutating func trusted(_ resource: [UInt8]) {
        bytes.append(contentsOf: resource)
    }

    /// Text content, escaped.
    public mutating func text(_ value: String) {
        // Borrows the string's bytes: copying it for `withUTF8` retained it, and rubric
        // strings are shared by every worker, so each retain is contended.
        if value.utf8.withContiguousStorageIfAvailable({ append(escaping: $0) }) == nil {
            var contiguous = value
            contiguous.withUTF8 { append(escaping: $0) }
        }
    }

    /// Rubric text repeated on every page: the bytes `fragment` escaped once, when it
    /// holds exactly this text (see `ReportFragments`), else escaped here.
    package mutating func text(_ value: String, _ fragment: ReportFragment?) {
        if let escaped = fragment?.html(for: value) {
            bytes.append(contentsOf: escaped)
        } else {
            text(value)
        }
    }

    /// Text content from a byte slice of UTF-8 text, escaped.
    public mutating func text(_ utf8: ArraySlice<UInt8>) {
        utf8.withUnsafeBufferPointer { append(escaping: $0) }
    }

    /// Numbers and other values the program made (never candidate text), escaped all the same.
    public mutating func value(_ value: String) { text(value) }

    /// Bit n is set when byte n (all are below 64) is one `append(escaping:)` replaces:
    /// `"` 0x22, `&` 0x26, `'` 0x27, `<` 0x3C, `>` 0x3E. A computed constant, folded at compile time.
    private static var escapedBytes: UInt64 { 1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E }

    private mutating func append(escaping buffer: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for index in 0..<buffer.count {
            // One test per ordinary byte instead of five, and no branch on `byte < 64` (a
            // select instead): spaces and punctuation make that branch unpredictable.
            let byte = buffer[index]
            let candidates = byte < 64 ? Self.escapedBytes : 0
            guard (candidates >> (byte & 63)) & 1 != 0 else { continue }
            let replacement: StaticString
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            default: continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<index]))
            replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
            start = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<buffer.count]))
    }
}

extension HTMLText {
    /// `value` escaped for HTML or XML text and attributes.
    public static func escaped(_ value: String) -> String {
        var text = HTMLText(capacity: value.utf8.count + 16)
        text.text(value)
        return String(decoding: text.bytes, as: UTF8.self)
    }
}
