import Foundation
@testable import GraderEngine
import Testing

/// The bundled sample rubric is a rubric like any other: its own example answers
/// are its tests, and every one must get the score the author wrote beside it.
@Suite("sample rubric")
struct SampleRubricTests {
    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Rubrics/python-interview.xml").path

    @Test func loadsWithAllThirtyFiveQuestions() throws {
        let rubric = try RubricLoader.load(path: Self.path)
        #expect(rubric.questions.count == 35)
        #expect(rubric.questions.allSatisfy { $0.criteria.count >= 3 })
        #expect(rubric.questions.filter { !$0.penalties.isEmpty }.count >= 12)
    }

    @Test func everyExampleScoresAsExpected() throws {
        let rubric = try RubricLoader.load(path: Self.path)
        var checked = 0
        for question in rubric.questions {
            for example in question.examples {
                let result = try TestSupport.grade(question, in: rubric, example.text)
                let fired = result.rules.filter { $0.state == .met }.map(\.rule.id)
                #expect(result.score == example.expectedScore,
                        "\(question.id) example on line \(example.line): expected \(example.expectedScore), got \(result.score); fired \(fired)")
                checked += 1
            }
        }
        #expect(checked >= 70)
    }

    @Test func modelAnswersScoreFullMarks() throws {
        let rubric = try RubricLoader.load(path: Self.path)
        for question in rubric.questions {
            guard let model = question.modelAnswer else { continue }
            let result = try TestSupport.grade(question, in: rubric, model)
            #expect(result.score == question.points, "\(question.id): model answer scores \(result.score) of \(question.points)")
        }
    }
}
