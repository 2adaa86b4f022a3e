/// Matches one `match_…(…)` leaf against one response: prepares its blocks of `_`-joined terms,
/// answers "which words can this term cover from here" (a word, or the shortest run a bracketed
/// phrase accepts, as OU takes the first phrase length that works), and runs the search.
struct PMatchLeafMatcher: Sendable {
    let leaf: PMatchLeaf
    let ignoreCase: Bool
    let sentenceDividers: Set<Unicode.Scalar>
    /// Term index ranges of the blocks.
    let blocks: [ClosedRange<Int>]
    /// Number of response words the leaf accepts without `w` (OU's length check); nil when unbounded.
    let minimumWords: Int
    let maximumWords: Int?

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
                                    message: "\(leaf.source) has \(largest) groups of terms; at most \(limit) are supported\(leaf.phrase.anyOrder ? " with option o" : "")")
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
    func match(_ response: PMatchResponse) -> (matched: Bool, words: [Range<Int>], steps: Int) {
        let count = response.wordCount
        guard count >= minimumWords, leaf.phrase.extraWords || maximumWords.map({ count <= $0 }) ?? true else {
            return (false, [], 0)
        }
        var context = Context(matcher: self, response: response)
        let endsSentence = context.endsSentence
        let search = PMatchSequenceSearch(blockCount: blocks.count, anyOrder: leaf.phrase.anyOrder,
                                          extraWords: leaf.phrase.extraWords, greedy: true)
        var placements: [Int: [(block: Int, start: Int)]] = [:]
        let (reach, _) = search.run(lo: 0, hi: count, stopWhenFull: false, ends: { block, start in
            Context.blockEnds(self.blocks[block], start: start, hi: count, proximity: self.leaf.phrase.proximity,
                              endsSentence: endsSentence) { term, at in
                context.termEnds(term, at: at, hi: count)
            }
        }, placed: { block, start, end in placements[end.last, default: []].append((block, start)) })
        let steps = reach.steps + context.steps
        guard reach.contains(search.fullState, at: count) else { return (false, [], steps) }
        return (true, search.trace(reach, lo: 0, hi: count, placements: placements), steps)
    }

    /// Per-response caches: word verdicts per term and phrase, shortest phrase lengths.
    private struct Context {
        let matcher: PMatchLeafMatcher
        let response: PMatchResponse
        /// Each word without one trailing sentence divider, numbered by distinct content.
        let wordIDs: [Int]
        let distinctWords: [[Unicode.Scalar]]
        /// Whether each word ends in one of the expression's sentence dividers.
        let endsSentence: [Bool]
        /// verdicts[pattern key][word id]: 0 unknown, 1 no, 2 yes.
        var verdicts: [[UInt8]] = []
        var patternKeys: [PatternKey: Int] = [:]
        var phraseLength: [Int: Int?] = [:]
        var steps = 0

        struct PatternKey: Hashable { let term: Int, phrase: Int, position: Int, alternative: Int }

        init(matcher: PMatchLeafMatcher, response: PMatchResponse) {
            self.matcher = matcher
            self.response = response
            var ids: [[Unicode.Scalar]: Int] = [:]
            var distinct: [[Unicode.Scalar]] = []
            wordIDs = response.words.map { word in
                var stripped = word
                if let last = stripped.last, matcher.sentenceDividers.contains(last) { stripped.removeLast() }
                if let id = ids[stripped] { return id }
                ids[stripped] = distinct.count
                distinct.append(stripped)
                return distinct.count - 1
            }
            distinctWords = distinct
            endsSentence = response.words.map { $0.last.map(matcher.sentenceDividers.contains) ?? false }
        }

        mutating func wordMatches(_ pattern: PMatchWordPattern, key: PatternKey, at position: Int) -> Bool {
            let index: Int
            if let known = patternKeys[key] { index = known } else {
                index = verdicts.count
                patternKeys[key] = index
                verdicts.append([UInt8](repeating: 0, count: distinctWords.count))
            }
            let id = wordIDs[position]
            switch verdicts[index][id] {
            case 1: return false
            case 2: return true
            default:
                steps += 1
                let verdict = pattern.matches(distinctWords[id], options: matcher.leaf.words, ignoreCase: matcher.ignoreCase)
                verdicts[index][id] = verdict ? 2 : 1
                return verdict
            }
        }

        /// Where term `term` of the leaf can end when it starts at `start`.
        mutating func termEnds(_ term: Int, at start: Int, hi: Int) -> [PMatchSequenceSearch.End] {
            let terms = matcher.leaf.sequence.terms
            let joins = matcher.leaf.sequence.joins
            var ends: [PMatchSequenceSearch.End] = []
            for (alternative, word) in terms[term].words.enumerated()
            where wordMatches(word, key: PatternKey(term: term, phrase: -1, position: 0, alternative: alternative), at: start) {
                ends.append(.init(last: start, phraseAfterProximity: false))
                break
            }
            if !terms[term].phrases.isEmpty, let length = shortestPhrase(term, at: start, hi: hi) {
                let afterProximity = term > 0 && joins[term - 1] == .proximity
                ends.append(.init(last: start + length - 1, phraseAfterProximity: afterProximity))
            }
            return ends
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
                let (reach, firstFull) = search.run(lo: start, hi: limit, stopWhenFull: true, minimumLength: phrase.terms.count) { block, at in
                    Context.blockEnds(blocks[block], start: at, hi: limit, proximity: leaf.phrase.proximity,
                                      endsSentence: endsSentence) { position, word in
                        var ends: [PMatchSequenceSearch.End] = []
                        for (alternative, pattern) in phrase.terms[position].enumerated()
                        where self.wordMatches(pattern, key: PatternKey(term: term, phrase: index, position: position, alternative: alternative), at: word) {
                            ends.append(.init(last: word, phraseAfterProximity: false))
                            break
                        }
                        return ends
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
                              termEnds: (Int, Int) -> [PMatchSequenceSearch.End]) -> [PMatchSequenceSearch.End] {
            var current = termEnds(block.lowerBound, start)
            guard block.count > 1 else {
                return current.map { .init(last: $0.last, phraseAfterProximity: false) }
            }
            for term in block.dropFirst() {
                var next: [PMatchSequenceSearch.End] = []
                var seen = Set<Int>()
                for previous in current where seen.insert(previous.last).inserted {
                    var position = previous.last + 1
                    while position <= min(previous.last + proximity + 1, hi - 1) {
                        if endsSentence[position - 1] { break }
                        for end in termEnds(term, position) where !next.contains(end) { next.append(end) }
                        position += 1
                    }
                }
                current = next
                if current.isEmpty { break }
            }
            return current
        }
    }
}
