import CSV
import Foundation

/// Every CSV Grader writes (gradebooks, the moderation file, the review queue) is escaped here, one
/// way: RFC 4180 through CSV.swift, CRLF, and the formula guard.
public enum CSVText {
    /// `rows` as RFC 4180 bytes (CRLF), the last row ended too.
    public static func bytes(_ rows: [[String]]) throws -> [UInt8] {
        let stream = OutputStream.toMemory()
        stream.open()
        let csv = try CSVWriter(stream: stream, newline: .crlf)
        for row in rows { try csv.write(row: row) }
        stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return [] }
        return [UInt8](data) + [0x0D, 0x0A]
    }

    /// Prefixes `'` to a cell a spreadsheet would read as a formula or command
    /// (`=`, `+`, `-`, `@`, tab, carriage return), per OWASP's CSV injection advice.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        return "'" + cell
    }

    /// `neutralised`, made reversible as the moderation file's cells are: a cell already starting
    /// with the guard before a guarded character gets one more, so `unguarded` drops one `'`
    /// exactly when what follows would be guarded and gives back exactly what was written.
    public static func guarded(_ cell: String) -> String {
        if cell.hasPrefix("'"), neutralised(String(cell.dropFirst())) != String(cell.dropFirst()) {
            return "'" + cell
        }
        return neutralised(cell)
    }

    /// What `guarded` was given.
    public static func unguarded(_ cell: String) -> String {
        guard cell.hasPrefix("'") else { return cell }
        let rest = String(cell.dropFirst())
        return guarded(rest) != rest ? rest : cell
    }
}
