import GraderEngine
import GraderFoundation
import GraderWorkflows


/// How `grader try` prints what it tried. A leaf matcher prints one line per response
/// (`RuleTrial`); a question prints one block per answer (`QuestionTrial`): a header
/// `line N: SCORE of POINTS (...)`, then each rule that fired and each levels group,
/// indented, with the spans that made it fire.
enum TrialText {
    /// `START-END:TEXT` per span (code points), two spaces apart.
    static func spans(_ spans: [TrialSpan]) -> String {
        spans.map { "\($0.range.lowerBound)-\($0.range.upperBound):\($0.text)" }.joined(separator: "  ")
    }

    /// Lines printed for one answer, and whether something in them could not be decided.
    struct Block {
        var lines: [String] = []
        var undecided = false
    }

    /// The whole question: the score, then criteria, levels groups (with their elements) and
    /// penalties, each rule only when it fired or could not be decided.
    static func question(_ outcome: QuestionTrial.Outcome, line: Int) -> Block {
        let result = outcome.result
        var block = Block(lines: ["line \(line): \(NumberText.format(result.score)) of \(NumberText.format(result.question.points))"
                                  + details(result)])
        guard result.status != .missing else { return block }
        let question = result.question
        func add(_ index: Int, indent: String) {
            guard result.rules[index].state != .unmet else { return }
            block.add(indent + rule(result.rules[index], outcome.spans[index], outcome.measures[index]), undecided: isUndecided(result.rules[index].state))
        }
        for index in question.criteria.indices { add(index, indent: "  ") }
        for (group, indices) in zip(result.levels, question.elementIndices) {
            block.lines.append("  " + levels(group))
            for index in indices { add(index, indent: "    ") }
        }
        for index in (question.rules.count - question.penalties.count)..<question.rules.count { add(index, indent: "  ") }
        return block
    }

    /// One part only, met or not: a rule, a levels group with the elements that fired, or a named matcher.
    static func part(_ part: QuestionTrial.Part, _ outcome: QuestionTrial.Outcome, line: Int) -> Block {
        let result = outcome.result
        let prefix = "line \(line): "
        guard result.status != .missing else { return Block(lines: [prefix + "no answer"]) }
        var block = Block()
        switch part {
        case .rule(let index):
            block.add(prefix + rule(result.rules[index], outcome.spans[index], outcome.measures[index]), undecided: isUndecided(result.rules[index].state))
        case .group(let group):
            block.lines.append(prefix + levels(result.levels[group]))
            for index in result.question.elementIndices[group] where result.rules[index].state != .unmet {
                block.add("  " + rule(result.rules[index], outcome.spans[index], outcome.measures[index]), undecided: isUndecided(result.rules[index].state))
            }
        case .define(let index):
            let define = outcome.defines[index]
            block.add(prefix + "define \(define.define.id): " + verdict(define.state, met: "matched") + shown(define.spans, define.measures),
                      undecided: isUndecided(define.state))
        }
        return block
    }

    /// ` (raw 2.75, band from 2.75 "Complete"; not credited: requires chosen)`, or nothing when there is nothing to add.
    private static func details(_ result: QuestionResult) -> String {
        var parts: [String] = []
        switch result.status {
        case .missing: parts.append("no answer")
        case .tooShort: parts.append("too short: \(Plural.count(result.profile.words, "word")), under the minimum of \(result.question.minWords)")
        case .answered: break
        }
        if result.status != .missing && !result.question.bands.isEmpty {
            var band = "raw \(NumberText.format(result.raw))"
            if let reached = result.band {
                band += ", band from \(NumberText.format(reached.from))" + (reached.descriptor.isEmpty ? "" : " \"\(reached.descriptor)\"")
            } else if result.unmetRequirements.isEmpty {
                band += ", below every band"
            }
            parts.append(band)
        }
        if !result.unmetRequirements.isEmpty { parts.append(notCredited(result.unmetRequirements)) }
        return parts.isEmpty ? "" : " (\(parts.joined(separator: "; ")))"
    }

    /// `criterion why: +2  10-17:visible`, `element contrast: counted  ...`, `criterion why: not credited: requires colour  ...`,
    /// `penalty short: -1  12 words (at most 14)`.
    private static func rule(_ rule: RuleResult, _ spans: [TrialSpan], _ measures: [String]) -> String {
        let met: String
        switch rule.rule.kind {
        case .criterion: met = "+" + NumberText.format(rule.rule.points)
        case .penalty: met = "-" + NumberText.format(rule.rule.points)
        case .element: met = "counted"
        }
        let verdict = rule.state == .met && !rule.unmetRequirements.isEmpty
            ? notCredited(rule.unmetRequirements) : verdict(rule.state, met: met)
        return "\(rule.rule.kind.rawValue) \(rule.rule.id): \(verdict)" + shown(spans, measures)
    }

    /// `levels key: 2 of 4 key elements: 1 point`, or `...: not credited: requires chosen` when gated.
    private static func levels(_ group: LevelResult) -> String {
        let count = "levels \(group.id): \(group.met) of \(group.of) \(group.group.label): "
        return count + (group.credited ? points(group.points) : notCredited(group.unmetRequirements))
    }

    private static func verdict(_ state: RuleResult.State, met: String) -> String {
        switch state {
        case .met: return met
        case .unmet: return "not met"
        case .notEvaluated(let reason): return "not evaluated: \(reason)"
        }
    }

    private static func notCredited(_ ids: [String]) -> String { "not credited: requires " + ids.joined(separator: ", ") }

    private static func points(_ value: Double) -> String { NumberText.format(value) + (value == 1 ? " point" : " points") }

    /// The spans, then what was measured of the whole answer, two spaces apart.
    private static func shown(_ spans: [TrialSpan], _ measures: [String]) -> String {
        let parts = (spans.isEmpty ? [] : [Self.spans(spans)]) + measures
        return parts.isEmpty ? "" : "  " + parts.joined(separator: "  ")
    }

    private static func isUndecided(_ state: RuleResult.State) -> Bool {
        if case .notEvaluated = state { return true }
        return false
    }
}

private extension TrialText.Block {
    mutating func add(_ line: String, undecided: Bool) {
        lines.append(line)
        self.undecided = self.undecided || undecided
    }
}
