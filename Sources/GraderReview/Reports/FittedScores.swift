import Foundation
import GraderCore
import LibXML2

/// What `grader tune`'s `tune/tune.xml` in a reports folder gives the queue: per answer, the
/// tuned model's score beside the rubric's (`<answer-scores>`, tune.xsd). Used only when tune
/// read the same rubric the reports were graded with; otherwise the queue page says why not.
public struct FittedScores: Sendable {
    public struct Score: Sendable, Equatable {
        public let fitted: Double
        public let rubric: Double
    }

    public let byAnswer: [AnswerKey: Score]
    /// Why a `tune.xml` that is there was left out; nil when it was read or is absent.
    public let note: String?

    public init(byAnswer: [AnswerKey: Score] = [:], note: String? = nil) {
        self.byAnswer = byAnswer
        self.note = note
    }

    static let fileName = "tune/tune.xml"

    /// Reads `tune/tune.xml` of `folder`, when it is there and names `rubric` by its SHA-256.
    /// A report that cannot be used is a note, not an error: the queue stands without it.
    static func load(folder: String, rubric: Rubric) -> FittedScores {
        let file = Path.join(folder, fileName)
        guard let data = FileManager.default.contents(atPath: file) else { return FittedScores() }
        let tree: XMLTree
        do {
            tree = try XMLTree(bytes: [UInt8](data), name: file)
            try Schemas.tune.validate(tree)
        } catch {
            return FittedScores(note: "\(fileName) is left out: it is not a tuning report this grader reads (\(error)); run grader tune again.")
        }
        guard let root = tree.root, root.attribute("rubric-sha256") == rubric.sha256 else {
            return FittedScores(note: "\(fileName) is left out: it was tuned with another rubric than rubric.xml here "
                                + "(SHA-256 \(tree.root?.attribute("rubric-sha256") ?? "none") against \(rubric.sha256)); "
                                + "run grader tune with this rubric, --out \(Path.join(folder, "tune")), to rank by the fitted model's scores.")
        }
        var scores: [AnswerKey: Score] = [:]
        for element in root.firstChild(named: "answer-scores")?.children(named: "answer-score") ?? [] {
            guard let candidate = element.attribute("candidate"), let question = element.attribute("question"),
                  let rubricScore = Double(element.attribute("rubric") ?? ""),
                  let fitted = Double(element.attribute("fitted") ?? "") else { continue }   // no fit for that question
            scores[AnswerKey(candidate: candidate, question: question)] = Score(fitted: fitted, rubric: rubricScore)
        }
        guard !scores.isEmpty else {
            return FittedScores(note: "\(fileName) holds no fitted scores of answers (tune found too few graded answers to fit, "
                                + "or an older grader wrote it), so the gap between the rubric and the fitted model is not a reason here.")
        }
        return FittedScores(byAnswer: scores)
    }
}
