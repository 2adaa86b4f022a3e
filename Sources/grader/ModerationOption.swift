import Foundation
import ArgumentParser
import GraderFoundation
import GraderModeration

/// `--moderation FILE`, shared by `grade` and `tune`: the moderation file to apply. Without the
/// option `./moderation.csv` is used when it exists, and nothing when it does not; a file named
/// on the command line must exist.
struct ModerationOption: ParsableArguments {
    @Option(help: ArgumentHelp("Moderation file (CSV of moderators' decisions) to apply; default ./moderation.csv when it exists.",
                               valueName: "file"))
    var moderation: String?

    /// The file read, or nil when there is none to apply. Refuses (exit 2) a named file that is
    /// missing, a file inside the reports or a submissions folder, and a file with a bad row.
    func load(reports: String?, submissions: [String]) throws -> ModerationInput? {
        let file = ModerationFile(path: moderation ?? ModerationFile.defaultPath)
        guard file.exists else {
            guard let moderation else { return nil }
            throw CommandFailure.exitCode(reporting: CommandFailure.UsageFailure("\(moderation): error: no such moderation file"))
        }
        if let problem = file.placementProblem(reportsFolder: reports, submissionFolders: submissions) {
            throw CommandFailure.exitCode(reporting: CommandFailure.UsageFailure("\(file.path): error: \(problem)"))
        }
        let log: ModerationLog
        do {
            log = try file.read()
        } catch {
            throw CommandFailure.exitCode(reporting: error)
        }
        // A torn last row, left out (never acknowledged): said, not refused.
        if !log.warnings.isEmpty { FileHandle.standardError.write(Data((Diagnostic.terminalText(log.warnings) + "\n").utf8)) }
        return ModerationInput(path: file.path, log: log)
    }

    /// The summary's lines about what the file changed.
    static func summary(_ outcome: ModerationOutcome) -> [String] {
        guard let file = outcome.file else { return [] }
        var line = "Moderation (\(file)): \(Plural.count(outcome.applied, "answer")) moderated"
        if !outcome.stale.isEmpty { line += ", \(outcome.stale.count) stale (the answer changed since; not applied)" }
        if !outcome.invalid.isEmpty { line += ", \(outcome.invalid.count) invalid (not applied)" }
        if !outcome.unknown.isEmpty { line += ", \(outcome.unknown.count) naming no graded answer" }
        return [line + "."]
    }
}
