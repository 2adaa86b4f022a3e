import Foundation
@testable import GraderEngine
@testable import GraderFoundation
import GraderCohort
import GraderReports
@testable import GraderWorkflows

/// Builds rubrics from XML snippets and grades single answers, so each test
/// states its matcher and its answer side by side.
enum TestSupport {
    static let synonyms = """
    <synonyms id="collector">garbage collector|gc|cycle detector</synonyms>
    """

    /// A one-question rubric whose only criterion uses `matcher`.
    static func rubric(matcher: String, points: String = "10", extra: String = "") throws -> Rubric {
        try RubricLoader.load(bytes: Array("""
        <rubric id="t">\(synonyms)
        <question id="q1" points="\(points)"><prompt>Explain.</prompt>
        <criterion id="c" points="1"><feedback>f</feedback>\(matcher)</criterion>\(extra)
        </question></rubric>
        """.utf8), file: "test.xml")
    }

    /// A rubric with the given question elements.
    static func rubric(questions: String) throws -> Rubric {
        try RubricLoader.load(bytes: Array("<rubric id=\"t\">\(synonyms)\(questions)</rubric>".utf8), file: "test.xml")
    }

    /// Grades `answer` to `question` of `rubric` as a worker of a real run would.
    static func grade(_ question: Question, in rubric: Rubric, _ answer: String) throws -> QuestionResult {
        var times = StageTimes()
        return try GradingWorker(rubric: rubric).grade(question, answer: Answer(text: answer, file: "answer.md", line: 1),
                                                       file: "answer.md", times: &times).result
    }

    /// True when `a` is a number within `tolerance` of `b` (nil, an undefined statistic, is never close).
    static func close(_ a: Double?, _ b: Double, _ tolerance: Double) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance
    }

    /// The folded words of `text`'s tokens.
    static func words(_ text: String) -> [String] {
        var vocabulary = Vocabulary()
        let tokens = Normaliser().normalise(text, vocabulary: &vocabulary).tokens
        return tokens.map { vocabulary.word($0.word) }
    }

    /// Whether `matcher` fires on `answer`, and the text of each evidence span.
    static func match(_ matcher: String, _ answer: String) throws -> (met: Bool, evidence: [String], via: [String]) {
        let rubric = try rubric(matcher: matcher)
        let result = try grade(rubric.questions[0], in: rubric, answer)
        let rule = result.rules[0]
        let bytes = Array(answer.utf8)
        return (rule.state == .met,
                rule.evidence.map { String(decoding: bytes[$0.range], as: UTF8.self) },
                rule.evidence.map(\.via))
    }

    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")!.path
    }
}

extension CandidateDigester {
    /// A report's bytes (`file` names it in messages) read into a digest, evidence not read: what
    /// `CohortReader` does with each report file.
    func digest(bytes: [UInt8], file: String) throws -> CandidateDigest {
        try digest(CandidateReportReader.read(bytes: bytes, file: file, evidence: false), file: file)
    }
}
