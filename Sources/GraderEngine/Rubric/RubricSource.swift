/// The rubric's bytes as the author wrote them, to turn what libxml2 and PCRE2
/// report (an element's line, an offset into an element's decoded text) into the
/// `line:column` an editor jumps to.
///
/// Hand-written on purpose: libxml2 gives an element's line but no column, and
/// knows nothing of offsets inside text content, so the mapping walks the raw
/// bytes of the start tag and content, decoding entities (`&lt;`, `&#x41;`),
/// CDATA sections, comments and CR LF exactly as the parser did.
package struct RubricSource: Sendable {
    package let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    let lineStarts: [Int]

    package init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        lineStarts = starts
    }

    /// A place in the file, both 1-based; the column counts characters (Unicode scalars).
    package struct Position: Equatable {
        package let line: Int
        package let column: Int
    }

    /// The position of byte `offset`.
    package func position(of offset: Int) -> Position {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        var column = 1
        var index = lineStarts[low]
        while index < min(offset, bytes.count) {
            // Count scalars: every byte that is not a UTF-8 continuation byte starts one.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return Position(line: low + 1, column: column)
    }

    /// Byte offset of the `<name` that starts the element libxml2 placed on `line`:
    /// searched on that line first, then on the lines before it (a start tag spread
    /// over several lines is numbered by libxml2 where it ends), then after it.
    package func elementStart(_ name: String, line: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        let needle = Array("<\(name)".utf8)
        func search(lineIndex: Int) -> Int? {
            let start = lineStarts[lineIndex]
            let end = lineIndex + 1 < lineStarts.count ? lineStarts[lineIndex + 1] : bytes.count
            var index = start
            while index + needle.count <= end {
                if bytes[index] == needle[0], Array(bytes[index..<index + needle.count]) == needle {
                    let after = index + needle.count < bytes.count ? bytes[index + needle.count] : UInt8(ascii: ">")
                    if after == UInt8(ascii: ">") || after == UInt8(ascii: "/") || after == 0x20 || after == 0x09
                        || after == 0x0A || after == 0x0D {
                        return index
                    }
                }
                index += 1
            }
            return nil
        }
        for lineIndex in stride(from: line - 1, through: max(0, line - 40), by: -1) {
            if let found = search(lineIndex: lineIndex) { return found }
        }
        for lineIndex in line..<min(lineStarts.count, line + 5) {
            if let found = search(lineIndex: lineIndex) { return found }
        }
        return nil
    }

    /// The position of the element `name` that libxml2 placed on `line`, or just the line.
    package func elementPosition(_ name: String, line: Int) -> (line: Int?, column: Int?) {
        guard line > 0 else { return (nil, nil) }
        guard let start = elementStart(name, line: line) else { return (line, nil) }
        let position = position(of: start)
        return (position.line, position.column)
    }

    /// Byte offset just after the `>` of the start tag beginning at `start` (quoted attribute values skipped).
    package func contentStart(ofElementAt start: Int) -> Int? {
        var index = start
        var quote: UInt8? = nil
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index + 1
            }
            index += 1
        }
        return nil
    }

    /// The position of the character at `offset` UTF-8 bytes into the decoded text of the
    /// element `name` on `line` (the text PCRE2 was given), or nil when it cannot be found.
    package func position(ofTextOffset offset: Int, inElement name: String, line: Int) -> Position? {
        guard let start = elementStart(name, line: line), var index = contentStart(ofElementAt: start) else { return nil }
        var decoded = 0
        var inCDATA = false
        while index < bytes.count {
            if inCDATA {
                if hasPrefix("]]>", at: index) { inCDATA = false; index += 3; continue }
            } else if hasPrefix("<![CDATA[", at: index) {
                inCDATA = true; index += 9; continue
            } else if hasPrefix("<!--", at: index) {
                index = find("-->", from: index + 4).map { $0 + 3 } ?? bytes.count
                continue
            } else if bytes[index] == UInt8(ascii: "<") {
                break
            }
            var length = 1, width = 1
            if !inCDATA, bytes[index] == UInt8(ascii: "&"), let end = find(";", from: index + 1), end - index <= 12 {
                length = entityLength(bytes[(index + 1)..<end])
                width = end + 1 - index
            } else if bytes[index] == 0x0D {
                width = index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
            }
            if decoded + length > offset { break }
            decoded += length
            index += width
        }
        return position(of: index)
    }

    private func hasPrefix(_ literal: StaticString, at index: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { Array($0) == Array(bytes[index..<index + count]) }
    }

    private func find(_ literal: StaticString, from index: Int) -> Int? {
        var index = index
        while index < bytes.count {
            if hasPrefix(literal, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// UTF-8 length of what an entity reference's name (between `&` and `;`) stands for.
    private func entityLength(_ name: ArraySlice<UInt8>) -> Int {
        let text = String(decoding: name, as: UTF8.self)
        var scalar: UInt32? = nil
        if text.hasPrefix("#x") || text.hasPrefix("#X") {
            scalar = UInt32(text.dropFirst(2), radix: 16)
        } else if text.hasPrefix("#") {
            scalar = UInt32(text.dropFirst())
        }
        guard let scalar else { return 1 } // lt, gt, amp, quot, apos: one ASCII byte each
        switch scalar {
        case 0..<0x80: return 1
        case 0x80..<0x800: return 2
        case 0x800..<0x10000: return 3
        default: return 4
        }
    }
}
