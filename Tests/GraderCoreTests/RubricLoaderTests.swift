import Foundation
@testable import GraderEngine
@testable import GraderFoundation
import Testing

@Suite("rubric loading")
struct RubricLoaderTests {
    func errors(_ xml: String) -> [Diagnostic] {
        do {
            _ = try RubricLoader.load(bytes: Array(xml.utf8), file: "bad.xml")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func schemaErrorsNameFileAndLine() {
        let found = errors("<rubric id=\"r\">\n<question id=\"q1\" points=\"ten\"><prompt>p</prompt></question></rubric>")
        #expect(found.first?.file == "bad.xml")
        #expect(found.first?.line == 2)
        #expect(found.first?.description.hasPrefix("bad.xml:2") == true)
    }

    @Test func regexCompileErrorsNameTheLineAndQuestion() {
        let found = errors("""
        <rubric id="r"><question id="q1" points="1"><prompt>p</prompt>
        <criterion id="c" points="1">
        <regex>(unclosed</regex></criterion></question></rubric>
        """)
        #expect(found.count == 1)
        #expect(found.first?.line == 3)
        #expect(found.first?.question == "q1")
        #expect(found.first?.message.contains("does not compile") == true)
    }

    @Test func unknownSynonymSetIsRejected() {
        let found = errors("""
        <rubric id="r"><question id="q1" points="1"><prompt>p</prompt>
        <criterion id="c" points="1"><keyword synonyms="nope">x</keyword></criterion></question></rubric>
        """)
        #expect(found.first?.message.contains("nope") == true)
    }

    @Test func dtdAndEntitiesAreRefused() {
        let found = errors("""
        <?xml version="1.0"?>
        <!DOCTYPE rubric [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <rubric id="r"><question id="q1" points="1"><prompt>&x;</prompt>
        <criterion id="c" points="1"><keyword>x</keyword></criterion></question></rubric>
        """)
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { !$0.message.contains("root:") })
    }

    @Test func impossibleAtLeastIsAnError() {
        let found = errors("""
        <rubric id="r"><question id="q1" points="1"><prompt>p</prompt>
        <criterion id="c" points="1"><at-least n="3"><keyword>a</keyword><keyword>b</keyword></at-least></criterion></question></rubric>
        """)
        #expect(found.first?.message.contains("can never match") == true)
    }

    @Test func directoryMapsHeadingNumbersToIDs() throws {
        let rubric = try TestSupport.rubric(questions: """
        <question id="q01" points="1"><prompt>p</prompt><criterion id="c" points="1"><keyword>a</keyword></criterion></question>
        <question id="q02" points="1"><prompt>p</prompt><criterion id="c" points="1"><keyword>a</keyword></criterion></question>
        """)
        #expect(rubric.directory.question(number: 2) == "q02")
        #expect(rubric.directory.question(label: "Q2") == "q02")
        #expect(rubric.directory.question(label: "question-1") == "q01")
        #expect(rubric.directory.question(label: "q02") == "q02")
        #expect(rubric.directory.question(number: 3) == nil)
        #expect(rubric.sha256.count == 64)
    }
}
