
/// Every CSV Grader writes (gradebooks, the moderation file, the review queue) is escaped here, one
/// way: RFC 4180, CRLF, and the formula guard. Reading goes through CSV.swift.
public enum CSVText {
    /// `rows` as RFC 4180 bytes (CRLF), the last row ended too: a field is quoted when it holds a
    /// quote, a comma, CR or LF, and its quotes doubled. Written by hand, on bytes: CSV.swift's writer
    /// decides quoting with a Foundation substring search per field and hands back a bridged `Data`,
    /// which was most of `--export-queue`'s time on a large cohort; and a search by characters can
    /// miss a quote a combining mark follows, which bytes cannot.
    public static func bytes(_ rows: [[String]]) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * 64)
        for (index, row) in rows.enumerated() {
            if index > 0 { out += [0x0D, 0x0A] }
            for (column, field) in row.enumerated() {
                if column > 0 { out.append(0x2C) }
                append(field, to: &out)
            }
        }
        out += [0x0D, 0x0A]
        return out
    }

    private static func append(_ field: String, to out: inout [UInt8]) {
        let utf8 = field.utf8
        guard utf8.contains(where: { $0 == 0x22 || $0 == 0x2C || $0 == 0x0D || $0 == 0x0A }) else {
            out.append(contentsOf: utf8)
            return
        }
        out.append(0x22)
        for byte in utf8 {
            out.append(byte)
            if byte == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
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
