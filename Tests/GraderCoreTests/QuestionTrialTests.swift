import Foundation
@testable import GraderEngine
@testable import GraderWorkflows
import Testing

/// `QuestionTrial`, the engine of `grader try --question`: a real question graded on loose answers.
@Suite struct QuestionTrialTests {
    /// Rubric-wide defines and a question's own, a gate, a `near`, a levels group and a penalty.
    static let rubricText = """
    <rubric id="t">
      <define id="colour"><any><keyword>red</keyword><keyword>amber</keyword></any></define>
      <define id="unused"><keyword>blue</keyword></define>
      <question id="q1" points="1"><prompt>Anything.</prompt>
        <criterion id="any" points="1"><keyword>word</keyword></criterion>
      </question>
      <question id="q2" points="4">
        <prompt>Pick a colour.</prompt>
        <define id="tint"><keyword>green</keyword></define>
        <criterion id="chosen" points="1"><use ref="colour"/></criterion>
        <criterion id="why" points="2" requires="colour"><keyword>visible</keyword></criterion>
        <levels id="reasons" label="reasons">
          <criterion id="contrast"><near within="3"><use ref="colour"/><keyword>contrast</keyword></near></criterion>
          <criterion id="convention"><keyword>convention</keyword></criterion>
          <level min="2" points="1"/>
        </levels>
        <penalty id="vague" points="1"><keyword>maybe</keyword></penalty>
      </question>
    </rubric>
    """

    static func rubric() throws -> Rubric {
        try RubricLoader.load(bytes: Array(rubricText.utf8), file: "trial.xml")
    }

    @Test func aQuestionIsFoundByIdOrByTheNumberAHeadingWouldGive() throws {
        let rubric = try Self.rubric()
        #expect(try QuestionTrial(rubric: rubric, question: "q2").question.id == "q2")
        #expect(try QuestionTrial(rubric: rubric, question: "Q02").question.id == "q2")
        #expect(try QuestionTrial(rubric: rubric, question: "2").question.id == "q2")
        #expect(throws: QuestionTrial.Failure.unknownQuestion("q9", known: ["q1", "q2"])) {
            try QuestionTrial(rubric: rubric, question: "q9")
        }
    }

    @Test func partsAreRulesGroupsAndTheNamedMatchersTheQuestionSees() throws {
        let trial = try QuestionTrial(rubric: Self.rubric(), question: "q2")
        #expect(trial.ids == ["chosen", "why", "reasons", "contrast", "convention", "vague", "tint", "colour", "unused"])
        #expect(trial.part("why") == .rule(1))
        #expect(trial.part("convention") == .rule(3))
        #expect(trial.part("vague") == .rule(4))
        #expect(trial.part("reasons") == .group(0))
        #expect(trial.part("colour") == .define(1))
        #expect(trial.part("Why") == nil, "ids are exact")
        #expect(trial.part("nope") == nil)
        #expect(trial.question.elementIndices == [2..<4])
    }

    /// A keyword and a regex of one criterion firing on the same words give one span, not two.
    @Test func theWordsTwoMatchersOfARuleFindAreOneSpan() throws {
        let rubric = try RubricLoader.load(bytes: Array("""
            <rubric id="d"><question id="q1" points="2"><prompt>How is memory freed?</prompt>
              <criterion id="refcount" points="2"><any><keyword>reference counting</keyword><regex>reference\\s+counting</regex></any></criterion>
            </question></rubric>
            """.utf8), file: "dup.xml")
        let outcome = try QuestionTrial(rubric: rubric, question: "q1").run("Réference counting, then reference counting again.")
        #expect(outcome.spans[0].map(\.range) == [0..<18, 25..<43])
        #expect(outcome.spans[0].map(\.text) == ["Réference counting", "reference counting"])
    }

    @Test func anAnswerIsGradedAsGradingWouldWithSpansInCodePoints() throws {
        let rubric = try Self.rubric()
        let trial = try QuestionTrial(rubric: rubric, question: "q2")
        let answer = "Ça: red, high contrast, by convention; maybe visible"
        let outcome = trial.run(answer)
        let graded = try TestSupport.grade(rubric.questions[1], in: rubric, answer)
        #expect(outcome.result.score == graded.score)
        #expect(outcome.result.score == 3, "1 + 2 + 1 (two reasons) − 1 (vague)")
        #expect(outcome.result.rules.map(\.credited) == [true, true, true, true, true])
        #expect(outcome.result.levels.map(\.met) == [2])
        // "Ç" is two UTF-8 bytes and one code point: the spans count code points.
        #expect(outcome.spans[0] == [TrialSpan(range: 4..<7, text: "red")])
        #expect(outcome.spans[2] == [TrialSpan(range: 4..<7, text: "red"), TrialSpan(range: 14..<22, text: "contrast")])
        #expect(outcome.spans[4] == [TrialSpan(range: 39..<44, text: "maybe")])
        let colour = try #require(trial.part("colour").flatMap { part -> QuestionTrial.DefineOutcome? in
            if case .define(let index) = part { return outcome.defines[index] }
            return nil
        })
        #expect(colour.state == .met)
        #expect(colour.spans == [TrialSpan(range: 4..<7, text: "red")])
        #expect(outcome.defines[0].state == .unmet, "green is not in the answer")
    }

    @Test func aGatedRuleFiresWithoutCredit() throws {
        let trial = try QuestionTrial(rubric: Self.rubric(), question: "q2")
        let outcome = trial.run("it is visible")
        let why = outcome.result.rules[1]
        #expect(why.state == .met)
        #expect(why.unmetRequirements == ["colour"])
        #expect(outcome.spans[1] == [TrialSpan(range: 6..<13, text: "visible")])
        #expect(outcome.result.score == 0)
    }

    @Test func aMissingAnswerMatchesNothing() throws {
        let trial = try QuestionTrial(rubric: Self.rubric(), question: "q2")
        let outcome = trial.run("")
        #expect(outcome.result.status == .missing)
        #expect(outcome.result.rules.isEmpty && outcome.spans.isEmpty)
        #expect(outcome.defines.map(\.state) == [.unmet, .unmet, .unmet])
    }

    @Test func evidenceIsOrderedByPosition() {
        let evidence = [Evidence(range: 5..<9, via: "b"), Evidence(range: 0..<3, via: "a"), Evidence(range: 0..<2, via: "c")]
        #expect(evidence.inTextOrder().map(\.via) == ["c", "a", "b"])
    }
}
