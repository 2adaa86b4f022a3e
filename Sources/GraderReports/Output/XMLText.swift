import LibXML2

/// An XML document written as UTF-8 bytes straight into a buffer a worker keeps from
/// document to document, escaping in place: for the candidate reports, written once per
/// candidate. It writes exactly the bytes libxml2's text writer (`XMLWriter`, indenting by
/// two spaces) wrote for them, which `XMLTextTests` checks against libxml2 on hostile
/// strings: the same declaration, indentation, `/>` for an empty element, and the same
/// escaping (`< > & "` and CR everywhere, tab and newline too in attributes, characters
/// XML 1.0 forbids replaced by U+FFFD).
///
/// Why not libxml2's writer: measured with `perf` on the 2,000-candidate bench cohort (85 attributes
/// per answer), libxml2's own code was 1 % of the report stage, about 6 ns per attribute; what cost
/// was the way there: a pass over every string for characters XML forbids before libxml2 escaped it
/// in another, a list of pairs per element, a C string per name. Here the bytes are checked,
/// escaped and appended in one pass into one `ByteBuffer`. Parsing and schema validation, where
/// libxml2 earns its place, stay with libxml2, and so do the once-per-run documents (`cohort.xml`, `tune.xml`).
package struct XMLText: ~Copyable {
    private var buffer: ByteBuffer
    /// The open elements' names, innermost last.
    private var open: [String] = []
    /// Whether the innermost element's start tag is still open (attributes may follow).
    private var inStartTag = false
    /// libxml2's `doindent`: false after text, so `</name>` follows the text directly.
    private var indentEnd = true

    package init(capacity: Int = 64 * 1024) { buffer = ByteBuffer(capacity: capacity) }

    /// A copy of the document's bytes.
    package var bytes: [UInt8] { buffer.array }

    /// The document's bytes where they lie (to write them to a file): valid only during the call.
    package func withBytes<Result, Failure: Error>(_ body: (UnsafeRawBufferPointer) throws(Failure) -> Result) throws(Failure) -> Result {
        try buffer.withBytes(body)
    }

    /// Empties the buffer, keeping its memory, and writes the XML declaration.
    package mutating func startDocument(capacity: Int = 0) {
        buffer.removeAll(reserving: capacity)
        open.removeAll(keepingCapacity: true)
        inStartTag = false
        indentEnd = true
        append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    }

    package mutating func startElement(_ name: String) throws(XMLError) {
        if inStartTag { append(">\n") }
        indent(open.count)
        append("<")
        append(name)
        open.append(name)
        inStartTag = true
    }

    /// ` name="value"`, on an element whose start tag is still open.
    package mutating func attribute(_ name: String, _ value: String) throws(XMLError) {
        guard inStartTag else { throw XMLError("attribute \(name) outside a start tag") }
        append(" ")
        append(name)
        append("=\"")
        escape(value, Self.attributeBytes)
        append("\"")
    }

    /// ` name="123"`: a number's digits written straight into the buffer, without a String.
    package mutating func attribute(_ name: String, _ value: Int) throws(XMLError) {
        guard inStartTag else { throw XMLError("attribute \(name) outside a start tag") }
        append(" ")
        append(name)
        append("=\"")
        buffer.append(decimal: value)
        append("\"")
    }

    /// Text content of the innermost element (closing its start tag, even for no text).
    package mutating func text(_ value: String) throws(XMLError) {
        guard !open.isEmpty else { throw XMLError("text outside the root element") }
        if inStartTag { append(">") }
        inStartTag = false
        indentEnd = false
        escape(value, Self.textBytes)
    }

    package mutating func endElement() throws(XMLError) {
        guard let name = open.popLast() else { throw XMLError("end of an element that is not open") }
        if inStartTag {
            append("/>")
        } else {
            if indentEnd { indent(open.count) }
            append("</")
            append(name)
            append(">")
        }
        append("\n")
        inStartTag = false
        indentEnd = true
    }

    /// `<name attr="...">text</name>` in one call.
    package mutating func element(_ name: String, attributes: KeyValuePairs<String, String> = [:], text: String? = nil) throws(XMLError) {
        try startElement(name)
        for (key, value) in attributes { try attribute(key, value) }
        if let text { try self.text(text) }
        try endElement()
    }

    /// Closes every open element; the document is then `bytes`.
    package mutating func finish() throws(XMLError) {
        while !open.isEmpty { try endElement() }
    }

    private mutating func indent(_ depth: Int) {
        for _ in 0..<depth { append("  ") }
    }

    private mutating func append(_ literal: StaticString) {
        buffer.append(literal)
    }

    /// An element or attribute name: a short literal, so a small string, whose bytes `withUTF8`
    /// hands over from the stack (asking for contiguous storage first, or walking the UTF-8 view
    /// byte by byte, each cost more than writing the rest of the attribute).
    private mutating func append(_ name: String) {
        var name = name
        name.withUTF8 { buffer.append($0) }
    }

    /// Bit n set: byte n (below 64) is escaped or replaced in text: C0 controls but tab and
    /// newline (CR is escaped, the others XML forbids), `"` `&` `<` `>`.
    private static var textBytes: UInt64 {
        (1 << 0x20 - 1) & ~(1 << 0x09 | 1 << 0x0A) | 1 << 0x22 | 1 << 0x26 | 1 << 0x3C | 1 << 0x3E
    }

    /// In attribute values tab and newline are escaped too, as libxml2 does (a parser would normalise them to spaces).
    private static var attributeBytes: UInt64 { textBytes | 1 << 0x09 | 1 << 0x0A }

    /// Appends `value` escaped as libxml2 escapes text (`special` = `textBytes`) or attributes.
    private mutating func escape(_ value: String, _ special: UInt64) {
        // Borrowed, not copied: strings from the rubric are shared by every worker, and a copy is a contended retain.
        if value.utf8.withContiguousStorageIfAvailable({ escape($0, special) }) == nil {
            var contiguous = value
            contiguous.withUTF8 { escape($0, special) }
        }
    }

    private mutating func escape(_ buffer: UnsafeBufferPointer<UInt8>, _ special: UInt64) {
        var start = 0, index = 0
        while index < buffer.count {
            let byte = buffer[index]
            // One test per ordinary byte; 0xEF leads U+FFFE and U+FFFF, which XML forbids.
            let flagged = byte < 64 ? (special >> byte) & 1 != 0 : byte == 0xEF
            guard flagged else { index += 1; continue }
            let replacement: StaticString
            var length = 1
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case 0x0D: replacement = "&#13;"
            case 0x0A: replacement = "&#10;"
            case 0x09: replacement = "&#9;"
            case 0xEF:
                guard index + 2 < buffer.count, buffer[index + 1] == 0xBF, buffer[index + 2] >= 0xBE else { index += 1; continue }
                replacement = "\u{FFFD}"
                length = 3
            default: replacement = "\u{FFFD}"   // a C0 control XML 1.0 does not allow
            }
            self.buffer.append(UnsafeBufferPointer(rebasing: buffer[start..<index]))
            self.buffer.append(replacement)
            index += length
            start = index
        }
        self.buffer.append(UnsafeBufferPointer(rebasing: buffer[start..<buffer.count]))
    }
}
