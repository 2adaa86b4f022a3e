import Foundation
@testable import GraderEngine
@testable import GraderWorkflows
import LibCrypto
import Testing

/// The submission hash a report records is what docs/reports.md says it is, so a user can check it
/// with `sha256sum`, and it changes exactly when what the report is made from changes.
@Suite("submission hashes")
struct SubmissionHashTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("grader-hash-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ text: String, _ path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func aFileHashesToTheSHA256OfItsBytes() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/ann.md"
        try Self.write("## Q1\nTuples are immutable.\n", path)
        let unit = SubmissionUnit(source: path, isFolder: false, claimedID: "ann", id: "ann")
        #expect(SubmissionHash.of(unit, maximumFileBytes: 1 << 20) == (try Digest.sha256Hex(Array("## Q1\nTuples are immutable.\n".utf8))))
        // Over the size limit it is not hashed: it is skipped, never reused.
        #expect(SubmissionHash.of(unit, maximumFileBytes: 4) == nil)
    }

    @Test func aFolderHashesToTheSHA256OfSha256sumLinesInNameOrder() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.write("Tuples are immutable.", folder + "/q1.md")
        try Self.write("A decorator wraps a function.", folder + "/Q2.txt")
        let unit = SubmissionUnit(source: folder, isFolder: true, claimedID: "cara", id: "cara")
        let q1 = try Digest.sha256Hex(Array("Tuples are immutable.".utf8)), q2 = try Digest.sha256Hex(Array("A decorator wraps a function.".utf8))
        let lines = "\(q2)  Q2.txt\n\(q1)  q1.md\n"
        let hash = SubmissionHash.of(unit, maximumFileBytes: 1 << 20)
        #expect(hash == (try Digest.sha256Hex(Array(lines.utf8))))
        // A file over the limit is named with its size and the limit, which the reader's warning gives.
        let limited = "29 bytes over 25  Q2.txt\n\(q1)  q1.md\n"
        #expect(SubmissionHash.of(unit, maximumFileBytes: 25) == (try Digest.sha256Hex(Array(limited.utf8))))
        // Renaming a file changes the hash; so does editing one.
        try FileManager.default.moveItem(atPath: folder + "/Q2.txt", toPath: folder + "/q3.txt")
        let renamed = SubmissionHash.of(unit, maximumFileBytes: 1 << 20)
        #expect(renamed != hash)
        try Self.write("Tuples are mutable.", folder + "/q1.md")
        #expect(SubmissionHash.of(unit, maximumFileBytes: 1 << 20) != renamed)
    }

    @Test func anExportRowHashesItsMappedCellsSoNoTwoRowsCollide() throws {
        func row(_ answers: [String: (column: Int, text: String)], row number: Int = 2) -> SubmissionUnit {
            var unit = SubmissionUnit(source: "form.csv#\(number)", isFolder: false, claimedID: "ann", id: "ann")
            unit.exportRow = ExportRow(file: "form.csv", row: number, name: "Ann", email: "ann@example.org", answers: answers)
            return unit
        }
        let base = SubmissionHash.of(row(["q1": (3, "Tuples are immutable."), "q2": (4, "")]), maximumFileBytes: 1)
        #expect(base != nil)
        #expect(SubmissionHash.of(row(["q1": (3, "Tuples are immutable."), "q2": (4, "")]), maximumFileBytes: 1) == base)
        // A cell moved into the next field, another column, another row number: each a different hash.
        #expect(SubmissionHash.of(row(["q1": (3, "Tuples are"), "q2": (4, " immutable.")]), maximumFileBytes: 1) != base)
        #expect(SubmissionHash.of(row(["q1": (5, "Tuples are immutable."), "q2": (4, "")]), maximumFileBytes: 1) != base)
        #expect(SubmissionHash.of(row(["q1": (3, "Tuples are immutable."), "q2": (4, "")], row: 3), maximumFileBytes: 1) != base)
        #expect(SubmissionHash.rowText(row(["q1": (3, "ab")]).exportRow!).hasSuffix("2:q1\n1:3\n2:ab\n"))
    }
}
