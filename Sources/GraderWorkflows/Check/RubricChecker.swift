import Foundation
import GraderEngine
import GraderFoundation

/// `grader check` for one rubric file: load it (schema and pattern errors), lint
/// it, and run its examples. Errors stop it before the lints, as the rubric
/// cannot be graded with.
public enum RubricChecker {
    /// What checking one file found.
    public struct Report: Sendable {
        public let file: String
        /// Errors (the rubric cannot be used) and lint warnings, in file order.
        public let diagnostics: [Diagnostic]
        public let examples: [ExampleRunner.Outcome]

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
        public var failedExamples: [ExampleRunner.Outcome] { examples.filter { !$0.passed } }
    }

    public static func check(file: String) -> Report {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(file)
        } catch {
            return Report(file: file, diagnostics: [Diagnostic(.error, file: file, "cannot read the rubric: \(error.reason)")],
                          examples: [])
        }
        return check(bytes: bytes, file: file)
    }

    public static func check(bytes: [UInt8], file: String) -> Report {
        let rubric: Rubric
        do {
            rubric = try RubricLoader.load(bytes: bytes, file: file)
        } catch {
            return Report(file: file, diagnostics: error.diagnostics, examples: [])
        }
        return Report(file: file, diagnostics: RubricLinter.lint(rubric, bytes: bytes),
                      examples: ExampleRunner.run(rubric, bytes: bytes))
    }

    /// The rubric files named by `paths`: files as given, folders expanded to their `*.xml` files.
    public static func rubricFiles(_ paths: [String]) -> (files: [String], problems: [Diagnostic]) {
        var files: [String] = []
        var problems: [Diagnostic] = []
        for path in paths {
            guard let facts = FileSystem.facts(path) else {
                problems.append(Diagnostic(.error, file: path, "no such rubric file or folder"))
                continue
            }
            guard facts.isFolder else { files.append(path); continue }
            let names = ((try? FileSystem.list(path)) ?? [])
                .filter { $0.hasSuffix(".xml") && !$0.hasPrefix(".") }
                .sorted()
            if names.isEmpty { problems.append(Diagnostic(.error, file: path, "the folder holds no rubric (*.xml)")) }
            files += names.map { Path.join(path, $0) }
        }
        return (files, problems)
    }
}
