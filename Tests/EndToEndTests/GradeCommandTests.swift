import CSV
import Foundation
import GraderFoundation
import Testing

@Suite("grader grade, end to end")
struct GradeCommandTests {
    let rubric = GraderProcess.fixture("rubric.xml")
    let cohort = GraderProcess.fixture("cohort")

    @Test func gradesEveryCandidateWithValidReports() throws {
        let out = try Scratch()
        let run = try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out.path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.file("candidates")).sorted()
        #expect(files == ["ann.html", "ann.xml", "bob.html", "bob.xml", "cara.html", "cara.xml", "dan.html", "dan.xml"])
        for file in files where file.hasSuffix(".xml") {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out.file("candidates/\(file)"))))
            try Schemas.report.validate(bytes: bytes, name: file)
        }
        #expect(FileManager.default.contents(atPath: out.file("report.xsd")) == Data(Schemas.reportSource))
        #expect(run.stderr.contains("Graded 4 candidates"))
    }

    @Test func scoresAndGradebookMatchTheRubric() throws {
        let out = try Scratch()
        _ = try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out.path])
        let csv = try CSVReader(string: try String(contentsOfFile: out.file("grades.csv"), encoding: .utf8), hasHeaderRow: true)
        #expect(csv.headerRow == ["id", "name", "email", "q1", "q2", "q3", "total", "max"])
        var rows: [String: [String]] = [:]
        while let row = csv.next() { rows[row[0]] = row }
        // ann: full marks; bob: refcount by typo (4) - free() (2) = 2, tuples-mutable floors q2 at 0;
        // cara: folder layout, ref-count + count..0 + collector cycles = 10, q2 = 4; dan: only q3.
        #expect(rows["ann"] == ["ann", "Ann Example", "ann@example.org", "10", "6", "4", "20", "20"])
        #expect(rows["bob"] == ["bob", "Bob, Jr.", "", "2", "0", "0", "2", "20"])
        #expect(rows["cara"]?[3...6] == ["10", "4", "0", "14"])
        #expect(rows["dan"]?[3...6] == ["0", "0", "4", "4"])
    }

    @Test func skipsWhatIsNotASubmissionAndExitsOne() throws {
        let out = try Scratch()
        let run = try GraderProcess.run(["grade", GraderProcess.fixture("mixed"), "--rubric", rubric, "--out", out.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("binary.txt: error: skipped: it contains NUL bytes"))
        #expect(run.stderr.contains("notes.pdf: error: skipped: '.pdf' is not a submission format"))
        #expect(run.stderr.contains("prose.txt: error: skipped: no answer headings found"))
        #expect(FileManager.default.fileExists(atPath: out.file("candidates/ann.xml")))
    }

    @Test func rubricErrorExitsTwoNamingFileAndLine() throws {
        let out = try Scratch()
        let run = try GraderProcess.run(["grade", cohort, "--rubric", GraderProcess.fixture("broken-rubric.xml"), "--out", out.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("broken-rubric.xml:38:24: error: question q2: regex does not compile"))
        #expect(!FileManager.default.fileExists(atPath: out.file("candidates")))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try GraderProcess.run(["grade", "--jobs", "0"]).status == 2)
        #expect(try GraderProcess.run(["grade", "--no-such-option"]).status == 2)
        let missing = try GraderProcess.run(["grade", "/nonexistent/folder", "--rubric", rubric, "--out", try Scratch().path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/folder: error: no such submissions folder"))
    }

    /// --pass, --shard, --map and --synonym are parsed once, into types; a value that does not
    /// parse is a usage error naming the option and what it takes.
    @Test(arguments: [(["grade", "--pass", "half"], "'half' is invalid for '--pass <MARK>'"),
                      (["grade", "--pass", "120%"], "'120%' is invalid for '--pass <MARK>'"),
                      (["grade", "--shard", "3/2"], "'3/2' is invalid for '--shard <K/N>'"),
                      (["grade", "--map", "Q1="], "'Q1=' is invalid for '--map <column=qid>'"),
                      (["cohort", "x", "--pass=-3"], "'-3' is invalid for '--pass <MARK>'"),
                      (["try", "--pmatch", "match(a)", "--synonym", "=b"], "'=b' is invalid for '--synonym <word=alt|alt>'")])
    func anOptionValueThatDoesNotParseIsAUsageError(arguments: [String], message: String) throws {
        let run = try GraderProcess.run(arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func aPassMarkInPointsAndAShardAreUsedAsGiven() throws {
        let out = try Scratch()
        let run = try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out.path, "--pass", "15", "--shard", "1/1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("At risk (below 15): "), "\(run.stderr)")
    }

    @Test func outputIsByteIdenticalWhateverTheJobCount() throws {
        let one = try Scratch(), two = try Scratch()
        #expect(try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", one.path, "--jobs", "1"]).status == 0)
        #expect(try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", two.path, "--jobs", "2"]).status == 0)
        let first = try Scratch.contents(of: one.path), second = try Scratch.contents(of: two.path)
        // 8 candidate files, grades.csv, report.xsd, index.html, cohort.xml, cohort.xsd, rubric.xml, rubric.html, review-index.bin,
        // candidate.css, digests.bin
        #expect(first.count == 18)
        #expect(first == second)
    }

    @Test func hostileAnswerIsEscapedInHTML() throws {
        let out = try Scratch()
        _ = try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out.path])
        let html = try String(contentsOfFile: out.file("candidates/dan.html"), encoding: .utf8)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(html.contains("Content-Security-Policy"))
    }

    @Test func leftoverTemporaryFilesAndStaleReportsAreRemoved() throws {
        let out = try Scratch()
        try FileManager.default.createDirectory(atPath: out.file("candidates"), withIntermediateDirectories: true)
        try Data("half".utf8).write(to: URL(fileURLWithPath: out.file("candidates/.grader-tmp-99-ann.xml")))
        try Data("old".utf8).write(to: URL(fileURLWithPath: out.file("candidates/gone.xml")))
        #expect(try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out.path]).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.file("candidates"))
        #expect(!names.contains { $0.hasPrefix(".grader-tmp-") })
        #expect(!names.contains("gone.xml"))
    }

    @Test func neverModifiesTheSubmissionsOrTheRubric() throws {
        let before = try Scratch.contents(of: cohort)
        let rubricBefore = FileManager.default.contents(atPath: rubric)
        _ = try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", try Scratch().path])
        #expect(try Scratch.contents(of: cohort) == before)
        #expect(FileManager.default.contents(atPath: rubric) == rubricBefore)
    }

    @Test func unwritableOutputFolderIsAClearErrorWithExitThree() throws {
        let scratch = try Scratch()
        try Data("a file, not a folder".utf8).write(to: URL(fileURLWithPath: scratch.file("taken")))
        let run = try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", scratch.file("taken/reports")])
        #expect(run.status == 3)
        #expect(run.stderr.contains("taken/reports: error: cannot create the output folder"))
    }
}
