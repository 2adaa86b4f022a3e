import CSV
import Foundation
import Testing

/// `grader grade` (and `tune`) take single export and candidate files and several paths,
/// not only a folder: run the real binary on each and read the gradebook it wrote.
@Suite("grader grade on files and several paths, end to end")
struct SubmissionPathsTests {
    let rubric = GraderProcess.fixture("rubric.xml")

    /// The gradebook's rows as id to (id, name and email cells, per-question scores and total).
    func gradebook(_ paths: [String]) throws -> (run: GraderProcess.Outcome, rows: [String: (who: String, scores: [String])]) {
        let out = try Scratch()
        let run = try GraderProcess.run(["grade"] + paths + ["--rubric", rubric, "--out", out.path])
        guard run.status == 0 || run.status == 1 else { return (run, [:]) }
        let csv = try CSVReader(string: try String(contentsOfFile: out.file("grades.csv"), encoding: .utf8), hasHeaderRow: true)
        var rows: [String: (who: String, scores: [String])] = [:]
        while let row = csv.next() { rows[row[0]] = (row[0...2].joined(separator: " ").lowercased(), Array(row[3...])) }
        return (run, rows)
    }

    /// Scores by person (ann, bob, cara, dan), found in a row's id, name or email.
    func byPerson(_ rows: [String: (who: String, scores: [String])]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for row in rows.values {
            guard let person = ["ann", "bob", "cara", "dan"].first(where: { row.who.contains($0) }) else { continue }
            result[person] = row.scores
        }
        return result
    }

    @Test(arguments: ["exports/moodle/responses.csv", "exports/msforms/form.xlsx"])
    func aSingleExportFileIsGradedLikeTheFolderOfFiles(export: String) throws {
        let (run, rows) = try gradebook([GraderProcess.fixture(export)])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(rows.count == 4)
        let folder = byPerson(try gradebook([GraderProcess.fixture("cohort")]).rows)
        #expect(folder.count == 4)
        #expect(byPerson(rows) == folder)
    }

    @Test func aSingleMarkdownFileIsOneCandidate() throws {
        let (run, rows) = try gradebook([GraderProcess.fixture("cohort/ann.md")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Array(rows.keys) == ["ann"])
        // Counts of one read in the singular.
        #expect(run.stderr.contains("Graded 1 candidate, 3 answers "), "\(run.stderr)")
        #expect(rows["ann"]?.scores == byPerson(try gradebook([GraderProcess.fixture("cohort")]).rows)["ann"])
    }

    @Test func severalPathsAreOneCohortWithUniqueIDs() throws {
        let (run, rows) = try gradebook([GraderProcess.fixture("cohort"), GraderProcess.fixture("exports/msforms/form.xlsx"),
                                         GraderProcess.fixture("cohort/ann.md")])
        #expect(run.status == 0, "\(run.stderr)")
        // The folder's four, the export's four (ids 1 to 4) and ann.md named a second time, which gets a new id.
        #expect(rows.keys.sorted() == ["1", "2", "3", "4", "ann", "ann-2", "bob", "cara", "dan"])
        #expect(rows["ann-2"]?.scores == rows["ann"]?.scores)
        #expect(rows["1"]?.scores == rows["ann"]?.scores)
    }

    @Test func tuneTakesCandidateFilesAndAnExport() throws {
        let out = try Scratch()
        let ann = GraderProcess.fixture("cohort/ann.md"), dan = GraderProcess.fixture("cohort/dan.md")
        let run = try GraderProcess.run(["tune", ann, dan, "--rubric", rubric, "--graded", GraderProcess.fixture("tune/human-grades.csv"),
                                         "--out", out.path])
        // bob, cara and zed have grades but no submission among the paths: each named, exit 1.
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("Compared 6 answers of 2 candidates with human grades"), "\(run.stdout)")
        #expect(run.stderr.contains("warning: no submission in \(ann), \(dan) has the id 'bob'"))
        // An export's rows are candidates for tune too, under the ids grade gives them.
        let grades = out.file("export-grades.csv")
        try Data("id,q1,q2,q3\nann-example.org,9,6,4\n".utf8).write(to: URL(fileURLWithPath: grades))
        let export = try GraderProcess.run(["tune", GraderProcess.fixture("exports/moodle/responses.csv"), "--rubric", rubric,
                                            "--graded", grades, "--out", out.path])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("Compared 3 answers of 1 candidate with human grades"), "\(export.stdout)")
    }

    @Test func aPathThatDoesNotExistIsAClearErrorExitingTwo() throws {
        let (run, _) = try gradebook([GraderProcess.fixture("cohort/ann.md"), "/nonexistent/responses.csv"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("/nonexistent/responses.csv: error: no such submissions folder or file"))
    }

    @Test func anUnsupportedFileNamedDirectlyIsSkippedWithItsReason() throws {
        let folder = try Scratch()
        try Data("%PDF".utf8).write(to: URL(fileURLWithPath: folder.file("notes.pdf")))
        let (run, rows) = try gradebook([GraderProcess.fixture("cohort/dan.md"), folder.file("notes.pdf")])
        #expect(run.status == 1)
        #expect(run.stderr.contains("notes.pdf: error: skipped: '.pdf' is not a submission format"))
        #expect(Array(rows.keys) == ["dan"])
    }
}
