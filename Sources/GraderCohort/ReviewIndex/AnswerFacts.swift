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
/// between threads) and remembers each word's hash and stem, since a cohort's answers repeat the
/// same words over and over.
package struct AnswerFactsMaker {
    private let normaliser = Normaliser()
    private var vocabulary = Vocabulary()
    private var wordHashes: [UInt64] = []
    private var stems: StemSets
    /// Per question (rubric order): each model-answer stem's position among them, sorted.
    private let modelStemPositions: [[String: UInt16]]

    package init(rubric: Rubric) {
        var stems = StemSets(language: rubric.language)
        modelStemPositions = rubric.questions.map { question in
            let sorted = Self.modelStems(question.modelAnswer, stems: &stems)
            return Dictionary(uniqueKeysWithValues: sorted.prefix(Int(UInt16.max)).enumerated().map { ($0.element, UInt16($0.offset)) })
        }
        self.stems = stems
    }

    /// The sorted distinct stems of a model answer: the positions `AnswerFacts.modelStems` holds.
    package static func modelStems(_ modelAnswer: String?, stems: inout StemSets) -> [String] {
        guard let modelAnswer else { return [] }
        return stems.of(modelAnswer).sorted()
    }

    /// The facts of `text`, an answer to the rubric's question at `question` (its position).
    package mutating func facts(_ text: String, question: Int) -> AnswerFacts {
        AnswerFacts(wordsKey: wordsKey(text), ranks: Self.ranks(text), modelStems: modelStems(text, question: question))
    }

    /// FNV-1a over the normalised words, each word's own FNV-1a hash mixed in with a separator.
    private mutating func wordsKey(_ text: String) -> UInt64 {
        var key: UInt64 = 0xCBF2_9CE4_8422_2325
        for token in normaliser.normalise(text, vocabulary: &vocabulary).tokens {
            let id = Int(token.word)
            while wordHashes.count <= id { wordHashes.append(Self.fnv(vocabulary.word(Vocabulary.ID(wordHashes.count)))) }
            key = (key ^ wordHashes[id]) &* 0x0000_0100_0000_01B3
            key = (key ^ 0xFF) &* 0x0000_0100_0000_01B3
        }
        return key
    }

    private static func fnv(_ word: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// The distinct ranks of every shingle of `text`, ascending.
    package static func ranks(_ text: String) -> [UInt32] {
        var ranks: [UInt32] = []
        ranks.reserveCapacity(text.utf8.count / 5)
        ShingledText.forEachShingle(text) { ranks.append(MinHashSketch.rank($0)) }
        return ranks.sortedDistinct()
    }

    private mutating func modelStems(_ text: String, question: Int) -> [UInt16] {
        guard question < modelStemPositions.count, !modelStemPositions[question].isEmpty else { return [] }
        let positions = modelStemPositions[question]
        return stems.of(text).compactMap { positions[$0] }.sorted()
    }
}

/// The distinct word stems of texts: words are runs of letters and digits, split by scalar in the
/// folded text (NFKC, so a letter and its accent are one scalar; splitting Characters, each asked
/// isLetter, cost a third of review's start-up once), each word stemmed once and its stem remembered.
package struct StemSets {
    private let stemmer: Stemmer?
    private var stemOf: [String: String] = [:]

    package init(language: String) { stemmer = try? Stemmer(language: language) }

    package mutating func of(_ text: String) -> Set<String> {
        var result = Set<String>()
        var word = String.UnicodeScalarView()
        func flush() {
            guard !word.isEmpty else { return }
            let text = String(word)
            if let known = stemOf[text] {
                result.insert(known)
            } else {
                let stem = stemmer?.stem(text) ?? text
                stemOf[text] = stem
                result.insert(stem)
            }
            word = String.UnicodeScalarView()
        }
        for scalar in Normaliser.fold(text).unicodeScalars {
            if Self.isWordScalar(scalar) { word.append(scalar) } else { flush() }
        }
        flush()
        return result
    }

    /// A letter or digit: ASCII by range, anything else by its Unicode properties.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
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
