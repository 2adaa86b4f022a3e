/// A word or phrase, found on word boundaries, case- and accent-insensitive;
/// optionally by Snowball stem, with a misspelling allowance, or through any
/// alternative of a synonym set. Each alternative is a phrase of consecutive words.
struct KeywordMatcher: Matcher {
    /// One word of a phrase, prepared at rubric load.
    struct Word: Sendable {
        let folded: String
        let scalars: [UInt32]
        /// The Snowball stem when the keyword asks for stemming and the word is a plain word.
        let stem: String?
        /// Edits allowed for this word.
        let typoAllowance: Int
    }

    /// One alternative: the keyword's own text or a synonym.
    struct Phrase: Sendable {
        let words: [Word]
        /// How the evidence names it: `keyword "reference counting"` or `synonym "gc" (collector)`.
        let label: String
    }

    let phrases: [Phrase]
    let summary: String

    func match(_ answer: AnswerView) throws(MatchFailure) -> MatchOutcome {
        var hits: [Hit] = []
        let tokens = answer.text.tokens
        for phrase in phrases {
            guard let first = phrase.words.first else { continue }
            for start in startPositions(of: first, in: answer) where start + phrase.words.count <= tokens.count {
                var kinds: [WordMatch] = []
                for (offset, word) in phrase.words.enumerated() {
                    guard let kind = Self.compare(tokens[start + offset], with: word, answer: answer) else { break }
                    kinds.append(kind)
                }
                guard kinds.count == phrase.words.count else { continue }
                let end = start + phrase.words.count
                hits.append(Hit(range: tokens[start].start..<tokens[end - 1].end, tokens: start..<end,
                                via: phrase.label + Self.describe(kinds)))
                if hits.count >= maximumHitsPerMatcher { return MatchOutcome(matched: true, hits: hits) }
            }
        }
        hits.sort { $0.range.lowerBound < $1.range.lowerBound }
        return MatchOutcome(matched: !hits.isEmpty, hits: hits)
    }

    /// How one word matched one token.
    enum WordMatch: Equatable {
        case exact
        case stem
        case typo(String)
    }

    /// Positions where the first word of a phrase can match, found through the answer's indexes.
    private func startPositions(of word: Word, in answer: AnswerView) -> [Int] {
        var positions = answer.wordIndex[word.folded] ?? []
        if let stem = word.stem, let stemmed = answer.stemIndex[stem] { positions += stemmed }
        if word.typoAllowance > 0 {
            for candidate in answer.typoCandidates
            where abs(candidate.scalars.count - word.scalars.count) <= word.typoAllowance && candidate.form != word.folded {
                if EditDistance.within(candidate.scalars, word.scalars, limit: word.typoAllowance) != nil {
                    positions += candidate.positions
                }
            }
        }
        if positions.count > 1 { positions = Array(Set(positions)).sorted() }
        return positions
    }

    static func compare(_ token: Token, with word: Word, answer: AnswerView) -> WordMatch? {
        if token.folded == word.folded || token.core == word.folded || token.parts.contains(word.folded) { return .exact }
        let form = token.core ?? token.folded
        if let stem = word.stem, answer.worker.stem(form) == stem { return .stem }
        if word.typoAllowance > 0,
           EditDistance.within(form.unicodeScalars.map(\.value), word.scalars, limit: word.typoAllowance) != nil {
            return .typo(form)
        }
        for part in token.parts where word.typoAllowance > 0 || word.stem != nil {
            if let stem = word.stem, answer.worker.stem(part) == stem { return .stem }
            if word.typoAllowance > 0, EditDistance.within(part.unicodeScalars.map(\.value), word.scalars, limit: word.typoAllowance) != nil {
                return .typo(part)
            }
        }
        return nil
    }

    private static func describe(_ kinds: [WordMatch]) -> String {
        var notes: [String] = []
        if kinds.contains(.stem) { notes.append("inflection") }
        for case .typo(let written) in kinds { notes.append("misspelt \"\(written)\"") }
        return notes.isEmpty ? "" : " (" + notes.joined(separator: ", ") + ")"
    }
}
