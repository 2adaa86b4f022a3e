import Foundation
import Testing

/// `scripts/saf_loop.py` (what `make validity-loop` runs) on made-up answers in SAF's layout
/// (`Fixtures/saf-loop/`: three questions, 40 answers, not SAF data) through the real binary.
@Suite("SAF loop benchmark script")
struct SAFLoopTests {
    let data = GraderProcess.fixture("saf-loop/data")
    let rubric = GraderProcess.fixture("saf-loop/rubric.xml")

    @Test func captureOnlyPrintsTheCaptureTableAndRunsNoLoop() throws {
        let work = try Scratch()
        let run = try Self.script(["--grader", GraderProcess.executable.path, "--data", data, "--rubric", rubric,
                                   "--work", work.path, "--jobs", "1", "--seeds", "5", "--capture-only"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").filter { $0.hasPrefix("first ") }
        #expect(rows.map { $0.split(separator: " ").prefix(2).joined(separator: " ") } == ["first 10%", "first 20%"])
        #expect(!run.stdout.contains("The loop"))
        #expect(!FileManager.default.fileExists(atPath: work.file("queue")) && !FileManager.default.fileExists(atPath: work.file("random")))
    }

    @Test func printsTheQueueCaptureAndOneRowPerRoundWithFiguresInRange() throws {
        let work = try Scratch()
        let run = try Self.script(["--grader", GraderProcess.executable.path, "--data", data, "--rubric", rubric,
                                   "--work", work.path, "--jobs", "1", "--seeds", "5"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("SAF training: 40 answers to 3 questions;") == true)
        let cells = lines.map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }

        // The capture table: the first 10 % and 20 % of the queue, then the random mean.
        let capture = cells.filter { $0.first == "first" }
        #expect(capture.map { $0.prefix(2).joined(separator: " ") } == ["first 10%", "first 20%"])
        for row in capture {
            #expect(row.count == 4)
            for cell in row.suffix(2) { #expect(Self.percent(cell).map { (0...100).contains($0) } == true, "\(row)") }
        }

        // The loop table: 0 % (the raw grades), then rounds of 5 % up to 20 %.
        let rounds = cells.filter { $0.count == 7 && ["0%", "5%", "10%", "15%", "20%"].contains($0[0]) }
        #expect(rounds.map { $0[0] } == ["0%", "5%", "10%", "15%", "20%"])
        for row in rounds {
            for cell in row[1...4] {
                let value = try #require(Double(cell), "\(row)")
                #expect((-1...1).contains(value), "\(row)")
            }
            for cell in row[5...6] { #expect(Self.percent(cell).map { (0...100).contains($0) } == true, "\(row)") }
        }
        // Wrong scores found only grow as more answers are reviewed.
        let found = rounds.compactMap { Self.percent($0[5]) }
        #expect(found == found.sorted())

        // The per-question table names each question with its answers.
        #expect(cells.contains { $0.first == "1.1_SKY" && $0.count == 7 && $0[1] == "14" })
        #expect(cells.contains { $0.first == "3.1_ICE" && $0.count == 7 && $0[1] == "12" })

        // Reviewed answers' final grades are the people's: the moderation file's rows are the
        // dataset's scores, and the reports graded with it carry exactly those scores.
        for loop in ["queue", "random"] {
            let moderation = try String(contentsOfFile: work.file("\(loop)/moderation.csv"), encoding: .utf8)
            let decisions = moderation.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
            #expect(decisions.count == 8)   // 20 % of 40
            let human = try Self.humanScores(work.file("training/human-grades.csv"))
            for decision in decisions {
                #expect(Double(decision[2]) == human[decision[0]], "\(decision)")
                let report = try String(contentsOfFile: work.file("\(loop)/reports/candidates/\(decision[0]).xml"), encoding: .utf8)
                #expect(report.contains("<moderation score=\"\(decision[2])\""), "\(decision[0])")
            }
        }
    }

    @Test func questionsLimitsTheLoopAndAnUnknownQuestionIsAnError() throws {
        let work = try Scratch()
        let run = try Self.script(["--grader", GraderProcess.executable.path, "--data", data, "--rubric", rubric,
                                   "--work", work.path, "--jobs", "1", "--seeds", "2", "--questions", "2.1_RAIN,3.1_ICE"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("SAF training: 26 answers to 2 questions;"))
        #expect(!run.stdout.contains("1.1_SKY"))
        let unknown = try Self.script(["--grader", GraderProcess.executable.path, "--data", data, "--rubric", rubric,
                                       "--work", work.path, "--questions", "9.9_NONE"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no question 9.9_NONE"))
    }

    static func percent(_ cell: String) -> Double? {
        cell.hasSuffix("%") ? Double(cell.dropLast()) : nil
    }

    /// {candidate: score} of the converted split's human grades (one score per row).
    static func humanScores(_ path: String) throws -> [String: Double] {
        var scores: [String: Double] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            scores[String(cells[0])] = cells.dropFirst().compactMap { Double($0) }.first
        }
        return scores
    }

    static func script(_ arguments: [String]) throws -> GraderProcess.Outcome {
        let script = GraderProcess.packageRoot.appendingPathComponent("scripts/saf_loop.py").path
        return try GraderProcess.run(["python3", script] + arguments, program: URL(fileURLWithPath: "/usr/bin/env"))
    }
}
