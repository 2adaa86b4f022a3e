/// Recursive-descent parser for OU's pattern-match syntax, hand-written because the grammar
/// is context-sensitive in small ways (a number and a word may start alike; synonyms rewrite a
/// leaf's text before it is read) that a regular expression cannot express. It follows OU's
/// interpreter: keywords and options are read case-insensitively, white space is allowed
/// after `(`, around `)` and before `not`, and errors name OU's kinds with their position.
struct PMatchParser {
    private let text: [Unicode.Scalar]
    private let options: PMatchOptions
    private var position = 0

    init(_ text: [Unicode.Scalar], options: PMatchOptions) {
        self.text = text
        self.options = options
    }

    /// Parses a whole expression; everything must be consumed.
    mutating func parseExpression() throws(PMatchSyntaxError) -> PMatchNode {
        let start = position
        guard let node = try parseNode(allowNot: true) else {
            throw error(.unrecognisedExpression, at: start, "expected match(…), match_all(…), match_any(…) or not(…)")
        }
        if position != text.count {
            throw error(.unrecognisedExpression, at: position, "unexpected text after the expression")
        }
        return node
    }

    // MARK: Combinators

    private mutating func parseNode(allowNot: Bool) throws(PMatchSyntaxError) -> PMatchNode? {
        let start = position
        if allowNot, let node = try parseNot() { return node }
        position = start
        guard matchKeyword("match") else { position = start; return nil }
        let optionsStart = position
        var optionText = ""
        while position < text.count, Self.isOptionCharacter(text[position]) {
            optionText.unicodeScalars.append(text[position])
            position += 1
        }
        skipSpaces()
        guard peek("(") else { position = start; return nil }
        position += 1
        skipSpaces()
        switch optionText {
        case "_any", "_all":
            var children: [PMatchNode] = []
            while let child = try parseNode(allowNot: true) { children.append(child) }
            if children.isEmpty {
                throw error(.unrecognisedSubcontents, at: position, "match\(optionText)(…) must hold match(…), match_all(…), match_any(…) or not(…)")
            }
            try close(openedAt: start)
            return optionText == "_any" ? .any(children) : .all(children)
        default:
            let (words, phrase) = try parseOptions(optionText, at: optionsStart)
            let contentStart = position
            var sequence = try parseSequence(PMatchParser.parseTerm)
            guard sequence.terms.count > 0 else {
                throw error(.unrecognisedSubcontents, at: contentStart, "match\(optionText)(…) holds no words")
            }
            if !options.synonyms.isEmpty {
                let content = Array(text[contentStart..<position])
                let replaced = PMatchSynonyms.apply(options, to: content)
                if replaced != content {
                    var inner = PMatchParser(replaced, options: options)
                    do {
                        sequence = try inner.parseSequence(PMatchParser.parseTerm)
                    } catch {
                        throw self.error(error.kind, at: contentStart, "after replacing synonyms: \(error.message)")
                    }
                }
            }
            try close(openedAt: start)
            return .match(PMatchLeaf(words: words, phrase: phrase, sequence: sequence,
                                     source: String(String.UnicodeScalarView(text[start..<position])).trimmingTrailingSpaces))
        }
    }

    private mutating func parseNot() throws(PMatchSyntaxError) -> PMatchNode? {
        let start = position
        skipSpaces()
        guard matchKeyword("not") else { position = start; return nil }
        skipSpaces()
        guard peek("(") else { position = start; return nil }
        position += 1
        skipSpaces()
        guard let child = try parseNode(allowNot: false) else {
            throw error(.unrecognisedSubcontents, at: position, "not(…) must hold match(…), match_all(…) or match_any(…)")
        }
        try close(openedAt: start)
        return .not(child)
    }

    /// `\s*\)\s*`, or OU's missing-bracket error.
    private mutating func close(openedAt start: Int) throws(PMatchSyntaxError) {
        skipSpaces()
        guard peek(")") else {
            throw error(.missingClosingBracket, at: position, "missing closing bracket for the one opened at character \(start + 1)")
        }
        position += 1
        skipSpaces()
    }

    /// Reads OU's option letters: `c`, `o`, `w`, `m` with any of `f r t x 2`, `p0`–`p4`.
    private func parseOptions(_ optionText: String, at offset: Int) throws(PMatchSyntaxError) -> (PMatchWordOptions, PMatchPhraseOptions) {
        var words = PMatchWordOptions()
        var phrase = PMatchPhraseOptions()
        guard !optionText.isEmpty else { return (words, phrase) }
        let letters = Array(optionText.unicodeScalars)
        guard letters[0] == "_" else {
            throw error(.illegalOptions, at: offset, "illegal options \"\(optionText)\": options start with _")
        }
        var index = 1
        func illegal() -> PMatchSyntaxError {
            error(.illegalOptions, at: offset + index, "illegal options \"\(optionText)\" (allowed: c, o, w, m, m2, mf, mr, mt, mx, p0–p4)")
        }
        while index < letters.count {
            switch letters[index] {
            case "c": words.extraCharacters = true; index += 1
            case "o": phrase.anyOrder = true; index += 1
            case "w": phrase.extraWords = true; index += 1
            case "p":
                guard index + 1 < letters.count, let digit = letters[index + 1].properties.numericType != nil ? Int(String(letters[index + 1])) : nil,
                      (0...4).contains(digit) else { throw illegal() }
                phrase.proximity = digit
                index += 2
            case "m":
                index += 1
                if index >= letters.count || !"frtx2".unicodeScalars.contains(letters[index]) {
                    words.allowAllMisspellings()
                    continue
                }
                while index < letters.count, "frtx2".unicodeScalars.contains(letters[index]) {
                    switch letters[index] {
                    case "f": words.fewerCharacters = true
                    case "r": words.replace = true
                    case "t": words.transpose = true
                    case "x": words.extraCharacter = true
                    default: words.misspellings = 2; words.allowAllMisspellings()
                    }
                    index += 1
                }
            default: throw illegal()
            }
        }
        return (words, phrase)
    }

    // MARK: Sequences, terms, words

    /// `term ((\s+ | _) term)*`; a join with nothing after it is OU's "ends with a delimiter".
    mutating func parseSequence<Term>(_ parseOne: (inout PMatchParser) throws(PMatchSyntaxError) -> Term?) throws(PMatchSyntaxError) -> PMatchSequence<Term> {
        var sequence = PMatchSequence<Term>(terms: [], joins: [])
        guard let first = try parseOne(&self) else { return sequence }
        sequence.terms.append(first)
        while position < text.count {
            let joinStart = position
            let join: PMatchJoin
            if text[position] == "_" {
                join = .proximity
                position += 1
            } else if text[position].properties.isWhitespace {
                skipSpaces()
                join = .space
            } else {
                break
            }
            guard let next = try parseOne(&self) else {
                if join == .space && position < text.count && text[position] == ")" {
                    // `… )`: OU reads the space as a delimiter and rejects it.
                    throw error(.endsWithDelimiter, at: joinStart, "a word delimiter must not end the words of match(…)")
                }
                throw error(.endsWithDelimiter, at: joinStart, "a word delimiter (space or _) must be followed by a word")
            }
            sequence.joins.append(join)
            sequence.terms.append(next)
        }
        return sequence
    }

    /// `alternative (| alternative)*` where an alternative is `[phrase]`, a number or a word.
    static func parseTerm(_ parser: inout PMatchParser) throws(PMatchSyntaxError) -> PMatchTerm? {
        var term = PMatchTerm(words: [], phrases: [])
        var expectAlternative = false
        while true {
            let start = parser.position
            if parser.peek("[") {
                parser.position += 1
                let phrase = try parser.parseSequence(PMatchParser.parseSynonym)
                if phrase.terms.isEmpty {
                    throw parser.error(.unrecognisedSubcontents, at: parser.position, "[…] must hold words")
                }
                guard parser.peek("]") else {
                    throw parser.error(.missingClosingBracket, at: parser.position, "missing ] for the [ at character \(start + 1)")
                }
                parser.position += 1
                term.phrases.append(phrase)
            } else if let word = parser.parseWordOrNumber(numberOnTie: true) {
                term.words.append(word)
            } else if expectAlternative {
                throw parser.error(.endsWithOr, at: start - 1, "| must be followed by another alternative")
            } else {
                return nil
            }
            guard parser.peek("|") else { return term }
            parser.position += 1
            expectAlternative = true
        }
    }

    /// Inside `[…]`: `word (| word)*`.
    static func parseSynonym(_ parser: inout PMatchParser) throws(PMatchSyntaxError) -> [PMatchWordPattern]? {
        var alternatives: [PMatchWordPattern] = []
        while true {
            let start = parser.position
            guard let word = parser.parseWordOrNumber(numberOnTie: false) else {
                if alternatives.isEmpty { return nil }
                throw parser.error(.endsWithOr, at: start - 1, "| must be followed by another alternative")
            }
            alternatives.append(word)
            guard parser.peek("|") else { return alternatives }
            parser.position += 1
        }
    }

    /// The longer of a number and a word read at this position. On a tie OU keeps the number
    /// outside `[…]` but the word inside it (its interpreter sorts equally long readings of
    /// uncomparable kinds, which with three candidates leaves the number first and with the two
    /// of a phrase word the word), so `[3.50 x]` wants the literal word "3.50" while `3.50 x`
    /// also accepts "3.5". Found by the oracle comparison; kept because OU scores that way.
    mutating func parseWordOrNumber(numberOnTie: Bool) -> PMatchWordPattern? {
        let numberLength = PMatchNumber.longestPrefix(text, from: position)
        var wordEnd = position
        var characters: [PMatchCharacter] = []
        while wordEnd < text.count {
            let scalar = text[wordEnd]
            if scalar == "*" { characters.append(.anyRun); wordEnd += 1 }
            else if scalar == "?" { characters.append(.any); wordEnd += 1 }
            else if scalar == "\\", wordEnd + 1 < text.count, PMatchCharacters.isSpecial(text[wordEnd + 1]) {
                characters.append(.literal(text[wordEnd + 1])); wordEnd += 2
            } else if PMatchCharacters.isWordCharacter(scalar) {
                characters.append(.literal(scalar)); wordEnd += 1
            } else { break }
        }
        let wordLength = wordEnd - position
        if numberLength > 0 && (numberLength > wordLength || (numberOnTie && numberLength == wordLength)) {
            let source = String(String.UnicodeScalarView(text[position..<position + numberLength]))
            position += numberLength
            return .number(PMatchNumber.value(of: source), text: source)
        }
        guard wordLength > 0 else { return nil }
        position = wordEnd
        return .word(characters)
    }

    // MARK: Helpers

    private static func isOptionCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."4").contains(scalar)
    }

    private mutating func matchKeyword(_ keyword: String) -> Bool {
        var index = position
        for expected in keyword.unicodeScalars {
            guard index < text.count, text[index].properties.lowercaseMapping == String(expected) else { return false }
            index += 1
        }
        position = index
        return true
    }

    private func peek(_ scalar: Unicode.Scalar) -> Bool { position < text.count && text[position] == scalar }

    private mutating func skipSpaces() {
        while position < text.count, text[position].properties.isWhitespace { position += 1 }
    }

    package func error(_ kind: PMatchSyntaxError.Kind, at offset: Int, _ message: String) -> PMatchSyntaxError {
        PMatchSyntaxError(kind: kind, offset: max(0, offset), message: message)
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var scalars = Array(unicodeScalars)
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
