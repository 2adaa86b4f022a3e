import PCRE2
import Snowball

/// Mutable state a worker owns and reuses for every answer: PCRE2 match data and
/// limits, a Snowball stemmer, its copy of the vocabulary, and cached verdicts.
public final class WorkerScratch: WordLookup {
    package let patterns: MatchScratch
    private let stemmer: Stemmer
    package private(set) var vocabulary: Vocabulary
    private let base: Vocabulary
    /// Misspelling verdicts per (keyword word, answer word) pair, so each pair's edit distance is computed once.
    private var misspellingVerdicts: [Int64: Bool] = [:]
    /// Scratch counts for the lexical-diversity window, indexed by word id; all zero between uses.
    var windowCounts: [Int32] = []
    /// Where the rubric's words occur in the answer being matched (see `AnswerView.occurrences`).
    let occurrences: TokenOccurrences
    /// Each word's FNV-1a hash by word id, filled as words are met (`WordFacts`).
    private var wordHashes: [UInt64] = []

    /// Past this many words the worker's vocabulary starts again from the rubric's, so
    /// a cohort full of unique junk cannot grow memory without bound.
    static let vocabularyLimit = 1_000_000

    /// A worker for a rubric's answers: its language's stemmer, and its vocabulary to start from
    /// (`init(rubric:limits:)` gives both).
    /// `keywordStarts`: the ids keywords' first words are looked up under (`Rubric.keywordStarts`); nil indexes every rubric word.
    init(language: String, vocabulary: Vocabulary, keywordStarts: (names: [Vocabulary.ID], stems: [Vocabulary.ID])? = nil,
         limits: MatchScratch.Limits = .init()) throws {
        patterns = MatchScratch(limits: limits)
        stemmer = try Stemmer(language: language)
        self.vocabulary = vocabulary
        base = vocabulary
        occurrences = TokenOccurrences(limit: Vocabulary.ID(vocabulary.count), names: keywordStarts?.names, stems: keywordStarts?.stems)
    }

    /// Called between candidates: never while tokens of an answer are alive.
    package func trimVocabulary() {
        guard vocabulary.count > Self.vocabularyLimit else { return }
        vocabulary = base
        misspellingVerdicts.removeAll()
        windowCounts = []
        wordHashes = []
    }

    package func normalise(_ text: String, with normaliser: Normaliser) -> NormalisedText {
        normaliser.normalise(text, vocabulary: &vocabulary)
    }

    package func stem(_ id: Vocabulary.ID) -> Vocabulary.ID { vocabulary.stem(of: id, stemmer: stemmer) }

    /// The stem id of each token's base form, in token order.
    func stems(ofBases tokens: [Token]) -> [Vocabulary.ID] { vocabulary.stems(ofBases: tokens, stemmer: stemmer) }

    func hash(_ id: Vocabulary.ID) -> UInt64 {
        while wordHashes.count <= Int(id) { wordHashes.append(WordFacts.hash(vocabulary.word(Vocabulary.ID(wordHashes.count)))) }
        return wordHashes[Int(id)]
    }

    func syllables(_ id: Vocabulary.ID) -> Int { vocabulary.syllables(of: id) }

    /// What review needs of an answer's words, from the tokens `normalise` gave.
    package func wordFacts(_ tokens: [Token], question: Question) -> WordFacts {
        var words = self
        return WordFacts.of(tokens, modelStems: question.modelStems, words: &words)
    }

    func isMisspelling(_ id: Vocabulary.ID, of word: KeywordMatcher.Word) -> Bool {
        let key = Int64(word.id) << 32 | Int64(id)
        if let known = misspellingVerdicts[key] { return known }
        var verdict = false
        if let letters = vocabulary.letters(of: id), abs(letters.count - word.scalars.count) <= word.typoAllowance {
            verdict = EditDistance.within(letters, word.scalars, limit: word.typoAllowance) != nil
        }
        misspellingVerdicts[key] = verdict
        return verdict
    }
}
