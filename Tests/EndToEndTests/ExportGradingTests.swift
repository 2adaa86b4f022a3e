import CSV
import Foundation
import Testing

@Suite("grader grade on form and LMS exports, end to end")
struct ExportGradingTests {
    let rubric = GraderProcess.fixture("rubric.xml")

    /// Per-question scores by person (ann, bob, cara, dan), found in the id, name or email cells.
    func scores(of folder: String, extra: [String] = []) throws -> (status: Int32, byPerson: [String: [String]], stderr: String) {
        let out = try Scratch()
        let run = try GraderProcess.run(["grade", folder, "--rubric", rubric, "--out", out.path] + extra)
        let csv = try CSVReader(string: try String(contentsOfFile: out.file("grades.csv"), encoding: .utf8), hasHeaderRow: true)
        var byPerson: [String: [String]] = [:]
        while let row = csv.next() {
            let who = row[0...2].joined(separator: " ").lowercased()
            guard let person = ["ann", "bob", "cara", "dan"].first(where: { who.contains($0) }) else { continue }
            byPerson[person] = Array(row[3...6])
        }
        return (run.status, byPerson, run.stderr)
    }

    @Test(arguments: ["moodle", "google", "google-semicolon", "canvas", "msforms"])
    func exportGradesLikeTheMarkdownFiles(layout: String) throws {
        let markdown = try scores(of: GraderProcess.fixture("cohort"))
        let export = try scores(of: GraderProcess.fixture("exports/\(layout)"))
        #expect(export.status == 0, "\(export.stderr)")
        #expect(markdown.byPerson.count == 4)
        #expect(export.byPerson == markdown.byPerson)
        #expect(export.stderr.contains("note: column"))
    }

    @Test func hostileCellsStayTextInEveryReport() throws {
        let out = try Scratch()
        _ = try GraderProcess.run(["grade", GraderProcess.fixture("exports/moodle"), "--rubric", rubric, "--out", out.path])
        let grades = try String(contentsOfFile: out.file("grades.csv"), encoding: .utf8)
        #expect(grades.contains("'+dan@example.org"))
        let html = try String(contentsOfFile: out.file("candidates/dan-example.org.html"), encoding: .utf8)
        #expect(!html.contains("<script>"))
        let bob = try String(contentsOfFile: out.file("candidates/bob-example.org.html"), encoding: .utf8)
        #expect(bob.contains("=HYPERLINK(&quot;http://evil.example&quot;)"))
    }

    @Test func malformedRowIsSkippedAndTheRestGraded() throws {
        let result = try scores(of: GraderProcess.fixture("exports/malformed"))
        #expect(result.status == 1)
        #expect(result.stderr.contains("responses.csv:3: error: skipped row 3: it has 3 cells, the header has 5"))
        #expect(result.byPerson["ann"] == ["10", "6", "4", "20"])
        #expect(result.byPerson["cara"] == ["10", "4", "0", "14"])
    }

    @Test func conflictingColumnsAreRefusedUnlessMapped() throws {
        let refused = try scores(of: GraderProcess.fixture("exports/conflict"))
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("columns 2 'Response 1' and 3 'Q1' both map to q1; choose with --map COLUMN=QID"))
        let mapped = try scores(of: GraderProcess.fixture("exports/conflict"), extra: ["--map", "Q1=q3"])
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(mapped.stderr.contains("column 3 'Q1' -> q3 (--map)"))
    }

    @Test func idsStayUniqueAcrossFilesFoldersAndExports() throws {
        let folder = try Scratch()
        let cohort = GraderProcess.fixture("cohort")
        for name in try FileManager.default.contentsOfDirectory(atPath: cohort) {
            try FileManager.default.copyItem(atPath: cohort + "/" + name, toPath: folder.file(name))
        }
        try FileManager.default.copyItem(atPath: GraderProcess.fixture("exports/msforms/form.xlsx"), toPath: folder.file("form.xlsx"))
        try Data("## Q1\nreference counting\n".utf8).write(to: URL(fileURLWithPath: folder.file("1.md")))
        let out = try Scratch()
        let run = try GraderProcess.run(["grade", folder.path, "--rubric", rubric, "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let reports = try FileManager.default.contentsOfDirectory(atPath: out.file("candidates")).filter { $0.hasSuffix(".xml") }.sorted()
        #expect(reports == ["1-2.xml", "1.xml", "2.xml", "3.xml", "4.xml", "ann.xml", "bob.xml", "cara.xml", "dan.xml"])
    }
}
