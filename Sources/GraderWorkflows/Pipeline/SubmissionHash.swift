import Foundation
import GraderEngine
import GraderFoundation
import LibCrypto

/// The SHA-256 of what a candidate's report is made from, recorded in the report
/// (`<submission sha256>`) so a later run can tell whether the report still stands:
///
/// - a candidate file: the SHA-256 of its bytes (what `sha256sum FILE` prints);
/// - a candidate folder: the SHA-256 of one line per entry in name order, `HEX  NAME\n` with
///   HEX the SHA-256 of the entry's bytes (what `sha256sum *` prints), or, for an entry over
///   the size limit, `SIZE bytes over LIMIT  NAME\n` (the reader skips it with those figures,
///   so the limit changes the report only then);
/// - a row of an export: the SHA-256 of the row as mapped at discovery (file, row number,
///   name, e-mail, and each question id with its column and cell), each field written as
///   `LENGTH:VALUE\n`. The mapping (`--map`, the header) is part of it, so remapping a column
///   changes the hash.
///
/// Nil when the submission cannot be read whole (a file over the limit, an unreadable
/// folder): it is then graded, never reused. Hashed just before the reader reads it; a file
/// edited between the two is caught by the next run, whose hash differs again.
enum SubmissionHash {
    package static func of(_ unit: SubmissionUnit, maximumFileBytes: Int) -> String? {
        if let row = unit.exportRow { return try? Digest.sha256Hex(Array(rowText(row).utf8)) }
        if !unit.isFolder {
            return fileBytes(unit.source, maximumFileBytes: maximumFileBytes).flatMap(of(fileBytes:))
        }
        guard let names = try? SubmissionDiscovery.folderFiles(unit.source) else { return nil }
        var lines = ""
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let path = Path.join(unit.source, name)
            let size = FileSystem.size(path) ?? 0
            if size > maximumFileBytes {
                lines += "\(size) bytes over \(maximumFileBytes)  \(name)\n"
            } else if let bytes = fileBytes(path, maximumFileBytes: maximumFileBytes), let hex = try? Digest.sha256Hex(bytes) {
                lines += "\(hex)  \(name)\n"
            } else {
                lines += "unreadable  \(name)\n"
            }
        }
        return try? Digest.sha256Hex(Array(lines.utf8))
    }

    /// The hash of a candidate file whose bytes are already read (`fileBytes`).
    package static func of(fileBytes bytes: [UInt8]) -> String? { try? Digest.sha256Hex(bytes) }

    /// A file's bytes, nil when it cannot be read or is over the limit (the reader then says why).
    static func fileBytes(_ path: String, maximumFileBytes: Int) -> [UInt8]? {
        guard let bytes = try? FileSystem.read(path), bytes.count <= maximumFileBytes else { return nil }
        return bytes
    }

    /// The row's fields, each as `LENGTH:VALUE\n` so no value can pass for two.
    static func rowText(_ row: ExportRow) -> String {
        var text = ""
        func field(_ value: String) { text += "\(value.utf8.count):\(value)\n" }
        field(row.file)
        field(String(row.row))
        field(row.name ?? "")
        field(row.email ?? "")
        for question in row.answers.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let answer = row.answers[question]!
            field(question)
            field(String(answer.column))
            field(answer.text)
        }
        return text
    }
}
