import Foundation
import GraderEngine
import GraderFoundation
import GraderReports
import LibXML2

/// What `grader tune`'s `tune/tune.xml` in a reports folder gives the queue: per answer, the
/// tuned model's score beside the rubric's (`<answer-scores>`, tune.xsd). Used only when tune
/// read the same rubric the reports were graded with, and the same answers; otherwise the queue
/// page says why not.
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

    /// Reads `tune/tune.xml` of `folder`, when it is there, names `rubric` by its SHA-256 and was
    /// made from the answers of `answers`. A report that cannot be used is a note, not an error:
    /// the queue stands without it.
    static func load(folder: String, rubric: Rubric, answers: [ReviewAnswer]) -> FittedScores {
        let file = Path.join(folder, fileName)
        guard let bytes = try? FileSystem.read(file) else { return FittedScores() }
        let header: TuneDocument.Header, answerScores: [TuneDocument.AnswerScore]
        do {
            let reader = try TuneReportReader(bytes: bytes, name: file)
            header = try reader.header()
            answerScores = try reader.answerScores()
        } catch {
            return FittedScores(note: "\(fileName) is left out: it is not a tuning report this grader reads (\(error)); run grader tune again.")
        }
        guard header.rubricSHA256 == rubric.sha256 else {
            return FittedScores(note: "\(fileName) is left out: it was tuned with another rubric than rubric.xml here "
                                + "(SHA-256 \(header.rubricSHA256) against \(rubric.sha256)); "
                                + "run grader tune with this rubric, --out \(Path.join(folder, "tune")), to rank by the fitted model's scores.")
        }
        var scores: [AnswerKey: Score] = [:], hashes: [AnswerKey: String] = [:]
        for answer in answerScores {
            guard let fitted = answer.fitted else { continue }   // no fit for that question
            let key = AnswerKey(candidate: answer.candidate, question: answer.question)
            scores[key] = Score(fitted: fitted, rubric: answer.rubric)
            if let hash = answer.answerSHA256 { hashes[key] = hash }
        }
        if let mismatch = mismatch(scores, hashes: hashes, answers) {
            return FittedScores(note: "\(fileName) is left out: it was made from other answers than these reports (\(mismatch)); "
                                + "run grader tune again on these reports, --out \(Path.join(folder, "tune")), to rank by the fitted model's scores.")
        }
        guard !scores.isEmpty else {
            return FittedScores(note: "\(fileName) holds no fitted scores of answers (tune found too few graded answers to fit, "
                                + "or an older grader wrote it), so the gap between the rubric and the fitted model is not a reason here.")
        }
        return FittedScores(byAnswer: scores)
    }

    /// How tune.xml's answers differ from the reports', or nil when they agree: an answer it names
    /// that the reports lack, one whose text has another hash (`hashes`: tune.xml records each
    /// answer's SHA-256), or one scored otherwise than the report did, was another answer. A
    /// tune.xml of an older grader has no hashes; there only the scores can tell, and an answer
    /// changed without changing its score goes unseen.
    static func mismatch(_ scores: [AnswerKey: Score], hashes: [AnswerKey: String] = [:], _ answers: [ReviewAnswer]) -> String? {
        let reported = Dictionary(answers.map { ($0.key, $0.score) }, uniquingKeysWith: { first, _ in first })
        let reportedHashes = hashes.isEmpty ? [:] : Dictionary(answers.map { ($0.key, $0.hash) }, uniquingKeysWith: { first, _ in first })
        var missing = 0, changed = 0, differing = 0, example: String?
        for key in scores.keys.sorted() {
            guard let score = reported[key] else {
                missing += 1
                example = example ?? "\(key.candidate) \(key.question) is not in the reports"
                continue
            }
            if let hash = hashes[key], hash != reportedHashes[key] {
                changed += 1
                example = example ?? "\(key.candidate) \(key.question) has another text here than tune graded"
                continue
            }
            // tune.xml writes three decimals.
            if abs(score - scores[key]!.rubric) > 0.0015 {
                differing += 1
                example = example ?? "\(key.candidate) \(key.question) scored \(NumberText.format(scores[key]!.rubric)) there, \(NumberText.format(score)) here"
            }
        }
        guard let example else { return nil }
        var counts: [String] = []
        if missing > 0 { counts.append("\(Plural.count(missing, "answer")) not in the reports") }
        if changed > 0 { counts.append("\(Plural.count(changed, "answer")) changed since") }
        if differing > 0 { counts.append("\(Plural.count(differing, "answer")) scored otherwise") }
        return counts.joined(separator: ", ") + "; e.g. " + example
    }
}
