import GraderEngine
import GraderFoundation
import LibXML2

/// `[matches-prompt]`: a criterion, element, penalty or named matcher that fires on the
/// question's own prompt, so an answer that only repeats the question earns (or loses) it;
/// stemming is the usual cause (the prompt's "invasive" matches a keyword "invasion").
/// Unlike `[matches-anything]` it needs no other question, so it works in a one-question
/// rubric. Only matches with evidence in the prompt count: a bare `not(...)` firing
/// because the prompt lacks a word is not the prompt's words matching.
enum PromptMatchLint {
    static func lint(_ rubric: Rubric, root: XMLTree.Node, source: RubricSource) -> [Diagnostic] {
        guard let grader = SingleAnswerGrader(rubric: rubric) else { return [] }
        var found: [Diagnostic] = []
        func warn(_ element: String, line: Int, question: String?, _ what: String, _ evidence: [(text: String, via: String)]) {
            let place = source.elementPosition(element, line: line)
            let shown = evidence.prefix(3).map { "\"\($0.text)\" (\($0.via))" }.joined(separator: ", ")
            found.append(Diagnostic(.warning, file: rubric.file, line: place.line, column: place.column, question: question,
                                    "\(what) fires on the question's own prompt: \(shown); an answer that only repeats the "
                                    + "question gets it", lint: .matchesPrompt))
        }
        let questionNodes = root.children(named: "question")
        var rubricDefinesWarned = Set<String>()
        for (position, question) in rubric.questions.enumerated() {
            let result = grader.grade(question, question.prompt)
            for rule in result.rules where rule.state == .met {
                let evidence = rule.evidence.filter { !$0.range.isEmpty }
                guard !evidence.isEmpty else { continue }
                let bytes = Array(question.prompt.utf8)
                let shown = evidence.map { (String(decoding: bytes[$0.range.clamped(to: 0..<bytes.count)], as: UTF8.self), $0.via) }
                let what = rule.rule.kind == .element ? "element '\(rule.rule.id)' of levels '\(rule.rule.group ?? "")'"
                    : "\(rule.rule.kind.rawValue) '\(rule.rule.id)'"
                warn(rule.rule.kind == .penalty ? "penalty" : "criterion", line: rule.rule.line, question: question.id, what, shown)
            }
            for define in question.defines {
                if let evidence = grader.evidence(of: define.matcher, in: question.prompt)?.filter({ !$0.text.isEmpty }), !evidence.isEmpty {
                    warn("define", line: define.line, question: question.id, "define '\(define.id)'", evidence)
                }
            }
            // A rubric-wide define, on the prompt of each question that uses it; warned once.
            let used = position < questionNodes.count ? Set(ShapeLints.references(questionNodes[position])) : []
            for define in rubric.defines where used.contains(define.id) && !rubricDefinesWarned.contains(define.id) {
                if let evidence = grader.evidence(of: define.matcher, in: question.prompt)?.filter({ !$0.text.isEmpty }), !evidence.isEmpty {
                    rubricDefinesWarned.insert(define.id)
                    warn("define", line: define.line, question: question.id, "define '\(define.id)'", evidence)
                }
            }
        }
        return found
    }
}
