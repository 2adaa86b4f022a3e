import UTF8Proc

/// Turns an answer into `NormalisedText`. ASCII answers (most of them) take a fast
/// path with no copying and an identity offset map. Others are normalised scalar by
/// scalar: typographic characters through the fold table, scalars that NFKC leaves
/// alone copied as they are, and only the rest (a starter with its combining marks)
/// through utf8proc's NFKC, dropping invisible characters. Every output byte keeps
/// the offset of the character it came from, so evidence maps back exactly.
public struct Normaliser: Sendable {
    public init() {}

    /// Normalises `original`; its words are numbered in `vocabulary`.
    public func normalise(_ original: String, vocabulary: inout Vocabulary) -> NormalisedText {
        if original.utf8.allSatisfy({ $0 < 0x80 }) {
            return NormalisedText(text: original, origin: [], tokens: Tokenizer.tokens(of: original, vocabulary: &vocabulary))
        }
        let scalars = Array(original.unicodeScalars)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(original.utf8.count + 16)
        var origin: [Int32] = []
        origin.reserveCapacity(original.utf8.count + 17)
        var offset = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let start = offset
            if scalar.isASCII {
                bytes.append(UInt8(scalar.value))
                origin.append(Int32(start))
                offset += 1
                index += 1
                continue
            }
            // A group: this scalar and the combining marks that follow it.
            var end = index + 1
            while end < scalars.count, scalars[end].properties.canonicalCombiningClass != .notReordered { end += 1 }
            for member in scalars[index..<end] { offset += UTF8.width(member) }
            let replacement: String
            if end == index + 1, let folded = TypographicFolding.fold(scalar) {
                replacement = folded
            } else if end == index + 1, !scalar.properties.changesWhenNFKCCaseFolded {
                replacement = String(scalar)
            } else {
                let group = String(String.UnicodeScalarView(scalars[index..<end]))
                replacement = (try? UnicodeFolding.apply([.nfkc, .dropIgnorable], to: group)) ?? group
            }
            for byte in replacement.utf8 {
                bytes.append(byte)
                origin.append(Int32(start))
            }
            index = end
        }
        origin.append(Int32(offset))
        let text = String(decoding: bytes, as: UTF8.self)
        return NormalisedText(text: text, origin: origin, tokens: Tokenizer.tokens(of: text, vocabulary: &vocabulary))
    }

    /// The folded form keywords and tokens are compared in: NFKC, case-folded,
    /// accents stripped, invisible characters dropped.
    public static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
        var typographic = ""
        for scalar in word.unicodeScalars {
            if let folded = TypographicFolding.fold(scalar) { typographic += folded } else { typographic.unicodeScalars.append(scalar) }
        }
        return (try? UnicodeFolding.apply([.nfkc, .caseFold, .stripMarks, .dropIgnorable], to: typographic)) ?? typographic.lowercased()
    }
}
