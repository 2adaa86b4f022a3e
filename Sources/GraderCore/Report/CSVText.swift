/// The project's CSV writing (RFC 4180 through CSV.swift, CRLF, the formula guard of
/// `GradesCSVWriter`) for the other targets, so every CSV Grader writes is escaped one way.
public enum CSVText {
    /// `rows` as RFC 4180 bytes (CRLF), the last row ended too.
    public static func bytes(_ rows: [[String]]) throws -> [UInt8] { try GradesCSVWriter.csv(rows) }

    /// A text cell with `'` before it when a spreadsheet would run it as a formula (`=`, `+`, `-`, `@`,
    /// tab, CR), made reversible as the moderation file's cells are (`ModerationCSV.guarded`): a cell
    /// already starting with the guard before a guarded character gets one more, so a reader drops
    /// one `'` exactly when what follows would be guarded.
    public static func guarded(_ cell: String) -> String { ModerationCSV.guarded(cell) }
}
