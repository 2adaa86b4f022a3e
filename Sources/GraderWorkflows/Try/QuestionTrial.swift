import GraderEngine
import GraderReports

/// One question of a real rubric tried on loose answers, each graded exactly as a grading
/// run grades it: the engine of `grader try --question`. Authors debug whole criteria
/// (`near`, `any`, named matchers, gates, levels, bands), not only the leaf matchers
/// `RuleTrial` tries. It returns values; the command decides how they read.
///
/// Not `Sendable`: it keeps one worker's scratch (PCRE2 match data, the stemmer) across answers.
public struct QuestionTrial {
    /// Why a trial cannot start.
    public enum Failure: Error, Sendable, Equatable {
        /// The rubric has no question with this id or number; `known` holds its question ids in order.
        case unknownQuestion(String, known: [String])
        /// No Snowball stemmer for the rubric's language, so its keywords cannot be matched.
        case noStemmer(language: String)
    }

    /// Something of the question that can be tried on its own.
    public enum Part: Sendable, Equatable {
        /// An index into `Question.rules`: a criterion, an element of a levels group or a penalty.
        case rule(Int)
        /// An index into `Question.levels`.
        case group(Int)
        /// An index into `defines`.
        case define(Int)
    }

    /// What a named matcher did to one answer. Grading only runs the ones some `requires`
    /// names; a trial runs each, since a `<use>` inside a criterion is what authors debug.
    public struct DefineOutcome: Sendable {
        public let define: NamedMatcher
        public let state: RuleResult.State
        /// Code-point spans of the answer, in order of position; empty unless met.
        public let spans: [TrialSpan]
        /// What it measured of the whole answer (`12 words (at most 14)`); empty unless met.
        public let measures: [String]
    }

    /// One answer graded.
    public struct Outcome: Sendable {
        /// What grading gives the answer: score, raw, band, each rule and levels group.
        public let result: QuestionResult
        /// Parallel to `result.rules` (empty for a missing answer): each rule's evidence as code-point spans.
        public let spans: [[TrialSpan]]
        /// Parallel to `result.rules`: each rule's evidence about the whole answer, in words
        /// (a length rule's `12 words (at most 14)`), which has no span.
        public let measures: [[String]]
        /// Parallel to the trial's `defines`; every one unmet for a missing answer, which grading never matches.
        public let defines: [DefineOutcome]
    }

    public let question: Question
    /// The named matchers the question sees: its own, then the rubric's (the loader refuses one id for both), in document order.
    public let defines: [NamedMatcher]
    private let grader: SingleAnswerGrader

    /// The question `label` names: its id, or what a candidate's heading may say for it (`Q2`, `2`, `q02`).
    public init(rubric: Rubric, question label: String) throws(Failure) {
        guard let id = rubric.directory.question(label: label), let question = rubric.questions.first(where: { $0.id == id }) else {
            throw .unknownQuestion(label, known: rubric.questions.map(\.id))
        }
        guard let grader = SingleAnswerGrader(rubric: rubric) else { throw .noStemmer(language: rubric.language) }
        self.question = question
        self.grader = grader
        defines = question.defines + rubric.defines
    }

    /// Every id `part(_:)` knows, each once: criteria, each levels group followed by its
    /// elements, penalties, then named matchers.
    public var ids: [String] {
        let ordered = question.criteria.map(\.id)
            + question.levels.flatMap { [$0.id] + $0.elements.map(\.id) }
            + question.penalties.map(\.id) + defines.map(\.id)
        var seen = Set<String>()
        return ordered.filter { seen.insert($0).inserted }
    }

    /// The part with this id (exact), looked for among rules, then levels groups, then named matchers.
    public func part(_ id: String) -> Part? {
        if let index = question.rules.firstIndex(where: { $0.id == id }) { return .rule(index) }
        if let index = question.levels.firstIndex(where: { $0.id == id }) { return .group(index) }
        if let index = defines.firstIndex(where: { $0.id == id }) { return .define(index) }
        return nil
    }

    /// Grades `answer` as the answer to the question.
    public func run(_ answer: String) -> Outcome {
        let result = grader.grade(question, answer)
        let offsets = TextOffsets(answer)
        let spans = result.rules.map { TrialSpan.distinct($0.evidence, in: offsets) }
        let measures = result.rules.map { $0.evidence.filter(\.wholeAnswer).map(\.via) }
        let defineOutcomes = defines.map { define -> DefineOutcome in
            guard result.status != .missing else { return DefineOutcome(define: define, state: .unmet, spans: [], measures: []) }
            do {
                guard let evidence = try grader.fire(define.matcher, on: answer) else {
                    return DefineOutcome(define: define, state: .unmet, spans: [], measures: [])
                }
                return DefineOutcome(define: define, state: .met,
                                     spans: TrialSpan.distinct(evidence.inTextOrder(), in: offsets),
                                     measures: evidence.filter(\.wholeAnswer).map(\.via))
            } catch {
                return DefineOutcome(define: define, state: .notEvaluated("\(error)"), spans: [], measures: [])
            }
        }
        return Outcome(result: result, spans: spans, measures: measures, defines: defineOutcomes)
    }
}

extension Question {
    /// Per levels group, the `rules` indices of its elements: they follow the criteria, group by group.
    public var elementIndices: [Range<Int>] {
        var start = criteria.count
        return levels.map { group in
            defer { start += group.elements.count }
            return start..<start + group.elements.count
        }
    }
}
