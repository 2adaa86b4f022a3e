internal import CLibXML2

/// Writes an XML document into memory through libxml2's text writer, which
/// escapes markup characters. Characters XML 1.0 forbids (most C0 controls,
/// U+FFFE, U+FFFF) are replaced by U+FFFD first, so hostile text always yields
/// a well-formed document.
public final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    public init(indent: Bool = true) throws(XMLError) {
        LibXML.initialise()
        guard let buffer = xmlBufferCreate() else { throw XMLError("cannot allocate an XML buffer") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw XMLError("cannot create an XML writer")
        }
        self.buffer = buffer
        self.writer = writer
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            xmlTextWriterSetIndentString(writer, "  ")
        }
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start document")
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    public func startElement(_ name: String) throws(XMLError) {
        try check(xmlTextWriterStartElement(writer, name), "start <\(name)>")
    }

    public func endElement() throws(XMLError) {
        try check(xmlTextWriterEndElement(writer), "end element")
    }

    public func attribute(_ name: String, _ value: String) throws(XMLError) {
        try check(xmlTextWriterWriteAttribute(writer, name, XMLWriter.sanitised(value)), "attribute \(name)")
    }

    public func text(_ value: String) throws(XMLError) {
        try check(xmlTextWriterWriteString(writer, XMLWriter.sanitised(value)), "text")
    }

    public func comment(_ value: String) throws(XMLError) {
        let safe = XMLWriter.sanitised(value).replacingDoubleHyphens()
        try check(xmlTextWriterWriteComment(writer, safe), "comment")
    }

    /// `<name attr="...">text</name>` in one call.
    public func element(_ name: String, attributes: KeyValuePairs<String, String> = [:], text: String? = nil) throws(XMLError) {
        try startElement(name)
        for (key, value) in attributes { try attribute(key, value) }
        if let text { try self.text(text) }
        try endElement()
    }

    /// Closes every open element and returns the document's bytes.
    public func finish() throws(XMLError) -> [UInt8] {
        try check(xmlTextWriterEndDocument(writer), "end document")
        try check(xmlTextWriterFlush(writer), "flush")
        guard let content = xmlBufferContent(buffer) else { return [] }
        let length = Int(xmlBufferLength(buffer))
        return Array(UnsafeBufferPointer(start: content, count: length))
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

    private func check(_ status: Int32, _ what: String) throws(XMLError) {
        if status < 0 { throw XMLError("XML writer failed to \(what)") }
    }

    /// Replaces characters that XML 1.0 does not allow in a document. The check runs
    /// over UTF-8 bytes: only C0 controls and U+FFFE/U+FFFF (EF BF BE/BF) can be illegal,
    /// since a Swift string never holds a lone surrogate.
    public static func sanitised(_ value: String) -> String {
        var value = value
        let clean = value.withUTF8 { bytes -> Bool in
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
        if clean { return value }
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
