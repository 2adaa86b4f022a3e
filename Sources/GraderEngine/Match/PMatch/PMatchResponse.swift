/// A response split into words as OU splits it: NFC, word dividers trimmed from both ends,
/// then words read one at a time, each ending at a sentence divider (kept on the word, with
/// the dividers after it dropped), at word dividers, or at the end. Numbers, the extra
/// dictionary words (`e.g.`) and synonym words are kept whole even when they hold dividers.
/// Hand-written rather than a regular expression so it runs in one pass with offsets kept.
public struct PMatchResponse: Sendable {
    /// The words, each as scalars, with its sentence divider if it had one.
    package let words: [[Unicode.Scalar]]
    /// Each word's code-point range in `text`.
    package let ranges: [Range<Int>]
    /// True where the word ends in a sentence divider.
    let endsSentence: [Bool]
    /// The NFC text the offsets refer to.
    public let text: String

    public init(_ response: String, options: PMatchOptions) {
        text = response.precomposed
        let scalars = Array(text.unicodeScalars)
        let dividers = options.wordDividerSet
        let sentence = options.sentenceDividerSet
        var end = scalars.count
        while end > 0, dividers.contains(scalars[end - 1]) { end -= 1 }
        var cursor = 0
        while cursor < end, dividers.contains(scalars[cursor]) { cursor += 1 }

        /// Where a word ending before `index` is followed by a divider: the word's extra scalar (a sentence
        /// divider) and where the next word starts; nil when no word may end there.
        func wordEnd(at index: Int) -> (divider: Bool, next: Int)? {
            if index == end { return (false, end) }
            let scalar = scalars[index]
            if sentence.contains(scalar), !(scalar == "." && index + 1 < end && ("0"..."9").contains(scalars[index + 1])) {
                var next = index + 1
                while next < end, dividers.contains(scalars[next]) { next += 1 }
                return (true, next)
            }
            if dividers.contains(scalar) {
                var next = index + 1
                while next < end, dividers.contains(scalars[next]) { next += 1 }
                return (false, next)
            }
            return nil
        }

        let extraWords = (options.extraDictionaryWords + options.synonyms.flatMap { [$0.word] + $0.alternatives })
            .map { Array($0.precomposed.unicodeScalars) }.filter { !$0.isEmpty }
        let body = Array(scalars[0..<end])
        var words: [[Unicode.Scalar]] = [], ranges: [Range<Int>] = [], endsSentence: [Bool] = []
        while cursor < end {
            var found: (length: Int, divider: Bool, next: Int)?
            // Numbers, then dictionary and synonym words, each at the longest end a word may have.
            func longest(_ ends: [Int]) -> (Int, Bool, Int)? {
                for e in ends.reversed() where e > cursor {
                    if let stop = wordEnd(at: e) { return (e - cursor, stop.divider, stop.next) }
                }
                return nil
            }
            let first = body[cursor]
            if first == "+" || first == "-" || first == "|" || ("0"..."9").contains(first) {
                found = longest(PMatchNumber.ends(body, from: cursor))
            }
            if found == nil {
                for word in extraWords where word[0] == "*" || PMatchCharacters.same(word[0], first, ignoreCase: options.ignoreCase) {
                    if let hit = longest(PMatchWildcard.ends(of: word, in: body, from: cursor, ignoreCase: options.ignoreCase)) {
                        found = hit
                        break
                    }
                }
            }
            if found == nil {
                // The shortest run of characters (never across a line break) that a word may end after.
                var index = cursor + 1
                while index <= end {
                    if scalars[index - 1] == "\n" { break }
                    if let stop = wordEnd(at: index) { found = (index - cursor, stop.divider, stop.next); break }
                    index += 1
                }
            }
            guard let (length, divider, next) = found else { break }
            let wordEnd = cursor + length + (divider ? 1 : 0)
            words.append(Array(scalars[cursor..<wordEnd]))
            ranges.append(cursor..<wordEnd)
            endsSentence.append(divider || (length > 0 && sentence.contains(scalars[wordEnd - 1])))
            cursor = next
        }
        if words.isEmpty {
            words = [[]]
            ranges = [0..<0]
            endsSentence = [false]
        }
        self.words = words
        self.ranges = ranges
        self.endsSentence = endsSentence
    }

    public var wordCount: Int { words.count }

    /// The words as strings, for tests and `grader try`.
    public var wordStrings: [String] { words.map { String(String.UnicodeScalarView($0)) } }
}
