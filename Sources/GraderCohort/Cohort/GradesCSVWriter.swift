import CSV
import Foundation
import GraderFoundation
import GraderReports

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
///
/// Rows are made and written a thousand candidates at a time, read back from the cohort's
/// store, so a gradebook of any size costs the same memory.
enum GradesCSVWriter {
    static let rowsPerChunk = 1_000

    /// Writes `grades.csv` for the candidates of `store`, in id order.
    package static func write(_ store: DigestTable, to path: String) throws {
        let questions = store.shape?.questions.map(\.id) ?? []
        try write(store, to: path, header: [["id", "name", "email"] + questions + ["total", "max"]]) { candidate in
            [CSVText.neutralised(candidate.id), CSVText.neutralised(candidate.name ?? ""), CSVText.neutralised(candidate.email ?? "")]
                + candidate.scores.map { NumberText.format($0) }
                + [NumberText.format(candidate.total), NumberText.format(candidate.maxPoints)]
        }
    }

    /// Writes one LMS layout, the total as one grade item named after the rubric.
    package static func write(_ store: DigestTable, layout: GradebookLayout, rubric: RubricIdentity, to path: String) throws {
        let item = CSVText.neutralised(rubric.title ?? rubric.id)
        let maximum = NumberText.format(store.shape?.maxPoints ?? 0)
        switch layout {
        case .moodle:
            try write(store, to: path, header: [["First name", "Last name", "ID number", "Email address", "\(item) (Real)"]]) { candidate in
                let (first, last) = splitName(candidate.name ?? "")
                return [CSVText.neutralised(first), CSVText.neutralised(last), CSVText.neutralised(candidate.id), CSVText.neutralised(candidate.email ?? ""),
                        NumberText.format(candidate.total)]
            }
        case .canvas:
            try write(store, to: path, header: [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", item],
                                                ["Points Possible", "", "", "", "", maximum]]) { candidate in
                [CSVText.neutralised(candidate.name ?? candidate.id), "", CSVText.neutralised(candidate.id), CSVText.neutralised(candidate.email ?? ""), "",
                 NumberText.format(candidate.total)]
            }
        }
    }

    private static func write(_ store: DigestTable, to path: String, header: [[String]], row: (StoredCandidate) -> [String]) throws {
        let file = try AtomicFile.Streaming(to: path)
        var rows = header
        for position in 0..<store.count {
            rows.append(row(try store.candidate(at: position)))
            if rows.count >= rowsPerChunk {
                try file.append(try CSVText.bytes(rows))
                rows.removeAll(keepingCapacity: true)
            }
        }
        if !rows.isEmpty { try file.append(try CSVText.bytes(rows)) }
        try file.commit()
    }

    /// "Ana Lúcia Ferreira" → ("Ana Lúcia", "Ferreira"): Moodle shows both; users are matched by email or ID number.
    static func splitName(_ name: String) -> (String, String) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.lastIndex(of: " ") else { return (trimmed, "") }
        return (String(trimmed[..<space]).trimmingCharacters(in: .whitespaces), String(trimmed[trimmed.index(after: space)...]))
    }
}
