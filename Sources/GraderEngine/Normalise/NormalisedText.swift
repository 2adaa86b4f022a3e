/// An answer prepared for matching: NFKC text with typographic quotes and
/// dashes folded to ASCII and invisible characters dropped (case kept, for
/// regexes that ask for it), its code-aware tokens, and a map from every byte
/// back to the candidate's original text so evidence can be shown where it was written.
public struct NormalisedText: Sendable {
    /// The normalised text that regexes run on.
    public let text: String
    /// `origin[i]` is the original byte offset of normalised byte `i` (one extra entry for the end).
    /// Empty when the normalised text is the original (the ASCII fast path).
    package let origin: [Int32]
    public let tokens: [Token]

    /// The original byte range that a normalised byte range came from.
    public func originalRange(of range: Range<Int>) -> Range<Int> {
        guard !origin.isEmpty else { return range }
        let lower = Int(origin[min(range.lowerBound, origin.count - 1)])
        // The end maps to the start of the first byte after the range, so a folded character is covered whole.
        let upper = Int(origin[min(range.upperBound, origin.count - 1)])
        return lower..<max(lower, upper)
    }

    /// Index of the first token that ends after `offset` (binary search).
    func tokenIndex(atOrAfter offset: Int) -> Int {
        var low = 0, high = tokens.count
        while low < high {
            let mid = (low + high) / 2
            if tokens[mid].end <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The tokens that a byte range of the normalised text touches.
    func tokenRange(covering range: Range<Int>) -> Range<Int> {
        let first = tokenIndex(atOrAfter: range.lowerBound)
        var last = first
        while last < tokens.count && tokens[last].start < range.upperBound { last += 1 }
        return first..<max(first, last)
    }
}

/// A word of an answer, found by `Tokenizer`, named by its `Vocabulary` ids.
public struct Token: Sendable, Equatable {
    /// Byte offsets in the normalised text.
    public let start: Int
    public let end: Int
    /// The case-folded, accent-stripped word: what keywords compare against.
    public let word: Vocabulary.ID
    /// The word without a leading `@`, `*` or `**` sigil (`@property` gives `property`), or `Vocabulary.none`.
    public let core: Vocabulary.ID
    /// The parts of a dotted name (`gc.collect` gives `gc`, `collect`); empty otherwise.
    public let parts: [Vocabulary.ID]

    /// The form stems and misspellings are judged on: the core when there is a sigil.
    package var base: Vocabulary.ID { core == Vocabulary.none ? word : core }

    /// True when `id` is this token's word, its core or one of its parts.
    @inline(__always)
    package func names(_ id: Vocabulary.ID) -> Bool {
        word == id || core == id || (!parts.isEmpty && parts.contains(id))
    }
}
