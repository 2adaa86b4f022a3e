import GraderEngine

/// Edits of a rubric's text that leave every other byte (comments, layout, entities)
/// as the author wrote them: replace an attribute's value, add an attribute, replace or
/// remove an element, insert text. Applied back to front, so offsets stay valid.
///
/// Hand-written: libxml2 can re-serialise a tree, but that re-indents and re-quotes
/// the author's file; these edits touch only what the tuning changed.
struct XMLTextEdits {
    package let source: RubricSource
    private var edits: [(range: Range<Int>, text: String)] = []
    package var bytes: [UInt8] { source.bytes }

    init(_ bytes: [UInt8]) { source = RubricSource(bytes: bytes) }

    mutating func replace(_ range: Range<Int>, with text: String) { edits.append((range, text)) }
    package mutating func insert(_ text: String, at offset: Int) { edits.append((offset..<offset, text)) }

    /// The edited bytes. Edits must not overlap, but an insertion may sit where a removal starts
    /// (it lands in the removed text's place); two insertions at one offset keep their order.
    func applied() -> [UInt8] {
        var result = bytes
        let ordered = edits.enumerated().sorted {
            ($0.element.range.lowerBound, $0.element.range.upperBound, $0.offset)
                > ($1.element.range.lowerBound, $1.element.range.upperBound, $1.offset)
        }
        for (_, edit) in ordered { result.replaceSubrange(edit.range, with: Array(edit.text.utf8)) }
        return result
    }

    // MARK: - Finding places in the text

    /// The byte range of the value of attribute `name` in the start tag at `tagStart`.
    func attributeValue(_ name: String, tagStart: Int) -> Range<Int>? {
        let needle = Array(name.utf8)
        var index = tagStart
        var quote: UInt8? = nil
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: ">") {
                return nil
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if index + needle.count < bytes.count, Array(bytes[index..<index + needle.count]) == needle,
                      Self.isSpace(bytes[index - 1]) {
                var cursor = index + needle.count
                while cursor < bytes.count, Self.isSpace(bytes[cursor]) { cursor += 1 }
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") else { index += 1; continue }
                cursor += 1
                while cursor < bytes.count, Self.isSpace(bytes[cursor]) { cursor += 1 }
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") else { return nil }
                let delimiter = bytes[cursor]
                let valueStart = cursor + 1
                guard let valueEnd = bytes[valueStart...].firstIndex(of: delimiter) else { return nil }
                return valueStart..<valueEnd
            }
            index += 1
        }
        return nil
    }

    /// The offset of the `>` (or `/>`) closing the start tag at `tagStart`: where a new attribute goes.
    func startTagEnd(tagStart: Int) -> Int? {
        guard let after = source.contentStart(ofElementAt: tagStart) else { return nil }
        let close = after - 1
        return close > tagStart && bytes[close - 1] == UInt8(ascii: "/") ? close - 1 : close
    }

    /// The offset just after the element whose start tag is at `tagStart` ends (`</name>` or `/>`),
    /// counting nested elements of the same name.
    func elementEnd(_ name: String, tagStart: Int) -> Int? {
        guard let contentStart = source.contentStart(ofElementAt: tagStart) else { return nil }
        if bytes[contentStart - 2] == UInt8(ascii: "/") { return contentStart }
        let open = Array("<\(name)".utf8), close = Array("</\(name)".utf8)
        var depth = 1
        var index = contentStart
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                if Self.hasPrefix(close, bytes, index) {
                    depth -= 1
                    if depth == 0 { return bytes[index...].firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 } }
                } else if Self.hasPrefix(open, bytes, index), index + open.count < bytes.count,
                          Self.isSpace(bytes[index + open.count]) || bytes[index + open.count] == UInt8(ascii: ">") {
                    if let inner = source.contentStart(ofElementAt: index),
                       bytes[inner - 2] != UInt8(ascii: "/") { depth += 1 }
                } else if Self.hasPrefix(Array("<!--".utf8), bytes, index) {
                    index = (Self.find(Array("-->".utf8), bytes, index) ?? bytes.count - 3) + 3
                    continue
                }
            }
            index += 1
        }
        return nil
    }

    /// The offset where the line holding `offset` starts, and that line's leading white space.
    func lineStart(before offset: Int) -> (start: Int, indent: String) {
        var start = min(offset, bytes.count)
        while start > 0 && bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        var end = start
        while end < bytes.count && (bytes[end] == 0x20 || bytes[end] == 0x09) { end += 1 }
        return (start, String(decoding: bytes[start..<end], as: UTF8.self))
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func hasPrefix(_ needle: [UInt8], _ bytes: [UInt8], _ index: Int) -> Bool {
        index + needle.count <= bytes.count && Array(bytes[index..<index + needle.count]) == needle
    }

    private static func find(_ needle: [UInt8], _ bytes: [UInt8], _ from: Int) -> Int? {
        var index = from
        while index + needle.count <= bytes.count {
            if hasPrefix(needle, bytes, index) { return index }
            index += 1
        }
        return nil
    }
}
