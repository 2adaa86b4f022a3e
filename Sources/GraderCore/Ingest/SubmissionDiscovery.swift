import Foundation

/// Lists what a submissions folder holds: one file per candidate, or one folder per
/// candidate. Entries are sorted by name so every run sees them in the same order,
/// and each gets its unique id here, before any grading starts, so ids do not depend
/// on which worker finishes first. Only file heads are read (for a front-matter id):
/// the texts themselves are read later, one candidate at a time.
public enum SubmissionDiscovery {
    /// File extensions read as submissions; anything else is skipped with a reason.
    public static let textExtensions: Set<String> = ["md", "markdown", "txt", "text"]

    public struct Result: Sendable {
        public var units: [SubmissionUnit]
        /// Entries that are not submissions, each with its reason.
        public var skipped: [Diagnostic]
        /// Notes about ids that had to be changed.
        public var warnings: [Diagnostic]
        /// How export columns were mapped to questions.
        public var notes: [Diagnostic] = []
    }

    /// Lists `root`. With `exports`, CSV and XLSX exports are read into one unit per row;
    /// without, they are skipped like any other unsupported file.
    public static func discover(root: String, exports: ExportOptions? = nil) throws(DiscoveryError) -> Result {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiscoveryError(path: root, message: "no such submissions folder")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
        } catch {
            throw DiscoveryError(path: root, message: "cannot list the folder: \(error.localizedDescription)")
        }
        var units: [SubmissionUnit] = []
        var skipped: [Diagnostic] = []
        var notes: [Diagnostic] = []
        for name in names where !name.hasPrefix(".") {
            let path = join(root, name)
            var entryIsDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &entryIsDirectory) else {
                skipped.append(Diagnostic(.error, file: path, "skipped: it cannot be read (a broken link?)"))
                continue
            }
            if entryIsDirectory.boolValue {
                units.append(SubmissionUnit(source: path, isFolder: true,
                                            claimedID: peekID(in: folderFiles(path).first.map { join(path, $0) }) ?? name, id: ""))
            } else if let exports, ExportReader.extensions.contains(fileExtension(name)) {
                let read = ExportReader.read(path: path, options: exports)
                units += read.units
                skipped += read.skipped
                notes += read.notes
            } else if textExtensions.contains(fileExtension(name)) || !name.contains(".") {
                units.append(SubmissionUnit(source: path, isFolder: false, claimedID: peekID(in: path) ?? stem(name), id: ""))
            } else {
                skipped.append(Diagnostic(.error, file: path,
                    "skipped: '.\(fileExtension(name))' is not a submission format (expected .md, .markdown, .txt, .text, or a .csv/.xlsx export)"))
            }
        }
        let warnings = CandidateIDs.assign(&units)
        return Result(units: units, skipped: skipped, warnings: warnings, notes: notes)
    }

    /// The answer files of a candidate folder, sorted, hidden files left out.
    static func folderFiles(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { !$0.hasPrefix(".") }
            .sorted()
    }

    /// The `id` of a file's front matter, read from its first 4 KiB.
    static func peekID(in path: String?) -> String? {
        guard let path, let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 4096) else { return nil }
        var bytes = [UInt8](head)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let text = String(decoding: bytes, as: UTF8.self).replacing("\r\n", with: "\n")
        let id = FrontMatter.split(Substring(text)).frontMatter.fields["id"]
        return id?.isEmpty == false ? id : nil
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    static func fileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    static func stem(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}

/// The submissions folder itself cannot be used.
public struct DiscoveryError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path): error: \(message)" }
}
