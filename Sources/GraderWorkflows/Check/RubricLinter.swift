import GraderEngine
import GraderFoundation
import LibXML2
import PCRE2

/// Finds what makes a valid rubric grade badly: patterns that match everything,
/// nothing useful or take forever, ids written twice, points that do not add up,
/// a model answer the rubric does not give full marks. Returns warnings only:
/// a rubric that cannot be loaded at all is the loader's business.
public enum RubricLinter {
    /// Share of the other questions' model answers a regex may match before it counts as matching almost anything.
    static let anythingShare = 0.5
    /// Fewer other model answers than this, and "almost anything" cannot be told.
    static let anythingMinimumSample = 3

    /// Lints `rubric`, loaded from `bytes`.
    public static func lint(_ rubric: Rubric, bytes: [UInt8]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let source = RubricSource(bytes: bytes)
        let tree = try? XMLTree(bytes: bytes, name: rubric.file)
        if let root = tree?.root { found += structure(root, rubric: rubric, source: source) }
        found += patterns(rubric)
        found += modelAnswers(rubric, source: source)
        if let root = tree?.root { found += PromptMatchLint.lint(rubric, root: root, source: source) }
        return found.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
    }

    // MARK: - Structure: ids, points, near distances

    private static func structure(_ root: XMLTree.Node, rubric: Rubric, source: RubricSource) -> [Diagnostic] {
        var found: [Diagnostic] = []
        func warn(_ node: XMLTree.Node, _ question: String?, _ lint: Lint, _ message: String) {
            let place = source.elementPosition(node.name, line: node.line)
            found.append(Diagnostic(.warning, file: rubric.file, line: place.line, column: place.column,
                                    question: question, message, lint: lint))
        }
        for (position, node) in root.children(named: "question").enumerated() {
            let id = node.attribute("id") ?? ""
            let points = Double(node.attribute("points") ?? "") ?? 0
            var seen: [String: Int] = [:]
            let elements = node.children(named: "levels").flatMap { $0.children(named: "criterion") }
            let named = node.children.filter { ["criterion", "levels", "penalty", "define"].contains($0.name) } + elements
            for rule in named.sorted(by: { $0.line < $1.line }) {
                let ruleID = rule.attribute("id") ?? ""
                if let first = seen[ruleID] {
                    warn(rule, id, .duplicateID, "\(rule.name) id '\(ruleID)' is already used on line \(first) in this question; "
                         + "reports and per-criterion grades cannot tell them apart")
                } else {
                    seen[ruleID] = rule.line
                }
            }
            // Bands decide the score from the raw sum, so what the criteria add up to does not bound it.
            if position < rubric.questions.count, rubric.questions[position].bands.isEmpty {
                let question = rubric.questions[position]
                let sum = question.base + question.criteria.reduce(0.0) { $0 + $1.points }
                    + question.levels.reduce(0.0) { $0 + ($1.table.map(\.points).max() ?? 0) }
                let what = question.base != 0 || !question.levels.isEmpty
                    ? "the base points, criteria and levels groups' highest levels add up to" : "the criteria add up to"
                if sum < points - 1e-9 {
                    warn(node, id, .pointsUnreachable, "\(what) \(NumberText.format(sum)), so no answer can reach "
                         + "the question's \(NumberText.format(points)) points")
                } else if sum > points + 1e-9 && node.attribute("clamp") != "yes" {
                    warn(node, id, .pointsExceed, "\(what) \(NumberText.format(sum)), more than the question's "
                         + "\(NumberText.format(points)) points; if a complete answer need not meet every criterion, "
                         + "say so with clamp=\"yes\", else fix the points")
                }
            }
            ShapeLints.tables(node, question: id, points: points, floor: Double(node.attribute("floor") ?? "0") ?? 0, warn: warn)
            for near in node.descendants(named: "near") where near.attribute("within") == "0" {
                warn(near, id, .nearZero, "near within=\"0\" only accepts its terms side by side: "
                     + "write the phrase as one keyword, or allow a few words between them")
            }
        }
        ShapeLints.unusedDefines(root, warn: warn)
        LengthLints.lint(root, rubric: rubric, warn: warn)
        return found
    }

    // MARK: - Patterns

    private static func patterns(_ rubric: Rubric) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let probe = BacktrackingProbe()
        let scratch = MatchScratch()
        var vocabulary = rubric.vocabulary
        let normaliser = Normaliser()
        let models: [(question: String, text: String)] = rubric.questions.compactMap { question in
            question.modelAnswer.map { (question.id, normaliser.normalise($0, vocabulary: &vocabulary).text) }
        }
        for site in rubric.regexSites {
            func warn(_ lint: Lint, _ message: String) {
                found.append(Diagnostic(.warning, file: rubric.file, line: site.line, column: site.column,
                                        question: site.question, "\(site.rule): regex /\(site.pattern.source)/ \(message)", lint: lint))
            }
            if site.pattern.canMatchEmpty {
                warn(.emptyMatch, "matches the empty string, so it fires on every answer, even a blank one")
            } else {
                let others = models.filter { $0.question != site.question }
                if others.count >= anythingMinimumSample {
                    let hits = others.filter { (try? site.pattern.firstMatch(in: $0.text, scratch: scratch)) != nil }.count
                    if Double(hits) >= Double(others.count) * anythingShare {
                        warn(.matchesAnything, "matches almost anything: it fires on \(hits) of the \(others.count) "
                             + "other questions' model answers")
                    }
                }
            }
            if site.pattern.startInfo.scansEveryPosition {
                warn(.scansEveryPosition, "has no literal start or required character, so PCRE2 tries it at every "
                     + "position of every answer; start it with a literal word (after \\b) if you can")
            }
            if let subject = probe.firstExplosion(site.pattern) {
                let shown = subject.count > 24 ? String(subject.prefix(24)) + "…" : subject
                warn(.backtracking, "is prone to catastrophic backtracking: on \"\(shown.debugDescriptionBody)\" "
                     + "(\(subject.count) characters) it exceeded \(BacktrackingProbe.matchLimit) steps; "
                     + "avoid nested quantifiers such as (a+)+ and overlapping alternatives under a repeat")
            }
        }
        return found
    }

    // MARK: - Model answers

    private static func modelAnswers(_ rubric: Rubric, source: RubricSource) -> [Diagnostic] {
        guard let grader = SingleAnswerGrader(rubric: rubric) else { return [] }
        var found: [Diagnostic] = []
        for question in rubric.questions {
            guard let model = question.modelAnswer, !model.isEmpty else { continue }
            let result = grader.grade(question, model)
            guard result.score < question.points - 1e-9 else { continue }
            let missed = result.rules.filter { $0.rule.kind != .penalty && !$0.credited }.map(\.rule.id)
            let penalised = result.rules.filter { $0.rule.kind == .penalty && $0.credited }.map(\.rule.id)
            var why: [String] = []
            if !missed.isEmpty { why.append("unmet: \(missed.joined(separator: ", "))") }
            if !penalised.isEmpty { why.append("penalised: \(penalised.joined(separator: ", "))") }
            let place = source.elementPosition("model-answer", line: question.modelAnswerLine)
            found.append(Diagnostic(.warning, file: rubric.file, line: place.line, column: place.column, question: question.id,
                                    "the model answer scores \(NumberText.format(result.score)) of \(NumberText.format(question.points))"
                                    + (why.isEmpty ? "" : " (\(why.joined(separator: "; ")))"), lint: .modelAnswerNotFull))
        }
        return found
    }
}
