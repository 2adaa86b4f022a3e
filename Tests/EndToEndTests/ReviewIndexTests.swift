import Foundation
import Testing

/// `REPORTS/review-index.bin`, what `grader review` starts from: written by `grade` and by
/// `grader cohort`, the same bytes from either and at any `--jobs`, and refused with the way to
/// rebuild it when it is missing, damaged or older than the reports, never trusted blindly.
@Suite("review index", .serialized)
struct ReviewIndexTests {
    static let index = "review-index.bin"

    private func indexBytes(_ reports: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: reports).appendingPathComponent(Self.index))
    }

    @Test func gradeWritesTheSameIndexAtAnyJobsAndCohortRewritesItByteForByte() throws {
        let scratch = try Scratch()
        let one = try ReviewExportQueueTests.grade(scratch, "one", jobs: 1)
        let three = try ReviewExportQueueTests.grade(scratch, "three", jobs: 3)
        let written = try indexBytes(one)
        #expect(written.count > 10_000)
        #expect(try indexBytes(three) == written)
        // `grader cohort` digests the XML reports (not results in memory): the same index.
        try FileManager.default.removeItem(atPath: one + "/" + Self.index)
        let rebuilt = try GraderProcess.run(["cohort", one, "--quiet"], in: scratch.url)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(try indexBytes(one) == written)
        // And review reads it: the export is the same from either folder.
        #expect(try ReviewExportQueueTests.export(one, to: scratch.file("one.csv"), in: scratch).status == 0)
        #expect(try ReviewExportQueueTests.export(three, to: scratch.file("three.csv"), in: scratch).status == 0)
        #expect(try Data(contentsOf: scratch.url.appendingPathComponent("one.csv"))
                == Data(contentsOf: scratch.url.appendingPathComponent("three.csv")))
    }

    @Test func aMissingDamagedOrOutdatedIndexIsRefusedWithTheCommandThatRebuildsIt() throws {
        let scratch = try Scratch()
        let reports = try ReviewExportQueueTests.grade(scratch, "Reports", jobs: 2)
        #expect(try ReviewExportQueueTests.export(reports, to: scratch.file("before.csv"), in: scratch).status == 0)
        let before = try Data(contentsOf: scratch.url.appendingPathComponent("before.csv"))
        let indexPath = reports + "/" + Self.index
        let good = try indexBytes(reports)

        func refused(_ what: String, mentioning words: [String]) throws {
            let run = try ReviewExportQueueTests.export(reports, to: scratch.file("x.csv"), in: scratch)
            #expect(run.status == 2, "\(what): \(run.stderr)")
            #expect(run.stderr.contains(Self.index), "\(what): \(run.stderr)")
            #expect(run.stderr.contains("grader cohort"), "\(what): \(run.stderr)")
            for word in words { #expect(run.stderr.contains(word), "\(what): \(run.stderr)") }
            #expect(!FileManager.default.fileExists(atPath: scratch.file("x.csv")))
        }
        // Cut short at several places, and bytes flipped in the middle: an error, never a crash.
        for length in [0, 7, 40, good.count / 3, good.count / 2, good.count - 1] {
            try good.prefix(length).write(to: URL(fileURLWithPath: indexPath))
            try refused("cut to \(length) bytes", mentioning: [])
        }
        var flipped = good
        for offset in stride(from: good.count / 2, to: good.count / 2 + 64, by: 1) { flipped[offset] ^= 0xFF }
        try flipped.write(to: URL(fileURLWithPath: indexPath))
        let run = try ReviewExportQueueTests.export(reports, to: scratch.file("y.csv"), in: scratch)
        #expect(run.status == 0 || run.status == 2, "flipped: \(run.stderr)")   // a flipped score is still a readable index

        try FileManager.default.removeItem(atPath: indexPath)
        try refused("missing", mentioning: ["no \(Self.index)"])

        // Rebuilt, then a report rewritten after it: the index no longer describes the folder.
        #expect(try GraderProcess.run(["cohort", reports, "--quiet"], in: scratch.url).status == 0)
        let report = try #require(try FileManager.default.contentsOfDirectory(atPath: reports + "/candidates").sorted().first { $0.hasSuffix(".xml") })
        let reportPath = reports + "/candidates/" + report
        let original = try Data(contentsOf: URL(fileURLWithPath: reportPath))
        Thread.sleep(forTimeInterval: 0.05)
        try original.write(to: URL(fileURLWithPath: reportPath))
        try refused("report rewritten", mentioning: [report, "changed since"])

        // `grader cohort` brings it up to date, and review gives the same queue as before.
        #expect(try GraderProcess.run(["cohort", reports, "--quiet"], in: scratch.url).status == 0)
        #expect(try ReviewExportQueueTests.export(reports, to: scratch.file("after.csv"), in: scratch).status == 0)
        #expect(try Data(contentsOf: scratch.url.appendingPathComponent("after.csv")) == before)
    }
}
