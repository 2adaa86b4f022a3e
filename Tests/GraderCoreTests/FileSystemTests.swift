import Foundation
@testable import GraderFoundation
import Testing

/// The one file-system layer: reads, facts, listing, nested folders, removal, and errors
/// that name the call and the file. Files are made with Foundation here, so the layer is
/// checked against a second implementation rather than against itself.
@Suite("file system layer")
struct FileSystemTests {
    @Test func readsAWholeFileOfAnySize() throws {
        let folder = try TemporaryFolder()
        for count in [0, 1, 4_096, 300_001] {
            let path = Path.join(folder.path, "f\(count)")
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37) }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(try FileSystem.read(path) == bytes)
            #expect(FileSystem.size(path) == count)
        }
    }

    @Test func readsAFileWhoseSizeStatDoesNotKnow() throws {
        // /proc files report a size of 0 but have content.
        let bytes = try FileSystem.read("/proc/self/status")
        #expect(bytes.count > 0)
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("Name:"))
    }

    @Test func aMissingFileNamesItselfAndTheReason() {
        let path = "/nonexistent/grader/answer.md"
        #expect(throws: SystemCallError(call: "open", path: path, errno: ENOENT)) { try FileSystem.read(path) }
        do {
            _ = try FileSystem.read(path)
        } catch {
            #expect(error.description == "/nonexistent/grader/answer.md: open: No such file or directory")
        }
        #expect(!FileSystem.exists(path))
        #expect(FileSystem.facts(path) == nil)
        #expect(FileSystem.size(path) == nil)
        #expect(!FileSystem.isFolder(path))
    }

    @Test func aFolderIsNotReadAsAFile() throws {
        let folder = try TemporaryFolder()
        #expect(throws: SystemCallError(call: "read", path: folder.path, errno: EISDIR)) { try FileSystem.read(folder.path) }
        #expect(FileSystem.isFolder(folder.path))
        #expect(FileSystem.exists(folder.path))
        let file = Path.join(folder.path, "file")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect(FileSystem.exists(file))
        #expect(!FileSystem.isFolder(file))
    }

    @Test func reportBytesNamesTheUnreadableReport() {
        #expect(throws: InputError.self) { try ReportBytes.read("/nonexistent/grader/report.xml") }
        do {
            _ = try ReportBytes.read("/nonexistent/grader/report.xml")
        } catch {
            #expect(error.description.contains("/nonexistent/grader/report.xml"))
            #expect(error.description.contains("cannot read the report"))
        }
    }

    @Test func factsTellARenamedFileFromAnEditedOne() throws {
        let folder = try TemporaryFolder()
        let path = Path.join(folder.path, "moderation.csv"), other = Path.join(folder.path, "new")
        try Data("a".utf8).write(to: URL(fileURLWithPath: path))
        let before = try #require(FileSystem.facts(path))
        #expect(before.size == 1 && !before.isFolder)
        try Data("b".utf8).write(to: URL(fileURLWithPath: other))
        #expect(rename(other, path) == 0)
        let after = try #require(FileSystem.facts(path))
        #expect(after.inode != before.inode)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.systemFileNumber] as? NSNumber)?.uint64Value == after.inode)
        // Foundation rounds the nanoseconds its own way: the same time within a microsecond.
        let modified = try #require(attributes[.modificationDate] as? Date)
        #expect(abs(modified.timeIntervalSince(after.modified)) < 0.000_001)
    }

    @Test func listsSortedWithHiddenNamesAndFailsOnAMissingFolder() throws {
        let folder = try TemporaryFolder()
        for name in ["b.md", "a.md", ".hidden"] { try Data().write(to: URL(fileURLWithPath: Path.join(folder.path, name))) }
        try FileManager.default.createDirectory(atPath: Path.join(folder.path, "c"), withIntermediateDirectories: false)
        #expect(try FileSystem.list(folder.path) == [".hidden", "a.md", "b.md", "c"])
        #expect(throws: SystemCallError(call: "opendir", path: "/nonexistent/grader", errno: ENOENT)) { try FileSystem.list("/nonexistent/grader") }
    }

    @Test func createsNestedFoldersAndAcceptsOneAlreadyThere() throws {
        let folder = try TemporaryFolder()
        let nested = Path.join(folder.path, "a/b/c/")
        try FileSystem.createFolder(nested)
        #expect(FileSystem.isFolder(Path.join(folder.path, "a/b/c")))
        try FileSystem.createFolder(nested)
        // Without parents, a missing parent and a folder already there are errors.
        let orphan = Path.join(folder.path, "x/y")
        #expect(throws: SystemCallError(call: "mkdir", path: orphan, errno: ENOENT)) { try FileSystem.createFolder(orphan, parents: false) }
        #expect(throws: SystemCallError(call: "mkdir", path: nested, errno: EEXIST)) { try FileSystem.createFolder(nested, parents: false) }
    }

    @Test func aFileInTheWayOfAFolderIsAnError() throws {
        let folder = try TemporaryFolder()
        let file = Path.join(folder.path, "file")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: SystemCallError(call: "mkdir", path: file, errno: EEXIST)) { try FileSystem.createFolder(file) }
        #expect(throws: SystemCallError(call: "mkdir", path: Path.join(file, "inside"), errno: ENOTDIR)) {
            try FileSystem.createFolder(Path.join(file, "inside"))
        }
    }

    @Test func aPrivateFolderHasTheModeAsked() throws {
        let folder = try TemporaryFolder()
        let path = Path.join(folder.path, "private")
        try FileSystem.createFolder(path, parents: false, mode: 0o700)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(permissions?.intValue == 0o700)
    }

    @Test func removesAFileAndAFolderWithEverythingInIt() throws {
        let folder = try TemporaryFolder()
        let file = Path.join(folder.path, "file")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        try FileSystem.remove(file)
        #expect(!FileManager.default.fileExists(atPath: file))
        let tree = Path.join(folder.path, "tree")
        try FileSystem.createFolder(Path.join(tree, "a/b"))
        try Data("y".utf8).write(to: URL(fileURLWithPath: Path.join(tree, "a/b/leaf")))
        try Data("z".utf8).write(to: URL(fileURLWithPath: Path.join(tree, ".hidden")))
        try FileSystem.remove(tree)
        #expect(!FileManager.default.fileExists(atPath: tree))
        #expect(throws: SystemCallError(call: "lstat", path: tree, errno: ENOENT)) { try FileSystem.remove(tree) }
    }

    @Test func removingALinkToAFolderLeavesTheFolder() throws {
        let folder = try TemporaryFolder()
        let target = Path.join(folder.path, "target"), link = Path.join(folder.path, "link")
        try FileSystem.createFolder(target)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: Path.join(target, "kept")))
        #expect(symlink(target, link) == 0)
        try FileSystem.remove(link)
        #expect(FileManager.default.fileExists(atPath: Path.join(target, "kept")))
        #expect(!FileManager.default.fileExists(atPath: link))
    }

    @Test func theTemporaryFolderIsFoundationsWithoutATrailingSlash() {
        #expect(FileSystem.temporaryFolder == FileManager.default.temporaryDirectory.path)
        #expect(FileSystem.isFolder(FileSystem.temporaryFolder))
    }
}

/// Every file-system call in Sources/ goes through `FileSystem` (or `SystemCall`, `AtomicFile`):
/// FileManager is named in no other file.
@Suite("file system guard")
struct FileSystemGuardTests {
    static let layer: Set<String> = ["GraderFoundation/Support/FileSystem.swift"]

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources").standardizedFileURL.path

    /// The Swift files of Sources/ that name FileManager, relative to Sources/.
    static func filesNamingFileManager() throws -> Set<String> {
        var found: Set<String> = []
        let enumerator = try #require(FileManager.default.enumerator(atPath: sources))
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let text = try String(contentsOfFile: Path.join(sources, relative), encoding: .utf8)
            if text.contains("FileManager") { found.insert(relative) }
        }
        return found
    }

    @Test func fileManagerIsNamedOnlyInTheLayer() throws {
        let found = try Self.filesNamingFileManager()
        #expect(found.contains("GraderFoundation/Support/FileSystem.swift"), "the guard must see the layer itself: \(Self.sources)")
        #expect(found.subtracting(Self.layer).sorted() == [],
                "file-system calls go through FileSystem (Sources/GraderFoundation/Support/FileSystem.swift)")
    }
}
