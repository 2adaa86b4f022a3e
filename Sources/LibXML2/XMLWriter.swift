internal import CLibXML2

/// Writes an XML document into memory through libxml2's text writer, which
/// escapes markup characters. Characters XML 1.0 forbids (most C0 controls,
/// U+FFFE, U+FFFF) are replaced by U+FFFD first, so hostile text always yields
/// a well-formed document.
public final class XMLWriter {
    fileprivate let buffer: xmlBufferPtr
    fileprivate let writer: xmlTextWriterPtr

    /// The buffer the document is written into, kept when the writer is done only if it was
    /// passed in (see `XMLBuffer`).
    private let owned: XMLBuffer

    /// `capacity` is a first guess at the document's size. The buffer then doubles as it
    /// grows: libxml2's default for a new buffer is to grow it to the exact size needed,
    /// a reallocation for every few kilobytes flushed into it, which showed in profiles
    /// of writing reports of a few hundred kilobytes.
    public convenience init(indent: Bool = true, capacity: Int = 16 * 1024) throws(XMLError) {
        try self.init(indent: indent, reusing: try XMLBuffer(capacity: capacity))
    }

    /// A writer into `buffer`, emptied first: one buffer can serve document after document.
    public init(indent: Bool = true, reusing buffer: XMLBuffer) throws(XMLError) {
        LibXML.initialise()
        xmlBufferEmpty(buffer.pointer)
        guard let writer = xmlNewTextWriterMemory(buffer.pointer, 0) else { throw XMLError("cannot create an XML writer") }
        self.owned = buffer
        self.buffer = buffer.pointer
        self.writer = writer
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            xmlTextWriterSetIndentString(writer, "  ")
        }
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start document")
    }

    deinit {
        // The text writer does not free a memory buffer it was given; `owned` does, when released.
        xmlFreeTextWriter(writer)
    }

    public func startElement(_ name: String) throws(XMLError) {
        try check(Self.withXMLChars(name) { xmlTextWriterStartElement(writer, $0) }, "start <\(name)>")
    }

    public func endElement() throws(XMLError) {
        try check(xmlTextWriterEndElement(writer), "end element")
    }

    public func attribute(_ name: String, _ value: String) throws(XMLError) {
        let status = Self.withXMLChars(name) { name in
            Self.withSanitisedXMLChars(value) { xmlTextWriterWriteAttribute(writer, name, $0) }
        }
        try check(status, "attribute \(name)")
    }

    public func text(_ value: String) throws(XMLError) {
        try check(Self.withSanitisedXMLChars(value) { xmlTextWriterWriteString(writer, $0) }, "text")
    }

    /// An attribute whose value libxml2 escaped earlier (`EscapedXML.attribute`): the
    /// same bytes `attribute(_:_:)` writes, without sanitising and escaping them again.
    public func attribute(_ name: String, _ value: EscapedXML) throws(XMLError) {
        try check(Self.withXMLChars(name) { xmlTextWriterStartAttribute(writer, $0) }, "attribute \(name)")
        try writeRaw(value)
        try check(xmlTextWriterEndAttribute(writer), "end attribute \(name)")
    }

    /// Text content that libxml2 escaped earlier (`EscapedXML.text`): the same bytes
    /// `text(_:)` writes, without sanitising and escaping them again.
    public func text(_ value: EscapedXML) throws(XMLError) {
        try writeRaw(value)
    }

    public func comment(_ value: String) throws(XMLError) {
        let safe = XMLWriter.sanitised(value).replacingDoubleHyphens()
        try check(Self.withXMLChars(safe) { xmlTextWriterWriteComment(writer, $0) }, "comment")
    }

    /// `<name attr="...">text</name>` in one call.
    public func element(_ name: String, attributes: KeyValuePairs<String, String> = [:], text: String? = nil) throws(XMLError) {
        try startElement(name)
        for (key, value) in attributes { try attribute(key, value) }
        if let text { try self.text(text) }
        try endElement()
    }

    /// `<name>text</name>` for text libxml2 escaped earlier.
    public func element(_ name: String, text: EscapedXML) throws(XMLError) {
        try startElement(name)
        try self.text(text)
        try endElement()
    }

    /// xmlTextWriterWriteString and xmlTextWriterWriteAttribute write their escaped
    /// value through this same raw path, so pre-escaped bytes come out identical. The
    /// pointer must not be nil even for no bytes: an empty write still closes a start tag.
    private func writeRaw(_ value: EscapedXML) throws(XMLError) {
        let status = value.bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return Self.withXMLChars("") { xmlTextWriterWriteRawLen(writer, $0, 0) } }
            return xmlTextWriterWriteRawLen(writer, base, Int32(bytes.count))
        }
        try check(status, "text")
    }

    /// Closes every open element and returns the document's bytes.
    public func finish() throws(XMLError) -> [UInt8] {
        try check(xmlTextWriterEndDocument(writer), "end document")
        try check(xmlTextWriterFlush(writer), "flush")
        guard let content = xmlBufferContent(buffer) else { return [] }
        let length = Int(xmlBufferLength(buffer))
        return Array(UnsafeBufferPointer(start: content, count: length))
    }

    /// Closes every open element and hands `body` the document's bytes where they lie, with
    /// no copy: valid only during the call.
    public func finish<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
        try check(xmlTextWriterEndDocument(writer), "end document")
        try check(xmlTextWriterFlush(writer), "flush")
        guard let content = xmlBufferContent(buffer) else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeRawBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    /// The bytes written so far, taken out of the writer's buffer, so a long document can go
    /// to a file in pieces; `finish` then returns only the rest.
    public func drain() throws(XMLError) -> [UInt8] {
        try check(xmlTextWriterFlush(writer), "flush")
        guard let content = xmlBufferContent(buffer) else { return [] }
        let bytes = Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
        xmlBufferEmpty(buffer)
        return bytes
    }

    /// `what` is an autoclosure so the message (often an interpolation) is built only on failure.
    fileprivate func check(_ status: Int32, _ what: @autoclosure () -> String) throws(XMLError) {
        if status < 0 { throw XMLError("XML writer failed to \(what())") }
    }

    /// Hands libxml2 the string's own NUL-terminated UTF-8 storage. Passing a `String`
    /// straight to a `const xmlChar *` parameter would copy it into a new array
    /// (`utf8CString`) on every call, which showed up in report-writing profiles.
    static func withXMLChars<Result>(_ value: String, _ body: (UnsafePointer<xmlChar>) -> Result) -> Result {
        value.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }

    /// Replaces characters that XML 1.0 does not allow in a document.
    public static func sanitised(_ value: String) -> String {
        isAllowed(value) ? value : replacingForbidden(value)
    }

    /// `withXMLChars` on the sanitised string, without copying (or even retaining) a
    /// string that needs no change: report strings are shared by every worker thread,
    /// so each retain is an atomic write to a cache line the other worker also writes.
    static func withSanitisedXMLChars<Result>(_ value: String, _ body: (UnsafePointer<xmlChar>) -> Result) -> Result {
        isAllowed(value) ? withXMLChars(value, body) : withXMLChars(replacingForbidden(value), body)
    }

    /// Whether every character of `value` is allowed in XML 1.0. The check runs over UTF-8
    /// bytes: only C0 controls and U+FFFE/U+FFFF (EF BF BE/BF) can be illegal, since a
    /// Swift string never holds a lone surrogate.
    private static func isAllowed(_ value: String) -> Bool {
        if let allowed = value.utf8.withContiguousStorageIfAvailable(isAllowed) { return allowed }
        var contiguous = value
        return contiguous.withUTF8(isAllowed)
    }

    private static func isAllowed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in bytes.indices {
            let byte = bytes[index]
            if byte < 0x20 {
                if byte != 0x09 && byte != 0x0A && byte != 0x0D { return false }
            } else if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
                return false
            }
        }
        return true
    }

    private static func replacingForbidden(_ value: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            scalars.append(isXMLCharacter(scalar) ? scalar : "\u{FFFD}")
        }
        return String(scalars)
    }

    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}

/// Text or an attribute value escaped by libxml2's own text writer, kept so that a
/// string written into many documents (rubric texts, in every candidate's report)
/// is sanitised and escaped once. Only libxml2 makes these bytes: each is cut out of
/// a scratch document written the ordinary way, so writing them back raw yields
/// exactly what `XMLWriter.text(_:)` or `attribute(_:_:)` would have written.
public struct EscapedXML: Sendable, Equatable {
    public let bytes: [UInt8]

    fileprivate init(bytes: [UInt8]) { self.bytes = bytes }

    /// `value` as element content: `&`, `<`, `>`, `"` and CR escaped, forbidden characters replaced.
    public static func text(_ value: String) throws(XMLError) -> EscapedXML {
        let scratch = try XMLWriter(indent: false, capacity: value.utf8.count * 2 + 128)
        try scratch.startElement("x")
        try scratch.text("")   // closes the start tag, so only the value follows
        let start = try scratch.flushedLength()
        try scratch.text(value)
        return try scratch.bytes(from: start)
    }

    /// `value` as an attribute value: also tab and newline become character references.
    public static func attribute(_ value: String) throws(XMLError) -> EscapedXML {
        let scratch = try XMLWriter(indent: false, capacity: value.utf8.count * 2 + 128)
        try scratch.startElement("x")
        try scratch.check(XMLWriter.withXMLChars("v") { xmlTextWriterStartAttribute(scratch.writer, $0) }, "start attribute")
        let start = try scratch.flushedLength()
        try scratch.check(XMLWriter.withSanitisedXMLChars(value) { xmlTextWriterWriteString(scratch.writer, $0) },
                          "attribute value")
        return try scratch.bytes(from: start)
    }
}

extension XMLWriter {
    /// How many bytes the document has so far, once libxml2 has flushed its output buffer.
    fileprivate func flushedLength() throws(XMLError) -> Int {
        try check(xmlTextWriterFlush(writer), "flush")
        return Int(xmlBufferLength(buffer))
    }

    /// The bytes written since `start`, as a fragment to write raw later.
    fileprivate func bytes(from start: Int) throws(XMLError) -> EscapedXML {
        let end = try flushedLength()
        guard end > start, let content = xmlBufferContent(buffer) else { return EscapedXML(bytes: []) }
        return EscapedXML(bytes: Array(UnsafeBufferPointer(start: content + start, count: end - start)))
    }
}

/// A growable buffer for XML documents that outlives one writer. Writing report after report
/// into one buffer, instead of a new one each time, keeps a long run's memory flat: blocks of
/// a few hundred kilobytes allocated and freed per document fragment the C heap, which then
/// grows with the number of documents written.
public final class XMLBuffer: @unchecked Sendable {
    fileprivate let pointer: xmlBufferPtr

    public init(capacity: Int = 16 * 1024) throws(XMLError) {
        LibXML.initialise()
        guard let pointer = xmlBufferCreateSize(max(capacity, 64)) else { throw XMLError("cannot allocate an XML buffer") }
        xmlBufferSetAllocationScheme(pointer, XML_BUFFER_ALLOC_DOUBLEIT)
        self.pointer = pointer
    }

    deinit { xmlBufferFree(pointer) }
}

extension String {
    /// XML comments may not contain "--".
    fileprivate func replacingDoubleHyphens() -> String {
        var result = ""
        for character in self {
            if character == "-" && result.last == "-" { result.append(" ") }
            result.append(character)
        }
        if result.hasSuffix("-") { result += " " }
        return result
    }
}
