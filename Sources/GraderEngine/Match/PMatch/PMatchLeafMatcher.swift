import GraderFoundation

/// Matches one `match_…(…)` leaf against one response: prepares its blocks of `_`-joined terms,
/// answers "which words can this term cover from here" (a word, or the shortest run a bracketed
/// phrase accepts, as OU takes the first phrase length that works), and runs the search.
struct PMatchLeafMatcher: Sendable {
    let leaf: PMatchLeaf
    package let ignoreCase: Bool
    package let sentenceDividers: [Unicode.Scalar]
    /// Term index ranges of the blocks.
    let blocks: [ClosedRange<Int>]
    /// Number of response words the leaf accepts without `w` (OU's length check); nil when unbounded.
    let minimumWords: Int
    let maximumWords: Int?
    /// Every word of the leaf, prepared once, numbered: `termWords[t]` for term t's alternatives,
    /// `phraseWords[t][p][k]` for word k of phrase p of term t.
    let prepared: [PMatchPreparedWord]
    let termWords: [[Int]]
    let phraseWords: [[[[Int]]]]

    init(leaf: PMatchLeaf, options: PMatchOptions) throws(PMatchSyntaxError) {
        self.leaf = leaf
        ignoreCase = options.ignoreCase
        sentenceDividers = options.sentenceDividerSet
        blocks = Self.blocks(leaf.sequence.joins, terms: leaf.sequence.terms.count)
        let limit = leaf.phrase.anyOrder ? PMatchSequenceSearch.maximumBlocksAnyOrder : PMatchSequenceSearch.maximumBlocksInOrder
        var counts = [blocks.count]
        for term in leaf.sequence.terms {
            for phrase in term.phrases { counts.append(Self.blocks(phrase.joins, terms: phrase.terms.count).count) }
        }
        if let largest = counts.max(), largest > limit {
            throw PMatchSyntaxError(kind: .tooManyTerms, offset: 0,
                                    message: "\(leaf.source) has \(Plural.count(largest, "group")) of terms; at most \(limit) are supported\(leaf.phrase.anyOrder ? " with option o" : "")")
        }
        // OU's length bounds: a term covers 1 word, or a phrase's words (any number with w);
        // a join covers none, or with w any number (`_`: up to the proximity).
        let w = leaf.phrase.extraWords
        minimumWords = leaf.sequence.terms.count
        var maximum: Int? = 0
        for term in leaf.sequence.terms {
            let phraseMaximum = term.phrases.map { w ? Int?.none : $0.terms.count }
            let termMaximum: Int? = phraseMaximum.contains(where: { $0 == nil }) ? nil : max(1, phraseMaximum.compactMap { $0 }.max() ?? 1)
            maximum = maximum.flatMap { total in termMaximum.map { total + $0 } }
        }
        for join in leaf.sequence.joins where w {
            maximum = join == .proximity ? maximum.map { $0 + leaf.phrase.proximity } : nil
        }
        maximumWords = maximum
        var prepared: [PMatchPreparedWord] = []
        func number(_ patterns: [PMatchWordPattern]) -> [Int] {
            patterns.map { pattern in
                prepared.append(PMatchPreparedWord(pattern, options: leaf.words, ignoreCase: options.ignoreCase))
                return prepared.count - 1
            }
        }
        termWords = leaf.sequence.terms.map { number($0.words) }
        phraseWords = leaf.sequence.terms.map { term in term.phrases.map { phrase in phrase.terms.map { number($0) } } }
        self.prepared = prepared
    }

    /// The words a `_` may skip. OU tries the term after a `_` only on the very next word unless
    /// `w` or `o` lets its search move on to later words, so without either the gap is 0 (found
    /// by the oracle comparison: `match_p4(water|[a b]_maud)` rejects "water x maud" in OU).
    static func usableProximity(_ phrase: PMatchPhraseOptions, anyOrder: Bool) -> Int {
        phrase.extraWords || anyOrder ? phrase.proximity : 0
    }

    static func blocks(_ joins: [PMatchJoin], terms: Int) -> [ClosedRange<Int>] {
        var blocks: [ClosedRange<Int>] = []
        var first = 0
        for index in 0..<terms where index == terms - 1 || joins[index] == .space {
            blocks.append(first...index)
            first = index + 1
        }
        return blocks
    }

    /// Whether the leaf matches, the word ranges it placed, and the search's step count.
    package func match(_ response: PMatchResponse) -> (matched: Bool, words: [Range<Int>], steps: Int) {
        let count = response.wordCount
        guard count >= minimumWords, leaf.phrase.extraWords || maximumWords.map({ count <= $0 }) ?? true else {
            return (false, [], 0)
        }
        var context = Context(matcher: self, response: response)
        let endsSentence = context.endsSentence
        let search = PMatchSequenceSearch(blockCount: blocks.count, anyOrder: leaf.phrase.anyOrder,
                                          extraWords: leaf.phrase.extraWords, greedy: true)
        var placements: [Int: [(block: Int, start: Int)]] = [:]
        let blocks = self.blocks, proximity = Self.usableProximity(leaf.phrase, anyOrder: leaf.phrase.anyOrder)
        // The common block, one term of words only, skips the general block walk.
        let singleWord: [Int] = blocks.map { $0.count == 1 && leaf.sequence.terms[$0.lowerBound].phrases.isEmpty ? $0.lowerBound : -1 }
        let (reach, _) = search.run(lo: 0, hi: count, stopWhenFull: false, ends: { block, start, ends in
            let term = singleWord[block]
            if term >= 0 {
                if context.anyWordMatches(term, at: start) { ends.append(.init(last: start, phraseAfterProximity: false)) }
                return
            }
            Context.blockEnds(blocks[block], start: start, hi: count, proximity: proximity,
                              endsSentence: endsSentence, into: &ends) { term, at, ends in
                context.termEnds(term, at: at, hi: count, into: &ends)
            }
        }, placed: { block, start, end in placements[end.last, default: []].append((block, start)) })
        let steps = reach.steps + context.steps
        guard reach.contains(search.fullState, at: count) else { return (false, [], steps) }
        return (true, search.trace(reach, lo: 0, hi: count, placements: placements), steps)
    }

    /// Per-response caches: word verdicts per prepared word and position, shortest phrase lengths.
    private struct Context {
        let matcher: PMatchLeafMatcher
        let response: PMatchResponse
        /// Whether each word ends in one of the expression's sentence dividers (stripped before comparing).
        let endsSentence: [Bool]
        /// verdicts[pattern * words + position]: 0 unknown, 1 no, 2 yes.
        var verdicts: [UInt8]
        var phraseLength: [Int: Int?] = [:]
        var steps = 0
        /// Term t's word alternatives are the prepared words `termWordStart[t]..<termWordStart[t + 1]`.
        let termWordStart: [Int]
        let wordCount: Int

        init(matcher: PMatchLeafMatcher, response: PMatchResponse) {
            self.matcher = matcher
            self.response = response
            endsSentence = response.words.map { $0.last.map(matcher.sentenceDividers.contains) ?? false }
            verdicts = [UInt8](repeating: 0, count: matcher.prepared.count * response.wordCount)
            // Term words are numbered first, term by term, so each term's are contiguous.
            var starts = [0]
            for words in matcher.termWords { starts.append(starts[starts.count - 1] + words.count) }
            termWordStart = starts
            wordCount = response.wordCount
        }

        mutating func wordMatches(_ pattern: Int, at position: Int) -> Bool {
            let index = pattern * wordCount + position
            switch verdicts[index] {
            case 1: return false
            case 2: return true
            default:
                steps += 1
                let word = endsSentence[position] ? Array(response.words[position].dropLast()) : response.words[position]
                let verdict = matcher.prepared[pattern].matches(word)
                verdicts[index] = verdict ? 2 : 1
                return verdict
            }
        }

        /// Where term `term` of the leaf can end when it starts at `start`.
        /// Whether one of term `term`'s word alternatives matches the word at `position`.
        mutating func anyWordMatches(_ term: Int, at position: Int) -> Bool {
            var pattern = termWordStart[term]
            while pattern < termWordStart[term + 1] {
                if wordMatches(pattern, at: position) { return true }
                pattern += 1
            }
            return false
        }

        mutating func termEnds(_ term: Int, at start: Int, hi: Int, into ends: inout [PMatchSequenceSearch.End]) {
            if anyWordMatches(term, at: start) { ends.append(.init(last: start, phraseAfterProximity: false)) }
            if !matcher.phraseWords[term].isEmpty, let length = shortestPhrase(term, at: start, hi: hi) {
                let afterProximity = term > 0 && matcher.leaf.sequence.joins[term - 1] == .proximity
                ends.append(.init(last: start + length - 1, phraseAfterProximity: afterProximity))
            }
        }

        /// OU tries phrase lengths from the shortest and takes the first that one alternative accepts.
        private mutating func shortestPhrase(_ term: Int, at start: Int, hi: Int) -> Int? {
            let key = term * (hi + 1) + start
            if let known = phraseLength[key] { return known }
            let leaf = matcher.leaf
            let joins = leaf.sequence.joins
            // OU keeps `o` inside a phrase only when both its neighbours are spaces.
            let anyOrder = leaf.phrase.anyOrder
                && (term == 0 || joins[term - 1] == .space)
                && (term == joins.count || joins[term] == .space)
            let w = leaf.phrase.extraWords
            let phrases = leaf.sequence.terms[term].phrases
            let endsSentence = self.endsSentence
            let termMaximum: Int? = w ? nil : max(1, phrases.map(\.terms.count).max() ?? 1)
            var best: Int?
            for (index, phrase) in phrases.enumerated() {
                let blocks = PMatchLeafMatcher.blocks(phrase.joins, terms: phrase.terms.count)
                let search = PMatchSequenceSearch(blockCount: blocks.count, anyOrder: anyOrder, extraWords: w, greedy: false)
                let limit = min(hi, start + (w ? hi : phrase.terms.count))
                guard limit - start >= phrase.terms.count else { continue }
                let words = matcher.phraseWords[term][index]
                let (reach, firstFull) = search.run(lo: start, hi: limit, stopWhenFull: true, minimumLength: phrase.terms.count) { block, at, ends in
                    Context.blockEnds(blocks[block], start: at, hi: limit,
                                      proximity: PMatchLeafMatcher.usableProximity(leaf.phrase, anyOrder: anyOrder),
                                      endsSentence: endsSentence, into: &ends) { position, word, ends in
                        for pattern in words[position] where self.wordMatches(pattern, at: word) {
                            ends.append(.init(last: word, phraseAfterProximity: false))
                            break
                        }
                    }
                }
                steps += reach.steps
                guard let end = firstFull else { continue }
                // Without w a phrase covers exactly its words, and OU's search needs every word claimed.
                let length = end - start
                if !w && length != phrase.terms.count { continue }
                if let termMaximum, length > termMaximum { continue }
                best = min(best ?? length, length)
            }
            phraseLength[key] = best
            return best
        }

        /// Where a block (terms joined by `_`) can end when its first term starts at `start`:
        /// each next term starts 1 to p + 1 words after the previous one ends, and no word from
        /// the previous term's last word up to the word before it may end a sentence.
        static func blockEnds(_ block: ClosedRange<Int>, start: Int, hi: Int, proximity: Int, endsSentence: [Bool],
                              into ends: inout [PMatchSequenceSearch.End],
                              termEnds: (Int, Int, inout [PMatchSequenceSearch.End]) -> Void) {
            guard block.count > 1 else {
                termEnds(block.lowerBound, start, &ends)
                for index in ends.indices { ends[index] = .init(last: ends[index].last, phraseAfterProximity: false) }
                return
            }
            var current: [PMatchSequenceSearch.End] = []
            termEnds(block.lowerBound, start, &current)
            var found: [PMatchSequenceSearch.End] = []
            for term in block.dropFirst() {
                var next: [PMatchSequenceSearch.End] = []
                var seen: [Int] = []
                for previous in current where !seen.contains(previous.last) {
                    seen.append(previous.last)
                    var position = previous.last + 1
                    while position <= min(previous.last + proximity + 1, hi - 1) {
                        if endsSentence[position - 1] { break }
                        found.removeAll(keepingCapacity: true)
                        termEnds(term, position, &found)
                        for end in found where !next.contains(end) { next.append(end) }
                        position += 1
                    }
                }
                current = next
                if current.isEmpty { break }
            }
            ends.append(contentsOf: current)
        }
    }
}
