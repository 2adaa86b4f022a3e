/// A word or phrase, found on word boundaries, case- and accent-insensitive;
/// optionally by Snowball stem, with a misspelling allowance, or through any
/// alternative of a synonym set. Each alternative is a phrase of consecutive words.
struct KeywordMatcher: Matcher {
    /// One word of a phrase, prepared at rubric load.
    struct Word: Sendable {
        package let id: Vocabulary.ID
        package let scalars: [UInt32]
        /// The stem's id when the keyword asks for stemming and the word is a plain word, else `Vocabulary.none`.
        package let stem: Vocabulary.ID
        /// Edits allowed for this word.
        let typoAllowance: Int
    }

    /// One alternative: the keyword's own text or a synonym.
    package struct Phrase: Sendable {
        package let words: [Word]
        /// How the evidence names it: `keyword "reference counting"` or `synonym "gc" (collector)`.
        package let label: String
    }

    package let phrases: [Phrase]
    package let summary: String

    /// True when some word stems: only then are the answer's token stems looked up.
    private var stems: Bool { phrases.contains { $0.words.contains { $0.stem != Vocabulary.none } } }

    /// Tries each phrase where its first word can stand: the positions the answer's
    /// `TokenOccurrences` lists for the word and its stem, so the cost is the hits, not the
    /// answer's length. A first word with misspellings in the answer (rare), or one the index
    /// cannot hold, is looked for at every position instead. Either way the starts are tried
    /// in ascending order, so the hits (and the cap on them) are those of a full scan.
    package func match(_ answer: AnswerView) throws(MatchFailure) -> MatchOutcome {
        var hits: [Hit] = []
        let tokens = answer.text.tokens
        let stems = self.stems
        let tokenStems = stems ? answer.tokenStems : []
        let index = answer.occurrences(stems: stems)
        tokens.withUnsafeBufferPointer { tokens in
            for phrase in phrases where phrase.words.count <= tokens.count {
                let words = phrase.words
                let lastStart = tokens.count - words.count
                /// Matches the phrase at `start`; false once the cap on hits is reached.
                func attempt(_ start: Int) -> Bool {
                    // How each word matched, kept only once one did not match word for word (no array otherwise).
                    var kinds: [WordMatch]? = nil
                    for offset in 0..<words.count {
                        let word = words[offset]
                        let misspellings = word.typoAllowance > 0 ? answer.misspellings(of: word) : []
                        guard let kind = Self.compare(tokens[start + offset], at: start + offset, with: word,
                                                      misspellings: misspellings, stems: tokenStems) else { return true }
                        if kind != .exact || kinds != nil {
                            kinds = (kinds ?? Array(repeating: .exact, count: offset)) + [kind]
                        }
                    }
                    let end = start + words.count
                    hits.append(Hit(range: tokens[start].start..<tokens[end - 1].end, tokens: start..<end,
                                    via: kinds.map { Self.describe($0, label: phrase.label, answer: answer) } ?? phrase.label))
                    return hits.count < maximumHitsPerMatcher
                }
                let first = words[0]
                let lookedUp = index.indexes(first.id) && (first.stem == Vocabulary.none || index.indexes(first.stem, stems: true))
                    && (first.typoAllowance == 0 || answer.misspellings(of: first).isEmpty)
                if lookedUp {
                    index.forEachPosition(naming: first.id, orStem: first.stem) { start in
                        start <= lastStart && attempt(start)
                    }
                } else {
                    for start in 0...lastStart where !attempt(start) { break }
                }
            }
        }
        hits.sort { $0.range.lowerBound < $1.range.lowerBound }
        return MatchOutcome(matched: !hits.isEmpty, hits: hits)
    }

    /// How one word matched one token.
    enum WordMatch: Equatable {
        case exact
        case stem
        case typo(Vocabulary.ID)
    }

    @inline(__always)
    package static func compare(_ token: Token, at position: Int, with word: Word, misspellings: [Vocabulary.ID],
                        stems: [Vocabulary.ID]) -> WordMatch? {
        if token.names(word.id) { return .exact }
        if word.stem != Vocabulary.none, stems[position] == word.stem { return .stem }
        if !misspellings.isEmpty {
            if misspellings.contains(token.base) { return .typo(token.base) }
            for part in token.parts where misspellings.contains(part) { return .typo(part) }
        }
        return nil
    }

    /// The evidence's `via` when some word did not match word for word: the phrase's label, and how.
    private static func describe(_ kinds: [WordMatch], label: String, answer: AnswerView) -> String {
        var notes: [String] = []
        if kinds.contains(.stem) { notes.append("inflection") }
        for case .typo(let written) in kinds { notes.append("misspelt \"\(answer.worker.vocabulary.word(written))\"") }
        return notes.isEmpty ? label : label + " (" + notes.joined(separator: ", ") + ")"
    }
}
