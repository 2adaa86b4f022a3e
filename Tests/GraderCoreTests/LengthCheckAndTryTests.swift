@testable import GraderEngine
@testable import GraderFoundation
@testable import GraderWorkflows
import Testing

/// How `grader check` and `grader try` speak of `<words>` and `<sentences>`: the
/// `[length-rule]` lint, and the count and range a trial prints.
@Suite("length matchers in check and try")
struct LengthCheckAndTryTests {
    func lengthWarnings(_ rubric: String) -> [Diagnostic] {
        RubricChecker.check(bytes: Array(rubric.utf8), file: "len.xml").diagnostics.filter { $0.lint == .lengthRule }
    }

    @Test func aLengthRuleThatDecidesNothingIsWarnedWithTheReason() throws {
        let warnings = lengthWarnings("""
        <rubric id="t">
          <define id="any-length"><sentences min="1"/></define>
          <question id="q1" points="2" min-words="10" short-scores-zero="yes" requires="any-length">
            <prompt>Explain.</prompt>
            <criterion id="a" points="1"><keyword>heap</keyword></criterion>
            <criterion id="b" points="1"><words min="8"/></criterion>
            <penalty id="c" points="1"><words max="9"/></penalty>
          </question>
          <question id="q2" points="1">
            <prompt>Explain.</prompt>
            <criterion id="a" points="1"><near within="4"><words min="2"/><keyword>stack</keyword></near></criterion>
            <penalty id="none" points="1"><words max="0"/></penalty>
          </question>
        </rubric>
        """)
        let lines = warnings.map { "\($0.line ?? 0) \($0.question ?? "-"): \($0.message)" }
        #expect(lines == [
            "2 -: <sentences min=\"1\"> holds on every answer that is scored (an answer that is scored has at least 1 sentence); it decides nothing",
            "6 q1: <words min=\"8\"> holds on every answer that is scored (answers under min-words=\"10\" score 0 whatever matched); it decides nothing",
            "7 q1: <words max=\"9\"> never holds on an answer that is scored (answers under min-words=\"10\" score 0 whatever matched); it decides nothing",
            "11 q2: <words> inside <near> cannot be placed: a length is about the whole answer, so the near never matches; put it beside the near, in an <all>",
            "12 q2: <words max=\"0\"> never holds on an answer that is scored (an answer that is scored has at least 1 word); it decides nothing",
        ], "\(lines.joined(separator: "\n"))")
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.column != nil && $0.description.hasSuffix("[length-rule]") })
    }

    @Test func aLengthRuleThatCanDecideIsNotWarned() {
        // Without short-scores-zero a short answer is still scored, so a penalty under min-words matters.
        #expect(lengthWarnings("""
        <rubric id="t">
          <question id="q1" points="1" min-words="10">
            <prompt>Explain.</prompt>
            <criterion id="a" points="1"><all><keyword>heap</keyword><sentences min="2"/></all></criterion>
            <penalty id="short" points="1"><words max="9"/></penalty>
          </question>
          <question id="q2" points="1" min-words="10" short-scores-zero="yes">
            <prompt>Explain.</prompt>
            <criterion id="a" points="1"><words min="11" max="60"/></criterion>
          </question>
        </rubric>
        """).isEmpty)
    }

    @Test func checkReportsABadBoundAsAnErrorBeforeAnyLint() {
        let report = RubricChecker.check(bytes: Array("""
        <rubric id="t">
          <question id="q1" points="1"><prompt>Explain.</prompt>
            <criterion id="a" points="1"><words min="20" max="10"/></criterion>
          </question>
        </rubric>
        """.utf8), file: "len.xml")
        #expect(report.hasErrors)
        #expect(report.diagnostics.map(\.description)
                == [#"len.xml:3:34: error: question q1: <words min="20" max="10"> can never hold: min is above max"#])
    }

    // MARK: - grader try

    @Test func tryingALengthRulePrintsTheCountAndTheRangeMatchedOrNot() throws {
        let words = try RuleTrial(.length(.words, min: nil, max: "14"))
        let short = try words.run("Reference counting frees objects; don't worry.")
        #expect(short.matched && short.spans.isEmpty && short.measure == "7 words (at most 14)")
        let long = try words.run(String(repeating: "word ", count: 20))
        #expect(!long.matched && long.measure == "20 words (wanted at most 14)")
        let missing = try words.run("")
        #expect(!missing.matched && missing.measure == "no answer")
        let sentences = try RuleTrial(.length(.sentences, min: "2", max: "3"))
        #expect(try sentences.run("One. Two").measure == "2 sentences (2 to 3)")
        #expect(try sentences.run("One").measure == "1 sentence (wanted 2 to 3)")
        #expect(try RuleTrial(.keyword("gc", stem: false, typos: 0)).run("the gc").measure == nil)
    }

    @Test func aBadBoundOnTheCommandLineNamesTheOptionNotAMadeUpRubric() {
        #expect(throws: InputError.self) { try RuleTrial(.length(.words, min: "9", max: "3")) }
        do {
            _ = try RuleTrial(.length(.sentences, min: nil, max: "-1"))
            Issue.record("a negative bound was accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == [#"--sentences: error: <sentences> max="-1" is not a whole number from 0 to 100000000"#])
        }
    }

    @Test func tryingAQuestionShowsWhatALengthRuleMeasured() throws {
        let rubric = try RubricLoader.load(bytes: Array("""
        <rubric id="t">
          <question id="q1" points="3">
            <prompt>Explain.</prompt>
            <define id="long-enough"><words min="5"/></define>
            <criterion id="heap" points="2"><keyword>heap</keyword></criterion>
            <criterion id="concise" points="1"><all><keyword>heap</keyword><sentences max="1"/></all></criterion>
            <penalty id="short" points="1"><words max="4"/></penalty>
          </question>
        </rubric>
        """.utf8), file: "len.xml")
        let trial = try QuestionTrial(rubric: rubric, question: "q1")
        let outcome = trial.run("The heap grows.")
        #expect(outcome.result.score == 2)
        #expect(outcome.spans[1].map(\.text) == ["heap"], "the keyword's span only")
        #expect(outcome.measures == [[], ["1 sentence (at most 1)"], ["3 words (at most 4)"]])
        let define = try #require(outcome.defines.first)
        #expect(define.state == .unmet && define.measures.isEmpty)
        let longer = trial.run("The heap grows upward here")
        #expect(longer.defines.first?.measures == ["5 words (at least 5)"])
        #expect(longer.measures[2].isEmpty, "an unmet rule measured nothing")
    }
}
