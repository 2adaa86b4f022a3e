import Foundation
@testable import GraderFoundation
@testable import GraderWorkflows
import PCRE2
import Testing

/// `grader check`'s core: every lint fires where it should and nowhere else,
/// errors point at the line and column, and examples run as tests.
@Suite("rubric check")
struct CheckTests {
    func check(_ name: String) -> RubricChecker.Report {
        RubricChecker.check(file: TestSupport.fixture("check/\(name)"))
    }

    /// Each lint with the line of lints.xml it must fire on (written beside the fixture's elements).
    static let expected: [(Lint, Int, String)] = [
        (.emptyMatch, 10, "q1"), (.scansEveryPosition, 10, "q1"),
        (.matchesAnything, 16, "q2"), (.matchesPrompt, 16, "q2"), (.duplicateID, 17, "q2"),
        (.pointsUnreachable, 19, "q3"), (.modelAnswerNotFull, 21, "q3"),
        (.backtracking, 23, "q3"), (.scansEveryPosition, 23, "q3"),
        (.pointsExceed, 25, "q4"), (.modelAnswerNotFull, 27, "q4"), (.nearZero, 29, "q4"),
        (.modelAnswerNotFull, 33, "q5"), (.scansEveryPosition, 35, "q5"),
        (.unusedDefine, 39, "q6"), (.levelsTable, 44, "q6"), (.bandsTable, 54, "q7"), (.lengthRule, 60, "q8"),
    ]

    @Test func everyLintFiresOnItsFixtureAndNothingElseDoes() {
        let report = check("lints.xml")
        #expect(!report.hasErrors)
        let found = report.diagnostics.map { ($0.lint, $0.line, $0.question) }
        #expect(found.count == Self.expected.count, "\(report.diagnostics.map(\.description).joined(separator: "\n"))")
        for (lint, line, question) in Self.expected {
            #expect(found.contains { $0.0 == lint && $0.1 == line && $0.2 == question }, "\(lint) on line \(line)")
        }
        #expect(report.diagnostics.allSatisfy { $0.severity == .warning && $0.column != nil })
        #expect(Set(report.diagnostics.compactMap(\.lint)) == Set(Lint.allCases))
    }

    @Test func aCleanRubricHasNoWarningsAndItsExamplesPass() {
        let report = check("clean.xml")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.description))")
        #expect(report.examples.count == 3)
        #expect(report.failedExamples.isEmpty)
    }

    /// Clean but for one real finding of the self-matching lint: q29's `connect` criterion has the
    /// keyword "connect", which its prompt ("How would you connect to ...") holds. Left in the
    /// sample on purpose: fixing it would change the sample cohort's scores.
    @Test func theSampleRubricChecksCleanlyButForItsSelfMatchingCriterion() {
        let report = RubricChecker.check(file: SampleRubricTests.path)
        #expect(report.diagnostics.map(\.lint) == [.matchesPrompt], "\(report.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(report.diagnostics.first?.question == "q29" && report.diagnostics.first?.message.contains("'connect'") == true)
        #expect(report.examples.count == 101)
        #expect(report.failedExamples.isEmpty)
    }

    @Test func aFailingExampleSaysWhatWasExpectedAndWhatFired() throws {
        let report = check("failing-example.xml")
        let failed = try #require(report.failedExamples.first)
        #expect(report.failedExamples.count == 1)
        #expect(failed.line == 7 && failed.column == 5)
        #expect(failed.expected == 4 && failed.actual == 2)
        #expect(failed.fired.map(\.id) == ["immutable"] && failed.fired.map(\.awarded) == [2])
    }

    @Test func aRegexErrorPointsAtItsColumnThroughEntities() throws {
        // Line 6 is `      <regex>\bkeys? &amp;&lt; (dict</regex>`: the pattern is 16 decoded bytes,
        // PCRE2 reports offset 16 (the end), which is column 37, the `<` of `</regex>`.
        let report = check("bad-regex.xml")
        let error = try #require(report.diagnostics.first)
        #expect(report.diagnostics.count == 1)
        #expect(error.severity == .error && error.line == 6 && error.column == 37)
        #expect(error.description.hasPrefix(TestSupport.fixture("check/bad-regex.xml") + ":6:37: error: question q1: regex does not compile"))
    }

    @Test func anErrorInsideThePatternIsPlacedOnItsCharacter() throws {
        // `&lt;&lt;a{2,1}` decodes to `<<a{2,1}`; PCRE2 stops at offset 7, the `}`.
        // In the file: `<regex>` is columns 1–7, `&lt;` 8–11 and 12–15, `a{2,1` 16–20,
        // so the `}` is column 21.
        let xml = """
        <rubric id="r"><question id="q1" points="1"><prompt>p</prompt>
        <criterion id="c" points="1">
        <regex>&lt;&lt;a{2,1}</regex></criterion></question></rubric>
        """
        let report = RubricChecker.check(bytes: Array(xml.utf8), file: "r.xml")
        let error = try #require(report.diagnostics.first)
        #expect(error.line == 3)
        #expect(error.column == 21, "\(error)")
    }

    @Test func aMultiLinePatternIsPlacedOnTheRightLine() throws {
        let xml = "<rubric id=\"r\"><question id=\"q1\" points=\"1\"><prompt>p</prompt>\n<criterion id=\"c\" points=\"1\">\n<regex flags=\"x\">ab\r\n  cd)</regex></criterion></question></rubric>"
        let report = RubricChecker.check(bytes: Array(xml.utf8), file: "r.xml")
        let error = try #require(report.diagnostics.first)
        #expect(error.line == 4 && error.column == 5, "\(error)")
    }

    @Test func schemaErrorsGetTheColumnOfTheElementTheyName() throws {
        let xml = "<rubric id=\"r\">\n  <question id=\"q1\" points=\"ten\"><prompt>p</prompt></question></rubric>"
        let report = RubricChecker.check(bytes: Array(xml.utf8), file: "r.xml")
        let error = try #require(report.diagnostics.first)
        #expect(error.line == 2 && error.column == 3, "\(error)")
    }

    @Test func anUnknownSynonymSetIsNamedInPlainWords() throws {
        let xml = "<rubric id=\"r\"><question id=\"q1\" points=\"1\"><prompt>p</prompt>\n<criterion id=\"c\" points=\"1\"> <keyword synonyms=\"colector\">gc</keyword></criterion></question></rubric>"
        let report = RubricChecker.check(bytes: Array(xml.utf8), file: "r.xml")
        let error = try #require(report.diagnostics.first)
        #expect(error.line == 2 && error.column == 31, "\(error)")
        #expect(error.message.contains("synonym set 'colector', which the rubric does not declare"))
    }

    @Test func foldersExpandToTheirRubrics() {
        let (files, problems) = RubricChecker.rubricFiles([TestSupport.fixture("check"), "/no/such/rubric.xml"])
        #expect(files.map { ($0 as NSString).lastPathComponent } == ["bad-regex.xml", "clean.xml", "failing-example.xml", "lints.xml"])
        #expect(problems.map(\.file) == ["/no/such/rubric.xml"])
    }

    @Test func theBacktrackingProbeSparesLinearPatterns() throws {
        let probe = BacktrackingProbe()
        #expect(probe.firstExplosion(try Pattern(#"\bref[- ]?counts?\b"#)) == nil)
        #expect(probe.firstExplosion(try Pattern(#"\b\w+Error\b"#)) == nil)
        #expect(probe.firstExplosion(try Pattern(#"(a+)+$"#)) != nil)
        // A required character PCRE2 checks before matching saves this one: no explosion.
        #expect(probe.firstExplosion(try Pattern(#"^(\w+\s?)*x"#)) == nil)
        #expect(probe.firstExplosion(try Pattern(#"^(\w+\s?)*$"#)) != nil)
    }
}
