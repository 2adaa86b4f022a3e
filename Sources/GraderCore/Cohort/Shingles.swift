/// Splits answer text into words and 4-word shingles for similarity detection.
///
/// Works on UTF-8 bytes without the grading normaliser: the cohort stage shingles every
/// answer of every candidate again, so this must cost about a microsecond per answer.
/// ASCII letters are lower-cased, any non-ASCII byte counts as a letter (so accented words
/// stay whole) except the General Punctuation block (curly quotes, dashes), which separates.
public struct ShingledText: Sendable {
    /// Byte range of every word in the text, in order.
    public let words: [Range<Int>]
    /// Hash of the shingle starting at each word (`words.count - length + 1` of them).
    public let shingles: [UInt64]
    /// Words per shingle actually used (shorter for a text of fewer words).
    public let length: Int

    /// Words per shingle: long enough that stock phrases ("in order to") do not count as copying.
    public static let shingleLength = 4

    public init(_ text: String) {
        var words: [Range<Int>] = []
        var hashes: [UInt64] = []
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            var start = -1
            var hash: UInt64 = 0
            func close(_ end: Int) {
                if start >= 0 {
                    words.append(start..<end)
                    hashes.append(hash)
                    start = -1
                }
            }
            while index < count {
                let byte = bytes[index]
                var isWord = false
                var width = 1
                if byte >= 0x80 {
                    if byte == 0xE2, index + 1 < count, bytes[index + 1] == 0x80 || bytes[index + 1] == 0x81 {
                        width = 3
                    } else {
                        isWord = true
                    }
                } else {
                    isWord = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
                }
                if isWord {
                    if start < 0 {
                        start = index
                        hash = 0xCBF2_9CE4_8422_2325
                    }
                    let folded = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
                    hash = (hash ^ UInt64(folded)) &* 0x0000_0100_0000_01B3
                } else {
                    close(index)
                }
                index += width
            }
            close(Swift.min(index, count))
        }
        self.words = words
        let length = Swift.min(Self.shingleLength, words.count)
        self.length = length
        guard length > 0 else {
            shingles = []
            return
        }
        var shingles: [UInt64] = []
        shingles.reserveCapacity(words.count - length + 1)
        for start in 0...(words.count - length) {
            var mixed: UInt64 = 0x9E37_79B9_7F4A_7C15
            for offset in 0..<length {
                mixed = (mixed ^ hashes[start + offset]) &* 0xBF58_476D_1CE4_E5B9
                mixed ^= mixed >> 31
            }
            shingles.append(mixed)
        }
        self.shingles = shingles
    }

    /// The distinct shingles, sorted.
    public var distinct: [UInt64] { Array(Set(shingles)).sorted() }
}
