import Foundation
import GraderEngine
import GraderFoundation
import GraderModeration
import Testing

/// The moderation file under real processes (`grader moderate`): a writer killed with SIGKILL
/// at any moment leaves the old rows and at most one more (a torn one is ignored, then cut off), and
/// concurrent writers lose no row.
@Suite("moderation file writers, end to end")
struct ModerationWriterTests {
    /// A reports folder holding one candidate report with an answer to `q1`, enough for `grader moderate`.
    static func reports(in scratch: Scratch, candidates: [String]) throws -> String {
        let folder = scratch.file("Reports/candidates")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for id in candidates {
            try Data("<report><question id=\"q1\" max=\"4\"><answer>A tuple of \(id) is immutable.</answer></question></report>".utf8)
                .write(to: URL(fileURLWithPath: "\(folder)/\(id).xml"))
        }
        return scratch.file("Reports")
    }

    static func moderate(_ candidate: String, score: Int, reports: String, file: String) -> [String] {
        ["moderate", "--candidate", candidate, "--question", "q1", "--score", String(score), "--reason", "checked",
         "--moderator", "ana", "--reports", reports, "--moderation", file]
    }

    @Test func recordsTheHashOfTheReportedAnswer() throws {
        let scratch = try Scratch()
        let reports = try Self.reports(in: scratch, candidates: ["c1"])
        let file = scratch.file("moderation.csv")
        let run = try GraderProcess.run(Self.moderate("c1", score: 2, reports: reports, file: file))
        #expect(run.status == 0, "\(run.stderr)")
        let log = try ModerationFile(path: file).read()
        #expect(log.current(candidate: "c1", question: "q1")?.score == 2)
        #expect(log.decisions.first?.answerSHA256 == ModerationDecision.answerHash("A tuple of c1 is immutable."))
        let missing = try GraderProcess.run(Self.moderate("nobody", score: 2, reports: reports, file: file))
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no report for candidate 'nobody'"))
        let tooMany = try GraderProcess.run(Self.moderate("c1", score: 5, reports: reports, file: file))
        #expect(tooMany.status == 2)
        #expect(tooMany.stderr.contains("--score 5 is more than question q1's 4 points"))
        #expect(try ModerationFile(path: file).read().decisions.count == 1)
        let inside = try GraderProcess.run(Self.moderate("c1", score: 2, reports: reports, file: reports + "/moderation.csv"))
        #expect(inside.status == 2)
        #expect(inside.stderr.contains("must not be inside the reports folder"))
    }

    /// A writer appends its row with one write and one flush: killed at any moment, it leaves the old
    /// bytes followed by nothing, the whole new row, or a torn part of it (no line end), which readers
    /// ignore and the next writer cuts off.
    @Test func writerKilledMidWriteLeavesTheOldRowsAndAtMostOneMore() throws {
        let scratch = try Scratch()
        let reports = try Self.reports(in: scratch, candidates: ["c1"])
        let path = scratch.file("moderation.csv")
        // A large file: an append must not depend on its length (the writer used to copy it whole).
        let hash = ModerationDecision.answerHash("x")
        let rows = (0..<30_000).map { index in
            ModerationDecision(candidateID: "p\(index)", questionID: "q1", score: 1, reason: "seeded row \(index)",
                               moderator: "seed", decidedAt: "2026-12-01T00:00:00Z", answerSHA256: hash)
        }
        try ModerationFile(path: path).record(rows)
        var old = try Data(contentsOf: URL(fileURLWithPath: path))
        var outcomes: Set<String> = []
        var count = rows.count
        for attempt in 0..<12 {
            let process = Process()
            process.executableURL = GraderProcess.executable
            process.arguments = Self.moderate("c1", score: attempt % 3, reports: reports, file: path)
            process.standardError = FileHandle.nullDevice
            try process.run()
            // From before the write to after it, as the machine's load allows.
            usleep(useconds_t(2_000 + attempt * 20_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(now.prefix(old.count) == old, "attempt \(attempt): the old rows changed")
            if now == old {
                outcomes.insert("old")
                continue
            }
            let log = try ModerationFile(path: path).read()
            if now.last == 0x0A {
                // Exactly one more row, whole.
                #expect(log.decisions.count == count + 1)
                #expect(log.decisions.last?.candidateID == "c1")
                #expect(String(decoding: now.suffix(from: old.count), as: UTF8.self).filter { $0 == "\r\n" }.count == 1)
                count = log.decisions.count
                outcomes.insert("new")
                old = now
            } else {
                // Torn: read as the old rows, and cut off by the next writer.
                #expect(log.decisions.count == count && log.warnings.count == 1)
                outcomes.insert("torn")
            }
        }
        // A torn row as a crash leaves one, whatever the kills above did: the next writer cuts it off.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("c1,q1,2,half a ro".utf8))
        try handle.close()
        let finished = try GraderProcess.run(Self.moderate("c1", score: 1, reports: reports, file: path))
        #expect(finished.status == 0, "\(finished.stderr)")
        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        let cut = old.count
        let final = try ModerationFile(path: path).read()
        #expect(final.warnings.isEmpty && final.decisions.count == count + 1)
        #expect(after.last == 0x0A && !String(decoding: after.suffix(from: cut), as: UTF8.self).contains("half a ro"))
        #expect(final.current(candidate: "c1", question: "q1")?.score == 1)
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasPrefix(AtomicFile.temporaryPrefix) }
        #expect(left.isEmpty)
        print("moderation kill test outcomes: \(outcomes.sorted())")
    }

    @Test func concurrentWritersNeverInterleaveNorLoseRows() async throws {
        let scratch = try Scratch()
        let ids = (0..<2).flatMap { writer in (0..<10).map { "w\(writer)-\($0)" } }
        let reports = try Self.reports(in: scratch, candidates: ids)
        let path = scratch.file("moderation.csv")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    for index in 0..<10 {
                        let run = try GraderProcess.run(Self.moderate("w\(writer)-\(index)", score: index % 5, reports: reports, file: path))
                        #expect(run.status == 0, "\(run.stderr)")
                    }
                }
            }
            try await group.waitForAll()
        }
        let log = try ModerationFile(path: path).read()
        #expect(log.decisions.count == 20)
        #expect(Set(log.decisions.map(\.candidateID)) == Set(ids))
        for writer in 0..<2 {
            // Each writer's rows keep its order.
            let mine = log.decisions.map(\.candidateID).filter { $0.hasPrefix("w\(writer)-") }
            #expect(mine == (0..<10).map { "w\(writer)-\($0)" })
        }
    }
}
