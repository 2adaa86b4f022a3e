import GraderEngine

/// Runs a rubric's example answers as its tests: each must get the score its
/// author wrote beside it. A failure says which criteria and penalties fired.
public enum ExampleRunner {
    /// One example's verdict.
    public struct Outcome: Sendable {
        public let question: String
        public let line: Int
        public let column: Int?
        public let note: String?
        public let expected: Double
        public let actual: Double
        public let points: Double
        /// The rules that fired: id, kind and the points they moved (+ criterion, − penalty).
        public let fired: [(id: String, awarded: Double)]
        /// Rules a pattern limit left undecided.
        public let notEvaluated: [String]

        public var passed: Bool { abs(expected - actual) < 1e-9 }
    }

    public static func run(_ rubric: Rubric, bytes: [UInt8]) -> [Outcome] {
        guard let grader = SingleAnswerGrader(rubric: rubric) else { return [] }
        let source = RubricSource(bytes: bytes)
        var outcomes: [Outcome] = []
        for question in rubric.questions {
            for example in question.examples {
                let result = grader.grade(question, example.text, line: example.line)
                let place = source.elementPosition("example", line: example.line)
                outcomes.append(Outcome(
                    question: question.id, line: place.line ?? example.line, column: place.column, note: example.note,
                    expected: example.expectedScore, actual: result.score, points: question.points,
                    fired: result.rules.filter { $0.state == .met }.map { ($0.rule.id, $0.awarded) },
                    notEvaluated: result.rules.filter { $0.state != .met && $0.state != .unmet }.map(\.rule.id)))
            }
        }
        return outcomes
    }
}
