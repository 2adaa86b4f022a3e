import Foundation
import Testing

@Suite("grader check, end to end")
struct CheckCommandTests {
    func fixture(_ name: String) -> String { GraderProcess.fixture("check/\(name)") }

    @Test func aCleanRubricExitsZeroListingEveryExample() throws {
        let run = try GraderProcess.run(["check", fixture("clean.xml")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.contains("PASS q1 \(fixture("clean.xml")):12:5 \"penalty\": 2 of 4"))
        #expect(run.stdout.contains("clean.xml: 3 of 3 examples pass; 0 warnings"))
    }

    @Test func warningsAloneExitZeroUnlessStrict() throws {
        let run = try GraderProcess.run(["check", fixture("lints.xml")])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        // Each finding in order on one stream, the summary that counts them last.
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.filter { $0.contains(": warning: ") }.count == 18)
        #expect(lines.firstIndex { $0.contains("lints.xml:29:62: warning: question q4: near within=\"0\"") } ?? .max
                < lines.firstIndex { $0.contains("lints.xml:33:5: warning: question q5") } ?? -1)
        #expect(lines.contains { $0.contains("lints.xml:16:5: warning: question q2: criterion 'anything' fires on the question's own prompt") })
        #expect(lines.contains { $0.contains("lints.xml:60:36: warning: question q8: <words max=\"9\"> never holds on an answer that is scored") })
        #expect(lines.last?.hasSuffix("lints.xml: 0 of 0 examples pass; 18 warnings") == true, "\(run.stdout)")
        #expect(try GraderProcess.run(["check", "--strict", fixture("lints.xml")]).status == 1)
    }

    @Test func aFailingExampleExitsOneAndSaysWhatFired() throws {
        let run = try GraderProcess.run(["check", fixture("failing-example.xml")])
        #expect(run.status == 1)
        #expect(run.stdout.contains("FAIL q1 \(fixture("failing-example.xml")):7:5: expected 4, got 2; fired immutable +2"))
        #expect(run.stdout.contains("1 of 2 examples passes, 1 FAIL"))
        let quiet = try GraderProcess.run(["check", "--failures-only", fixture("failing-example.xml")])
        #expect(!quiet.stdout.contains("PASS"))
    }

    @Test func aRubricErrorExitsTwoWithLineAndColumn() throws {
        let run = try GraderProcess.run(["check", fixture("bad-regex.xml"), fixture("failing-example.xml")])
        #expect(run.status == 2)
        #expect(run.stdout.contains("\(fixture("bad-regex.xml")):6:37: error: question q1: regex does not compile: missing closing parenthesis"))
        // The other rubric is still checked.
        #expect(run.stdout.contains("FAIL q1"))
        #expect(try GraderProcess.run(["check", "/no/such/folder"]).status == 2)
    }

    @Test func theSampleRubricIsCheckedByDefault() throws {
        let run = try GraderProcess.run(["check"], in: GraderProcess.packageRoot)
        #expect(run.status == 0, "\(run.stderr)")
        // Its one warning is a real self-match (q29's "connect" is in its prompt), kept so the sample's scores stay as they are.
        #expect(run.stdout.contains("question q29: criterion 'connect' fires on the question's own prompt"), "\(run.stdout)")
        #expect(run.stdout.components(separatedBy: "warning:").count == 2, "\(run.stdout)")
        #expect(run.stdout.contains("Rubrics/python-interview.xml: 101 of 101 examples pass; 1 warning"))
    }
}
