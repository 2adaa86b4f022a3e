/// File paths as the user typed them, kept as strings: joining a folder and a name, and a
/// name's extension and stem. Hand-written rather than through URL so a path is never
/// rewritten (made absolute, standardized) on its way into a message or a report.
public enum Path {
    /// `folder/name`, with one slash between.
    public static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// The extension of a file name, lower-cased and without its dot; "" when it has none
    /// (a leading dot, as in `.hidden`, starts no extension).
    public static func fileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// A file name without its extension.
    public static func stem(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
