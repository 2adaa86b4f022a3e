import GraderEngine
import GraderReports

/// Where each suggestion candidate fires, decided by Grader's own matchers: the candidates
/// become criteria of a one-question rubric loaded like any other, and every answer is
/// graded with it. So a suggestion fires on exactly the answers it will fire on once an
/// author pastes it into the rubric.
struct SuggestionColumns {
    /// Per candidate, per answer: 1 where it fired.
    let columns: [[Double]]
    /// Per candidate: up to three passages it matched in answers people scored high, and in ones they scored low
    /// (for a length band, the count it read).
    package let examples: [(high: [String], low: [String])]

    /// A candidate that fires on the question's own `prompt` gets an empty column (the learner
    /// never takes it): an answer that only repeated the question would earn it.
    init?(candidates: [SuggestionCandidate], answers: [TuneAnswer], high: (TuneAnswer) -> Bool, language: String, prompt: String = "") {
        guard !candidates.isEmpty else { return nil }
        var xml = "<rubric id=\"suggestions\" language=\"\(HTMLText.escaped(language))\"><question id=\"s\" points=\"\(candidates.count)\">"
        xml += "<prompt>suggestions</prompt>"
        for (index, candidate) in candidates.enumerated() {
            xml += "<criterion id=\"s\(index)\" points=\"1\">\(candidate.matcher)</criterion>"
        }
        xml += "</question></rubric>"
        guard let rubric = try? RubricLoader.load(bytes: Array(xml.utf8), file: "suggestions"),
              let single = SingleAnswerGrader(rubric: rubric), let question = rubric.questions.first else { return nil }
        var columns = Array(repeating: Array(repeating: 0.0, count: answers.count), count: candidates.count)
        var examples = Array(repeating: (high: [String](), low: [String]()), count: candidates.count)
        let promptRules = prompt.isEmpty ? [] : single.grade(question, prompt).rules
        // A length band is about how much was written, not what: a short prompt says nothing against "under 20 words".
        let onPrompt = Set(promptRules.indices.filter { promptRules[$0].state == .met && candidates[$0].source != .length })
        for (row, answer) in answers.enumerated() where answer.status == .answered && !answer.text.isEmpty {
            let result = single.grade(question, answer.text)
            let bytes = Array(answer.text.utf8)
            let isHigh = high(answer)
            for (index, rule) in result.rules.enumerated() where rule.state == .met && !onPrompt.contains(index) {
                columns[index][row] = 1
                guard (isHigh ? examples[index].high : examples[index].low).count < 3, let evidence = rule.evidence.first else { continue }
                // A length band's evidence is the whole answer: what it counted ("12 words (at most 19)"), not a passage.
                let example = evidence.wholeAnswer ? evidence.via : Self.passage(bytes, around: evidence.range)
                if isHigh { examples[index].high.append(example) } else { examples[index].low.append(example) }
            }
        }
        self.columns = columns
        self.examples = examples
    }

    /// The matched words with a few words either side, so a reader sees the context.
    static func passage(_ bytes: [UInt8], around span: Range<Int>) -> String {
        var start = max(0, min(span.lowerBound, bytes.count)), end = max(start, min(span.upperBound, bytes.count))
        var words = 0
        while start > 0 && words < 4 { start -= 1; if bytes[start] == 0x20 { words += 1 } }
        words = 0
        while end < bytes.count && words < 4 { if bytes[end] == 0x20 { words += 1 }; end += 1 }
        // Never cut a UTF-8 sequence: move off continuation bytes.
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        let text = String(decoding: bytes[start..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return (start > 0 ? "…" : "") + text + (end < bytes.count ? "…" : "")
    }
}
