import Snowball

/// What review needs of an answer's words (see `ReviewIndex` in GraderCohort), made from the
/// tokens grading already has, so that no answer is normalised twice: a hash of the normalised
/// words (two answers with one key are the same answer to a person) and which of the model
/// answer's stems the answer uses (review's second opinion).
public struct WordFacts: Sendable, Equatable {
    /// FNV-1a over the normalised words, each word's own FNV-1a hash mixed in with a separator.
    /// A collision between two different answers to one question has odds of about n²/2⁶⁵ for n
    /// answers, below 10⁻⁸ for a million.
    public let wordsKey: UInt64
    /// Positions, ascending, among the question's model-answer stems (`ModelStems`) of those the answer uses.
    public let modelStems: [UInt16]

    public static let none = WordFacts(wordsKey: 0, modelStems: [])

    public init(wordsKey: UInt64, modelStems: [UInt16]) {
        self.wordsKey = wordsKey
        self.modelStems = modelStems
    }

    /// The facts of an answer's tokens; `words` looks them up in the vocabulary the tokens were
    /// made with (which must start from the rubric's, as every worker's does).
    static func of<Words: WordLookup>(_ tokens: [Token], modelStems: ModelStems, words: inout Words) -> WordFacts {
        var key: UInt64 = 0xCBF2_9CE4_8422_2325
        var stems: [UInt16] = []
        for token in tokens {
            key = (key ^ words.hash(token.word)) &* 0x0000_0100_0000_01B3
            key = (key ^ 0xFF) &* 0x0000_0100_0000_01B3
            guard modelStems.count > 0 else { continue }
            if token.parts.isEmpty {
                if let position = modelStems.position(of: words.stem(token.base)) { stems.append(position) }
            } else {
                for part in token.parts { if let position = modelStems.position(of: words.stem(part)) { stems.append(position) } }
            }
        }
        stems.sort()
        var distinct = 0
        for index in stems.indices where index == 0 || stems[index] != stems[index - 1] {
            stems[distinct] = stems[index]
            distinct += 1
        }
        stems.removeLast(stems.count - distinct)
        return WordFacts(wordsKey: key, modelStems: stems)
    }

    /// FNV-1a of a word's UTF-8 bytes.
    static func hash(_ word: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}

/// A vocabulary's words as `WordFacts` needs them: each word's hash and stem, remembered.
protocol WordLookup {
    mutating func hash(_ word: Vocabulary.ID) -> UInt64
    mutating func stem(_ word: Vocabulary.ID) -> Vocabulary.ID
}

/// A question's model-answer stems, found once at rubric load: each stem (a word id of the
/// rubric's vocabulary, the same in every worker's copy) and its position among them sorted by
/// their text, so that positions do not depend on the order words were met.
public struct ModelStems: Sendable {
    /// Indexed by word id (stems of the model answer are words of the rubric's vocabulary, so low
    /// ids): the stem's position plus one, 0 for a word that is not one. An array, not a
    /// dictionary: it is asked about every word of every answer.
    private let positionsByID: [UInt16]
    public let count: Int

    init(positions: [Vocabulary.ID: UInt16]) {
        var byID = [UInt16](repeating: 0, count: (positions.keys.max().map { Int($0) + 1 }) ?? 0)
        for (id, position) in positions { byID[Int(id)] = position + 1 }
        positionsByID = byID
        count = positions.count
    }

    /// The position of the stem `id` among the model answer's stems; nil when it is not one.
    @inline(__always)
    func position(of id: Vocabulary.ID) -> UInt16? {
        let index = Int(id)
        guard index >= 0, index < positionsByID.count else { return nil }
        let stored = positionsByID[index]
        return stored == 0 ? nil : stored - 1
    }

    /// The stems of `modelAnswer`, added to `vocabulary` (the rubric's, being built).
    init(_ modelAnswer: String?, vocabulary: inout Vocabulary, stemmer: Stemmer) {
        guard let modelAnswer else {
            self.init(positions: [:])
            return
        }
        var stems = Set<Vocabulary.ID>()
        for token in Normaliser().normalise(modelAnswer, vocabulary: &vocabulary).tokens {
            for word in token.parts.isEmpty ? [token.base] : token.parts { stems.insert(vocabulary.stem(of: word, stemmer: stemmer)) }
        }
        let sorted = stems.map { (vocabulary.word($0), $0) }.sorted { $0.0 < $1.0 }.prefix(Int(UInt16.max) - 1)
        self.init(positions: Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($0.element.1, UInt16($0.offset)) }))
    }
}

/// Makes `WordFacts` from a text, for an answer read back from its report (`grader cohort`, a
/// re-run's reused report) or made by a test: it normalises the text with its own copy of the
/// rubric's vocabulary, as a worker does, so it gives what grading gave.
package struct WordFactsMaker: WordLookup {
    private let normaliser = Normaliser()
    private var vocabulary: Vocabulary
    private let stemmer: Stemmer?
    private var hashes: [UInt64] = []

    package init(rubric: Rubric) {
        vocabulary = rubric.vocabulary
        stemmer = try? Stemmer(language: rubric.language)
    }

    package mutating func facts(_ text: String, question: Question) -> WordFacts {
        let tokens = normaliser.normalise(text, vocabulary: &vocabulary).tokens
        return WordFacts.of(tokens, modelStems: question.modelStems, words: &self)
    }

    mutating func stem(_ word: Vocabulary.ID) -> Vocabulary.ID {
        guard let stemmer else { return word }
        return vocabulary.stem(of: word, stemmer: stemmer)
    }

    mutating func hash(_ word: Vocabulary.ID) -> UInt64 {
        while hashes.count <= Int(word) { hashes.append(WordFacts.hash(vocabulary.word(Vocabulary.ID(hashes.count)))) }
        return hashes[Int(word)]
    }
}
