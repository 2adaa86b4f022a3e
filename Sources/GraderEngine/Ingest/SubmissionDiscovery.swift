import Foundation
import GraderFoundation

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
        public var units: SubmissionUnits
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
        var found = Found()
        for root in paths {
            guard let facts = FileSystem.facts(root) else {
                throw InputError(file: root, message: "no such submissions folder or file")
            }
            guard facts.isFolder else {
                found.add(classify(root, name: (root as NSString).lastPathComponent, exports: exports), namedPath: root)
                continue
            }
            var names: [String]
            do {
                names = try SystemCall.list(root)
            } catch {
                throw InputError(file: root, message: "cannot list the folder: \(error.reason)")
            }
            names.removeAll { $0.hasPrefix(".") }
            found.classify(names, in: root, exports: exports)
        }
        let warnings = CandidateIDs.assign(&found.units)
        return Result(units: found.units, skipped: found.skipped, warnings: warnings, notes: found.notes)
    }

    /// What discovery has found so far, in order. A folder's entries are classified from its
    /// names, their paths made one batch at a time: a list of every entry's path would be
    /// as large as the units themselves, and what it leaves in the heap stays for the run.
    private struct Found {
        var units = SubmissionUnits()
        var skipped: [Diagnostic] = []
        var notes: [Diagnostic] = []

        /// Each entry is looked at on its own (a stat, and the head of a file for its id), so
        /// entries are classified in parallel, a batch of chunks at a time, and kept in order.
        mutating func classify(_ names: [String], in root: String, exports: ExportOptions?) {
            let folder = units.addFolder(root, entries: names)
            let chunk = 256, batch = chunk * max(1, ProcessInfo.processInfo.activeProcessorCount)
            for batchStart in stride(from: 0, to: names.count, by: batch) {
                let slice = names[batchStart..<min(names.count, batchStart + batch)]
                let chunks = (slice.count + chunk - 1) / chunk
                let classified = Locked([[Entry]](repeating: [], count: chunks))
                DispatchQueue.concurrentPerform(iterations: chunks) { index in
                    let start = slice.startIndex + index * chunk
                    let entries = slice[start..<min(slice.endIndex, start + chunk)].map {
                        SubmissionDiscovery.classify(Path.join(root, $0), name: $0, exports: exports)
                    }
                    classified.withLock { $0[index] = entries }
                }
                for (name, entry) in zip(slice, classified.withLock({ $0 }).joined()) { add(entry, name: name, folder: folder) }
            }
        }

        /// Adds what a path named on its own is.
        mutating func add(_ entry: Entry, namedPath path: String) {
            add(entry) { units, isFolder, claimedID in
                units.append(namedPath: path, name: (path as NSString).lastPathComponent, isFolder: isFolder, claimedID: claimedID)
            }
        }

        private mutating func add(_ entry: Entry, name: String, folder: Int) {
            add(entry) { $0.append(entry: name, in: folder, isFolder: $1, claimedID: $2) }
        }

        /// Adds a skipped entry's reason or an export's rows; `unit` adds a file or folder.
        private mutating func add(_ entry: Entry, unit: (inout SubmissionUnits, Bool, String) -> Void) {
            switch entry {
            case .unit(let isFolder, let claimedID): unit(&units, isFolder, claimedID)
            case .skipped(let diagnostic): skipped.append(diagnostic)
            case .export(let read):
                for unit in read.units { units.append(row: unit) }
                skipped += read.skipped
                notes += read.notes
            }
        }
    }

    /// What one named path, or one entry of a submissions folder, is.
    private enum Entry {
        /// A file or folder of answers, and the id its front matter (or name) claims.
        case unit(isFolder: Bool, claimedID: String)
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
                return .unit(isFolder: true, claimedID: try first.flatMap(peekID) ?? name)
            } else if let exports, ExportReader.extensions.contains(Path.fileExtension(name)) {
                return .export(ExportReader.read(path: path, options: exports))
            } else if textExtensions.contains(Path.fileExtension(name)) || !name.contains(".") {
                return .unit(isFolder: false, claimedID: try peekID(in: path) ?? Path.stem(name))
            }
        } catch {
            return .skipped(Diagnostic(.error, file: path, "skipped: it cannot be read: \(error.reason)"
                                       + (error.path == path ? "" : " (\(error.path))")))
        }
        return .skipped(Diagnostic(.error, file: path,
            "skipped: '.\(Path.fileExtension(name))' is not a submission format (expected .md, .markdown, .txt, .text, or a .csv/.xlsx export)"))
    }

    /// The answer files of a candidate folder, sorted, hidden files left out.
    package static func folderFiles(_ folder: String) throws(SystemCallError) -> [String] {
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
        var text = String(decoding: bytes, as: UTF8.self)
        // Only when there is a carriage return: String.replacing costs even when it finds nothing
        // (a tenth of an unchanged re-run's time, once per candidate file).
        if text.containsByte(0x0D) { text = text.replacing("\r\n", with: "\n") }
        let id = FrontMatter.split(Substring(text)).frontMatter.fields["id"]
        return id?.isEmpty == false ? id : nil
    }
}

