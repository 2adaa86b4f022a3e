import Foundation

/// Lists the submissions at the paths the user named: a folder holding one file or one
/// folder per candidate, a single candidate file, or a single export (CSV, TSV, XLSX),
/// several of them at once. Paths are taken in the order given and each folder's entries
/// sorted by name, so every run sees them in the same order,
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

    /// Lists `paths`, each a folder of submissions or a single submission or export file.
    /// With `exports`, CSV and XLSX exports are read into one unit per row; without, they are
    /// skipped like any other unsupported file. Ids are made unique across all paths.
    public static func discover(paths: [String], exports: ExportOptions? = nil) throws(InputError) -> Result {
        var entries: [(path: String, name: String)] = []
        for root in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
                throw InputError(file: root, message: "no such submissions folder or file")
            }
            guard isDirectory.boolValue else {
                entries.append((root, (root as NSString).lastPathComponent))
                continue
            }
            let names: [String]
            do {
                names = try SystemCall.list(root)
            } catch {
                throw InputError(file: root, message: "cannot list the folder: \(error.reason)")
            }
            entries += names.filter { !$0.hasPrefix(".") }.map { (Path.join(root, $0), $0) }
        }
        // Each entry is looked at on its own (a stat, and the head of a file for its id), so
        // entries are classified in parallel, a batch of chunks at a time, and kept in order.
        let chunk = 256, batch = chunk * max(1, ProcessInfo.processInfo.activeProcessorCount)
        var units: [SubmissionUnit] = []
        var skipped: [Diagnostic] = []
        var notes: [Diagnostic] = []
        for batchStart in stride(from: 0, to: entries.count, by: batch) {
            let slice = entries[batchStart..<min(entries.count, batchStart + batch)]
            let chunks = (slice.count + chunk - 1) / chunk
            let classified = Locked([[Entry]](repeating: [], count: chunks))
            DispatchQueue.concurrentPerform(iterations: chunks) { index in
                let start = slice.startIndex + index * chunk
                let entries = slice[start..<min(slice.endIndex, start + chunk)].map { classify($0.path, name: $0.name, exports: exports) }
                classified.withLock { $0[index] = entries }
            }
            for entry in classified.withLock({ $0 }).joined() {
                switch entry {
                case .unit(let unit): units.append(unit)
                case .skipped(let diagnostic): skipped.append(diagnostic)
                case .export(let read):
                    units += read.units
                    skipped += read.skipped
                    notes += read.notes
                }
            }
        }
        let warnings = CandidateIDs.assign(&units)
        return Result(units: units, skipped: skipped, warnings: warnings, notes: notes)
    }

    /// What one named path, or one entry of a submissions folder, is.
    private enum Entry {
        case unit(SubmissionUnit)
        case export(ExportReader.Result)
        case skipped(Diagnostic)
    }

    /// What the file or folder at `path` (called `name`) holds. A stat, list or read that fails
    /// skips the entry with the system's reason.
    private static func classify(_ path: String, name: String, exports: ExportOptions?) -> Entry {
        do throws(SystemCallError) {
            let status = try SystemCall.status(path)
            if status.st_mode & S_IFMT == S_IFDIR {
                let first = try folderFiles(path).first.map { Path.join(path, $0) }
                return .unit(SubmissionUnit(source: path, isFolder: true, claimedID: try first.flatMap(peekID) ?? name, id: ""))
            } else if let exports, ExportReader.extensions.contains(Path.fileExtension(name)) {
                return .export(ExportReader.read(path: path, options: exports))
            } else if textExtensions.contains(Path.fileExtension(name)) || !name.contains(".") {
                return .unit(SubmissionUnit(source: path, isFolder: false, claimedID: try peekID(in: path) ?? Path.stem(name), id: ""))
            }
        } catch {
            return .skipped(Diagnostic(.error, file: path, "skipped: it cannot be read: \(error.reason)"
                                       + (error.path == path ? "" : " (\(error.path))")))
        }
        return .skipped(Diagnostic(.error, file: path,
            "skipped: '.\(Path.fileExtension(name))' is not a submission format (expected .md, .markdown, .txt, .text, or a .csv/.xlsx export)"))
    }

    /// The answer files of a candidate folder, sorted, hidden files left out.
    static func folderFiles(_ folder: String) throws(SystemCallError) -> [String] {
        try SystemCall.list(folder).filter { !$0.hasPrefix(".") }
    }

    /// The `id` of a file's front matter, read from its first 4 KiB.
    static func peekID(in path: String) throws(SystemCallError) -> String? {
        let descriptor = try SystemCall.open(path, O_RDONLY)
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let read = bytes.withUnsafeMutableBytes { raw in
            Swift.Result { () throws(SystemCallError) in try SystemCall.readFully(descriptor, into: raw, path: path) }
        }
        let count = try read.get()
        bytes.removeLast(bytes.count - count)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // Front matter opens the file with "---"; anything else (UTF-16 too) has none to read here.
        guard bytes.starts(with: Array("---".utf8)) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self).replacing("\r\n", with: "\n")
        let id = FrontMatter.split(Substring(text)).frontMatter.fields["id"]
        return id?.isEmpty == false ? id : nil
    }
}

