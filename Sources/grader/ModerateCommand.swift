import ArgumentParser
import Foundation
import GraderEngine
import GraderFoundation
import GraderModeration

/// `grader moderate`: records one person's decision on one answer in the moderation file,
/// from the command line or a script (`grader review` records them from its pages).
struct Moderate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a moderator's score for one answer in the moderation file.",
        discussion: """
        Appends a row to the moderation file (default ./moderation.csv) under a lock, flushed to \
        the disk before it returns; a row torn by a crash is ignored, then cut off by the next writer. The decision records the SHA-256 of the answer as REPORTS/candidates/ID.xml \
        holds it, so a later `grader grade --moderation` applies it only while the answer is unchanged. \
        --withdraw records a row that takes the decision back.
        """
    )

    @Option(help: "Candidate id, as in the reports.")
    var candidate: String

    @Option(help: "Question id.")
    var question: String

    @Option(help: "The moderator's points for the answer.")
    var score: Double?

    @Flag(help: "Withdraw the decision on this answer: back to the automatic score.")
    var withdraw = false

    @Option(help: "Why: shown to the candidate in a student report.")
    var reason: String = ""

    @Option(help: "Who decided; defaults to the user name.")
    var moderator: String = ProcessInfo.processInfo.environment["USER"] ?? ""

    @Option(help: "Reports folder that holds the graded answer.")
    var reports: String = "Reports"

    @Option(help: ArgumentHelp("Moderation file (CSV) the decision is added to.", valueName: "file"))
    var moderation: String = ModerationFile.defaultPath

    func validate() throws {
        guard (score == nil) == withdraw else { throw ValidationError("give either --score or --withdraw") }
        if let score { guard score.isFinite, score >= 0 else { throw ValidationError("--score must be 0 or more") } }
    }

    func run() throws {
        let file = ModerationFile(path: moderation)
        if let problem = file.placementProblem(reportsFolder: reports, submissionFolders: []) {
            throw CommandFailure.exitCode(reporting: CommandFailure.UsageFailure("\(moderation): error: \(problem)"))
        }
        do {
            let (answer, maximum) = try ReportedAnswer.read(reports: reports, candidate: candidate, question: question)
            if let score, let maximum, score > maximum {
                throw CommandFailure.UsageFailure("grader: --score \(NumberText.format(score)) is more than question \(question)'s \(NumberText.format(maximum)) points")
            }
            try file.record([ModerationDecision(candidateID: candidate, questionID: question, score: score, reason: reason,
                                                moderator: moderator, decidedAt: ModerationDecision.timestamp(Date()),
                                                answerSHA256: ModerationDecision.answerHash(answer))])
        } catch {
            throw CommandFailure.exitCode(reporting: error)
        }
    }
}
