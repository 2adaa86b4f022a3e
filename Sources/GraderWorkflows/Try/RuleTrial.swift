import GraderEngine
import GraderFoundation
import GraderReports
import LibXML2

/// One matcher tried on loose responses: the engine of `grader try`, the shell version of
/// OU's "try rule". Keyword, regex and length rules go through a one-criterion rubric, so
/// they behave exactly as in a real rubric; pmatch runs as OU runs it (NFC, OU's options).
public struct RuleTrial: Sendable {
    /// The rule to try.
    public enum Rule: Sendable {
        case regex(String, flags: String)
        case keyword(String, stem: Bool, typos: Int)
        case pmatch(String, PMatchOptions)
        /// `<words>` or `<sentences>`, with `min` and `max` as a rubric writes them (nil for none).
        case length(LengthUnit, min: String?, max: String?)
    }

    /// A span of a response that matched: code-point offsets and the text.
    public typealias Span = TrialSpan

    private enum Engine: Sendable {
        case rubric(Rubric)
        case pmatch(PMatchExpression)
    }

    private let engine: Engine

    /// Compiles the rule; a rule that does not compile is a `InputError` naming the problem and its position.
    public init(_ rule: Rule) throws(InputError) {
        switch rule {
        case .pmatch(let source, let options):
            do {
                engine = .pmatch(try PMatchExpression(source, options: options))
            } catch {
                throw InputError([Diagnostic(.error, file: "--pmatch", "the expression does not parse \(error)")])
            }
        case .regex(let pattern, let flags):
            engine = .rubric(try Self.rubric(element: "regex", text: pattern, attributes: ["flags": flags], label: "--regex"))
        case .keyword(let keyword, let stem, let typos):
            engine = .rubric(try Self.rubric(element: "keyword", text: keyword,
                                             attributes: ["stem": stem ? "yes" : "no", "typos": String(typos)], label: "--keyword"))
        case .length(let unit, let min, let max):
            // Checked here first, so a bad bound reads as the option's, not as a line of the made-up rubric.
            do {
                _ = try LengthBounds.parse(min: min, max: max, unit: unit)
            } catch {
                throw InputError([Diagnostic(.error, file: "--\(unit.rawValue)", error.message)])
            }
            var attributes: [String: String] = [:]
            attributes["min"] = min
            attributes["max"] = max
            engine = .rubric(try Self.rubric(element: unit.rawValue, text: "", attributes: attributes, label: "--\(unit.rawValue)"))
        }
    }

    /// A response the rule could not decide (a regex hit PCRE2's limits).
    public struct NotEvaluated: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Whether `response` matches, where, and for a length rule what it counted, matched or
    /// not (`12 words (at most 14)`, `20 words (wanted at most 14)`). An empty response is
    /// a missing answer, which no rule matches (a length rule says `no answer`).
    public func run(_ response: String) throws(NotEvaluated) -> (matched: Bool, spans: [Span], measure: String?) {
        switch engine {
        case .pmatch(let expression):
            let result = expression.match(response)
            let scalars = Array(response.precomposed.unicodeScalars)
            return (result.matched, result.ranges.map {
                Span(range: $0, text: String(String.UnicodeScalarView(scalars[$0])))
            }, nil)
        case .rubric(let rubric):
            let worker: WorkerScratch
            do { worker = try WorkerScratch(rubric: rubric) } catch {
                throw NotEvaluated(description: "\(error)")
            }
            var times = StageTimes()
            let result = CandidateGrader(rubric: rubric, maximumFileBytes: Int.max)
                .grade(rubric.questions[0], answer: Answer(text: response, file: "-", line: 1), worker: worker, file: "-", times: &times)
            let length = rubric.questions[0].rules[0].matcher as? LengthMatcher
            guard let rule = result.rules.first else {
                // A missing answer, which grading never matches, whatever its rules.
                return (false, [], length.map { _ in "no answer" })
            }
            if case .notEvaluated(let reason) = rule.state {
                throw NotEvaluated(description: reason)
            }
            let offsets = TextOffsets(response)
            let measure = length.map { length in
                rule.evidence.first(where: \.wholeAnswer)?.via
                    ?? length.shortfall(length.unit == .words ? result.profile.words : result.profile.sentences)
            }
            return (rule.state == .met, rule.evidence.filter { !$0.wholeAnswer }.map { Span($0, in: offsets) }, measure)
        }
    }

    /// A one-question, one-criterion rubric holding the rule, written with libxml2 so the rule's text is escaped.
    private static func rubric(element: String, text: String, attributes: [String: String], label: String) throws(InputError) -> Rubric {
        let bytes: [UInt8]
        do {
            let writer = try XMLWriter(indent: false)
            try writer.startElement("rubric")
            try writer.attribute("id", "try")
            try writer.startElement("question")
            try writer.attribute("id", "q1")
            try writer.attribute("points", "1")
            try writer.element("prompt", text: "try")
            try writer.startElement("criterion")
            try writer.attribute("id", "rule")
            try writer.attribute("points", "1")
            try writer.startElement(element)
            for (name, value) in attributes.sorted(by: { $0.key < $1.key }) { try writer.attribute(name, value) }
            if !text.isEmpty { try writer.text(text) }
            try writer.endElement()
            try writer.endElement()
            try writer.endElement()
            try writer.endElement()
            bytes = try writer.finish()
        } catch {
            throw InputError([Diagnostic(.error, file: label, "\(error)")])
        }
        return try RubricLoader.load(bytes: bytes, file: label)
    }
}
