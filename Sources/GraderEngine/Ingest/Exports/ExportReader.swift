import Foundation
import GraderFoundation

/// Turns an export file (CSV or XLSX from a form or LMS quiz) into one submission
/// unit per candidate row. A row that cannot be graded (too few cells, a cell over
/// the answer size limit) is skipped and named by file, row and column; the others go on.
enum ExportReader {
    static let extensions: Set<String> = ["csv", "tsv", "xlsx"]

    package struct Result {
        package var units: [SubmissionUnit] = []
        package var skipped: [Diagnostic] = []
        /// Which column was mapped to which question, and how.
        package var notes: [Diagnostic] = []
    }

    package static func read(path: String, options: ExportOptions) -> Result {
        var result = Result()
        let table: ExportTable
        let mapping: ColumnMapping
        do {
            table = try load(path, options: options)
            mapping = try ColumnMapping(table: table, rubric: options.rubric, overrides: options.columnMap)
        } catch {
            result.skipped.append(Diagnostic(.error, file: path, "skipped: \(error.message)", remedy: error.remedy))
            return result
        }
        result.notes = mapping.describe(table).map { Diagnostic(.note, file: path, line: 1, $0) }
        let stem = Path.stem((path as NSString).lastPathComponent)
        rows: for (number, cells) in table.rows {
            if cells.allSatisfy({ $0.trimmingSpaces().isEmpty }) { continue }
            if cells.count < table.header.count {
                result.skipped.append(Diagnostic(.error, file: path, line: number,
                    "skipped row \(number): it has \(Plural.count(cells.count, "cell")), the header has \(table.header.count)"))
                continue
            }
            var answers: [String: (column: Int, text: String)] = [:]
            for choice in mapping.answers {
                let text = cells[choice.column]
                if text.utf8.count > options.maximumAnswerBytes {
                    result.skipped.append(Diagnostic(.error, file: path, line: number, column: choice.column + 1,
                        "skipped row \(number): the cell in column \(choice.column + 1) '\(table.header[choice.column])' is \(Plural.count(text.utf8.count, "byte")), over the answer limit of \(options.maximumAnswerBytes)"))
                    continue rows
                }
                let clean = text.containsByte(0x0D) ? text.replacing("\r\n", with: "\n").replacing("\r", with: "\n") : text
                answers[choice.question] = (choice.column + 1, String(clean.trimmingSpaces()))
            }
            let cell = { (column: Int?) -> String? in
                guard let column, column < cells.count else { return nil }
                let value = String(cells[column].trimmingSpaces())
                return value.isEmpty ? nil : value
            }
            let name = cell(mapping.nameColumn)
                ?? [cell(mapping.firstNameColumn), cell(mapping.lastNameColumn)].compactMap { $0 }.joined(separator: " ").nilIfEmpty
            let email = cell(mapping.emailColumn)
            let claimed = cell(mapping.idColumn) ?? email ?? name ?? "\(stem)-row\(number)"
            let row = ExportRow(file: path, row: number, name: name, email: email, answers: answers)
            result.units.append(SubmissionUnit(source: "\(path):\(number)", isFolder: false, claimedID: claimed, id: "", exportRow: row))
        }
        return result
    }

    private static func load(_ path: String, options: ExportOptions) throws(InputError) -> ExportTable {
        let size = FileSystem.size(path) ?? 0
        if size > options.maximumFileBytes {
            throw InputError(file: path, message: "it is \(Plural.count(size, "byte")), over the limit of \(options.maximumFileBytes)",
                              remedy: .raiseFileSizeLimit)
        }
        if Path.fileExtension(path) == "xlsx" { return try XLSXReader.read(path: path) }
        guard let bytes = try? FileSystem.read(path) else {
            throw InputError(file: path, message: "it cannot be read")
        }
        return try CSVExportReader.read(path: path, bytes: bytes)
    }
}

/// What reading exports needs from the run: the rubric (to map columns), overrides and limits.
public struct ExportOptions: Sendable {
    public let rubric: Rubric
    /// `--map COLUMN=QID`: a column's header text (or its 1-based number) to a question id.
    public let columnMap: [String: String]
    public let maximumFileBytes: Int
    public let maximumAnswerBytes: Int

    public init(rubric: Rubric, columnMap: [String: String] = [:], maximumFileBytes: Int = 16 << 20,
                maximumAnswerBytes: Int = 1 << 20) {
        self.rubric = rubric
        self.columnMap = columnMap
        self.maximumFileBytes = maximumFileBytes
        self.maximumAnswerBytes = maximumAnswerBytes
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
