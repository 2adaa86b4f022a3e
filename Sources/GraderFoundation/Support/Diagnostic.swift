/// A message for the user about one input: which file, where in it, and what is wrong.
/// The core never prints; it returns diagnostics and the command line decides how to show them.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case note, warning, error
    }

    public let severity: Severity
    /// The file the message is about, as the user named it (relative to the submissions folder when possible).
    public let file: String
    /// 1-based line, or nil when the message is about the whole file.
    public let line: Int?
    public let column: Int?
    /// The rubric question the message concerns, if any.
    public let question: String?
    public let message: String
    /// What the user can do about it, when that is a command-line option.
    public let remedy: Remedy?
    /// The `grader check` lint that found it, shown as a `[tag]` after the message.
    public let lint: Lint?

    /// A fix that is an option of the command line. The core knows no flags: it names the
    /// remedy, and the command layer words it ("choose with --map ...").
    public enum Remedy: Sendable, Hashable {
        /// Say which question an export column answers; `header` is the column's, when one is meant.
        case mapColumn(header: String?)
        /// Allow larger submission files.
        case raiseFileSizeLimit
        /// Name one rubric file of a folder that holds several.
        case chooseRubric
    }

    public init(_ severity: Severity, file: String, line: Int? = nil, column: Int? = nil,
                question: String? = nil, _ message: String, remedy: Remedy? = nil, lint: Lint? = nil) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.question = question
        self.message = message
        self.remedy = remedy
        self.lint = lint
    }

    /// `file:line:column: severity: message`, the form editors jump to.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let line, line > 0, let column { place += ":\(column)" }
        let subject = question.map { "question \($0): " } ?? ""
        return "\(place): \(severity.rawValue): \(subject)\(message)" + (lint.map { " \($0.tag)" } ?? "")
    }
}
