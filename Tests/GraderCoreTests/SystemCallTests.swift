import Foundation
@testable import GraderEngine
@testable import GraderFoundation
import Testing

/// The POSIX layer: whole writes and reads, typed errors naming the call, path and errno,
/// and the discovery errors it no longer drops.
@Suite("system calls and paths")
struct SystemCallTests {
    @Test func writesAndReadsBackWholeBuffers() throws {
        let folder = try TemporaryFolder()
        let path = Path.join(folder.path, "bytes")
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let descriptor = try SystemCall.open(path, O_RDWR | O_CREAT | O_TRUNC, mode: 0o600)
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { try SystemCall.writeAll(descriptor, $0, at: 0, path: path) }
        var back = [UInt8](repeating: 0, count: bytes.count + 10)
        let count = try back.withUnsafeMutableBytes { try SystemCall.readFully(descriptor, into: $0, at: 0, path: path) }
        #expect(count == bytes.count)
        #expect(Array(back.prefix(count)) == bytes)
    }

    @Test func failuresNameTheCallThePathAndTheReason() {
        do {
            _ = try SystemCall.open("/nonexistent/grader/file", O_RDONLY)
            Issue.record("expected an error")
        } catch {
            #expect(error == SystemCallError(call: "open", path: "/nonexistent/grader/file", errno: ENOENT))
            #expect(error.description == "/nonexistent/grader/file: open: No such file or directory")
        }
        #expect(throws: SystemCallError(call: "opendir", path: "/nonexistent/grader", errno: ENOENT)) {
            try SystemCall.list("/nonexistent/grader")
        }
    }

    @Test func listingIsSortedWithoutDotEntries() throws {
        let folder = try TemporaryFolder()
        for name in ["b.md", "a.md", ".hidden"] { #expect(FileManager.default.createFile(atPath: Path.join(folder.path, name), contents: Data())) }
        #expect(try SystemCall.list(folder.path) == [".hidden", "a.md", "b.md"])
    }

    /// A broken link, and a candidate folder whose first file cannot be read (it is a folder),
    /// used to be graded under a made-up id or skipped without the system's reason.
    @Test func discoverySkipsWhatCannotBeReadWithTheReason() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: Path.join(folder.path, "gone.md"), withDestinationPath: "/nonexistent/target")
        try FileManager.default.createDirectory(atPath: Path.join(folder.path, "ann/q1.md"), withIntermediateDirectories: true)
        try Data("## Q1\nx".utf8).write(to: URL(fileURLWithPath: Path.join(folder.path, "bob.md")))
        let found = try SubmissionDiscovery.discover(paths: [folder.path])
        #expect(found.units.map(\.id) == ["bob"])
        #expect(found.skipped.map(\.message) == [
            "skipped: it cannot be read: Is a directory (\(folder.path)/ann/q1.md)",
            "skipped: it cannot be read: No such file or directory",
        ])
    }

    @Test func pathsKeepWhatTheUserTyped() {
        #expect(Path.join("Submissions", "a.md") == "Submissions/a.md")
        #expect(Path.join("Submissions/", "a.md") == "Submissions/a.md")
        #expect(Path.fileExtension("Answers.MD") == "md")
        #expect(Path.fileExtension(".hidden") == "")
        #expect(Path.stem("c001.final.md") == "c001.final")
        #expect(Path.stem(".hidden") == ".hidden")
    }
}
