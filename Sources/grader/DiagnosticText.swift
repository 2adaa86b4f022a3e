import GraderFoundation


/// Diagnostics as the terminal shows them: the core's text, then, when the fix is an option
/// of this command line, which one. The core names no flags; it returns a typed remedy.
extension Diagnostic {
    var terminalText: String {
        guard let remedy else { return description }
        return description + "; " + Self.hint(remedy)
    }

    /// Several diagnostics, one a line.
    static func terminalText(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(\.terminalText).joined(separator: "\n")
    }

    static func hint(_ remedy: Remedy) -> String {
        switch remedy {
        case .mapColumn(let header?): "choose with --map \"\(header)=QID\""
        case .mapColumn(nil): "choose with --map COLUMN=QID"
        case .raiseFileSizeLimit: "raise it with --max-file-size"
        case .chooseRubric: "choose one with --rubric FILE"
        }
    }
}
