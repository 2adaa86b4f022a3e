import Foundation
@testable import GraderEngine
@testable import GraderWorkflows
import Testing

/// `--suggest`'s answer-length bands: where their thresholds lie, and the learner taking one
/// when people score short answers lower, and none when length tells nothing.
@Suite("tune suggestions: answer-length bands")
struct TuneLengthTests {
    static func question(_ attributes: String = "") throws -> (Rubric, Question) {
        let xml = """
        <rubric id="len"><question id="q" points="4"\(attributes)><prompt>Explain it.</prompt>
        <criterion id="alpha" points="2"><keyword>alpha</keyword></criterion>
        </question></rubric>
        """
        let rubric = try RubricLoader.load(bytes: Array(xml.utf8), file: "len.xml")
        return (rubric, rubric.questions[0])
    }

    @Test func thresholdsAreRoundedPercentilesOfTheWordCounts() throws {
        let (_, question) = try Self.question()
        // 7, 12, …, 62 words, five answers each: the 10th percentile is 12 (→ 10), the 25th 22 (→ 20),
        // the 75th 47 (→ 45), the 90th 57 (→ 55).
        let words = (0..<60).map { 2 + 5 * (1 + $0 % 12) }
        let bands = SuggestionCandidates.lengthBands(words: words, question: question)
        #expect(bands.map(\.matcher) == ["<words max=\"9\"/>", "<words max=\"19\"/>", "<words min=\"45\"/>", "<words min=\"55\"/>"])
        #expect(bands.map(\.label) == ["under 10 words", "under 20 words", "at least 45 words", "at least 55 words"])
        #expect(bands.map(\.side) == [.penalty, .penalty, .criterion, .criterion])
        #expect(bands.allSatisfy { $0.source == .length })
        #expect(SuggestionCandidates.lengthBands(words: [], question: question).isEmpty)
    }

    @Test func noBandRepeatsWhatShortScoresZeroAlreadyDoes() throws {
        let words = (0..<60).map { 2 + 5 * (1 + $0 % 12) }
        // Answers under 20 words already score 0: "under 10" and "under 20" would only repeat it.
        let (_, zeroing) = try Self.question(" min-words=\"20\" short-scores-zero=\"yes\"")
        #expect(SuggestionCandidates.lengthBands(words: words, question: zeroing).map(\.matcher)
                == ["<words min=\"45\"/>", "<words min=\"55\"/>"])
        // Without short-scores-zero, min-words only warns: the bands stay.
        let (_, warning) = try Self.question(" min-words=\"20\"")
        #expect(SuggestionCandidates.lengthBands(words: words, question: warning).count == 4)
    }

    /// 60 answers of 7 to 62 words (the same filler sentence repeated), half of them with "alpha"
    /// (2 points), scored by people by `human(alpha, words, index)`. No phrase tells them apart
    /// but "alpha": every other phrase is in every answer.
    static func answers(human: (Bool, Int, Int) -> Double) throws -> (Question, [TuneAnswer]) {
        let (rubric, question) = try Self.question()
        let answers = try (0..<60).map { index in
            let alpha = (index / 12) % 2 == 0
            let text = (alpha ? "Alpha matters." : "It matters.") + String(repeating: " The answer goes on here.", count: 1 + index % 12)
            let result = try TestSupport.grade(question, in: rubric, text)
            return TuneAnswer(result, candidate: "c\(index)", question: 0, human: human(alpha, result.profile.words, index),
                              baseline: nil, text: text)
        }
        return (question, answers)
    }

    static func tune(_ question: Question, _ answers: [TuneAnswer]) -> QuestionTuning {
        let context = QuestionTuning.SuggestContext(limit: 3, counts: [:], usedWords: { _ in false }, language: "english")
        return QuestionTuning(question: question, answers: answers, folds: 5, step: nil, margin: 0.02, suggest: context)
    }

    @Test func theLearnerRecoversAPlantedLengthPenalty() throws {
        // People take 2 points off an answer under 20 words, whatever it says.
        let (question, answers) = try Self.answers { alpha, words, _ in (alpha ? 2 : 0) + (words >= 20 ? 2 : 0) }
        #expect(answers.map(\.words).min() == 7 && answers.map(\.words).max() == 62)
        let tuning = Self.tune(question, answers)
        let lengths = tuning.suggestions.filter { $0.source == "length" }
        #expect(lengths.map(\.matcher) == ["<words max=\"19\"/>"], "\(tuning.suggestions)")
        let penalty = try #require(lengths.first)
        #expect(penalty.kind == .penalty && penalty.label == "under 20 words")
        #expect(penalty.weight > 1 && penalty.weight <= 2.5, "\(penalty.weight)")
        // Its evidence is what it counted, not a passage.
        #expect(!penalty.examples.isEmpty && penalty.examples.allSatisfy { $0.hasSuffix(" words (at most 19)") }, "\(penalty.examples)")
        #expect(penalty.examples.first == "7 words (at most 19)")
        #expect((penalty.qwkAfter ?? 0) > (penalty.qwkBefore ?? 1))
    }

    @Test func noLengthSuggestionWhenLengthTellsNothing() throws {
        // The same scores, shuffled across answers: length (and alpha) say nothing of them.
        let (_, planted) = try Self.answers { alpha, words, _ in (alpha ? 2 : 0) + (words >= 20 ? 2 : 0) }
        for seed in UInt64(1)...5 {
            var order = Array(planted.indices)
            var random = SplitMix64(seed: seed &* 104_729)
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(random.next() % UInt64(i + 1))) }
            let (question, answers) = try Self.answers { _, _, index in planted[order[index]].human }
            let tuning = Self.tune(question, answers)
            #expect(!tuning.suggestions.contains { $0.source == "length" }, "shuffle \(seed): \(tuning.suggestions.map(\.label))")
        }
    }
}
