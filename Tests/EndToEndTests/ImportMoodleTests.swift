import Foundation
import GraderEngine
import Testing

/// `grader import moodle`: a Moodle export becomes a rubric that scores as Moodle did.
@Suite struct ImportMoodleTests {
    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func theImportedRubricGradesAsMoodleWould() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rubric = folder.appendingPathComponent("rubric.xml").path
        let imported = try GraderProcess.run(["import", "moodle", GraderProcess.fixture("moodle/quiz.xml"), "--out", rubric])
        #expect(imported.status == 0)
        // What could not be carried over is named on stderr.
        #expect(imported.stderr.contains("question \"Units\" of type multichoice is not carried over"))
        #expect(imported.stderr.contains("20-word limit"))
        #expect(imported.stderr.contains("hints"))
        // It loads (schema-valid, every expression compiles) and says how scores map, in comments.
        let loaded = try RubricLoader.load(path: rubric)
        #expect(loaded.questions.map(\.id) == ["q01", "q02", "q03"])
        #expect(loaded.questions.map(\.points) == [2, 1, 4])
        let text = try String(contentsOfFile: rubric, encoding: .utf8)
        #expect(text.contains("<!-- Moodle gives a response the fraction of the FIRST answer it matches."))
        #expect(text.contains("<!-- Not carried over: question \"Units\" of type multichoice"))

        let out = folder.appendingPathComponent("reports").path
        let graded = try GraderProcess.run(["grade", GraderProcess.fixture("moodle/answers"), "--rubric", rubric, "--out", out, "--quiet"])
        #expect(graded.status == 0)
        let grades = try String(contentsOfFile: out + "/grades.csv", encoding: .utf8)
        // By hand, Moodle's first-match-wins fractions × grades:
        // full: q1 answer 1 (100% of 2), q2 answer 1 (100% of 1), q3 answer 2 (100% of 4) = 7.
        // partial: q1 answer 2 (50% of 2 = 1), q2 answer 2 (25% of 1), q3 answer 3 (50% of 4 = 2) = 3.25.
        // none: q1 only the * answer (0), q2 and q3 no answer = 0.
        #expect(grades == [
            "id,name,email,q01,q02,q03,total,max",
            "full,,,2,1,4,7,7",
            "none,,,0,0,0,0,7",
            "partial,,,1,0.25,2,3.25,7",
        ].map { $0 + "\r\n" }.joined())
    }

    @Test func aFileThatIsNotAMoodleExportIsAUsageError() throws {
        let outcome = try GraderProcess.run(["import", "moodle", GraderProcess.fixture("rubric.xml")])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("not a Moodle question export"))
    }
}
