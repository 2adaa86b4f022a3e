/// Converts UTF-8 byte offsets of a text into Unicode code point offsets, the unit
/// reports use so that any language's string library can slice the answer.
public struct TextOffsets: Sendable {
    /// The text's UTF-8 bytes, which evidence ranges index.
    public let utf8: [UInt8]
    /// In ASCII text a byte offset is a code point offset.
    private let isASCII: Bool
    /// For text that is not ASCII: the number of code points before every
    /// `checkpointStride`th byte (and before the end, if a multiple). Counting from the
    /// nearest one keeps each conversion short; counting from the start for every
    /// evidence offset was most of the XML report's own time on long answers.
    private let checkpoints: [Int]
    private static let checkpointStride = 64

    public init(_ text: String) {
        utf8 = Array(text.utf8)
        isASCII = utf8.allSatisfy { $0 < 0x80 }
        checkpoints = isASCII ? [] : Self.checkpoints(utf8)
    }

    private static func checkpoints(_ utf8: [UInt8]) -> [Int] {
        var checkpoints = [0]
        checkpoints.reserveCapacity(utf8.count / checkpointStride + 1)
        var count = 0, start = 0
        while start + checkpointStride <= utf8.count {
            for byte in utf8[start..<start + checkpointStride] where byte & 0xC0 != 0x80 { count += 1 }
            start += checkpointStride
            checkpoints.append(count)
        }
        return checkpoints
    }

    public func scalarOffset(ofByte byte: Int) -> Int {
        let end = min(byte, utf8.count)
        if isASCII { return end }
        let block = end / Self.checkpointStride
        var count = checkpoints[block]
        for index in block * Self.checkpointStride..<end where utf8[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    public func substring(_ range: Range<Int>) -> String {
        let lower = min(range.lowerBound, utf8.count), upper = min(max(range.upperBound, lower), utf8.count)
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }
}

extension TextOffsets {
    /// The byte offset of code point `scalar`, the inverse of `scalarOffset(ofByte:)`: reports
    /// give evidence in code points, and `grader review` highlights it in the answer's bytes.
    public func byteOffset(ofScalar scalar: Int) -> Int {
        if isASCII { return min(max(scalar, 0), utf8.count) }
        var count = 0
        for (index, byte) in utf8.enumerated() where byte & 0xC0 != 0x80 {
            if count == scalar { return index }
            count += 1
        }
        return utf8.count
    }
}
