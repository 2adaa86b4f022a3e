import UTF8Proc

/// Turns an answer into `NormalisedText`. ASCII answers (most of them) take a fast
/// path with no copying and an identity offset map; others are normalised one
/// grapheme cluster at a time (fold table, then utf8proc NFKC without ignorables),
/// which keeps an exact map from every output byte to the character it came from.
public struct Normaliser: Sendable {
    public init() {}

    public func normalise(_ original: String) -> NormalisedText {
        if original.utf8.allSatisfy({ $0 < 0x80 }) {
            return NormalisedText(text: original, origin: [], tokens: Tokenizer.tokens(of: original))
        }
        var text = ""
        text.reserveCapacity(original.utf8.count)
        var origin: [Int32] = []
        origin.reserveCapacity(original.utf8.count + 1)
        var offset = 0
        for character in original {
            let width = character.utf8.count
            let replacement: String
            if character.isASCII {
                replacement = String(character)
            } else if character.unicodeScalars.count == 1, let folded = TypographicFolding.fold(character.unicodeScalars.first!) {
                replacement = folded
            } else {
                let piece = String(character)
                replacement = (try? UnicodeFolding.apply([.nfkc, .dropIgnorable], to: piece)) ?? piece
            }
            text += replacement
            for _ in 0..<replacement.utf8.count { origin.append(Int32(offset)) }
            offset += width
        }
        origin.append(Int32(offset))
        return NormalisedText(text: text, origin: origin, tokens: Tokenizer.tokens(of: text))
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
