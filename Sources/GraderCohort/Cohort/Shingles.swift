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
    public static let shingleLength = 4   // forEachShingle's window holds exactly this many

    public init(_ text: String) {
        var words: [Range<Int>] = []
        var hashes: [UInt64] = []
        Self.scanWords(text) { range, hash in
            words.append(range)
            hashes.append(hash)
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
            shingles.append(Self.mix(hashes[start..<(start + length)]))
        }
        self.shingles = shingles
    }

    /// Calls `body` with each shingle of `text` in order, the same values `shingles` holds,
    /// without keeping the words: the cohort stage shingles every answer this way.
    public static func forEachShingle(_ text: String, _ body: (UInt64) -> Void) {
        var window: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var count = 0
        scanWords(text) { _, hash in
            window = (window.1, window.2, window.3, hash)
            count += 1
            if count >= shingleLength { body(step(step(step(step(seed, window.0), window.1), window.2), window.3)) }
        }
        // A text of fewer words than a shingle is one shingle of all of them.
        guard count > 0, count < shingleLength else { return }
        let all = [window.0, window.1, window.2, window.3]
        body(mix(all[(shingleLength - count)...]))
    }

    /// One shingle's hash from its words' hashes.
    private static func mix(_ hashes: ArraySlice<UInt64>) -> UInt64 {
        hashes.reduce(seed, step)
    }

    private static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Mixes one word's hash into a shingle's.
    @inline(__always)
    private static func step(_ mixed: UInt64, _ hash: UInt64) -> UInt64 {
        let product = (mixed ^ hash) &* 0xBF58_476D_1CE4_E5B9
        return product ^ (product >> 31)
    }

    /// Calls `word` with each word's byte range and FNV-1a hash (ASCII lower-cased), in order.
    private static func scanWords(_ text: String, _ word: (Range<Int>, UInt64) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            var start = -1
            var hash: UInt64 = 0
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
                } else if start >= 0 {
                    word(start..<index, hash)
                    start = -1
                }
                index += width
            }
            if start >= 0 { word(start..<Swift.min(index, count), hash) }
        }
    }

    /// The distinct shingles, sorted.
    public var distinct: [UInt64] { Array(Set(shingles)).sorted() }
}
