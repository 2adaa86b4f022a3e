import ArgumentParser
import Foundation
import GraderFoundation
import GraderWorkflows

/// `grader import`: bring questions written for another system into a Grader rubric.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert questions from another system into a Grader rubric.",
        subcommands: [ImportMoodle.self]
    )
}

/// `grader import moodle QUIZ.xml`: pmatch, regexp and shortanswer questions of a Moodle export.
struct ImportMoodle: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moodle",
        abstract: "Convert a Moodle question bank export (Moodle XML) into a rubric.",
        discussion: """
        Carries over pmatch (OU pattern match), regexp and shortanswer questions with their \
        answers, fractions, feedback, synonyms and options. Moodle scores a response by the first \
        answer it matches; the rubric's criteria are built so every score equals Moodle's. \
        Everything not carried over is listed on stderr and as comments in the rubric.
        """
    )

    @Argument(help: "The Moodle XML export (File > Export > Moodle XML format).")
    var quiz: String

    @Option(help: "Rubric file to write (default: standard output).")
    var out: String?

    @Option(help: "The rubric's id (default: from the export's file name).")
    var id: String?

    func run() throws {
        guard let bytes = try? FileSystem.read(quiz) else {
            throw CommandFailure.exitCode(reporting: CommandFailure.UsageFailure("\(quiz): cannot read the file"))
        }
        let base = ((quiz as NSString).lastPathComponent as NSString).deletingPathExtension
        let rubricID = id ?? String(base.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" }.prefix(60))
        let conversion: MoodleImporter.Conversion
        do {
            conversion = try MoodleImporter.convert(bytes: bytes, file: quiz, rubricID: rubricID.isEmpty ? "moodle" : rubricID)
        } catch {
            throw CommandFailure.exitCode(reporting: error)
        }
        for note in conversion.notes { Terminal.error(note.terminalText) }
        if let out {
            do {
                try AtomicFile.write(conversion.rubric, to: out)
            } catch {
                throw CommandFailure.exitCode(reporting: error)
            }
        } else {
            FileHandle.standardOutput.write(Data(conversion.rubric))
        }
    }
}
