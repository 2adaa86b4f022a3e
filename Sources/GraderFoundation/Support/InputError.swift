/// Input the user can fix, with every problem found: a rubric that does not load, a
/// submissions path that does not exist, a grades file, reports to merge, an export.
/// Each problem is a `Diagnostic` naming its file (and line and column where there
/// is one). With `OutputError` (the output cannot be written) it is one of the core's
/// two error types; the command line maps the first to exit 2 and the second to 3.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// One problem with one file.
    public init(file: String, message: String, remedy: Diagnostic.Remedy? = nil) {
        diagnostics = [Diagnostic(.error, file: file, message, remedy: remedy)]
    }

    /// The first problem's file, message and remedy, for a caller that turns the error into one skip.
    public var file: String { diagnostics.first?.file ?? "" }
    public var message: String { diagnostics.first?.message ?? "" }
    public var remedy: Diagnostic.Remedy? { diagnostics.first?.remedy }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
