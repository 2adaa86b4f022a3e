/// The options of an OU pattern-match question, with OU's names and defaults, so an
/// expression copied from Moodle behaves here as it did there. OU applies them to the
/// expression (synonyms, case of letters) and to the response (how it splits into words).
public struct PMatchOptions: Sendable, Equatable {
    /// Off by default, as in OU: `Cat` does not match `cat`.
    public var ignoreCase = false
    /// Characters that end a sentence; a word ending in one cannot sit inside `_` proximity.
    /// A full stop followed by a digit is a decimal point, never a divider.
    public var sentenceDividers = ".?!"
    /// Characters between words.
    public var wordDividers = " \u{0C}\n\r\t"
    /// Characters read as spaces (OU's "convert to space").
    public var convertToSpace = ""
    /// Words kept whole even though they hold dividers.
    public var extraDictionaryWords = ["e.g.", "eg.", "etc.", "i.e.", "ie."]
    /// `word` may also be written as any of `alternatives`; `*` in `word` matches any run of characters.
    public var synonyms: [Synonym] = []

    /// One synonym entry: a word of the expression and the words that may stand for it.
    public struct Synonym: Sendable, Equatable {
        public var word: String
        public var alternatives: [String]
        public init(word: String, alternatives: [String]) {
            self.word = word
            self.alternatives = alternatives
        }
    }

    public init() {}

    /// Arrays rather than sets: a handful of dividers is scanned faster than hashed.
    var sentenceDividerSet: [Unicode.Scalar] { Array(sentenceDividers.unicodeScalars) }
    var wordDividerSet: [Unicode.Scalar] { Array((wordDividers + convertToSpace).unicodeScalars) }
}

/// Word-level options of one `match_…(…)`: OU's `c`, `m`, `m2`, `mr`, `mt`, `mx`, `mf`.
struct PMatchWordOptions: Sendable, Equatable {
    var extraCharacters = false
    package var replace = false
    var transpose = false
    var extraCharacter = false
    var fewerCharacters = false
    var misspellings = 1

    mutating func allowAllMisspellings() {
        replace = true; transpose = true; extraCharacter = true; fewerCharacters = true
    }
}

/// Phrase-level options of one `match_…(…)`: OU's `o`, `w`, `p0`–`p4`.
struct PMatchPhraseOptions: Sendable, Equatable {
    var anyOrder = false
    var extraWords = false
    var proximity = 2
}
