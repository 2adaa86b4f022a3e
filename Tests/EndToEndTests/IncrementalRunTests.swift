import Foundation
import GraderModeration
import Testing

/// `grader grade` into a folder that already holds reports grades only the candidates whose
/// submission or rubric changed, and what it writes is byte for byte what a run from scratch
/// writes.
@Suite("incremental runs, end to end")
struct IncrementalRunTests {
    let rubric = GraderProcess.fixture("rubric.xml")

    /// A copy of the fixture cohort (files, a candidate folder) that a test may edit.
    func editableCohort() throws -> Scratch {
        let copy = try Scratch()
        for name in try FileManager.default.contentsOfDirectory(atPath: GraderProcess.fixture("cohort")) {
            try FileManager.default.copyItem(atPath: GraderProcess.fixture("cohort/\(name)"), toPath: copy.file(name))
        }
        return copy
    }

    func grade(_ submissions: String, into out: Scratch, rubric: String? = nil, _ extra: [String] = []) throws -> GraderProcess.Outcome {
        let run = try GraderProcess.run(["grade", submissions, "--rubric", rubric ?? self.rubric, "--out", out.path] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        return run
    }

    /// The reuse count the summary prints, 0 when it prints none.
    func reused(_ run: GraderProcess.Outcome) -> Int {
        guard let range = run.stderr.range(of: "Reused the reports of ") else { return 0 }
        return Int(run.stderr[range.upperBound...].prefix { $0.isNumber }) ?? -1
    }

    /// Every file of `incremental` equals the file of a run from scratch into a new folder.
    func expectSameAsFromScratch(_ incremental: Scratch, submissions: String, rubric: String? = nil, _ extra: [String] = [],
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let scratch = try Scratch()
        #expect(reused(try grade(submissions, into: scratch, rubric: rubric, extra)) == 0, sourceLocation: sourceLocation)
        let expected = try Scratch.contents(of: scratch.path), actual = try Scratch.contents(of: incremental.path)
        #expect(actual.keys.sorted() == expected.keys.sorted(), sourceLocation: sourceLocation)
        for (name, bytes) in expected where actual[name] != bytes {
            Issue.record("\(name) differs from a run from scratch", sourceLocation: sourceLocation)
        }
    }

    @Test func aRerunWithNothingChangedReusesEveryoneAndChangesNothing() throws {
        let out = try Scratch()
        let cohort = GraderProcess.fixture("cohort")
        #expect(reused(try grade(cohort, into: out)) == 0)
        let before = try Scratch.contents(of: out.path)
        let again = try grade(cohort, into: out, ["--jobs", "1"])
        #expect(reused(again) == 4, "\(again.stderr)")
        #expect(again.stderr.contains("Graded 4 candidates"))
        #expect(try Scratch.contents(of: out.path) == before)
    }

    @Test func anEditedSubmissionIsGradedAgainAndTheRestReused() throws {
        let cohort = try editableCohort(), out = try Scratch()
        _ = try grade(cohort.path, into: out)
        // One file candidate and one answer file of the folder candidate.
        try Data("## Q1\nTuples are immutable and hashable; lists are mutable.\n".utf8).write(to: URL(fileURLWithPath: cohort.file("dan.md")))
        let caraFile = try #require(try FileManager.default.contentsOfDirectory(atPath: cohort.file("cara")).sorted().first)
        try Data("A decorator wraps a function and returns a new one.\n".utf8).write(to: URL(fileURLWithPath: cohort.file("cara/\(caraFile)")))
        let again = try grade(cohort.path, into: out, ["--jobs", "2"])
        #expect(reused(again) == 2, "\(again.stderr)")
        try expectSameAsFromScratch(out, submissions: cohort.path)
    }

    @Test func aRubricChangeGradesEveryoneAgain() throws {
        let out = try Scratch(), edited = try Scratch()
        let cohort = GraderProcess.fixture("cohort")
        _ = try grade(cohort, into: out)
        // A one-character change of one criterion's points.
        let original = try String(contentsOfFile: rubric, encoding: .utf8)
        let range = try #require(original.range(of: "points=\"2\""))
        try original.replacingCharacters(in: range, with: "points=\"3\"").write(toFile: edited.file("rubric.xml"), atomically: true, encoding: .utf8)
        let again = try grade(cohort, into: out, rubric: edited.file("rubric.xml"))
        #expect(reused(again) == 0, "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out.file("rubric.xml"))) == Data(contentsOf: URL(fileURLWithPath: edited.file("rubric.xml"))))
        try expectSameAsFromScratch(out, submissions: cohort, rubric: edited.file("rubric.xml"))
    }

    @Test func forceGradesEveryoneAgain() throws {
        let out = try Scratch()
        let cohort = GraderProcess.fixture("cohort")
        _ = try grade(cohort, into: out)
        let before = try Scratch.contents(of: out.path)
        // A report altered by hand is not looked at when forced: it is rewritten.
        let path = out.file("candidates/ann.xml")
        let altered = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "<total score=", with: "<total  score=")
        try altered.write(toFile: path, atomically: true, encoding: .utf8)
        let forced = try grade(cohort, into: out, ["--force"])
        #expect(reused(forced) == 0, "\(forced.stderr)")
        #expect(!forced.stderr.contains("Reused"))
        #expect(try Scratch.contents(of: out.path) == before)
    }

    @Test func aMissingPageOrReportOrAnOldFormatReportIsGradedAgain() throws {
        let out = try Scratch()
        let cohort = GraderProcess.fixture("cohort")
        _ = try grade(cohort, into: out)
        try FileManager.default.removeItem(atPath: out.file("candidates/bob.html"))
        // What a run killed between a candidate's page and its XML report leaves: a page, no report.
        try FileManager.default.removeItem(atPath: out.file("candidates/cara.xml"))
        try "<!DOCTYPE html>\n<p>a page of another run</p>\n".write(toFile: out.file("candidates/cara.html"), atomically: true, encoding: .utf8)
        let path = out.file("candidates/ann.xml")
        try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "format=\"3\"", with: "format=\"1\"")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let again = try grade(cohort, into: out)
        #expect(reused(again) == 1, "\(again.stderr)")
        try expectSameAsFromScratch(out, submissions: cohort)
    }

    /// A page of the earlier layout (its style inline, before `candidate.css`) would look the same,
    /// but the folder would not be what a run from scratch writes: its candidate is graded again, once.
    @Test func aPageOfTheEarlierInlineLayoutIsGradedAgainOnce() throws {
        let out = try Scratch()
        let cohort = GraderProcess.fixture("cohort")
        _ = try grade(cohort, into: out)
        let path = out.file("candidates/bob.html")
        let stylesheet = try String(contentsOfFile: out.file("candidate.css"), encoding: .utf8)
        try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "<link rel=\"stylesheet\" href=\"../candidate.css\">\n", with: "")
            .replacingOccurrences(of: "</title>\n", with: "</title>\n<style>\n" + stylesheet + "</style>\n")
            .replacingOccurrences(of: "style-src 'self' 'unsafe-inline'", with: "style-src 'unsafe-inline'")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let again = try grade(cohort, into: out)
        #expect(reused(again) == 3, "\(again.stderr)")
        try expectSameAsFromScratch(out, submissions: cohort)
        #expect(reused(try grade(cohort, into: out)) == 4)
    }

    @Test func rowsOfAnExportAreReusedUntilTheirCellsChange() throws {
        let export = try Scratch(), out = try Scratch()
        let csv = try #require(try FileManager.default.contentsOfDirectory(atPath: GraderProcess.fixture("exports/google")).first { $0.hasSuffix(".csv") })
        let text = try String(contentsOfFile: GraderProcess.fixture("exports/google/\(csv)"), encoding: .utf8)
        try text.write(toFile: export.file(csv), atomically: true, encoding: .utf8)
        let first = try grade(export.file(csv), into: out)
        let rows = try FileManager.default.contentsOfDirectory(atPath: out.file("candidates")).filter { $0.hasSuffix(".xml") }.count
        #expect(rows > 1 && reused(first) == 0)
        #expect(reused(try grade(export.file(csv), into: out)) == rows)
        // "immutable" occurs in some answers: those rows change, the others are reused.
        try text.replacingOccurrences(of: "immutable", with: "unchangeable").write(toFile: export.file(csv), atomically: true, encoding: .utf8)
        let changed = try grade(export.file(csv), into: out)
        #expect(reused(changed) < rows, "\(changed.stderr)")
        try expectSameAsFromScratch(out, submissions: export.file(csv))
    }

    /// A decision recorded after a run reaches its candidate on the next (the candidate is graded
    /// again, the others reused), and so does its withdrawal and the file's emptying.
    @Test func aModerationDecisionRegradesOnlyItsCandidate() throws {
        let out = try Scratch(), files = try Scratch()
        let cohort = GraderProcess.fixture("cohort")
        let moderation = files.file("moderation.csv")
        _ = try grade(cohort, into: out)
        let decide = try GraderProcess.run(["moderate", "--candidate", "dan", "--question", "q1", "--score", "7",
                                            "--reason", "clear enough", "--moderator", "ada", "--reports", out.path, "--moderation", moderation])
        #expect(decide.status == 0, "\(decide.stderr)")
        let applied = try grade(cohort, into: out, ["--moderation", moderation])
        #expect(reused(applied) == 3, "\(applied.stderr)")
        #expect(try String(contentsOfFile: out.file("candidates/dan.xml"), encoding: .utf8).contains("<moderation score=\"7\""))
        try expectSameAsFromScratch(out, submissions: cohort, ["--moderation", moderation])

        // Withdrawn: the row still names dan, who is graded again, now without the decision.
        let withdraw = try GraderProcess.run(["moderate", "--candidate", "dan", "--question", "q1", "--withdraw",
                                              "--reports", out.path, "--moderation", moderation])
        #expect(withdraw.status == 0, "\(withdraw.stderr)")
        _ = try grade(cohort, into: out, ["--moderation", moderation])
        #expect(try !String(contentsOfFile: out.file("candidates/dan.xml"), encoding: .utf8).contains("<moderation"))
        try expectSameAsFromScratch(out, submissions: cohort, ["--moderation", moderation])

        // A decision again, and a stale one (made on text cara's answer no longer is): the cohort's
        // moderation section after the incremental run is a full run's.
        _ = try GraderProcess.run(["moderate", "--candidate", "dan", "--question", "q1", "--score", "7",
                                   "--reports", out.path, "--moderation", moderation])
        try ModerationFile(path: moderation).record([
            try ModerationGradeTests.decision("cara", "q2", 1, reports: out.path, answer: "cara's answer before an edit"),
        ])
        let both = try grade(cohort, into: out, ["--moderation", moderation])
        #expect(reused(both) == 2, "\(both.stderr)")
        let summary = try ReportDocuments.cohort(out.file("cohort.xml")).moderation
        #expect(summary?.moderated == 1 && summary?.stale == 1)
        try expectSameAsFromScratch(out, submissions: cohort, ["--moderation", moderation])

        // A file that no longer names dan or cara: their reports, holding a decision applied or stale, are not reused.
        let header = files.file("header-only.csv")
        try Data("candidate,question,score,reason,moderator,decided_at,answer_sha256\n".utf8).write(to: URL(fileURLWithPath: header))
        let emptied = try grade(cohort, into: out, ["--moderation", header])
        #expect(reused(emptied) == 2, "\(emptied.stderr)")
        #expect(try !String(contentsOfFile: out.file("cohort.xml"), encoding: .utf8).contains("<moderation"))
        try expectSameAsFromScratch(out, submissions: cohort, ["--moderation", header])
    }

    /// Student pages asked for after a run without them: everyone is graded again (their pages
    /// need the results); asked for again, everyone is reused and the pages stay.
    @Test func studentReportsAskedForAfterARunWithoutThemAreWritten() throws {
        let out = try Scratch()
        let cohort = GraderProcess.fixture("cohort")
        _ = try grade(cohort, into: out)
        let first = try grade(cohort, into: out, ["--student-reports"])
        #expect(reused(first) == 0, "\(first.stderr)")
        let again = try grade(cohort, into: out, ["--student-reports"])
        #expect(reused(again) == 4, "\(again.stderr)")
        try expectSameAsFromScratch(out, submissions: cohort, ["--student-reports"])
        // And dropped again: the pages go, the reports are reused.
        let without = try grade(cohort, into: out)
        #expect(reused(without) == 4, "\(without.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.file("students/dan.html")))
    }
}
