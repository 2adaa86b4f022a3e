import Foundation
import GraderCohort
import GraderEngine
import GraderFoundation
import GraderModeration
import GraderWorkflows
import Testing

/// `grader cohort` after `grade --moderation`: rebuilt from the candidate reports alone (which
/// hold each decision applied and each gone stale), in place, into another folder, or merging
/// shards, it writes the cohort files `grade` wrote, moderation section included.
@Suite("grader cohort with moderation, end to end")
struct CohortModerationTests {
    let rubric = GraderProcess.fixture("rubric.xml")
    let cohort = GraderProcess.fixture("cohort")
    static let cohortFiles = ["/cohort.xml", "/index.html", "/grades.csv"]

    /// Expects every file of `expected` in `actual`, with the same bytes (and, with `all`, no other).
    func expectSame(_ actual: [String: Data], as expected: [String: Data], all: Bool = true, _ what: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
        if all { #expect(actual.keys.sorted() == expected.keys.sorted(), "\(what)", sourceLocation: sourceLocation) }
        for (name, bytes) in expected where actual[name] != bytes {
            Issue.record("\(name) differs: \(what)", sourceLocation: sourceLocation)
        }
    }

    @Test func cohortRebuiltInPlaceOrElsewhereKeepsTheModerationSection() throws {
        let scratch = try Scratch()
        let out = scratch.file("Reports"), file = scratch.file("moderation.csv")
        #expect(try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out, "-q"]).status == 0)
        try ModerationFile(path: file).record([
            try ModerationGradeTests.decision("bob", "q1", 5, reports: out),                                   // rubric 2
            try ModerationGradeTests.decision("ann", "q2", 6, reports: out),                                   // agrees
            try ModerationGradeTests.decision("dan", "q3", 2.5, reports: out),                                 // rubric 4
            try ModerationGradeTests.decision("cara", "q2", 2, reports: out, answer: "an answer cara no longer has"),  // stale
        ])
        let run = try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out, "--moderation", file])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("3 answers moderated, 1 stale"))
        let graded = try Scratch.contents(of: out)
        let summary = String(decoding: graded["/cohort.xml"] ?? Data(), as: UTF8.self)
        #expect(summary.contains("<moderation moderated=\"3\" stale=\"1\">"))
        #expect(summary.contains("<question id=\"q3\" moderated=\"1\" disagreed=\"1\" mean-difference=\"-1.5\" mean-absolute-difference=\"1.5\"/>"))
        // The stale decision is recorded as such, beside its warning, in a report valid against report.xsd.
        let cara = graded["/candidates/cara.xml"] ?? Data()
        try Schemas.report.validate(bytes: [UInt8](cara), name: "cara.xml")
        #expect(String(decoding: cara, as: UTF8.self).contains("<stale-moderation score=\"2\" moderator=\"ana\" decided-at=\"2026-12-01T23:59:07Z\""))

        for name in Self.cohortFiles { try FileManager.default.removeItem(atPath: out + name) }
        let inPlace = try GraderProcess.run(["cohort", out])
        #expect(inPlace.status == 0, "\(inPlace.stderr)")
        expectSame(try Scratch.contents(of: out), as: graded, "grader cohort in place")

        let elsewhere = scratch.file("Rebuilt")
        let rebuilt = try GraderProcess.run(["cohort", out, "--out", elsewhere, "--jobs", "1"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let copy = try Scratch.contents(of: elsewhere)
        expectSame(copy, as: graded.filter { Self.cohortFiles.contains($0.key) }, all: false, "grader cohort --out")
        expectSame(copy, as: graded, "grader cohort --out: the whole folder")
    }

    /// Two shards graded with one moderation file (each applying the decisions on its own
    /// candidates, and not calling the others' unknown) merge into what one run writes.
    @Test func moderatedShardsMergedEqualOneModeratedRun() throws {
        let scratch = try Scratch()
        let submissions = GraderProcess.packageRoot.appendingPathComponent("Submissions").path
        let sample = GraderProcess.packageRoot.appendingPathComponent("Rubrics/python-interview.xml").path
        let first = scratch.file("first"), file = scratch.file("moderation.csv")
        #expect(try GraderProcess.run(["grade", submissions, "--rubric", sample, "--out", first, "-q"]).status == 0)
        let ids = try CohortReader.reportFiles(in: first).map { Path.stem(URL(fileURLWithPath: $0).lastPathComponent) }
        let questions = try RubricLoader.load(path: sample).questions
        let shards = [try #require(Shard("1/2")), try #require(Shard("2/2"))]
        // Three decisions in each shard, one of them stale, on questions of fractional means.
        var decisions: [ModerationDecision] = []
        for shard in shards {
            for (index, id) in ids.filter(shard.contains).prefix(3).enumerated() {
                let question = questions[index % questions.count]
                decisions.append(try ModerationGradeTests.decision(id, question.id, question.points / 3, reports: first,
                                                                   answer: index == 2 ? "not the answer" : nil))
            }
        }
        #expect(decisions.count == 6)
        try ModerationFile(path: file).record(decisions)

        let options = ["--rubric", sample, "--moderation", file, "--pass", "45%"]
        let whole = scratch.file("whole")
        let single = try GraderProcess.run(["grade", submissions, "--out", whole] + options)
        #expect(single.status == 0, "\(single.stderr)")
        #expect(single.stderr.contains("4 answers moderated, 2 stale"))
        for (index, shard) in shards.enumerated() {
            let run = try GraderProcess.run(["grade", submissions, "--out", scratch.file("s\(index + 1)"), "--shard", "\(shard)",
                                             "--jobs", "\(index + 1)"] + options)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains("2 answers moderated, 1 stale"), "\(run.stderr)")
            #expect(!run.stderr.contains("naming no graded answer"), "the other shard's candidates are not unknown: \(run.stderr)")
        }
        let merged = scratch.file("merged")
        let merge = try GraderProcess.run(["cohort", scratch.file("s1"), scratch.file("s2"), "--out", merged, "--pass", "45%"])
        #expect(merge.status == 0, "\(merge.stderr)")
        let expected = try Scratch.contents(of: whole)
        #expect(String(decoding: expected["/cohort.xml"] ?? Data(), as: UTF8.self).contains("<moderation moderated=\"4\" stale=\"2\">"))
        expectSame(try Scratch.contents(of: merged), as: expected, "shards merged")
    }

    /// A moderation file that applies nothing, and no moderation file, leave no section: it
    /// appears when the reports hold a decision, which is all `grader cohort` can know.
    @Test func noDecisionInTheReportsMeansNoSection() throws {
        let scratch = try Scratch()
        let out = scratch.file("Reports"), file = scratch.file("moderation.csv")
        try ModerationFile(path: file).record([])
        let run = try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out, "--moderation", file])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("Moderation (\(file)): 0 answers moderated."))
        let graded = try Scratch.contents(of: out)
        #expect(!String(decoding: graded["/cohort.xml"] ?? Data(), as: UTF8.self).contains("<moderation"))
        #expect(!String(decoding: graded["/index.html"] ?? Data(), as: UTF8.self).contains("id=\"moderation\""))
        #expect(try GraderProcess.run(["cohort", out, "-q"]).status == 0)
        expectSame(try Scratch.contents(of: out), as: graded, "grader cohort after a moderation file that applied nothing")
    }
}
