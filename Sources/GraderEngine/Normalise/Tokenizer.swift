/// Splits normalised text into words, aware of code: `__init__`, `obj.attr`,
/// `gc.collect`, `@property`, `*args` and `**kwargs` each stay one token.
/// Apostrophes and hyphens split words ("Django's" gives "django", "s"),
/// so a keyword is found on word boundaries in every one of those spellings.
///
/// Hand-written: the rules are specific to code-aware tokenising and the scan
/// must run in one pass over every answer. ASCII text (most answers) is scanned
/// as bytes, with no decoding and a byte-wise lower-casing.
enum Tokenizer {
    package static func tokens(of text: String, vocabulary: inout Vocabulary) -> [Token] {
        var text = text
        return text.withUTF8 { utf8 -> [Token] in
            if utf8.allSatisfy({ $0 < 0x80 }) {
                // One buffer for every word's lower-cased bytes: no String is made for a word already known.
                var lowered = [UInt8](repeating: 0, count: utf8.count)
                return lowered.withUnsafeMutableBufferPointer { lowered in
                    scan(count: utf8.count, scalar: { Unicode.Scalar(utf8[$0]) }, offset: { $0 }) { range, sigil, hasDot in
                        for index in range {
                            let byte = utf8[index]
                            lowered[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                        }
                        return asciiToken(UnsafeBufferPointer(rebasing: lowered[range]), start: range.lowerBound, sigil: sigil,
                                          hasDot: hasDot, vocabulary: &vocabulary)
                    }
                }
            }
            let scalars = Array(String(decoding: utf8, as: UTF8.self).unicodeScalars)
            var offsets: [Int] = []
            offsets.reserveCapacity(scalars.count + 1)
            var offset = 0
            for scalar in scalars {
                offsets.append(offset)
                offset += UTF8.width(scalar)
            }
            offsets.append(offset)
            return scan(count: scalars.count, scalar: { scalars[$0] }, offset: { offsets[$0] }) { range, sigil, hasDot in
                let lower = offsets[range.lowerBound], upper = offsets[range.upperBound]
                let folded = upper - lower == range.count
                    ? asciiLowercased(UnsafeBufferPointer(rebasing: utf8[lower..<upper]))
                    : Normaliser.fold(String(String.UnicodeScalarView(scalars[range])))
                return makeToken(folded: folded, start: offsets[range.lowerBound],
                                 end: offsets[range.upperBound], sigil: sigil, hasDot: hasDot,
                                 vocabulary: &vocabulary)
            }
        }
    }

    /// The tokenising rules, over any indexed run of scalars. `emit` receives the scalar
    /// range of a token, the length of its sigil and whether it has internal dots.
    private static func scan(count: Int, scalar: (Int) -> Unicode.Scalar, offset: (Int) -> Int,
                             emit: (Range<Int>, Int, Bool) -> Token) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(count / 5)
        var index = 0
        while index < count {
            let current = scalar(index)
            var start = index
            var sigilLength = 0
            if !isWord(current) {
                let previousIsWord = index > 0 && isWord(scalar(index - 1))
                // A sigil opens a token only when a word follows directly and none precedes.
                if current == "@", !previousIsWord, index + 1 < count, isWord(scalar(index + 1)) {
                    sigilLength = 1
                } else if current == "*", !previousIsWord, index == 0 || scalar(index - 1) != ")" {
                    var stars = 1
                    if index + 1 < count, scalar(index + 1) == "*" { stars = 2 }
                    if index + stars < count, isWord(scalar(index + stars)) { sigilLength = stars }
                }
                if sigilLength == 0 {
                    index += 1
                    continue
                }
                start = index
                index += sigilLength
            }
            var hasDot = false
            while index < count {
                let next = scalar(index)
                if isWord(next) {
                    index += 1
                } else if next == ".", index + 1 < count, isWord(scalar(index + 1)), index > start + sigilLength {
                    hasDot = true
                    index += 1
                } else {
                    break
                }
            }
            tokens.append(emit(start..<index, sigilLength, hasDot))
        }
        return tokens
    }

    /// `makeToken` for an ASCII word, on its lower-cased bytes: the same ids, without Strings.
    private static func asciiToken(_ folded: UnsafeBufferPointer<UInt8>, start: Int, sigil: Int, hasDot: Bool,
                                   vocabulary: inout Vocabulary) -> Token {
        // Ids are given in makeToken's order (parts, word, core), so both paths number words alike.
        let core = UnsafeBufferPointer(rebasing: folded[sigil...])
        var parts: [Vocabulary.ID] = []
        if hasDot {
            // As String.split(separator: "."): empty pieces left out.
            var pieceStart = 0
            for index in 0...core.count where index == core.count || core[index] == 0x2E {
                if index > pieceStart { parts.append(vocabulary.id(bytes: UnsafeBufferPointer(rebasing: core[pieceStart..<index]))) }
                pieceStart = index + 1
            }
        }
        let word = vocabulary.id(bytes: folded)
        return Token(start: start, end: start + folded.count, word: word,
                     core: sigil > 0 ? vocabulary.id(bytes: core) : Vocabulary.none, parts: parts)
    }

    private static func makeToken(folded: String, start: Int, end: Int, sigil: Int, hasDot: Bool,
                                  vocabulary: inout Vocabulary) -> Token {
        let core = sigil > 0 ? String(folded.dropFirst(sigil)) : nil
        let parts = hasDot ? (core ?? folded).split(separator: ".").map { vocabulary.id(String($0)) } : []
        return Token(start: start, end: end, word: vocabulary.id(folded),
                     core: core.map { vocabulary.id($0) } ?? Vocabulary.none, parts: parts)
    }

    private static func asciiLowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            for (index, byte) in bytes.enumerated() {
                buffer[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            }
            return bytes.count
        }
    }

    /// Letters, digits, combining marks and the underscore make words.
    @inline(__always)
    package static func isWord(_ scalar: Unicode.Scalar) -> Bool {
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
