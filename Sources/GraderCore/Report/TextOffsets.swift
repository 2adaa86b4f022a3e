/// Converts UTF-8 byte offsets of a text into Unicode code point offsets, the unit
/// reports use so that any language's string library can slice the answer.
struct TextOffsets {
    /// The text's UTF-8 bytes, which evidence ranges index.
    let utf8: [UInt8]
    /// In ASCII text a byte offset is a code point offset.
    private let isASCII: Bool

    init(_ text: String) {
        utf8 = Array(text.utf8)
        isASCII = utf8.allSatisfy { $0 < 0x80 }
    }

    func scalarOffset(ofByte byte: Int) -> Int {
        if isASCII { return min(byte, utf8.count) }
        var count = 0
        for index in 0..<min(byte, utf8.count) where utf8[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    func substring(_ range: Range<Int>) -> String {
        let lower = min(range.lowerBound, utf8.count), upper = min(max(range.upperBound, lower), utf8.count)
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }
}
