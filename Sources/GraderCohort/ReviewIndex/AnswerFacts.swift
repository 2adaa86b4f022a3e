import GraderEngine

/// What `grader review` needs of an answer's text to queue it: made once, when the answer is
/// digested after grading, and kept in the reports folder's review index (`ReviewIndex`), so that
/// review starts without reading, normalising, shingling or stemming a single answer again.
package struct AnswerFacts: Sendable, Equatable {
    /// A 64-bit hash of the answer's words after Grader's normalisation (case, accents,
    /// typographic quotes and dashes, spacing folded): `WordFacts.wordsKey`.
    package let wordsKey: UInt64
    /// The ranks (`MinHashSketch.rank`) of all the answer's distinct 4-word shingles, ascending:
    /// the first 16 are its bottom-k sketch, all of them give the exact similarity of two answers.
    /// Unlike the cohort digest's, the prompt's and model answer's shingles are kept: two answers
    /// that copy the prompt alike are alike to a reviewer.
    package let ranks: [UInt32]
    /// The positions, ascending, of the question's model-answer stems (`ModelStems`) the answer
    /// uses: the second opinion's coverage.
    package let modelStems: [UInt16]

    package init(wordsKey: UInt64, ranks: [UInt32], modelStems: [UInt16]) {
        self.wordsKey = wordsKey
        self.ranks = ranks
        self.modelStems = modelStems
    }

    /// Grading's facts of the words (`WordFacts`) with the shingle ranks.
    package init(_ words: WordFacts, ranks: [UInt32]) {
        self.init(wordsKey: words.wordsKey, ranks: ranks, modelStems: words.modelStems)
    }

    package static let none = AnswerFacts(wordsKey: 0, ranks: [], modelStems: [])
}

/// Makes `AnswerFacts` from a text (an answer read back from its report, or a test's): the words'
/// facts as grading makes them (`WordFactsMaker`), and the shingle ranks. One per worker.
package struct AnswerFactsMaker {
    private var wordMaker: WordFactsMaker
    private let questions: [Question]

    package init(rubric: Rubric) {
        wordMaker = WordFactsMaker(rubric: rubric)
        questions = rubric.questions
    }

    /// The facts of `text`, an answer to the rubric's question at `question` (its position).
    package mutating func facts(_ text: String, question: Int) -> AnswerFacts {
        AnswerFacts(words(text, question: question), ranks: Self.ranks(text))
    }

    /// Only the words' facts of `text`.
    package mutating func words(_ text: String, question: Int) -> WordFacts {
        question < questions.count ? wordMaker.facts(text, question: questions[question]) : .none
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
