/// Applies a question's criteria and penalties to an analysed answer and
/// computes its score: met criteria minus met penalties, clamped to [floor, points].
enum Scorer {
    static func grade(_ question: Question, answer: Answer?, view: AnswerView?, profile: AnswerProfile,
                      file: String) -> QuestionResult {
        guard let answer, let view, profile.words > 0 else {
            return QuestionResult(question: question, status: .missing, answer: answer, profile: profile,
                                  rules: [], score: min(max(0, question.floor), question.points), warnings: [])
        }
        var warnings: [Diagnostic] = []
        var rules: [RuleResult] = []
        for rule in question.criteria + question.penalties {
            do {
                let outcome = try rule.matcher.match(view)
                if outcome.matched {
                    let evidence = outcome.hits
                        .map { Evidence(range: view.text.originalRange(of: $0.range), via: $0.via) }
                        .sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
                    rules.append(RuleResult(rule: rule, state: .met, evidence: evidence))
                } else {
                    rules.append(RuleResult(rule: rule, state: .unmet, evidence: []))
                }
            } catch {
                warnings.append(Diagnostic(.warning, file: file, line: answer.line, question: question.id,
                                           "\(rule.kind.rawValue) '\(rule.id)' not evaluated: \(error)"))
                rules.append(RuleResult(rule: rule, state: .notEvaluated(error.description), evidence: []))
            }
        }
        var status = QuestionResult.Status.answered
        var score = clamp(rules.reduce(0) { $0 + $1.awarded }, question)
        if profile.words < question.minWords {
            let consequence = question.shortScoresZero ? "; it scores 0" : ""
            warnings.append(Diagnostic(.warning, file: file, line: answer.line, question: question.id,
                                       "answer has \(Plural.count(profile.words, "word")), under the minimum of \(question.minWords)\(consequence)"))
            if question.shortScoresZero {
                status = .tooShort
                score = clamp(0, question)
            }
        }
        return QuestionResult(question: question, status: status, answer: answer, profile: profile,
                              rules: rules, score: score, warnings: warnings)
    }

    static func clamp(_ raw: Double, _ question: Question) -> Double {
        min(max(raw, question.floor), question.points)
    }
}
