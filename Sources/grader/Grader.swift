import ArgumentParser
import Foundation

/// The `grader` command: a thin shell over Grader's libraries. Commands parse options,
/// call the core, and turn its results into text on the terminal and exit codes.
@main
struct Grader: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grader",
        abstract: "Grade written answers against a rubric, with the evidence behind every point.",
        discussion: """
        Exit codes: 0 all done; 1 some input was skipped (each named with its reason); \
        2 usage or rubric error; 3 internal error.
        """,
        version: "0.1.0",
        subcommands: [Grade.self, Check.self, Tune.self, Cohort.self, Try.self, Import.self, Moderate.self, Review.self],
        defaultSubcommand: nil
    )

    /// Parses and runs, mapping argument errors to exit code 2, the usage-error code the command's
    /// help (above) and README's exit codes promise (ArgumentParser's own is 64).
    static func main() async {
        do {
            var command = try parseAsRoot(EmptyOptionValues.expanded(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                Terminal.error(fullMessage(for: error))
                Foundation.exit(ExitStatus.usageOrRubricError)
            }
            exit(withError: error)
        }
    }
}

/// The exit codes every command uses.
enum ExitStatus {
    static let success: Int32 = 0
    static let inputSkipped: Int32 = 1
    static let usageOrRubricError: Int32 = 2
    static let internalError: Int32 = 3
}
