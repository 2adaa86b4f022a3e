/// Decides whether one response word matches one word of an expression, with OU's
/// misspelling rules: `c` extra characters anywhere; `mr` one replaced, `mt` two swapped,
/// `mx` one extra, `mf` one missing character, `m` any of these, `m2` two of them. As in
/// OU, a word pattern with fewer than 3 normal characters allows no extra character, fewer
/// than 4 no replacement, swap or missing character, and fewer than 8 at most one misspelling.
///
/// It follows OU's recursive search step for step (so its quirks with `*` and misspellings
/// agree), memoising every state. A state is (variant, misspellings left, position, pattern
/// index, run length); a variant is the word after at most `m` swaps. For a word of L
/// characters and a pattern of K, that is O(V·L²·K) states, V ≤ 1 + L + L²: polynomial,
/// and in practice a few dozen states, since words are short and most fail at once.
struct PMatchWordMatcher {
    package let pattern: [PMatchCharacter]
    package let options: PMatchWordOptions
    package let ignoreCase: Bool

    init(pattern: [PMatchCharacter], options: PMatchWordOptions, ignoreCase: Bool) {
        // `**` matches what `*` does; collapsing the runs keeps the search's state space
        // (and its recursion) proportional to the pattern's meaningful length. Found by fuzzing:
        // a word of a hundred `*` took seconds per response.
        var collapsed: [PMatchCharacter] = []
        for character in pattern where !(character == .anyRun && collapsed.last == .anyRun) {
            collapsed.append(character)
        }
        self.pattern = collapsed
        self.ignoreCase = ignoreCase
        var adjusted = options
        let normal = collapsed.filter { if case .literal = $0 { return true } else { return false } }.count
        if normal < 3 { adjusted.extraCharacter = false }
        if normal < 4 { adjusted.replace = false; adjusted.transpose = false; adjusted.fewerCharacters = false }
        if normal < 8 && adjusted.misspellings == 2 { adjusted.misspellings = 1 }
        self.options = adjusted
    }

    /// Longest word tried against a pattern with `*` or option `c`: the search recurses once
    /// per character, so a hostile run of thousands of letters must not reach it.
    static let longestWildcardWord = 128

    /// `word` with a trailing sentence divider already removed.
    func matches(_ word: [Unicode.Scalar]) -> Bool {
        let hasRun = pattern.contains(.anyRun)
        if !hasRun && !options.extraCharacters {
            // Each misspelling changes the length by at most one.
            let allow = (options.extraCharacter || options.fewerCharacters) ? options.misspellings : 0
            if abs(word.count - pattern.count) > allow { return false }
        } else if word.count > Self.longestWildcardWord {
            return false
        }
        if !mayMatch(word) { return false }
        var search = Search(matcher: self, word: word, memoise: hasRun || options.extraCharacters)
        return search.check(variant: 0, allow: options.misspellings, position: 0, item: 0, run: 1)
    }

    /// A necessary condition, cheap and allocation-free: every edit OU allows loses at most one
    /// of the pattern's literal characters (a swap loses none; `*`, `?` and `c` only add), so
    /// no more than `m` of them may be absent from the word.
    private func mayMatch(_ word: [Unicode.Scalar]) -> Bool {
        var absent = 0
        let allowed = (options.replace || options.fewerCharacters) ? options.misspellings : 0
        for character in pattern {
            guard case .literal(let scalar) = character else { continue }
            if !word.contains(where: { PMatchCharacters.same($0, scalar, ignoreCase: ignoreCase) }) {
                absent += 1
                if absent > allowed { return false }
            }
        }
        return true
    }

    private struct Key: Hashable {
        let variant: Int32, allow: Int8, position: Int32, item: Int32, run: Int32
    }

    private struct Search {
        let matcher: PMatchWordMatcher
        /// Variant 0 is the word as written; the others are it after swaps.
        let original: [Unicode.Scalar]
        var swaps: [[Unicode.Scalar]] = []
        var variantIndex: [[Unicode.Scalar]: Int] = [:]
        var memo: [Key: Bool] = [:]
        /// The states of the unswapped word in a flat table when it is small (0 unknown, 1 no, 2 yes).
        var table: [UInt8] = []
        let dimensions: (allow: Int, position: Int, item: Int, run: Int)
        /// Without `*` or `c` every step consumes a character or a misspelling, so the plain search
        /// is O(L · 4^m) and cheaper than a table.
        let memoise: Bool

        init(matcher: PMatchWordMatcher, word: [Unicode.Scalar], memoise: Bool) {
            self.matcher = matcher
            self.original = word
            self.memoise = memoise
            let length = word.count
            dimensions = (matcher.options.misspellings + 1, length + 2, matcher.pattern.count + 1, length + 2)
            let size = dimensions.allow * dimensions.position * dimensions.item * dimensions.run
            if memoise && size <= 1 << 15 { table = [UInt8](repeating: 0, count: size) }
        }

        mutating func check(variant: Int, allow: Int, position: Int, item: Int, run: Int) -> Bool {
            guard memoise else { return evaluate(variant: variant, allow: allow, position: position, item: item, run: run) }
            if variant == 0 && !table.isEmpty && position < dimensions.position && run < dimensions.run {
                let index = ((allow * dimensions.position + position) * dimensions.item + item) * dimensions.run + run
                if table[index] != 0 { return table[index] == 2 }
                let result = evaluate(variant: variant, allow: allow, position: position, item: item, run: run)
                table[index] = result ? 2 : 1
                return result
            }
            let key = Key(variant: Int32(variant), allow: Int8(allow), position: Int32(position), item: Int32(item), run: Int32(run))
            if let known = memo[key] { return known }
            let result = evaluate(variant: variant, allow: allow, position: position, item: item, run: run)
            memo[key] = result
            return result
        }

        private mutating func evaluate(variant: Int, allow: Int, position: Int, item: Int, run: Int) -> Bool {
            let pattern = matcher.pattern, options = matcher.options
            let word = variant == 0 ? original : swaps[variant - 1]
            let itemsLeft = pattern.count - (item + 1)
            let charactersLeft = word.count - (position + run)
            if itemsLeft < 0 {
                if charactersLeft < 0 || options.extraCharacters { return true }
                return options.extraCharacter && allow > charactersLeft
            }
            let isRun = pattern[item] == .anyRun
            if charactersLeft < 0 {
                if options.fewerCharacters && allow > itemsLeft { return true }
                return isRun && check(variant: variant, allow: allow, position: position + 1, item: item + 1, run: run)
            }
            let fragmentMatches: Bool
            switch pattern[item] {
            case .anyRun, .any: fragmentMatches = true
            case .literal(let scalar):
                fragmentMatches = run == 1 && PMatchCharacters.same(word[position], scalar, ignoreCase: matcher.ignoreCase)
            }
            if run == 1 && isRun && check(variant: variant, allow: allow, position: position, item: item + 1, run: 1) { return true }
            if !fragmentMatches && options.extraCharacters
                && check(variant: variant, allow: allow, position: position + 1, item: item, run: 1) { return true }
            if !fragmentMatches && allow > 0 {
                if options.transpose && itemsLeft > 0 && charactersLeft > 0 && pattern[item + 1] != .anyRun {
                    var swapped = word
                    swapped.swapAt(position, position + 1)
                    let index: Int
                    if let known = variantIndex[swapped] { index = known } else {
                        swaps.append(swapped)
                        index = swaps.count
                        variantIndex[swapped] = index
                    }
                    if check(variant: index, allow: allow - 1, position: position, item: item, run: 1) { return true }
                }
                if options.fewerCharacters && check(variant: variant, allow: allow - 1, position: position, item: item + 1, run: 1) { return true }
                if options.extraCharacter && check(variant: variant, allow: allow - 1, position: position + 1, item: item, run: 1) { return true }
                if options.replace && check(variant: variant, allow: allow - 1, position: position + 1, item: item + 1, run: 1) { return true }
            }
            guard fragmentMatches else { return false }
            if isRun {
                return check(variant: variant, allow: allow, position: position, item: item, run: run + 1)
                    || check(variant: variant, allow: allow, position: position + run, item: item + 1, run: 1)
            }
            return check(variant: variant, allow: allow, position: position + run, item: item + 1, run: 1)
        }
    }
}

/// A word of an expression prepared once: the misspelling rules adjusted to its length.
enum PMatchPreparedWord: Sendable {
    case word(PMatchWordMatcher)
    case number(Double)

    init(_ pattern: PMatchWordPattern, options: PMatchWordOptions, ignoreCase: Bool) {
        switch pattern {
        case .word(let characters): self = .word(PMatchWordMatcher(pattern: characters, options: options, ignoreCase: ignoreCase))
        case .number(let value, _): self = .number(value)
        }
    }

    /// Whether the response word (sentence divider already stripped) matches.
    func matches(_ word: [Unicode.Scalar]) -> Bool {
        switch self {
        case .word(let matcher):
            return matcher.matches(word)
        case .number(let value):
            guard PMatchNumber.isNumber(word) else { return false }
            let given = PMatchNumber.value(of: String(String.UnicodeScalarView(word)))
            return abs(value - given) <= abs(1e-14 * value)
        }
    }
}
