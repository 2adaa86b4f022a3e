import Foundation
import Testing

/// Rubrics written carelessly or maliciously: entity attacks are refused before
/// anything is read or expanded, runaway patterns are stopped by PCRE2's limits and
/// reported, and schema violations name their line.
@Suite("hostile rubrics, end to end")
struct HostileRubricTests {
    let cohort = GraderProcess.fixture("cohort")

    func grade(rubric text: String) throws -> GraderProcess.Outcome {
        let folder = try Scratch(), out = try Scratch()
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder.file("rubric.xml")))
        return try GraderProcess.run(["grade", cohort, "--rubric", folder.file("rubric.xml"), "--out", out.path])
    }

    static func rubric(criterion: String, prolog: String = "", prompt: String = "p") -> String {
        """
        <?xml version="1.0"?>\(prolog)
        <rubric id="r"><question id="q1" points="10"><prompt>\(prompt)</prompt>
        <criterion id="c" points="10">\(criterion)</criterion></question></rubric>
        """
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let secret = try Scratch()
        try Data("TOP-SECRET-VALUE".utf8).write(to: URL(fileURLWithPath: secret.file("secret.txt")))
        for system in ["file://\(secret.file("secret.txt"))", "http://127.0.0.1:9/x"] {
            let run = try grade(rubric: Self.rubric(criterion: "<keyword>x</keyword>",
                                                    prolog: "\n<!DOCTYPE rubric [<!ENTITY x SYSTEM \"\(system)\">]>", prompt: "&x;"))
            #expect(run.status == 2)
            #expect(run.stderr.contains("rubric.xml:2: error: a DTD"))
            #expect(!run.stderr.contains("TOP-SECRET-VALUE"))
        }
    }

    @Test func billionLaughsIsRefusedAtOnce() throws {
        var entities = "<!ENTITY l0 \"lol\">"
        for level in 1...9 { entities += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">" }
        let started = ContinuousClock.now
        let run = try grade(rubric: Self.rubric(criterion: "<keyword>x</keyword>", prolog: "\n<!DOCTYPE rubric [\(entities)]>", prompt: "&l9;"))
        #expect(run.status == 2)
        #expect(run.stderr.contains("rubric.xml:2: error: a DTD"))
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test(arguments: [#"(a+)+$"#, #"(\w+\s?)*$"#])
    func catastrophicRegexIsReportedAsNotEvaluated(pattern: String) throws {
        let folder = try Scratch(), submissions = try Scratch(), out = try Scratch()
        try Data(Self.rubric(criterion: "<regex>\(pattern)</regex>").utf8).write(to: URL(fileURLWithPath: folder.file("rubric.xml")))
        let answer = String(repeating: "a", count: 3_000) + " " + String(repeating: "aaaa ", count: 2_000) + "!"
        try Data("## Q1\n\(answer)\n".utf8).write(to: URL(fileURLWithPath: submissions.file("long.md")))
        let started = ContinuousClock.now
        let run = try GraderProcess.run(["grade", submissions.path, "--rubric", folder.file("rubric.xml"), "--out", out.path])
        #expect(ContinuousClock.now - started < .seconds(60))
        #expect(run.status == 0)
        #expect(run.stderr.contains("criterion 'c' not evaluated: regex"))
        let report = try String(contentsOfFile: out.file("candidates/long.xml"), encoding: .utf8)
        #expect(report.contains("status=\"not-evaluated\""))
        #expect(report.contains("was not evaluated: PCRE2 match limit exceeded</not-evaluated>"))
    }

    @Test func enormousNearDistanceAndUnknownElementsAreSchemaErrors() throws {
        let near = try grade(rubric: Self.rubric(criterion: "<near within=\"100000000\"><keyword>a</keyword><keyword>b</keyword></near>"))
        #expect(near.status == 2)
        #expect(near.stderr.contains("rubric.xml:3:") && near.stderr.contains("within"))
        let unknown = try grade(rubric: Self.rubric(criterion: "<shell>rm -rf /</shell>"))
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("rubric.xml:3:") && unknown.stderr.contains("shell"))
    }
}
