import GraderEngine
import LibXML2

/// `[length-rule]`: a `<words>` or `<sentences>` that cannot mean what its author meant.
/// Rules only count on an answer that is scored, and such an answer has at least one word
/// and one sentence, and, in a question with `short-scores-zero="yes"`, at least `min-words`
/// words (a shorter one scores 0 whatever matched). A length rule that holds on every such
/// answer, or on none, decides nothing. And a length is about the whole answer, so a
/// `<near>` cannot place it: a near with one as a term never matches.
enum LengthLints {
    static func lint(_ root: XMLTree.Node, rubric: Rubric, warn: ShapeLints.Warn) {
        for node in root.children(named: "define") { lint(node, question: nil, shortest: 1, warn: warn) }
        for (position, node) in root.children(named: "question").enumerated() {
            let id = node.attribute("id") ?? ""
            var shortest = 1
            var why = ""
            if position < rubric.questions.count {
                let question = rubric.questions[position]
                if question.shortScoresZero && question.minWords > 1 {
                    shortest = question.minWords
                    why = " (answers under min-words=\"\(question.minWords)\" score 0 whatever matched)"
                }
            }
            lint(node, question: id, shortest: shortest, why: why, warn: warn)
        }
    }

    /// The length matchers in `node`, for answers of at least `shortest` words.
    private static func lint(_ node: XMLTree.Node, question: String?, shortest: Int, why: String = "", warn: ShapeLints.Warn) {
        for near in node.descendants(named: "near") {
            for term in near.children where LengthUnit(rawValue: term.name) != nil {
                warn(term, question, .lengthRule, "<\(term.name)> inside <near> cannot be placed: a length is about the whole "
                     + "answer, so the near never matches; put it beside the near, in an <all>")
            }
        }
        for unit in LengthUnit.allCases {
            for length in node.descendants(named: unit.rawValue) {
                guard let bounds = try? LengthBounds.parse(min: length.attribute("min"), max: length.attribute("max"), unit: unit)
                else { continue }
                // Every scored answer has at least this many: words per the question, and one sentence.
                let least = unit == .words ? shortest : 1
                let reason = unit == .words && shortest > 1 ? why
                    : " (an answer that is scored has at least 1 \(unit.singular))"
                let written = "<\(unit.rawValue)" + (bounds.min.map { " min=\"\($0)\"" } ?? "")
                    + (bounds.max.map { " max=\"\($0)\"" } ?? "") + ">"
                if let max = bounds.max, max < least {
                    warn(length, question, .lengthRule, "\(written) never holds on an answer that is scored\(reason); it decides nothing")
                } else if bounds.max == nil, (bounds.min ?? 0) <= least {
                    warn(length, question, .lengthRule, "\(written) holds on every answer that is scored\(reason); it decides nothing")
                }
            }
        }
    }
}
