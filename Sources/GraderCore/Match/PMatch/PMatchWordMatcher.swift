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
    let pattern: [PMatchCharacter]
    let options: PMatchWordOptions
    let ignoreCase: Bool

    init(pattern: [PMatchCharacter], options: PMatchWordOptions, ignoreCase: Bool) {
        self.pattern = pattern
        self.ignoreCase = ignoreCase
        var adjusted = options
        let normal = pattern.filter { if case .literal = $0 { return true } else { return false } }.count
        if normal < 3 { adjusted.extraCharacter = false }
        if normal < 4 { adjusted.replace = false; adjusted.transpose = false; adjusted.fewerCharacters = false }
        if normal < 8 && adjusted.misspellings == 2 { adjusted.misspellings = 1 }
        self.options = adjusted
    }

    /// Longest word tried against a pattern with `*` or option `c`: the search recurses once
    /// per character, so a hostile run of thousands of letters must not reach it.
    static let longestWildcardWord = 256

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
        var search = Search(matcher: self, variants: [word])
        return search.check(variant: 0, allow: options.misspellings, position: 0, item: 0, run: 1)
    }

    private struct Key: Hashable {
        let variant: Int32, allow: Int8, position: Int32, item: Int32, run: Int32
    }

    private struct Search {
        let matcher: PMatchWordMatcher
        var variants: [[Unicode.Scalar]]
        var variantIndex: [[Unicode.Scalar]: Int] = [:]
        var memo: [Key: Bool] = [:]

        init(matcher: PMatchWordMatcher, variants: [[Unicode.Scalar]]) {
            self.matcher = matcher
            self.variants = variants
        }

        mutating func check(variant: Int, allow: Int, position: Int, item: Int, run: Int) -> Bool {
            let key = Key(variant: Int32(variant), allow: Int8(allow), position: Int32(position), item: Int32(item), run: Int32(run))
            if let known = memo[key] { return known }
            let result = evaluate(variant: variant, allow: allow, position: position, item: item, run: run)
            memo[key] = result
            return result
        }

        private mutating func evaluate(variant: Int, allow: Int, position: Int, item: Int, run: Int) -> Bool {
            let pattern = matcher.pattern, options = matcher.options
            let word = variants[variant]
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
                        index = variants.count
                        variants.append(swapped)
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

extension PMatchWordPattern {
    /// Whether the response word (sentence divider already stripped) matches.
    func matches(_ word: [Unicode.Scalar], options: PMatchWordOptions, ignoreCase: Bool) -> Bool {
        switch self {
        case .word(let characters):
            return PMatchWordMatcher(pattern: characters, options: options, ignoreCase: ignoreCase).matches(word)
        case .number(let value, _):
            guard PMatchNumber.isNumber(word) else { return false }
            let given = PMatchNumber.value(of: String(String.UnicodeScalarView(word)))
            return abs(value - given) <= abs(1e-14 * value)
        }
    }
}
