import Foundation
import Testing

/// The shapes rubric gates `why` (and, through `chosen`, question q2) on the named matcher `colour`:
/// `grader grade` records whether it held in each report, xmllint finds the report valid against
/// report.xsd, a re-run regrades a report that lacks the outcome, and `grader review` scores its
/// flips with it.
@Suite("named matchers' outcomes in the report, end to end")
struct DefineOutcomeTests {
    static let schema = GraderProcess.packageRoot.appendingPathComponent("Sources/GraderFoundation/Resources/report.xsd").path

    static func grade(into reports: String) throws {
        let run = try GraderProcess.run(["grade", GraderProcess.fixture("shapes/submissions"), "--rubric",
                                         GraderProcess.fixture("shapes/rubric.xml"), "--out", reports, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// The `<define .../>` elements of question `question` in `report`.
    static func defines(_ report: String, question: String) throws -> [String] {
        let xml = try String(contentsOfFile: report, encoding: .utf8)
        guard let start = xml.range(of: "<question id=\"\(question)\""),
              let end = xml.range(of: "</question>", range: start.upperBound..<xml.endIndex) else { return [] }
        let body = xml[start.upperBound..<end.lowerBound]
        return body.components(separatedBy: "<define ").dropFirst().map { "<define " + $0.prefix { $0 != ">" } + ">" }
    }

    @Test func theReportRecordsWhetherTheDefineHeldAndValidates() throws {
        let scratch = try Scratch()
        let reports = scratch.file("Reports")
        try Self.grade(into: reports)
        // bob names no colour, ann red, cara amber; q1 and q3 require no named matcher.
        #expect(try Self.defines(reports + "/candidates/bob.xml", question: "q2") == [#"<define id="colour" held="false"/>"#])
        #expect(try Self.defines(reports + "/candidates/ann.xml", question: "q2") == [#"<define id="colour" held="true"/>"#])
        #expect(try Self.defines(reports + "/candidates/cara.xml", question: "q2") == [#"<define id="colour" held="true"/>"#])
        #expect(try Self.defines(reports + "/candidates/bob.xml", question: "q1").isEmpty)
        for name in ["ann", "bob", "cara"] {
            let lint = try GraderProcess.run(["--noout", "--schema", Self.schema, reports + "/candidates/\(name).xml"],
                                             program: URL(fileURLWithPath: "/usr/bin/xmllint"))
            #expect(lint.status == 0, "\(name): \(lint.stderr)")
        }
    }

    @Test func aReportWithoutTheOutcomeIsGradedAgain() throws {
        let scratch = try Scratch()
        let reports = scratch.file("Reports")
        try Self.grade(into: reports)
        let bob = reports + "/candidates/bob.xml", ann = reports + "/candidates/ann.xml"
        let written = try String(contentsOfFile: bob, encoding: .utf8)
        // As a grader before outcomes were recorded wrote it.
        let old = written.replacingOccurrences(of: #"<define id="colour" held="false"/>"#, with: "")
        #expect(old != written)
        try Data(old.utf8).write(to: URL(fileURLWithPath: bob))
        let annBefore = (try FileManager.default.attributesOfItem(atPath: ann)[.systemFileNumber] as? NSNumber)?.uint64Value
        try Self.grade(into: reports)
        #expect(try String(contentsOfFile: bob, encoding: .utf8) == written)
        // ann's report had its outcome: reused, not rewritten (a new file would be a new inode).
        #expect((try FileManager.default.attributesOfItem(atPath: ann)[.systemFileNumber] as? NSNumber)?.uint64Value == annBefore)
    }

    /// bob's q2 scores 0: no colour, so `chosen` is unmet and the question's gate fails. Had `chosen`
    /// matched, the gate opens (+1), but `why` stays gated out because `colour` did not hold: +1, not
    /// the +3 of a review that took `colour` as held.
    @Test func reviewScoresTheFlipWithTheRecordedOutcome() throws {
        let scratch = try Scratch()
        let reports = scratch.file("Reports")
        try Self.grade(into: reports)
        let run = try GraderProcess.run(["review", reports, "--export-queue", "-"], in: scratch.url)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = CSVRows.parse(run.stdout)
        let bob = try #require(rows.first { $0.count > 5 && $0[1] == "bob" && $0[2] == "q2" })
        #expect(bob[5].contains("if chosen were met, the score would change by +1 of 4"), "\(bob[5])")
    }
}
