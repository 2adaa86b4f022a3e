import CSV
import Foundation
import GraderFoundation

/// Reads a CSV export with CSV.swift (RFC 4180: quoted fields, embedded newlines and
/// commas), after dropping a UTF-8 BOM and detecting the delimiter (`,`, `;` or tab)
/// from the header line, since European spreadsheets export with semicolons.
enum CSVExportReader {
    package static func read(path: String, bytes: [UInt8]) throws(InputError) -> ExportTable {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if TextDecoding.binaryReason(body) != nil {
            throw InputError(file: path, message: "it is binary, not a CSV export")
        }
        let text = String(decoding: body, as: UTF8.self)
        let delimiter = detectDelimiter(text)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: delimiter)
        } catch {
            throw InputError(file: path, message: "not a readable CSV file: \(error)")
        }
        guard let header = reader.headerRow, !header.isEmpty else {
            throw InputError(file: path, message: "the export has no header row")
        }
        var rows: [(number: Int, cells: [String])] = []
        var line = 1 + lineCount(header)
        while let row = reader.next() {
            rows.append((line, row))
            line += lineCount(row)
        }
        if let error = reader.error {
            throw InputError(file: path, message: "malformed CSV after line \(line): \(error)")
        }
        return ExportTable(file: path, header: header.map(trimmed), rows: rows)
    }

    /// Lines a record took: one plus the newlines inside its quoted cells.
    private static func lineCount(_ cells: [String]) -> Int {
        1 + cells.reduce(0) { $0 + $1.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
    }

    /// The most frequent of `,`, `;` and tab in the first line outside quotes.
    static func detectDelimiter(_ text: String) -> UnicodeScalar {
        var counts: [UnicodeScalar: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle() }
            if !quoted && (scalar == "\n" || scalar == "\r") { break }
            if !quoted, counts[scalar] != nil { counts[scalar]! += 1 }
        }
        let best = counts.max { ($0.value, $0.key == "," ? 1 : 0) < ($1.value, $1.key == "," ? 1 : 0) }
        return (best?.value ?? 0) > 0 ? best!.key : ","
    }

    package static func trimmed(_ cell: String) -> String {
        String(cell.trimmingSpaces())
    }
}
