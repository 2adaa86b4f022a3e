/// The three-byte sequences of an answer's text, ASCII letters lowercased, hashed into a set
/// of 8,192 bits: `mayContain` answers "could this literal occur in the text?" with false
/// positives (two trigrams sharing a bit) but never a false negative. Built once per answer in
/// one pass over its bytes, it lets a regex whose every match holds a literal (`RequiredLiterals`)
/// be skipped on an answer that cannot hold it, without running PCRE2.
package struct Trigrams {
    private var bits = [UInt64](repeating: 0, count: Trigrams.words)
    private static let words = 128
    private static let shift: UInt32 = 32 - 13

    package init(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            bits.withUnsafeMutableBufferPointer { bits in
                var window: UInt32 = 0
                var seen = 0
                var index = 0
                while index < bytes.count {
                    var byte = bytes[index]
                    // A caseless regex's k and s also match U+212A KELVIN SIGN and U+017F LONG S;
                    // normalised (NFKC) text holds neither, but if it did they count as k and s.
                    if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x84, bytes[index + 2] == 0xAA {
                        byte = UInt8(ascii: "k")
                        index += 2
                    } else if byte == 0xC5, index + 1 < bytes.count, bytes[index + 1] == 0xBF {
                        byte = UInt8(ascii: "s")
                        index += 1
                    }
                    window = (window << 8 | UInt32(Self.lowered(byte))) & 0xFF_FFFF
                    seen += 1
                    if seen >= 3 {
                        let slot = Self.slot(window)
                        bits[slot >> 6] |= 1 << UInt64(slot & 63)
                    }
                    index += 1
                }
            }
        }
    }

    /// False only when `literal` (lowercased ASCII, at least 3 bytes) cannot occur in the text, whatever its case.
    package func mayContain(_ literal: [UInt8]) -> Bool {
        guard literal.count >= 3 else { return true }
        var window = UInt32(literal[0]) << 8 | UInt32(literal[1])
        for byte in literal[2...] {
            window = (window << 8 | UInt32(byte)) & 0xFF_FFFF
            let slot = Self.slot(window)
            if bits[slot >> 6] & (1 << UInt64(slot & 63)) == 0 { return false }
        }
        return true
    }

    @inline(__always)
    static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    @inline(__always)
    private static func slot(_ trigram: UInt32) -> Int { Int((trigram &* 0x9E37_79B1) >> shift) }
}
