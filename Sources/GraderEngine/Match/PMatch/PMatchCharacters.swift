import Foundation

/// OU's character classes, by Unicode general category rather than a regular expression,
/// because the parser and the response splitter test one scalar at a time at a cursor.
enum PMatchCharacters {
    /// `( ) \ | ? * _ [ ]`: syntax in an expression, literal only when escaped with `\`.
    static func isSpecial(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "(", ")", "\\", "|", "?", "*", "_", "[", "]": return true
        default: return false
        }
    }

    /// A letter, mark, number, punctuation or symbol: what a word may hold (`[\pL\pM\pN\pP\pS]`).
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// A character an expression's word may hold unescaped.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool { !isSpecial(scalar) && isPrintable(scalar) }

    package static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Equality as OU compares characters: exact, or after lower-casing both when ignoring case.
    @inline(__always)
    package static func same(_ a: Unicode.Scalar, _ b: Unicode.Scalar, ignoreCase: Bool) -> Bool {
        a == b || (ignoreCase && a.properties.lowercaseMapping == b.properties.lowercaseMapping)
    }
}

/// OU's number syntax (`[+-|]?` then digits, decimals, `e` exponents or `×10<sup>n</sup>`),
/// read by hand with a small state walk: the splitter needs every place a number can end.
enum PMatchNumber {
    /// Offsets (exclusive ends) at which a number starting at `start` can end, longest last.
    static func ends(_ text: [Unicode.Scalar], from start: Int) -> [Int] {
        var index = start
        if index < text.count, text[index] == "+" || text[index] == "-" || text[index] == "|" { index += 1 }
        let integerEnd = digits(text, from: index)
        guard integerEnd > index else { return [] }
        var mantissas = [integerEnd]
        if integerEnd < text.count, text[integerEnd] == "." {
            let fractionEnd = digits(text, from: integerEnd + 1)
            if fractionEnd > integerEnd + 1 { mantissas.append(fractionEnd) }
        }
        var ends = mantissas
        for mantissa in mantissas {
            if let end = exponent(text, from: mantissa) { ends.append(end) }
        }
        return ends.sorted()
    }

    /// Length of the longest number at `start`, or 0.
    static func longestPrefix(_ text: [Unicode.Scalar], from start: Int) -> Int {
        (ends(text, from: start).last ?? start) - start
    }

    /// True when the whole of `text` is one number.
    package static func isNumber(_ text: [Unicode.Scalar]) -> Bool { ends(text, from: 0).contains(text.count) }

    /// The value OU compares: spaces dropped, `×10<sup>n</sup>` read as `en`.
    package static func value(of text: String) -> Double {
        var scalars = Array(text.unicodeScalars.filter { $0 != " " })
        if let sign = scalars.first, sign == "|" { return 0 } // PHP's float cast of "|5" is 0.
        if let marker = scalars.indices.first(where: { index in
            ["*", "x", "X"].contains(scalars[index]) && index + 3 < scalars.count
                && scalars[index + 1] == "1" && scalars[index + 2] == "0" && scalars[index + 3] == "<"
        }), marker + 8 <= scalars.count {
            // An HTML exponent: keep its sign and digits.
            let exponentDigits = scalars[(marker + 8)...].prefix { $0 == "+" || $0 == "-" || ("0"..."9").contains($0) }
            scalars = Array(scalars[..<marker]) + ["e"] + Array(exponentDigits)
        }
        return Double(String(String.UnicodeScalarView(scalars))) ?? 0
    }

    private static func digits(_ text: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < text.count, ("0"..."9").contains(text[index]) { index += 1 }
        return index
    }

    private static func exponent(_ text: [Unicode.Scalar], from start: Int) -> Int? {
        guard start < text.count else { return nil }
        var index = start
        if text[index] == "e" || text[index] == "E" {
            index += 1
            if index < text.count, text[index] == "+" || text[index] == "-" { index += 1 }
            let end = digits(text, from: index)
            return end > index ? end : nil
        }
        guard text[index] == "*" || text[index] == "x" || text[index] == "X" else { return nil }
        index += 1
        guard let afterOpen = literal(text, at: index, "10<sup>") ?? literal(text, at: index, "10<SUP>") else { return nil }
        index = afterOpen
        if index < text.count, text[index] == "+" || text[index] == "-" { index += 1 }
        let end = digits(text, from: index)
        guard end > index else { return nil }
        return literal(text, at: end, "</sup>") ?? literal(text, at: end, "</SUP>")
    }

    private static func literal(_ text: [Unicode.Scalar], at start: Int, _ expected: String) -> Int? {
        var index = start
        for scalar in expected.unicodeScalars {
            guard index < text.count, text[index] == scalar else { return nil }
            index += 1
        }
        return index
    }
}

/// OU's synonyms: before a leaf is read, each synonym word found in its text (between
/// non-letters) is rewritten as `word|alternative|…`, one synonym after another.
enum PMatchSynonyms {
    package static func apply(_ options: PMatchOptions, to content: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var text = content
        for synonym in options.synonyms {
            let word = Array(synonym.word.precomposed.unicodeScalars)
            guard !word.isEmpty else { continue }
            let replacement = Array((synonym.word + "|" + synonym.alternatives.joined(separator: "|")).precomposed.unicodeScalars)
            var output: [Unicode.Scalar] = []
            var index = 0
            while index < text.count {
                if index == 0 || !PMatchCharacters.isLetter(text[index - 1]),
                   let end = PMatchWildcard.ends(of: word, in: text, from: index, ignoreCase: options.ignoreCase)
                    .last(where: { $0 > index && ($0 == text.count || !PMatchCharacters.isLetter(text[$0])) }) {
                    output += replacement
                    index = end
                } else {
                    output.append(text[index])
                    index += 1
                }
            }
            text = output
        }
        return text
    }
}

/// A literal with `*` wildcards (synonym words, extra dictionary words) matched at a cursor.
enum PMatchWildcard {
    /// Every end at which `pattern` can match `text` from `start`, ascending.
    static func ends(of pattern: [Unicode.Scalar], in text: [Unicode.Scalar], from start: Int, ignoreCase: Bool) -> [Int] {
        // positions[k] holds the text offsets reachable after k pattern scalars.
        var current: Set<Int> = [start]
        for scalar in pattern {
            var next = Set<Int>()
            if scalar == "*" {
                for offset in current {
                    next.insert(offset)
                    var index = offset
                    while index < text.count, PMatchCharacters.isPrintable(text[index]) { index += 1; next.insert(index) }
                }
            } else {
                for offset in current where offset < text.count && PMatchCharacters.same(text[offset], scalar, ignoreCase: ignoreCase) {
                    next.insert(offset + 1)
                }
            }
            current = next
            if current.isEmpty { return [] }
        }
        return current.sorted()
    }
}

extension String {
    /// NFC, as OU normalises expressions and responses (PHP's `Normalizer::normalize`).
    package var precomposed: String { precomposedStringWithCanonicalMapping }
}
