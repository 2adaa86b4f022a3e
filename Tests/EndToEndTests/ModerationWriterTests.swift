import Foundation
import GraderEngine
import GraderFoundation
import GraderModeration
import Testing

/// The moderation file under real processes (`grader moderate`): a writer killed with SIGKILL
/// at any moment leaves the old file or the new one, and concurrent writers lose no row.
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

    @Test func writerKilledMidWriteLeavesTheOldOrTheNewFile() throws {
        let scratch = try Scratch()
        let reports = try Self.reports(in: scratch, candidates: ["c1"])
        let path = scratch.file("moderation.csv")
        // A large file, so that copying it into the replacement takes long enough to be interrupted.
        let hash = ModerationDecision.answerHash("x")
        let rows = (0..<120_000).map { index in
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
            usleep(useconds_t(5_000 + attempt * 9_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try Data(contentsOf: URL(fileURLWithPath: path))
            if now == old {
                outcomes.insert("old")
            } else {
                // Whole new file: the old bytes, then exactly one more row.
                #expect(now.prefix(old.count) == old, "attempt \(attempt): the old rows changed")
                let log = try ModerationFile(path: path).read()
                #expect(log.decisions.count == count + 1)
                count = log.decisions.count
                #expect(log.decisions.last?.candidateID == "c1")
                #expect(String(decoding: now.suffix(from: old.count), as: UTF8.self).hasSuffix("\r\n"))
                outcomes.insert("new")
                old = now
            }
        }
        // Every state seen was whole; a later writer cleans the temporary files of killed ones.
        let finished = try GraderProcess.run(Self.moderate("c1", score: 1, reports: reports, file: path))
        #expect(finished.status == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasPrefix(AtomicFile.temporaryPrefix) }
        #expect(left.isEmpty)
        #expect(try ModerationFile(path: path).read().current(candidate: "c1", question: "q1")?.score == 1)
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
