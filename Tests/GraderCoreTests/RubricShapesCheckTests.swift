import Foundation
@testable import GraderEngine
@testable import GraderFoundation
@testable import GraderWorkflows
import Testing

/// What the loader refuses in the new shapes (placed at file:line:column), and what
/// `grader check` warns about them.
@Suite("rubric shapes: load errors and lints")
struct RubricShapesCheckTests {
    /// The diagnostics of loading `<rubric id="t">BODY</rubric>`, each line of BODY on its own line from line 2.
    func loadErrors(_ body: String) -> [Diagnostic] {
        do {
            _ = try RubricLoader.load(bytes: Array("<rubric id=\"t\">\n\(body)\n</rubric>".utf8), file: "shapes.xml")
            return []
        } catch {
            return error.diagnostics
        }
    }

    func lints(_ body: String) throws -> [Diagnostic] {
        let bytes = Array("<rubric id=\"t\">\n\(body)\n</rubric>".utf8)
        return RubricLinter.lint(try RubricLoader.load(bytes: bytes, file: "shapes.xml"), bytes: bytes)
    }

    func question(_ rules: String, attributes: String = "") -> String {
        """
        <question id="q1" points="4"\(attributes)><prompt>Explain the water cycle.</prompt>
        \(rules)
        </question>
        """
    }

    @Test func aCycleOfRequirementsIsAnErrorNamingIt() throws {
        let found = loadErrors(question("""
        <criterion id="a" points="1" requires="b"><keyword>one</keyword></criterion>
        <criterion id="b" points="1" requires="a"><keyword>two</keyword></criterion>
        """))
        let error = try #require(found.first)
        #expect(found.count == 1)
        #expect(error.message.contains("requirements form a cycle: a → b → a"))
        #expect(error.file == "shapes.xml" && error.line == 3 && error.column == 1 && error.question == "q1")
    }

    @Test func anElementRequiringItsOwnGroupIsACycle() {
        let found = loadErrors(question("""
        <levels id="g"><criterion id="e" requires="g"><keyword>one</keyword></criterion><level min="1" points="1"/></levels>
        """))
        #expect(found.count == 1 && found[0].message.contains("cycle: e → g → e"), "\(found)")
    }

    @Test func unknownAmbiguousAndPenaltyRequirementsAreErrors() throws {
        let found = loadErrors("""
        <define id="both"><keyword>x</keyword></define>
        \(question("""
        <criterion id="a" points="1" requires="nope"><keyword>one</keyword></criterion>
        <criterion id="both" points="1"><keyword>two</keyword></criterion>
        <criterion id="c" points="1" requires="both"><keyword>three</keyword></criterion>
        <penalty id="p" points="1"><keyword>four</keyword></penalty>
        """, attributes: " requires=\"p\""))
        """)
        #expect(found.count == 3, "\(found)")
        #expect(found.contains { $0.line == 4 && $0.message.contains("requires 'nope', which is no criterion, levels group or named matcher") })
        #expect(found.contains { $0.line == 6 && $0.message.contains("requires 'both', which names 2 things here (criterion, named matcher)") })
        #expect(found.contains { $0.line == 3 && $0.message.contains("requires 'p', a penalty") })
        #expect(found.allSatisfy { $0.column != nil })
    }

    @Test func aDefineThatUsesItselfIsAnError() {
        let direct = loadErrors("""
        <define id="a"><any><keyword>x</keyword><use ref="a"/></any></define>
        \(question("<criterion id=\"c\" points=\"4\"><use ref=\"a\"/></criterion>"))
        """)
        #expect(direct.count == 1 && direct[0].message.contains("define 'a' uses itself (a → a)"), "\(direct)")
        #expect(direct.first?.line == 2 && direct.first?.column == 41)
        let indirect = loadErrors(question("""
        <define id="a"><use ref="b"/></define>
        <define id="b"><all><keyword>x</keyword><use ref="a"/></all></define>
        <criterion id="c" points="4"><use ref="a"/></criterion>
        """))
        #expect(indirect.count == 1 && indirect[0].message.contains("define 'a' uses itself (a → b → a)"), "\(indirect)")
        #expect(indirect.first?.line == 4)
    }

    @Test func unknownRefsAndDefinesWrittenTwiceAreErrors() {
        let found = loadErrors("""
        <define id="wide"><use ref="local"/></define>
        <define id="dup"><keyword>x</keyword></define>
        \(question("""
        <define id="local"><keyword>y</keyword></define>
        <define id="dup"><keyword>z</keyword></define>
        <criterion id="c" points="4"><near within="2"><use ref="missing"/><keyword>w</keyword></near></criterion>
        """))
        """)
        #expect(found.count == 3, "\(found)")
        #expect(found.contains { $0.line == 2 && $0.message.contains("use ref=\"local\" names no rubric-wide named matcher") })
        #expect(found.contains { $0.line == 6 && $0.message.contains("define 'dup' is already defined on line 3") })
        #expect(found.contains { $0.line == 7 && $0.message.contains("use ref=\"missing\" names no named matcher") })
    }

    @Test func anElementHasNoPointsOfItsOwn() {
        let found = loadErrors(question("""
        <levels id="g"><criterion id="e" points="2"><keyword>one</keyword></criterion><level min="1" points="1"/></levels>
        """))
        #expect(found.count == 1 && found[0].message.contains("points"), "\(found)")
    }

    // MARK: Lints

    @Test func levelsTablesThatCannotMeanWhatTheySayAreWarned() throws {
        let found = try lints(question("""
        <levels id="g">
          <criterion id="a"><keyword>one</keyword></criterion>
          <criterion id="b"><keyword>two</keyword></criterion>
          <level min="1" points="2"/>
          <level min="1" points="3"/>
          <level min="2" points="1"/>
          <level min="3" points="5"/>
        </levels>
        """, attributes: " clamp=\"yes\""))
        let tables = found.filter { $0.lint == .levelsTable }
        #expect(tables.map(\.line) == [7, 8, 9, 9], "\(found)")
        #expect(tables[0].message.contains("min=\"1\" does not follow min=\"1\""))
        #expect(tables[1].message.contains("2 elements give 1 points, fewer than 1 give (3)"))
        #expect(tables[2].message.contains("worth 5 points is more than the question's 4"))
        #expect(tables[3].message.contains("min=\"3\" can never be reached: the group has only 2 elements"))
    }

    @Test func bandsOutOfOrderDecreasingOrOutOfRangeAreWarned() throws {
        let found = try lints(question("""
        <criterion id="a" points="4"><keyword>one</keyword></criterion>
        <bands>
          <band from="1" points="2"/>
          <band from="1" points="3"/>
          <band from="2" points="1"/>
          <band from="3" points="5"/>
        </bands>
        """, attributes: " floor=\"0\""))
        let bands = found.filter { $0.lint == .bandsTable }
        #expect(bands.map(\.line) == [6, 7, 8], "\(found)")
        #expect(bands[0].message.contains("from=\"1\" does not follow from=\"1\""))
        #expect(bands[1].message.contains("gives 1 points, fewer than the band below it (3)"))
        #expect(bands[2].message.contains("outside the question's range [0, 4]"))
    }

    @Test func theCriteriaAddUpCountingEachGroupAtItsHighestLevelAndNotWithBands() throws {
        let group = """
        <criterion id="a" points="1"><keyword>one</keyword></criterion>
        <levels id="g"><criterion id="e"><keyword>two</keyword></criterion><level min="1" points="3"/></levels>
        """
        #expect(try lints(question(group)).filter { $0.lint == .pointsUnreachable || $0.lint == .pointsExceed }.isEmpty)
        let short = try lints(question(group.replacingOccurrences(of: "points=\"3\"", with: "points=\"2\"")))
        #expect(short.contains { $0.lint == .pointsUnreachable && $0.message.contains("levels groups' highest levels add up to 3") })
        let withBase = try lints(question(group, attributes: " base=\"1\""))
        #expect(withBase.contains { $0.lint == .pointsExceed && $0.message.contains("add up to 5") })
        let banded = try lints(question(group + "<bands><band from=\"0\" points=\"0\"/><band from=\"1\" points=\"4\"/></bands>", attributes: " base=\"1\""))
        #expect(banded.filter { $0.lint == .pointsUnreachable || $0.lint == .pointsExceed }.isEmpty, "\(banded)")
    }

    @Test func anUnusedDefineIsWarnedAndOneUsedOnlyAsAGateIsNot() throws {
        let found = try lints("""
        <define id="spare"><keyword>unused</keyword></define>
        <define id="gate"><keyword>rain</keyword></define>
        \(question("""
        <define id="local"><keyword>cloud</keyword></define>
        <criterion id="a" points="4" requires="gate"><keyword>evaporation</keyword></criterion>
        """))
        """)
        let unused = found.filter { $0.lint == .unusedDefine }
        #expect(unused.map(\.line) == [2, 5], "\(found)")
        #expect(unused[0].question == nil && unused[1].question == "q1")
    }

    // MARK: Self-matching

    static let invasive = """
    <question id="q1" points="2"><prompt>Why are invasive species a problem?</prompt>
    <criterion id="invasion" points="1"><keyword stem="yes">invasion</keyword></criterion>
    <criterion id="predators" points="1"><keyword>predators</keyword></criterion>
    </question>
    """

    @Test func aCriterionThatFiresOnItsOwnPromptIsWarnedInAOneQuestionRubric() throws {
        let found = try lints(Self.invasive)
        let prompt = found.filter { $0.lint == .matchesPrompt }
        #expect(prompt.count == 1, "\(found)")
        #expect(prompt.first?.line == 3 && prompt.first?.column == 1 && prompt.first?.question == "q1")
        #expect(prompt.first?.message.contains("criterion 'invasion' fires on the question's own prompt: \"invasive\"") == true)
    }

    @Test func theSelfMatchingLintIsSilentWhenNothingMatchesThePrompt() throws {
        let found = try lints(Self.invasive.replacingOccurrences(of: "<keyword stem=\"yes\">invasion</keyword>", with: "<keyword>competition</keyword>"))
        #expect(found.filter { $0.lint == .matchesPrompt }.isEmpty, "\(found)")
        // Without stemming "invasion" is not "invasive".
        let unstemmed = try lints(Self.invasive.replacingOccurrences(of: " stem=\"yes\"", with: ""))
        #expect(unstemmed.filter { $0.lint == .matchesPrompt }.isEmpty, "\(unstemmed)")
    }

    @Test func elementsPenaltiesAndDefinesThatFireOnThePromptAreWarned() throws {
        let found = try lints("""
        <define id="species"><keyword stem="yes">specie</keyword></define>
        <question id="q1" points="2"><prompt>Why are invasive species a problem?</prompt>
        <define id="problem"><keyword>problem</keyword></define>
        <criterion id="c" points="1" requires="species problem"><keyword>predators</keyword></criterion>
        <levels id="g"><criterion id="e"><keyword>why</keyword></criterion><level min="1" points="1"/></levels>
        <penalty id="p" points="1"><keyword>invasive</keyword></penalty>
        </question>
        """)
        let prompt = found.filter { $0.lint == .matchesPrompt }
        #expect(prompt.map(\.line) == [2, 4, 6, 7], "\(found)")
        #expect(prompt[0].message.contains("define 'species'") && prompt[1].message.contains("define 'problem'"))
        #expect(prompt[2].message.contains("element 'e' of levels 'g'") && prompt[3].message.contains("penalty 'p'"))
    }
}
