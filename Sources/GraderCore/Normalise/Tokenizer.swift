/// Splits normalised text into words, aware of code: `__init__`, `obj.attr`,
/// `gc.collect`, `@property`, `*args` and `**kwargs` each stay one token.
/// Apostrophes and hyphens split words ("Django's" gives "django", "s"),
/// so a keyword is found on word boundaries in every one of those spellings.
///
/// Hand-written: the rules are specific to code-aware tokenising and the scan
/// must run in one pass over the bytes of every answer.
enum Tokenizer {
    static func tokens(of text: String) -> [Token] {
        let scalars = Array(text.unicodeScalars)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)

        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let previousIsWord = index > 0 && isWord(scalars[index - 1])
            var start = index
            var sigilLength = 0
            if !isWord(scalar) {
                // A sigil opens a token only when a word follows directly and none precedes.
                if scalar == "@", !previousIsWord, index + 1 < scalars.count, isWord(scalars[index + 1]) {
                    sigilLength = 1
                } else if scalar == "*", !previousIsWord, index > 0 ? scalars[index - 1] != ")" : true {
                    var stars = 1
                    if index + 1 < scalars.count, scalars[index + 1] == "*" { stars = 2 }
                    if index + stars < scalars.count, isWord(scalars[index + stars]) { sigilLength = stars }
                }
                if sigilLength == 0 {
                    index += 1
                    continue
                }
                start = index
                index += sigilLength
            }
            var hasDot = false
            while index < scalars.count {
                if isWord(scalars[index]) {
                    index += 1
                } else if scalars[index] == ".", index + 1 < scalars.count, isWord(scalars[index + 1]), index > start + sigilLength {
                    hasDot = true
                    index += 1
                } else {
                    break
                }
            }
            let raw = String(String.UnicodeScalarView(scalars[start..<index]))
            let folded = Normaliser.fold(raw)
            let core = sigilLength > 0 ? String(folded.drop { $0 == "@" || $0 == "*" }) : nil
            let parts = hasDot ? (core ?? folded).split(separator: ".").map(String.init) : []
            tokens.append(Token(start: offsets[start], end: offsets[index], folded: folded, core: core, parts: parts))
        }
        return tokens
    }

    /// Letters, digits, combining marks and the underscore make words.
    @inline(__always)
    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let v = scalar.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
        }
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
