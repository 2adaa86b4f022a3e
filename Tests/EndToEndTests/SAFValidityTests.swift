import Foundation
import Testing

/// `scripts/saf_validity.py` (what `make validity` runs) on a made-up two-question set in SAF's
/// layout (`Fixtures/saf/`, not SAF data), through the real `grader` binary.
@Suite("SAF validity benchmark script")
struct SAFValidityTests {
    let data = GraderProcess.fixture("saf/data")
    let rubrics = GraderProcess.fixture("saf/rubrics")

    @Test func convertsEachAnswerIntoAFolderNamedByItsQuestionAndWritesTheHumanGrades() throws {
        let work = try Scratch()
        let run = try Self.script(["--convert-only", "--data", data, "--work", work.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "training: 8 answers to 2 questions\nunseen_answers: 6 answers to 2 questions\n"
                + "unseen_questions: 3 answers to 1 question\n")
        // The empty answer (the third of 1.1_AB) cannot be a submission: counted and left out.
        #expect(run.stderr.contains("training: 1 answer left out"))
        // The file name's version suffix is dropped from the id (the in-file id, 9.9, is ignored);
        // the text keeps its comma and line break.
        let answer = try String(contentsOfFile: work.file("training/submissions/1-1_AB-003/1.1_AB.txt"), encoding: .utf8)
        #expect(answer == "Blue,\nmost of the time.\n")
        let grades = try String(contentsOfFile: work.file("training/human-grades.csv"), encoding: .utf8)
        #expect(grades == """
            id,1.1_AB,2.1_CD
            1-1_AB-001,1,
            1-1_AB-002,0,
            1-1_AB-003,1,
            1-1_AB-004,0,
            2-1_CD-001,,1
            2-1_CD-002,,0.5
            2-1_CD-003,,0.5
            2-1_CD-004,,0

            """)
    }

    @Test func printsTheAgreementTheGraderMeasuredAndTheSummaryLast() throws {
        let work = try Scratch()
        let run = try Self.script(["--grader", GraderProcess.executable.path, "--data", data, "--rubrics", rubrics,
                                   "--work", work.path, "--jobs", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        // The fixture rubric scores every made-up answer as its fixture score says: MAE 0, Pearson 1.
        let pooled = lines.map { $0.split(separator: " ").map(String.init) }.filter { $0.first == "pooled" }
        #expect(pooled.count == 2)
        #expect(pooled.first.map { Array($0.prefix(6)) } == ["pooled", "6", "1.00", "100%", "0.00", "1.00"])
        #expect(pooled.last.map { Array($0.prefix(6)) } == ["pooled", "3", "1.00", "100%", "0.00", "1.00"])
        #expect(lines.contains { $0.hasPrefix("2.1_CD ") })
        let summary = try #require(lines.last)
        #expect(summary.hasPrefix("validity: SAF unseen_answers pooled QWK raw 1.00 tuned 1.00 suggest "))
        #expect(summary.hasSuffix("; unseen_questions raw 1.00"))
        // The tuned rubric was written by the real grader's --write-rubric.
        #expect(FileManager.default.fileExists(atPath: work.file("tuned.xml")))
    }

    @Test func aFailedGraderStepExitsOneAndSaysWhich() throws {
        let work = try Scratch()
        let run = try Self.script(["--grader", GraderProcess.executable.path, "--data", data,
                                   "--rubrics", work.file("no-such-folder"), "--work", work.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("validity: tune training.xml on unseen_answers: grader exited 2"))
        #expect(run.stdout.isEmpty)
    }

    /// Runs the script with python3 from PATH, as `make validity` does.
    static func script(_ arguments: [String]) throws -> GraderProcess.Outcome {
        let script = GraderProcess.packageRoot.appendingPathComponent("scripts/saf_validity.py").path
        return try GraderProcess.run(["python3", script] + arguments, program: URL(fileURLWithPath: "/usr/bin/env"))
    }
}
