import Foundation
import Testing

/// `grader try --question`: a whole question of a real rubric (the shapes fixture: defines,
/// gates, levels, base and bands) graded on each line, as `grade` would grade it.
@Suite struct TryQuestionCommandTests {
    static let rubric = GraderProcess.fixture("shapes/rubric.xml")

    func tryQuestion(_ question: String, _ extra: [String] = [], input: String) throws -> GraderProcess.Outcome {
        try GraderProcess.run(["try", "--rubric", Self.rubric, "--question", question] + extra, input: input)
    }

    /// `contrast` is `near(use colour, keyword contrast)`: both ends of the near are its spans.
    @Test func aNearElementPrintsTheSpansOfBothEnds() throws {
        let outcome = try tryQuestion("q2", input: "Red: it is visible, it has contrast and follows convention.\n")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == """
        line 1: 4 of 4
          criterion chosen: +1  0-3:Red
          criterion why: +2  11-18:visible
          levels reasons: 2 of 2 reasons: 1 point
            element contrast: counted  0-3:Red  27-35:contrast
            element convention: counted  48-58:convention

        """)
        let only = try tryQuestion("q2", ["--criterion", "contrast"],
                                   input: "Amber, for contrast.\ncontrast, but no colour\n")
        #expect(only.stdout == "line 1: element contrast: counted  0-5:Amber  11-19:contrast\nline 2: element contrast: not met\n")
    }

    /// `why` requires the define `colour`; the question requires `chosen`.
    @Test func aGatedCriterionFiresWithoutCredit() throws {
        let outcome = try tryQuestion("q2", input: "It must be visible.\n")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == """
        line 1: 0 of 4 (not credited: requires chosen)
          criterion why: not credited: requires colour  11-18:visible
          levels reasons: 0 of 2 reasons: 0 points

        """)
        let only = try tryQuestion("q2", ["--criterion", "why"], input: "It must be visible.\nRed is visible\n")
        #expect(only.stdout == "line 1: criterion why: not credited: requires colour  11-18:visible\nline 2: criterion why: +2  7-14:visible\n")
    }

    @Test func aLevelsGroupPrintsItsCountAndPoints() throws {
        let outcome = try tryQuestion("q1", ["--criterion", "key"],
                                      input: "The atria, then the ventricles contract; valves stop backflow.\nthe atria\nnothing\n")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == """
        line 1: levels key: 3 of 4 key elements: 2 points
          element atria: counted  4-9:atria
          element ventricles: counted  20-30:ventricles
          element valves: counted  41-47:valves
        line 2: levels key: 1 of 4 key elements: 1 point
          element atria: counted  4-9:atria
        line 3: levels key: 0 of 4 key elements: 0 points

        """)
    }

    /// q3 starts from base 0.5 and maps raw to bands; an empty line is a missing answer.
    @Test func bandsShowTheRawScoreAndTheBandReached() throws {
        let outcome = try tryQuestion("3", input: "Heat turns water into vapour.\nWater goes away.\n\n")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == """
        line 1: 3 of 3 (raw 2.75, band from 2.75 "Complete: both ideas")
          criterion heat: +1.5  0-4:Heat
          criterion vapour: +0.75  22-28:vapour
        line 2: 0 of 3 (raw 0.5, band from 0 "No understanding")
        line 3: 0 of 3 (no answer)

        """)
    }

    @Test func aNamedMatcherCanBeTriedAlone() throws {
        let outcome = try tryQuestion("q2", ["--criterion", "colour"], input: "amber or red\nblue\n")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "line 1: define colour: matched  0-5:amber  9-12:red\nline 2: define colour: not met\n")
    }

    @Test func anUnknownQuestionListsTheRubricsQuestions() throws {
        let outcome = try tryQuestion("q9", input: "red\n")
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("no question 'q9'; its questions: q1, q2, q3"), "\(outcome.stderr)")
    }

    @Test func anUnknownCriterionListsTheQuestionsIds() throws {
        let outcome = try tryQuestion("q2", ["--criterion", "nope"], input: "red\n")
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("question q2 has no criterion, element, levels group or named matcher 'nope'; "
                                        + "its ids: chosen, why, reasons, contrast, convention, colour"), "\(outcome.stderr)")
    }

    @Test func aQuestionReadsAFileAndItsRubricMustLoad() throws {
        let scratch = try Scratch()
        try "Heat\n".write(toFile: scratch.file("answers.txt"), atomically: true, encoding: .utf8)
        let fromFile = try GraderProcess.run(["try", "--rubric", Self.rubric, "--question", "q3", "--criterion", "heat",
                                              scratch.file("answers.txt")])
        #expect(fromFile.stdout == "line 1: criterion heat: +1.5  0-4:Heat\n", "\(fromFile.stderr)")
        let missing = try GraderProcess.run(["try", "--rubric", scratch.file("none.xml"), "--question", "q1"], input: "x\n")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("none.xml"), "\(missing.stderr)")
    }

    /// A pattern that hits PCRE2's limit is neither met nor refused: said so, and the run exits 1.
    @Test func anUndecidedRuleIsReportedAndExitsOne() throws {
        let scratch = try Scratch()
        try """
        <rubric id="r"><question id="q1" points="1"><prompt>Say a.</prompt>
        <criterion id="c" points="1"><regex>(a+)+$</regex></criterion></question></rubric>
        """.write(toFile: scratch.file("rubric.xml"), atomically: true, encoding: .utf8)
        let answer = String(repeating: "a", count: 3_000) + " " + String(repeating: "aaaa ", count: 2_000) + "!"
        let outcome = try GraderProcess.run(["try", "--rubric", scratch.file("rubric.xml"), "--question", "q1"], input: answer + "\n")
        #expect(outcome.status == 1)
        #expect(outcome.stdout.hasPrefix("line 1: 0 of 1\n  criterion c: not evaluated: regex /(a+)+$/ was not evaluated: "),
                "\(outcome.stdout)")
    }

    @Test func questionOptionsDoNotMixWithMatcherOptions() throws {
        #expect(try GraderProcess.run(["try", "--rubric", Self.rubric, "--question", "q1", "--keyword", "x"]).status == 2)
        #expect(try GraderProcess.run(["try", "--rubric", Self.rubric, "--keyword", "x"]).status == 2)
        #expect(try GraderProcess.run(["try", "--criterion", "x", "--keyword", "x"]).status == 2)
    }

    @Test func helpShowsAQuestionExample() throws {
        let help = try GraderProcess.run(["try", "--help"])
        #expect(help.stdout.contains("Example: grader try --rubric R.xml --question q2 --criterion why answers.txt"))
        #expect(help.stdout.contains("--question <question>"))
    }
}
