/// A spreadsheet exported by a form or LMS quiz, as rows of text cells: what the
/// CSV and XLSX readers produce and the column mapping consumes.
struct ExportTable: Sendable {
    /// The export file, as shown to the user.
    package let file: String
    package let header: [String]
    /// Data rows with their 1-based row number in the file (the header is row 1 for XLSX,
    /// line 1 for CSV; a CSV row spanning lines is numbered by the line it starts on).
    package let rows: [(number: Int, cells: [String])]
}


/// One candidate's row of an export, ready to grade: no file is read again for it.
public struct ExportRow: Sendable, Equatable {
    public let file: String
    public let row: Int
    public let name: String?
    public let email: String?
    /// Answer text per question id, with the column each came from.
    public let answers: [String: (column: Int, text: String)]

    public static func == (lhs: ExportRow, rhs: ExportRow) -> Bool {
        lhs.file == rhs.file && lhs.row == rhs.row
    }
}
