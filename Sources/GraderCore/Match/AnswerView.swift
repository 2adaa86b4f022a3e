import PCRE2
import Snowball

/// An answer as matchers see it: the normalised text and tokens, what is derived
/// from them on first use (stems, misspelling candidates), and the worker's scratch
/// space. One per answer, on one worker.
final class AnswerView {
    let text: NormalisedText
    let worker: WorkerScratch
    private var misspellingsByWord: [Vocabulary.ID: [Vocabulary.ID]] = [:]

    init(_ text: NormalisedText, worker: WorkerScratch) {
        self.text = text
        self.worker = worker
    }

    /// The stem id of each token's base form, in token order.
    private(set) lazy var tokenStems: [Vocabulary.ID] = text.tokens.map { worker.stem($0.base) }

    /// Every distinct word id the answer holds (words, cores and dotted parts).
    private(set) lazy var distinctWords: [Vocabulary.ID] = {
        var seen = Set<Vocabulary.ID>()
        for token in text.tokens {
            seen.insert(token.word)
            if token.core != Vocabulary.none { seen.insert(token.core) }
            for part in token.parts { seen.insert(part) }
        }
        return Array(seen)
    }()

    /// The answer's words that are a misspelling of `word` within its allowance.
    func misspellings(of word: KeywordMatcher.Word) -> [Vocabulary.ID] {
        if let known = misspellingsByWord[word.id] { return known }
        let found = distinctWords.filter { $0 != word.id && worker.isMisspelling($0, of: word) }
        misspellingsByWord[word.id] = found
        return found
    }
}

/// Mutable state a worker owns and reuses for every answer: PCRE2 match data and
/// limits, a Snowball stemmer, its copy of the vocabulary, and cached verdicts.
public final class WorkerScratch {
    let patterns: MatchScratch
    private let stemmer: Stemmer
    private(set) var vocabulary: Vocabulary
    private let base: Vocabulary
    /// Misspelling verdicts per (keyword word, answer word) pair, so each pair's edit distance is computed once.
    private var misspellingVerdicts: [Int64: Bool] = [:]
    /// Scratch counts for the lexical-diversity window, indexed by word id; all zero between uses.
    var windowCounts: [Int32] = []

    /// Past this many words the worker's vocabulary starts again from the rubric's, so
    /// a cohort full of unique junk cannot grow memory without bound.
    static let vocabularyLimit = 1_000_000

    public init(rubric: Rubric, limits: MatchScratch.Limits = .init()) throws {
        patterns = MatchScratch(limits: limits)
        stemmer = try Stemmer(language: rubric.language)
        vocabulary = rubric.vocabulary
        base = rubric.vocabulary
    }

    /// Called between candidates: never while tokens of an answer are alive.
    func trimVocabulary() {
        guard vocabulary.count > Self.vocabularyLimit else { return }
        vocabulary = base
        misspellingVerdicts.removeAll()
        windowCounts = []
    }

    func normalise(_ text: String, with normaliser: Normaliser) -> NormalisedText {
        normaliser.normalise(text, vocabulary: &vocabulary)
    }

    func stem(_ id: Vocabulary.ID) -> Vocabulary.ID { vocabulary.stem(of: id, stemmer: stemmer) }

    func syllables(_ id: Vocabulary.ID) -> Int { vocabulary.syllables(of: id) }

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
