import CSV
import Foundation

/// Writes `grades.csv`: RFC 4180 (CRLF, quoted where needed, through CSV.swift),
/// one row per candidate: `id,name,email,<question ids>,total,max`.
/// Text cells that a spreadsheet would run as a formula are neutralised.
enum GradesCSVWriter {
    static func render(_ summaries: [CandidateSummary], rubric: Rubric) throws -> [UInt8] {
        let stream = OutputStream.toMemory()
        stream.open()
        let csv = try CSVWriter(stream: stream, newline: .crlf)
        try csv.write(row: ["id", "name", "email"] + rubric.questions.map(\.id) + ["total", "max"])
        for summary in summaries {
            try csv.write(row: [neutralised(summary.id), neutralised(summary.name ?? ""), neutralised(summary.email ?? "")]
                + summary.scores.map { NumberText.format($0) }
                + [NumberText.format(summary.total), NumberText.format(summary.maxPoints)])
        }
        stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return [] }
        return [UInt8](data) + [0x0D, 0x0A]
    }

    /// Prefixes `'` to a cell a spreadsheet would read as a formula or command
    /// (`=`, `+`, `-`, `@`, tab, carriage return), per OWASP's CSV injection advice.
    static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        return "'" + cell
    }
}
