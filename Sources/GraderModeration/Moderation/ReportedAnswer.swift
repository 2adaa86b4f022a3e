import Foundation
import GraderFoundation
import GraderReports

/// The answer text a candidate report holds for one question: the text a decision is made on,
/// whose hash the decision records (`ModerationDecision.answerHash`).
public enum ReportedAnswer {
    /// The text of `<answer>` of question `question` in `REPORTS/candidates/CANDIDATE.xml`;
    /// "" for a question the candidate did not answer.
    public static func text(reports: String, candidate: String, question: String) throws(InputError) -> String {
        try read(reports: reports, candidate: candidate, question: question).text
    }

    /// The answer's text and the question's maximum (its `max`, nil in a report without one),
    /// so a score can be checked before it is recorded.
    public static func read(reports: String, candidate: String, question: String) throws(InputError) -> (text: String, maxPoints: Double?) {
        let file = Path.join(Path.join(reports, "candidates"), "\(candidate).xml")
        guard FileSystem.exists(file) else {
            throw InputError(file: file, message: "no report for candidate '\(candidate)' (run grader grade first)")
        }
        let report = try CandidateReportReader.read(bytes: try ReportBytes.read(file), file: file, evidence: false)
        guard let reported = report.questions.first(where: { $0.id == question }) else {
            throw InputError(file: file, message: "the report has no question '\(question)'")
        }
        return (reported.answer?.text ?? "", reported.maxPoints)
    }
}
