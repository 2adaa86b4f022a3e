import Foundation

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

    /// The last component of a path: the file's name.
    public static func lastComponent(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }

    /// A file name without its extension.
    public static func stem(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// Whether `path` is `folder` or lies inside it, both resolved (`resolved`): a file that must
    /// not be written where a run deletes or only reads (the reports folder, submissions).
    public static func isInside(_ path: String, _ folder: String) -> Bool {
        let file = resolved(path), folder = resolved(folder)
        return file == folder || file.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    /// An absolute path with symbolic links resolved as far as it exists (the rest appended as typed).
    public static func resolved(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var tail: [String] = []
        while !FileSystem.exists(url.path), url.path != "/" {
            tail.insert(url.lastPathComponent, at: 0)
            url.deleteLastPathComponent()
        }
        var result = url.resolvingSymlinksInPath()
        for part in tail { result.appendPathComponent(part) }
        return result.path
    }
}
