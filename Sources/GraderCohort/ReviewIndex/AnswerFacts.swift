import GraderEngine
import Snowball

/// What `grader review` needs of an answer's text to queue it: made once, when the answer is
/// digested after grading, and kept in the reports folder's review index (`ReviewIndex`), so that
/// review starts without reading, normalising, shingling or stemming a single answer again.
package struct AnswerFacts: Sendable, Equatable {
    /// A 64-bit hash of the answer's words after Grader's normalisation (case, accents,
    /// typographic quotes and dashes, spacing folded): two answers with one key are the same
    /// answer to a person. A collision between two different answers to one question has odds of
    /// about n²/2⁶⁵ (n answers), below 10⁻⁸ for a million.
    package let wordsKey: UInt64
    /// The ranks (`MinHashSketch.rank`) of all the answer's distinct 4-word shingles, ascending:
    /// the first 16 are its bottom-k sketch, all of them give the exact similarity of two answers.
    /// Unlike the cohort digest's, the prompt's and model answer's shingles are kept: two answers
    /// that copy the prompt alike are alike to a reviewer.
    package let ranks: [UInt32]
    /// The positions, ascending, of the stems of the question's model answer (sorted, see
    /// `AnswerFactsMaker.modelStems`) that the answer uses: the second opinion's coverage.
    package let modelStems: [UInt16]

    package init(wordsKey: UInt64, ranks: [UInt32], modelStems: [UInt16]) {
        self.wordsKey = wordsKey
        self.ranks = ranks
        self.modelStems = modelStems
    }
}

/// Makes `AnswerFacts`, one worker's share: it keeps a vocabulary and a stemmer (not to be shared
/// between threads), and the vocabulary remembers each word's hash and stem, since a cohort's
/// answers repeat the same words over and over. One normalisation per answer gives both the words'
/// hash and the stems (a dotted name's parts, a sigil's word: `Token.base`, as keywords see them).
package struct AnswerFactsMaker {
    private let normaliser = Normaliser()
    private var vocabulary = Vocabulary()
    private let stemmer: Stemmer?
    /// Per word id: its FNV-1a hash, filled as words are met.
    private var wordHashes: [UInt64] = []
    /// Per question (rubric order): each model-answer stem (a word id) and its position among the
    /// question's model-answer stems sorted by their text.
    private var modelStemPositions: [[Vocabulary.ID: UInt16]] = []

    package init(rubric: Rubric) {
        stemmer = try? Stemmer(language: rubric.language)
        for question in rubric.questions {
            let stems = Set(question.modelAnswer.map { stemIDs(of: $0) } ?? [])
            let sorted = stems.map { (vocabulary.word($0), $0) }.sorted { $0.0 < $1.0 }.prefix(Int(UInt16.max))
            modelStemPositions.append(Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($0.element.1, UInt16($0.offset)) }))
        }
    }

    /// How many distinct stems the model answer of the question at `question` has: the positions
    /// `AnswerFacts.modelStems` can hold are 0..<this.
    package func modelStemCount(_ question: Int) -> Int {
        question < modelStemPositions.count ? modelStemPositions[question].count : 0
    }

    /// The facts of `text`, an answer to the rubric's question at `question` (its position).
    package mutating func facts(_ text: String, question: Int) -> AnswerFacts {
        let tokens = normaliser.normalise(text, vocabulary: &vocabulary).tokens
        var key: UInt64 = 0xCBF2_9CE4_8422_2325
        var stems: [UInt16] = []
        let positions = question < modelStemPositions.count ? modelStemPositions[question] : [:]
        for token in tokens {
            key = (key ^ wordHash(token.word)) &* 0x0000_0100_0000_01B3
            key = (key ^ 0xFF) &* 0x0000_0100_0000_01B3
            guard !positions.isEmpty else { continue }
            if token.parts.isEmpty {
                if let position = positions[stem(token.base)] { stems.append(position) }
            } else {
                for part in token.parts { if let position = positions[stem(part)] { stems.append(position) } }
            }
        }
        stems.sort()
        var distinct = 0
        for index in stems.indices where index == 0 || stems[index] != stems[index - 1] {
            stems[distinct] = stems[index]
            distinct += 1
        }
        stems.removeLast(stems.count - distinct)
        return AnswerFacts(wordsKey: key, ranks: Self.ranks(text), modelStems: stems)
    }

    /// The stem ids of a text's words, as `facts` takes them.
    private mutating func stemIDs(of text: String) -> [Vocabulary.ID] {
        normaliser.normalise(text, vocabulary: &vocabulary).tokens.flatMap { token in
            token.parts.isEmpty ? [stem(token.base)] : token.parts.map { stem($0) }
        }
    }

    private mutating func stem(_ word: Vocabulary.ID) -> Vocabulary.ID {
        guard let stemmer else { return word }
        return vocabulary.stem(of: word, stemmer: stemmer)
    }

    private mutating func wordHash(_ word: Vocabulary.ID) -> UInt64 {
        let id = Int(word)
        while wordHashes.count <= id {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in vocabulary.word(Vocabulary.ID(wordHashes.count)).utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            wordHashes.append(hash)
        }
        return wordHashes[id]
    }

    /// The distinct ranks of every shingle of `text`, ascending.
    package static func ranks(_ text: String) -> [UInt32] {
        var ranks: [UInt32] = []
        ranks.reserveCapacity(text.utf8.count / 5)
        ShingledText.forEachShingle(text) { ranks.append(MinHashSketch.rank($0)) }
        return ranks.sortedDistinct()
    }
}

extension Array where Element == UInt32 {
    /// Sorted, each value once.
    package func sortedDistinct() -> [UInt32] {
        var values = sorted()
        var write = 0
        for index in values.indices where index == 0 || values[index] != values[index - 1] {
            values[write] = values[index]
            write += 1
        }
        values.removeLast(values.count - write)
        return values
    }
}
