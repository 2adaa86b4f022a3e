import CSV
import Foundation
import GraderCohort
import GraderEngine
import GraderFoundation
import GraderModeration
import Testing

/// `grade --moderation`, `grade --student-reports` and `tune` with a moderation file, on the
/// real binary: what the files say after a run.
@Suite("moderation in grade and tune, end to end")
struct ModerationGradeTests {
    let rubric = GraderProcess.fixture("rubric.xml")
    let cohort = GraderProcess.fixture("cohort")

    /// A decision on `candidate`'s answer to `question` as the reports in `reports` hold it.
    static func decision(_ candidate: String, _ question: String, _ score: Double?, reports: String, reason: String = "checked",
                         answer: String? = nil) throws -> ModerationDecision {
        let text = try answer ?? ReportedAnswer.text(reports: reports, candidate: candidate, question: question)
        return ModerationDecision(candidateID: candidate, questionID: question, score: score, reason: reason, moderator: "ana",
                                  decidedAt: "2026-12-01T23:59:07Z", answerSHA256: ModerationDecision.answerHash(text))
    }

    static func grades(_ path: String) throws -> [String: [String]] {
        let csv = try CSVReader(string: try String(contentsOfFile: path, encoding: .utf8), hasHeaderRow: true)
        var rows: [String: [String]] = [:]
        while let row = csv.next() { rows[row[0]] = row }
        return rows
    }

    @Test func decisionsAreAppliedReportedStaleOrRefused() throws {
        let scratch = try Scratch()
        let out = scratch.file("Reports"), file = scratch.file("moderation.csv")
        #expect(try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out, "-q"]).status == 0)
        try ModerationFile(path: file).record([
            try Self.decision("bob", "q1", 5, reports: out, reason: "Names <script>alert(1)</script> refcounting"),  // line 2
            try Self.decision("ann", "q2", 6, reports: out, reason: "agree"),                                         // line 3
            try Self.decision("cara", "q2", 2, reports: out, answer: "an answer cara no longer has"),                 // line 4: stale
            try Self.decision("dan", "q3", 9, reports: out),                                                          // line 5: over 4
            try Self.decision("dan", "q9", 1, reports: out, answer: ""),                                              // line 6: no such question
            try Self.decision("zed", "q1", 1, reports: out, answer: ""),                                              // line 7: no such candidate
        ])
        let run = try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out, "--moderation", file])
        #expect(run.status == 1, "an invalid decision makes the run exit 1: \(run.stderr)")
        #expect(run.stderr.contains("\(file):5: error: question q3: "))
        #expect(run.stderr.contains("score 9 is outside 0–4; not applied"))
        #expect(run.stderr.contains("\(file):6: warning: a decision on question 'q9'"))
        #expect(run.stderr.contains("\(file):7: warning: a decision on candidate 'zed'"))
        #expect(run.stderr.contains("2 answers moderated, 1 stale"))

        let rows = try Self.grades(Path.join(out, "grades.csv"))
        #expect(rows["bob"]?[3...6] == ["5", "0", "0", "5"], "bob's q1 is the moderator's 5, not the rubric's 2")
        #expect(rows["ann"]?[3...6] == ["10", "6", "4", "20"])
        #expect(rows["cara"]?[3...6] == ["10", "4", "0", "14"], "the stale decision is not applied")
        #expect(rows["dan"]?[3...6] == ["0", "0", "4", "4"], "the invalid decision is not applied")

        for name in ["ann", "bob", "cara", "dan"] {
            try Schemas.report.validate(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(out)/candidates/\(name).xml"))), name: name)
        }
        let bob = try String(contentsOfFile: "\(out)/candidates/bob.xml", encoding: .utf8)
        #expect(bob.contains("<total score=\"5\" max=\"20\"/>"))
        #expect(bob.contains("<moderation score=\"5\" auto-score=\"2\" reason=\"Names &lt;script&gt;alert(1)&lt;/script&gt; refcounting\" moderator=\"ana\""))
        let bobPage = try String(contentsOfFile: "\(out)/candidates/bob.html", encoding: .utf8)
        #expect(bobPage.contains("<strong>Moderated: 5</strong> (automatic score 2) by ana — Names &lt;script&gt;"))
        #expect(!bobPage.contains("<script>"))
        let cara = try String(contentsOfFile: "\(out)/candidates/cara.xml", encoding: .utf8)
        #expect(cara.contains("line=\"4\" question=\"q2\">the decision of ana at 2026-12-01T23:59:07Z on candidate cara is stale"))
        #expect(!cara.contains("<moderation"))

        let cohortXML = try Data(contentsOf: URL(fileURLWithPath: Path.join(out, "cohort.xml")))
        try Schemas.cohort.validate(bytes: [UInt8](cohortXML), name: "cohort.xml")
        let moderation = try #require(try ReportDocuments.cohort(bytes: [UInt8](cohortXML)).moderation)
        #expect(moderation.moderated == 2 && moderation.stale == 1)
        #expect(moderation.questions.map(ReportDocuments.line) == ["q1 1 1 3 3", "q2 1 0 0 0", "q3 0 0 - -"])
        let index = try String(contentsOfFile: Path.join(out, "index.html"), encoding: .utf8)
        #expect(index.contains("<section id=\"moderation\">"))
        #expect(index.contains("<tr><td>q1</td><td>1</td><td>1</td><td>3</td><td>3</td></tr>"))
    }

    @Test func withdrawnDecisionRestoresTheRubricsScore() throws {
        let scratch = try Scratch()
        let out = scratch.file("Reports"), file = scratch.file("moderation.csv")
        #expect(try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out, "-q"]).status == 0)
        try ModerationFile(path: file).record([try Self.decision("bob", "q1", 5, reports: out)])
        #expect(try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out, "--moderation", file, "-q"]).status == 0)
        #expect(try Self.grades(Path.join(out, "grades.csv"))["bob"]?[3] == "5")
        try ModerationFile(path: file).record([try Self.decision("bob", "q1", nil, reports: out)])
        #expect(try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out, "--moderation", file, "-q"]).status == 0)
        #expect(try Self.grades(Path.join(out, "grades.csv"))["bob"]?[3] == "2")
        #expect(!(try String(contentsOfFile: "\(out)/candidates/bob.xml", encoding: .utf8)).contains("<moderation"))
    }

    @Test func defaultFileIsUsedWhenPresentAndANamedOneMustExist() throws {
        let scratch = try Scratch()
        let out = scratch.file("Reports")
        // No moderation file: nothing of moderation anywhere.
        #expect(try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out, "-q"], in: scratch.url).status == 0)
        // (report.xsd and cohort.xsd describe the elements; no report holds one, and no page changes style.)
        let plain = try Scratch.contents(of: out).filter { !$0.key.hasSuffix(".xsd") }
        for marker in ["<moderation", "moderation\"", "Moderat", ".moderation"] {
            #expect(!plain.values.contains { String(decoding: $0, as: UTF8.self).contains(marker) }, "\(marker)")
        }
        #expect(!FileManager.default.fileExists(atPath: Path.join(out, "students")))

        let missing = try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out, "--moderation", "nope.csv"], in: scratch.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.csv: error: no such moderation file"))

        try ModerationFile(path: scratch.file("moderation.csv")).record([try Self.decision("bob", "q1", 7, reports: out)])
        let run = try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out], in: scratch.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("Moderation (moderation.csv): 1 answer moderated."))
        #expect(try Self.grades(Path.join(out, "grades.csv"))["bob"]?[3] == "7")

        try ModerationFile(path: Path.join(out, "moderation.csv")).record([])
        let inside = try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out, "--moderation", Path.join(out, "moderation.csv")])
        #expect(inside.status == 2)
        #expect(inside.stderr.contains("must not be inside the reports folder"))

        try Data("candidate,question,score\r\n".utf8).write(to: URL(fileURLWithPath: scratch.file("bad.csv")))
        let bad = try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out, "--moderation", scratch.file("bad.csv")])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.csv:1: error: the header must be"))
    }

    @Test func moderatedRunIsTheSameWhateverTheJobs() throws {
        let scratch = try Scratch()
        let submissions = GraderProcess.sampleSubmissions, sample = GraderProcess.sampleRubric
        let first = scratch.file("first")
        #expect(try GraderProcess.run(["grade", submissions, "--rubric", sample, "--out", first, "-q"]).status == 0)
        let ids = try CohortReader.reportFiles(in: first).prefix(12).map { Path.stem(URL(fileURLWithPath: $0).lastPathComponent) }
        let question = try RubricLoader.load(path: sample).questions[0]
        let file = scratch.file("moderation.csv")
        try ModerationFile(path: file).record(try ids.enumerated().map { index, id in
            try Self.decision(id, question.id, Double(index % 3) * question.points / 3, reports: first)
        })
        var outputs: [[String: Data]] = []
        for jobs in ["1", "2"] {
            let out = scratch.file("jobs\(jobs)")
            let run = try GraderProcess.run(["grade", submissions, "--rubric", sample, "--out", out, "--jobs", jobs, "-q",
                                             "--moderation", file, "--student-reports"])
            #expect(run.status == 0, "\(run.stderr)")
            outputs.append(try Scratch.contents(of: out))
        }
        #expect(outputs[0] == outputs[1])
        #expect(try ReportDocuments.cohort(bytes: [UInt8](outputs[0]["/cohort.xml"] ?? Data())).moderation?.moderated == 12)
    }

    @Test func studentReportShowsTheCandidateTheirWorkAndNothingElse() throws {
        let scratch = try Scratch()
        let submissions = scratch.file("Submissions"), out = scratch.file("Reports")
        try FileManager.default.createDirectory(atPath: submissions, withIntermediateDirectories: true)
        let payload = "<script>alert('x')</script><img src=x onerror=alert(1)> reference counting frees it when the count hits zero; call free() <b>now</b>"
        try Data("## Q1\n\(payload)\n## Q2\nA list is mutable, a tuple is immutable and hashable.\n".utf8)
            .write(to: URL(fileURLWithPath: Path.join(submissions, "mallory.md")))
        try Data("## Q1\nThe cycle detector collector finds reference cycles.\n".utf8)
            .write(to: URL(fileURLWithPath: Path.join(submissions, "victor.md")))
        #expect(try GraderProcess.run(["grade", submissions, "--rubric", rubric, "--out", out, "-q"]).status == 0)
        let file = scratch.file("moderation.csv")
        try ModerationFile(path: file).record([try Self.decision("mallory", "q2", 5, reports: out, reason: "Nearly: <i>say why</i> & \"how\"")])
        let run = try GraderProcess.run(["grade", submissions, "--rubric", rubric, "--out", out, "--moderation", file, "--student-reports"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: Path.join(out, "students")).sorted() == ["mallory.html", "victor.html"])
        let page = try String(contentsOfFile: Path.join(out, "students/mallory.html"), encoding: .utf8)

        // The candidate's markup is text, and the page can run nothing.
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!page.contains("<script") && !page.contains("<img") && !page.contains("<b>") && !page.contains("<i>"))
        #expect(page.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        #expect(page.contains("@media print"))
        // What earned credit is marked; the moderator's comment and score are there.
        #expect(page.contains("<mark>reference counting</mark>"))
        #expect(page.contains("Reviewed by a moderator</strong>: Nearly: &lt;i&gt;say why&lt;/i&gt; &amp; &quot;how&quot;"))
        #expect(page.contains("<tr><td>q2</td><td>5 / 6 (moderated)</td></tr>"))
        #expect(page.contains("<li class=\"met\">Reference counting frees an object when its count drops to zero. (4 points)</li>"))
        #expect(page.contains("A cyclic collector finds reference cycles."), "missed criteria's feedback is shown")

        // No matcher internals, patterns or penalty rules; no other candidate.
        let loaded = try RubricLoader.load(path: rubric)
        for question in loaded.questions {
            for rule in question.rules {
                #expect(!page.contains(rule.summary), "matcher of \(rule.id) shown")
                if rule.kind == .penalty { #expect(!page.contains(rule.feedback), "penalty \(rule.id) shown") }
                #expect(!page.contains("title=\"\(rule.id)"))
            }
        }
        for pattern in ["\\bref[- ]?counts?\\b", "\\b(?:free|malloc)", "regex", "keyword", "manual-free", "class=\"via\"", "class=\"matcher\"", "←"] {
            #expect(!page.contains(pattern), "\(pattern) in the student report")
        }
        #expect(!page.contains("victor"))
        #expect(!page.contains("ana"), "the moderator is not named to the candidate")
        #expect(page.contains("Points deducted: 2"))

        // Without --student-reports the next run removes them: they would show old scores.
        #expect(try GraderProcess.run(["grade", submissions, "--rubric", rubric, "--out", out, "--moderation", file, "-q"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: Path.join(out, "students")).isEmpty)
    }

    @Test func tuneLearnsFromTheModerationFile() throws {
        let scratch = try Scratch()
        let reports = scratch.file("Reports"), file = scratch.file("moderation.csv")
        let csv = GraderProcess.fixture("tune/human-grades.csv")
        #expect(try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", reports, "-q"]).status == 0)
        // The CSV gives ann q1 9; the moderator's 10 overrides it. cara's decision is stale and skipped.
        try ModerationFile(path: file).record([
            try Self.decision("ann", "q1", 10, reports: reports),
            try Self.decision("bob", "q1", 2, reports: reports),
            try Self.decision("cara", "q1", 1, reports: reports, answer: "not cara's answer"),
        ])
        let combined = try GraderProcess.run(["tune", cohort, "--rubric", rubric, "--graded", csv, "--moderation", file, "--out", scratch.file("t1")])
        #expect(combined.status == 1, "zed of the CSV has no submission: \(combined.stderr)")
        #expect(combined.stderr.contains("\(file):4: note: question q1: the decision on candidate cara is stale"))
        #expect(combined.stderr.contains("Moderation (\(file)): 2 answers graded by a moderator, 1 stale decisions skipped."))
        let tune = try ReportDocuments.tune(scratch.file("t1/tune.xml"))
        // q1: rubric 10, 2, 10, 0 against people 10 (moderated), 2 (moderated), 10, 0: all exact now (the CSV alone: 0.5).
        let q1 = try #require(tune.questions.first { $0.id == "q1" }?.current)
        #expect(q1.count == 4 && q1.exact == 1 && q1.adjacent == 1 && q1.meanAbsoluteError == 0)
        #expect(tune.header.gradesFile == "\(csv) + \(file)")

        let alone = try GraderProcess.run(["tune", cohort, "--rubric", rubric, "--moderation", file, "--out", scratch.file("t2")])
        #expect(alone.status == 0, "\(alone.stderr)")
        // cara's stale decision is her only grade: she is graded, but compared on no answer.
        #expect(alone.stdout.contains("Compared 2 answers of 3 candidates with human grades"))

        let none = try GraderProcess.run(["tune", cohort, "--rubric", rubric, "--out", scratch.file("t3")], in: scratch.url.appendingPathComponent("Reports"))
        #expect(none.status == 2)
        #expect(none.stderr.contains("tune needs human grades"))
    }
}
