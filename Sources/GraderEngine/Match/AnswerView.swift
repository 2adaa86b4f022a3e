import PCRE2
import Snowball

/// An answer as matchers see it: the normalised text and tokens, what is derived
/// from them on first use (stems, misspelling candidates), and the worker's scratch
/// space. One per answer, on one worker.
package final class AnswerView {
    package let text: NormalisedText
    package let worker: WorkerScratch
    private var misspellingsByWord: [Vocabulary.ID: [Vocabulary.ID]] = [:]
    /// The worker's `TokenOccurrences` generation built for this answer (0: none), and whether it holds the stems.
    private var occurrencesGeneration: UInt32 = 0
    private var occurrencesHoldStems = false

    package init(_ text: NormalisedText, worker: WorkerScratch) {
        self.text = text
        self.worker = worker
    }

    /// The answer's words, counted as its profile counts them (`AnswerLength`).
    var wordCount: Int { AnswerLength.words(text) }

    /// The answer's sentences, counted as its profile counts them, on first use.
    private(set) lazy var sentenceCount: Int = AnswerLength.sentences(text)

    /// The stem id of each token's base form, in token order.
    private(set) lazy var tokenStems: [Vocabulary.ID] = worker.stems(ofBases: text.tokens)

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

    /// Where the rubric's words occur in this answer, with their stems when `stems`: built on
    /// first use, in one pass over the tokens, into the worker's reusable index.
    func occurrences(stems: Bool) -> TokenOccurrences {
        let index = worker.occurrences
        if occurrencesGeneration == 0 || occurrencesGeneration != index.generation {
            occurrencesGeneration = index.start()
            index.addNames(text.tokens)
            occurrencesHoldStems = false
        }
        if stems && !occurrencesHoldStems {
            index.addStems(tokenStems)
            occurrencesHoldStems = true
        }
        return index
    }

    /// The answer's lowercased three-byte sequences, for skipping regexes whose literals are absent; on first use.
    private(set) lazy var trigrams = Trigrams(text.text)

    /// The answer's words that are a misspelling of `word` within its allowance.
    func misspellings(of word: KeywordMatcher.Word) -> [Vocabulary.ID] {
        if let known = misspellingsByWord[word.id] { return known }
        let found = distinctWords.filter { $0 != word.id && worker.isMisspelling($0, of: word) }
        misspellingsByWord[word.id] = found
        return found
    }
}
