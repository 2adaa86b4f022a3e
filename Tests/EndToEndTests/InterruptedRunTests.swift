import Foundation
import GraderFoundation
import Testing

/// A run killed at any moment leaves only whole reports (plus hidden temporary
/// files), and the next run cleans up, grades only the candidates left without a
/// complete report, and writes exactly what a run from scratch writes.
@Suite("interrupted runs, end to end")
struct InterruptedRunTests {
    @Test func killedRunLeavesNoHalfWrittenReportAndARerunCompletes() throws {
        let input = try Scratch(), out = try Scratch()
        let answer = String(repeating: "CPython uses reference counting and a cycle detector finds reference cycles when the count drops to zero. ", count: 40)
        let candidates = 600
        for index in 0..<candidates {
            try Data("## Q1\n\(answer)\n## Q2\nA list is mutable, a tuple is immutable and hashable.\n".utf8)
                .write(to: URL(fileURLWithPath: input.file(String(format: "c%04d.md", index))))
        }
        let process = Process()
        process.executableURL = GraderProcess.executable
        process.arguments = ["grade", input.path, "--rubric", GraderProcess.fixture("rubric.xml"), "--out", out.path, "--jobs", "2", "-q"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill it once it has written some reports but (very likely) not all.
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let written = (try? FileManager.default.contentsOfDirectory(atPath: out.file("candidates")))?.count ?? 0
            if written >= 20 || !process.isRunning { break }
            usleep(2_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let left = (try? FileManager.default.contentsOfDirectory(atPath: out.file("candidates"))) ?? []
        for name in left where name.hasSuffix(".xml") && !name.hasPrefix(AtomicFile.temporaryPrefix) {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out.file("candidates/\(name)"))))
            try Schemas.report.validate(bytes: bytes, name: name)
        }
        for name in left where name.hasSuffix(".html") && !name.hasPrefix(AtomicFile.temporaryPrefix) {
            let page = try String(contentsOfFile: out.file("candidates/\(name)"), encoding: .utf8)
            #expect(page.hasSuffix("</html>\n"), "\(name) is cut short")
        }

        let complete = left.filter { $0.hasSuffix(".xml") && !$0.hasPrefix(AtomicFile.temporaryPrefix) }.count
        let rerun = try GraderProcess.run(["grade", input.path, "--rubric", GraderProcess.fixture("rubric.xml"), "--out", out.path])
        #expect(rerun.status == 0)
        #expect(complete > 0 && rerun.stderr.contains("Reused the reports of \(complete) candidates"), "\(complete): \(rerun.stderr)")
        let after = try FileManager.default.contentsOfDirectory(atPath: out.file("candidates"))
        #expect(after.count == candidates * 2)
        #expect(!after.contains { $0.hasPrefix(".") })
        #expect(FileManager.default.fileExists(atPath: out.file("grades.csv")))

        let fresh = try Scratch()
        let scratchRun = try GraderProcess.run(["grade", input.path, "--rubric", GraderProcess.fixture("rubric.xml"), "--out", fresh.path, "-q"])
        #expect(scratchRun.status == 0)
        let expected = try Scratch.contents(of: fresh.path), actual = try Scratch.contents(of: out.path)
        #expect(actual.keys.sorted() == expected.keys.sorted())
        let differing = expected.filter { actual[$0.key] != $0.value }.keys.sorted()
        #expect(differing.isEmpty, "differ from a run from scratch: \(differing.prefix(5))")
    }
}
