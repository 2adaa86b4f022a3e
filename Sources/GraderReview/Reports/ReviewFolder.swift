import Foundation
import GraderCohort
import GraderEngine
import GraderFoundation
import GraderReports
import LibXML2

/// A graded reports folder as `grader review` reads it: the rubric the run copied in
/// (`rubric.xml`: prompts, feedback, points, levels, bands), every candidate report's answers
/// (`candidates/*.xml`), the similar pairs of `cohort.xml` when the cohort stage wrote it, and
/// the fitted model's scores of `tune/tune.xml` when `grader tune --out REPORTS/tune` wrote it.
public struct ReviewFolder: Sendable {
    public let path: String
    public let rubric: Rubric
    /// Every answer, sorted by candidate id then question id.
    public let answers: [ReviewAnswer]
    /// Similar pairs from `cohort.xml`: per answer, the most similar other candidate and the similarity.
    public let similar: [AnswerKey: (other: String, similarity: Double)]
    /// The tuned model's score per answer from `tune/tune.xml`, when tune ran on this rubric
    /// (a reason in the queue: the gap between the rubric and the fitted model).
    public let fitted: FittedScores

    public static func load(_ path: String) throws(InputError) -> ReviewFolder {
        let rubricPath = Path.join(path, "rubric.xml")
        guard FileSystem.exists(rubricPath) else {
            throw InputError(file: path, message: "no rubric.xml in this reports folder (grade it again with this version of grader, which copies the rubric there)")
        }
        let rubric = try RubricLoader.load(path: rubricPath)
        var answers: [ReviewAnswer] = []
        var problems: [Diagnostic] = []
        for file in try CohortReader.reportFiles(in: path) {
            do throws(InputError) {
                answers += try ReviewAnswer.answers(of: CandidateReportReader.read(bytes: try ReportBytes.read(file), file: file), file: file)
            } catch {
                problems += error.diagnostics
            }
        }
        guard problems.isEmpty else { throw InputError(problems) }
        answers.sort { $0.key < $1.key }
        return ReviewFolder(path: path, rubric: rubric, answers: answers, similar: try similarPairs(Path.join(path, "cohort.xml")),
                            fitted: FittedScores.load(folder: path, rubric: rubric, answers: answers))
    }

    /// Reads the similar answer pairs of the cohort report, if there is one.
    static func similarPairs(_ file: String) throws(InputError) -> [AnswerKey: (other: String, similarity: Double)] {
        guard let bytes = try? FileSystem.read(file) else { return [:] }
        let pairs: [CohortDocument.Pair]
        do {
            pairs = try CohortReportReader(bytes: bytes, name: file).similar().pairs
        } catch {
            throw InputError(file: file, message: "not a readable cohort report: \(error)")
        }
        var similar: [AnswerKey: (other: String, similarity: Double)] = [:]
        for pair in pairs {
            for (one, other) in [(pair.first, pair.second), (pair.second, pair.first)] {
                let key = AnswerKey(candidate: one, question: pair.question)
                if similar[key].map({ $0.similarity < pair.similarity || ($0.similarity == pair.similarity && other < $0.other) }) ?? true {
                    similar[key] = (other, pair.similarity)
                }
            }
        }
        return similar
    }
}
