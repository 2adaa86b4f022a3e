import CSV
import Foundation

/// The gradebook layouts an LMS imports, besides Grader's own `grades.csv`.
public enum GradebookLayout: String, Sendable, CaseIterable {
    /// Moodle's grade import (Grades ▸ Import ▸ CSV file): a header row, the user identified by
    /// "Email address" or "ID number" (chosen under "Identify user by" when importing),
    /// one column per grade item. Written as Moodle's own grade export names its columns.
    case moodle
    /// Canvas's gradebook import: "Student", "ID", "SIS User ID", "SIS Login ID", "Section",
    /// then one column per assignment, with a "Points Possible" row under the header.
    case canvas

    /// The file written beside `grades.csv`.
    public var fileName: String { "grades-\(rawValue).csv" }
}

/// Writes `grades.csv` (RFC 4180: CRLF, quoted where needed, through CSV.swift), one row per
/// candidate: `id,name,email,<question ids>,total,max`, and the LMS layouts. Text cells that a
/// spreadsheet would run as a formula are neutralised.
enum GradesCSVWriter {
    static func render(_ digests: [CandidateDigest]) throws -> [UInt8] {
        let questions = digests.first?.questions.map(\.id) ?? []
        var rows: [[String]] = [["id", "name", "email"] + questions + ["total", "max"]]
        for digest in digests {
            rows.append([neutralised(digest.id), neutralised(digest.name ?? ""), neutralised(digest.email ?? "")]
                        + digest.questions.map { NumberText.format($0.score) }
                        + [NumberText.format(digest.total), NumberText.format(digest.maxPoints)])
        }
        return try csv(rows)
    }

    /// One LMS layout, the total as one grade item named after the rubric.
    static func render(_ digests: [CandidateDigest], layout: GradebookLayout, rubric: RubricIdentity) throws -> [UInt8] {
        let item = neutralised(rubric.title ?? rubric.id)
        let maximum = NumberText.format(digests.first?.maxPoints ?? 0)
        var rows: [[String]]
        switch layout {
        case .moodle:
            rows = [["First name", "Last name", "ID number", "Email address", "\(item) (Real)"]]
            for digest in digests {
                let (first, last) = splitName(digest.name ?? "")
                rows.append([neutralised(first), neutralised(last), neutralised(digest.id), neutralised(digest.email ?? ""),
                             NumberText.format(digest.total)])
            }
        case .canvas:
            rows = [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", item],
                    ["Points Possible", "", "", "", "", maximum]]
            for digest in digests {
                rows.append([neutralised(digest.name ?? digest.id), "", neutralised(digest.id), neutralised(digest.email ?? ""), "",
                             NumberText.format(digest.total)])
            }
        }
        return try csv(rows)
    }

    private static func csv(_ rows: [[String]]) throws -> [UInt8] {
        let stream = OutputStream.toMemory()
        stream.open()
        let csv = try CSVWriter(stream: stream, newline: .crlf)
        for row in rows { try csv.write(row: row) }
        stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return [] }
        return [UInt8](data) + [0x0D, 0x0A]
    }

    /// "Ana Lúcia Ferreira" → ("Ana Lúcia", "Ferreira"): Moodle shows both; users are matched by email or ID number.
    static func splitName(_ name: String) -> (String, String) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.lastIndex(of: " ") else { return (trimmed, "") }
        return (String(trimmed[..<space]).trimmingCharacters(in: .whitespaces), String(trimmed[trimmed.index(after: space)...]))
    }

    /// Prefixes `'` to a cell a spreadsheet would read as a formula or command
    /// (`=`, `+`, `-`, `@`, tab, carriage return), per OWASP's CSV injection advice.
    static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        return "'" + cell
    }
}
