import ArgumentParser
import GraderFoundation

/// The one place where an error a command cannot recover from becomes a message
/// on stderr and an exit code: bad input the user can fix (a rubric, a folder, a
/// grades file, a set of reports) is a usage error, 2; failing to write the output,
/// or anything unexpected, is 3. (Argument errors are mapped in `Grader.main`; a
/// command's own verdict, 1 for skipped input or a failed example, is a plain exit code.)
enum CommandFailure {
    static func exitCode(reporting error: any Error) -> ExitCode {
        switch error {
        case let error as InputError: return report(Diagnostic.terminalText(error.diagnostics), ExitStatus.usageOrRubricError)
        case let error as UsageFailure: return report(error.description, ExitStatus.usageOrRubricError)
        case let error as OutputError: return report(error.description, ExitStatus.internalError)
        default: return report("grader: internal error: \(error)", ExitStatus.internalError)
        }
    }

    /// Something named on the command line that a command found unusable itself
    /// (a file it cannot read, two options that contradict each other).
    struct UsageFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    private static func report(_ message: String, _ status: Int32) -> ExitCode {
        Terminal.error(message)
        return ExitCode(status)
    }
}
