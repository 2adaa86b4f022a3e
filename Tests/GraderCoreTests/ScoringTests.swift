@testable import GraderEngine
import Testing

@Suite("scoring")
struct ScoringTests {
    static let question = """
    <question id="q1" points="10" floor="0" min-words="5">
      <prompt>Lists and tuples?</prompt>
      <criterion id="mutable" points="4"><keyword>list</keyword></criterion>
      <criterion id="immutable" points="4"><keyword>tuple</keyword></criterion>
      <criterion id="hashable" points="4"><keyword>hashable</keyword></criterion>
      <penalty id="wrong" points="3"><regex>\\btuples?\\s+are\\s+mutable</regex></penalty>
    </question>
    """

    func score(_ answer: String, question: String = ScoringTests.question) throws -> QuestionResult {
        let rubric = try TestSupport.rubric(questions: question)
        return try TestSupport.grade(rubric.questions[0], in: rubric, answer)
    }

    @Test func sumsMetCriteria() throws {
        #expect(try score("a list differs from a tuple in many ways").score == 8)
    }

    @Test func penaltiesSubtract() throws {
        let result = try score("a list is like a tuple but tuples are mutable")
        #expect(result.score == 5)
        #expect(result.rules.first { $0.rule.id == "wrong" }?.awarded == -3)
    }

    @Test func clampsToThePoints() throws {
        #expect(try score("a list, a tuple, and only a tuple is hashable").score == 10)
    }

    @Test func clampsToTheFloor() throws {
        #expect(try score("well, tuples are mutable, I believe, always").score == 0)
        let negativeFloor = ScoringTests.question.replacingOccurrences(of: "floor=\"0\"", with: "floor=\"-2\"")
        #expect(try score("well, tuples are mutable, I believe, always", question: negativeFloor).score == -2)
    }

    @Test func shortAnswersWarnAndScoreZeroOnlyWhenAsked() throws {
        let warned = try score("list tuple")
        #expect(warned.score == 8)
        #expect(warned.status == .answered)
        #expect(warned.warnings.contains { $0.message.contains("under the minimum of 5") })

        let strict = ScoringTests.question.replacingOccurrences(of: "min-words=\"5\"", with: "min-words=\"5\" short-scores-zero=\"yes\"")
        let zeroed = try score("list tuple", question: strict)
        #expect(zeroed.score == 0)
        #expect(zeroed.status == .tooShort)
    }

    @Test func missingAnswerScoresZeroAndIsMarkedMissing() throws {
        let question = try TestSupport.rubric(questions: ScoringTests.question).questions[0]
        let result = QuestionGrading.grade(question, answer: nil, view: nil, profile: .empty, file: "f.md")
        #expect(result.status == .missing)
        #expect(result.score == 0)
    }

    @Test func evidenceMapsBackToTheOriginalText() throws {
        let answer = "Zoë’s “tuple” — a tuple"
        let result = try score(answer)
        let rule = try #require(result.rules.first { $0.rule.id == "immutable" })
        let bytes = Array(answer.utf8)
        #expect(rule.evidence.map { String(decoding: bytes[$0.range], as: UTF8.self) } == ["tuple", "tuple"])
    }
}
