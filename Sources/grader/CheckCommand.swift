import ArgumentParser
import Foundation
import GraderFoundation
import GraderWorkflows

/// `grader check`: validate rubrics, lint them and run their example answers as tests.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate rubrics, lint them, and run their example answers as tests.",
        discussion: """
        For each rubric, on standard output in this order: schema and pattern errors as \
        FILE:LINE:COLUMN: error: ..., lints as warnings (each tagged with its name, e.g. \
        [empty-match]), every <example> graded and compared with its expected score, and last \
        the rubric's summary. Exit 0 when all is well (warnings allowed), 1 when an \
        example fails (or a warning, with --strict), 2 on a rubric error.
        """
    )

    @Argument(help: "Rubric files, or folders whose *.xml files are rubrics. Default: Rubrics/.")
    var rubrics: [String] = []

    @Flag(help: "List only failing examples, not every one.")
    var failuresOnly = false

    @Flag(help: "Treat lint warnings as failures (exit 1), for CI.")
    var strict = false

    func run() throws {
        let (files, problems) = RubricChecker.rubricFiles(rubrics.isEmpty ? ["Rubrics"] : rubrics)
        for problem in problems { Terminal.error(problem.terminalText) }
        var status = problems.isEmpty ? ExitStatus.success : ExitStatus.usageOrRubricError
        for file in files {
            // Findings are this command's output: one stream, in order, the file's summary last,
            // so a pipe or a log never shows a summary before the warnings it counts.
            let report = RubricChecker.check(file: file)
            var output = report.diagnostics.map(\.terminalText)
            defer { Self.print(output) }
            if report.hasErrors {
                output.append("\(file): rubric error, not checked further")
                status = ExitStatus.usageOrRubricError
                continue
            }
            for example in report.examples where !failuresOnly || !example.passed {
                output.append(Self.line(example, file: file))
            }
            let failed = report.failedExamples.count, passed = report.examples.count - failed
            output.append("\(file): \(passed) of \(Plural.count(report.examples.count, "example")) \(passed == 1 ? "passes" : "pass")"
                          + (failed > 0 ? ", \(failed) FAIL" : "") + "; \(Plural.count(report.diagnostics.count, "warning"))")
            if status == ExitStatus.success && (failed > 0 || (strict && !report.diagnostics.isEmpty)) { status = ExitStatus.inputSkipped }
        }
        if status != ExitStatus.success { throw ExitCode(status) }
    }

    /// Lines to stdout, unbuffered so they stay in order with argument errors on stderr.
    static func print(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// `PASS q02 (file:12:5): 7 of 10, as expected` or a failure with what fired.
    static func line(_ example: ExampleRunner.Outcome, file: String) -> String {
        let place = "\(file):\(example.line)" + (example.column.map { ":\($0)" } ?? "")
        let note = example.note.map { " \"\($0)\"" } ?? ""
        if example.passed {
            return "PASS \(example.question) \(place)\(note): \(NumberText.format(example.actual)) of \(NumberText.format(example.points))"
        }
        let fired = example.fired.isEmpty ? "nothing"
            : example.fired.map { "\($0.id) \($0.awarded >= 0 ? "+" : "")\(NumberText.format($0.awarded))" }.joined(separator: ", ")
        let undecided = example.notEvaluated.isEmpty ? "" : "; not evaluated: \(example.notEvaluated.joined(separator: ", "))"
        return "FAIL \(example.question) \(place)\(note): expected \(NumberText.format(example.expected)), "
            + "got \(NumberText.format(example.actual)); fired \(fired)\(undecided)"
    }
}
