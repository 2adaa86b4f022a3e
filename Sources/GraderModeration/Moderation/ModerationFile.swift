import Foundation
import GraderEngine
import GraderFoundation
import GraderReports

/// The moderation file on disk: an append-only CSV log of people's decisions (see
/// `ModerationCSV`). Writers take an exclusive lock on `FILE.lock`, so two of them (a review
/// server and a script, say) never interleave or lose each other's rows, and append each batch of
/// rows with one write and one flush: a decision costs the same however long the file is.
///
/// A writer killed mid-append (or a power cut) can leave a last row without its line end: it was
/// never acknowledged (a row is acknowledged after its flush), so a reader ignores it, with a
/// warning, and the next writer cuts it off before appending. That is also why reading needs no
/// lock: an append in progress is such a row until it is whole.
public struct ModerationFile: Sendable {
    /// Where `grade`, `review` and `tune` look when no `--moderation` is given: beside
    /// Submissions/, Rubrics/ and Reports/, in the folder the command runs in.
    public static let defaultPath = "moderation.csv"

    public let path: String

    public init(path: String) { self.path = path }

    /// The lock file beside the moderation file. Not the file itself: the file is created (and
    /// a row holding a line break written) by renaming a new file over it, and a lock on the
    /// old one would guard nothing.
    public var lockPath: String { path + ".lock" }

    public var exists: Bool { FileSystem.exists(path) }

    /// Every decision the file holds. A missing file is an empty log; any bad row makes the
    /// file unusable, and the error names each bad row's line. A torn last row (see the type's
    /// comment) is left out, and `ModerationLog.warnings` says so.
    public func read() throws(InputError) -> ModerationLog {
        let (log, problems) = readReportingRows()
        guard problems.isEmpty else { throw InputError(problems) }
        return log
    }

    /// The decisions of the good rows, and a problem for each bad one.
    public func readReportingRows() -> (ModerationLog, [Diagnostic]) {
        guard exists else { return (ModerationLog(), []) }
        guard let bytes = try? FileSystem.read(path) else {
            return (ModerationLog(), [Diagnostic(.error, file: path, "cannot read the moderation file")])
        }
        return ModerationCSV.parse(bytes, file: path)
    }

    /// Appends `decisions` (in order, after every row already there), under the lock: when this
    /// returns they survive a kill or a power cut, and a writer killed at any moment leaves the
    /// rows before it whole.
    public func record(_ decisions: [ModerationDecision]) throws(OutputError) {
        try record { _ in decisions }
    }

    /// Like `record(_:)`, but the rows come from `decide`, called under the lock with a function
    /// giving the log the file holds then (its readable rows; read and parsed only if called): a
    /// writer that must not overwrite a decision it has not seen (two review servers on one file)
    /// checks it there. Returning nil writes nothing. `written` runs after the write, still under
    /// the lock (to note the file's new version before anyone else can change it).
    public func record(deciding decide: (_ currentLog: () -> ModerationLog) -> [ModerationDecision]?,
                       written: () -> Void = {}) throws(OutputError) {
        let lock: Int32
        do {
            lock = try SystemCall.open(lockPath, O_RDWR | O_CREAT, mode: 0o644)
            try SystemCall.lockExclusively(lock, path: lockPath)
        } catch {
            throw OutputError(path: path, message: "cannot take the lock \(lockPath): \(error.reason)")
        }
        defer { close(lock) }
        removeLeftoverTemporaryFiles()
        guard let file = try ModerationAppender(path: path) else {
            // No file yet (or an empty one): created whole, header first, by renaming a new file
            // into place, so no reader ever sees a file without its header.
            guard let decisions = decide({ ModerationLog() }) else { return }
            try AtomicFile.writeDurably(try csv([ModerationCSV.header] + ModerationCSV.rows(decisions)), to: path)
            written()
            return
        }
        defer { file.close() }
        guard let decisions = decide({ readReportingRows().0 }), !decisions.isEmpty else { return }
        let rows = ModerationCSV.rows(decisions)
        if rows.contains(where: { $0.contains { $0.utf8.contains(0x0A) || $0.utf8.contains(0x0D) } }) {
            // A cell with a line break: appended, a torn row could end on a line end and pass for
            // whole. Rare (the review form's fields are one line), so the file is written anew.
            try AtomicFile.writeDurably(try file.wholeFileEndingInANewRow() + csv(rows), to: path)
        } else {
            try file.append(try csv(rows))
        }
        written()
    }

    private func csv(_ rows: [[String]]) throws(OutputError) -> [UInt8] {
        do { return try CSVText.bytes(rows) } catch {
            throw OutputError(path: path, message: "cannot write the decisions as CSV: \(error)")
        }
    }

    /// Temporary files of writers killed before their rename (`AtomicFile` names them
    /// `.grader-tmp-PID-NAME`); only ours, and only under the lock, so no live writer's.
    private func removeLeftoverTemporaryFiles() {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path, suffix = "-" + url.lastPathComponent
        for name in (try? SystemCall.list(folder)) ?? [] where name.hasPrefix(AtomicFile.temporaryPrefix) && name.hasSuffix(suffix) {
            unlink(Path.join(folder, name))
        }
    }

    /// Why this path must not hold the moderation file, or nil: inside the reports folder (which
    /// is generated and may be deleted) or a submissions folder (read-only input).
    public func placementProblem(reportsFolder: String?, submissionFolders: [String]) -> String? {
        if let reportsFolder, Path.isInside(path, reportsFolder) {
            return "the moderation file must not be inside the reports folder \(reportsFolder), which a run may delete; keep it beside it"
        }
        for folder in submissionFolders where Path.isInside(path, folder) {
            return "the moderation file must not be inside the submissions folder \(folder), which is read-only input"
        }
        return nil
    }
}
