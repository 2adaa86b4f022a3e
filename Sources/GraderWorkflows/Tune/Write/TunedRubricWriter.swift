import Foundation
import GraderEngine
import GraderFoundation
import GraderReports
import LibXML2

/// Writes a copy of the rubric in which every question the guard let through carries
/// its tuned form: fitted points, the fitted `base`, cut-points as `<bands>`, suggested
/// criteria and penalties (marked as suggested, for the author to keep or delete), `clamp="yes"` where
/// the points now add up to more than the question's, criteria fitted to 0 removed, and
/// the example answers' expected scores updated to what the tuned question gives them.
/// Every other byte (comments, layout, the questions kept as written) stays as the
/// author wrote it; the input rubric is never touched. The result is loaded and linted
/// before it is written, and what changed is returned for the summary.
enum TunedRubricWriter {
    /// What writing changed beyond the points, and what `grader check` still says of the result.
    package struct Outcome: Sendable {
        package var notes: [String] = []
        var findings: [Diagnostic] = []
    }

    package static func write(rubric: Rubric, report: TuneReport, to path: String) throws(OutputError) -> Outcome {
        if URL(fileURLWithPath: path).standardizedFileURL == URL(fileURLWithPath: rubric.file).standardizedFileURL {
            throw OutputError(path: path, message: "--write-rubric must not name the rubric being tuned")
        }
        guard let original = try? FileSystem.read(rubric.file) else {
            throw OutputError(path: rubric.file, message: "cannot read the rubric again")
        }
        var outcome = Outcome()
        let tuned = report.questions.filter { $0.fit?.decision.written == true }
        let first = try edit(original, rubric: rubric, questions: tuned, outcome: &outcome, path: path)
        let loaded = try load(first, path: path)
        let second = examples(first, rubric: loaded, questions: Set(tuned.map(\.id)), outcome: &outcome)
        let final = try load(second, path: path)
        outcome.findings = RubricLinter.lint(final, bytes: second)
        try AtomicFile.write(second, to: path)
        return outcome
    }

    private static func load(_ bytes: [UInt8], path: String) throws(OutputError) -> Rubric {
        do {
            return try RubricLoader.load(bytes: bytes, file: path)
        } catch {
            throw OutputError(path: path, message: "the tuned rubric does not load: \(error)")
        }
    }

    // MARK: - Points, base, bands, suggestions, clamp

    private static func edit(_ bytes: [UInt8], rubric: Rubric, questions tuned: [TuneReport.QuestionReport],
                             outcome: inout Outcome, path: String) throws(OutputError) -> [UInt8] {
        guard let tree = try? XMLTree(bytes: bytes, name: rubric.file), let root = tree.root else {
            throw OutputError(path: rubric.file, message: "cannot parse the rubric again")
        }
        var edits = XMLTextEdits(bytes)
        let nodes = Dictionary(root.children(named: "question").map { ($0.attribute("id") ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        for report in tuned {
            guard let question = rubric.questions.first(where: { $0.id == report.id }), let node = nodes[report.id],
                  let fit = report.fit, let questionStart = edits.source.elementStart("question", line: node.line) else { continue }
            let required = Set(node.descendantsAndSelf.compactMap { $0.attribute("requires") }
                .flatMap { $0.split(whereSeparator: \.isWhitespace).map(String.init) })
            var criteriaSum = 0.0
            let rules = question.rules
            let keepOne = rules.first { $0.kind == .criterion }?.id
            let allZero = question.levels.isEmpty
                && zip(rules, report.rules).allSatisfy { $0.0.kind != .criterion || ($0.1.fitted ?? 0) == 0 }
            for (rule, stats) in zip(rules, report.rules) where rule.kind != .element {
                guard let weight = stats.fitted, let start = edits.source.elementStart(rule.kind.rawValue, line: rule.line) else { continue }
                if weight == 0 && !required.contains(rule.id) && !(allZero && rule.id == keepOne),
                   let end = edits.elementEnd(rule.kind.rawValue, tagStart: start) {
                    remove(start..<end, in: &edits)
                    outcome.notes.append("\(question.id): \(rule.kind.rawValue) '\(rule.id)' removed (fitted to 0 points)")
                    continue
                }
                if rule.kind == .criterion { criteriaSum += weight }
                if let range = edits.attributeValue("points", tagStart: start) { edits.replace(range, with: NumberText.format(weight, places: 6)) }
            }
            for (group, fitted) in zip(question.levels, fit.levels) {
                criteriaSum += fitted.table.last?.points ?? 0
                rewrite(levels: group, table: fitted.table, in: &edits)
            }
            set("base", to: fit.base == 0 ? nil : NumberText.format(fit.base, places: 6), tagStart: questionStart, in: &edits)
            let children = node.children
            let insertionBefore = { (names: [String]) -> Int? in
                for name in names {
                    if let child = children.first(where: { $0.name == name }), let start = edits.source.elementStart(name, line: child.line) {
                        return edits.lineStart(before: start).start
                    }
                }
                return edits.elementEnd("question", tagStart: questionStart).flatMap { end in
                    edits.bytes[..<end].lastIndex(of: UInt8(ascii: "<")).map { edits.lineStart(before: $0).start }
                }
            }
            let indent = children.first { $0.name == "criterion" }
                .flatMap { edits.source.elementStart("criterion", line: $0.line) }
                .map { edits.lineStart(before: $0).indent } ?? "    "
            if fit.decision.withSuggestions, let criteriaAt = insertionBefore(["penalty", "bands", "example"]),
               let penaltiesAt = insertionBefore(["bands", "example"]) {
                var taken = Set(rules.map(\.id))
                var criteria = "", penalties = ""
                for (number, suggestion) in report.suggestions.enumerated() where suggestion.weight > 0 {
                    var id = "suggested-\(number + 1)"
                    while taken.contains(id) { id += "x" }
                    taken.insert(id)
                    let penalty = suggestion.kind == .penalty
                    if !penalty { criteriaSum += suggestion.weight }
                    let gain = "\(NumberText.format(suggestion.qwkBefore ?? 0, places: 3)) to \(NumberText.format(suggestion.qwkAfter ?? 0, places: 3))"
                    let element = penalty ? "penalty" : "criterion"
                    let feedback = Self.feedback(suggestion)
                    var text = "\(indent)<!-- Suggested by grader tune from the graded answers (cross-validated QWK \(gain)): keep, reword or delete it. -->\n"
                    text += "\(indent)<\(element) id=\"\(id)\" points=\"\(NumberText.format(suggestion.weight, places: 6))\">\n"
                    text += "\(indent)  <feedback>\(HTMLText.escaped(feedback))</feedback>\n"
                    text += "\(indent)  \(suggestion.matcher)\n\(indent)</\(element)>\n"
                    if penalty { penalties += text } else { criteria += text }
                    outcome.notes.append("\(question.id): suggested \(element) '\(id)' added: \(suggestion.label), \(HTMLReportWriter.points(suggestion.weight))")
                }
                if criteriaAt == penaltiesAt {
                    edits.insert(criteria + penalties, at: criteriaAt)
                } else {
                    edits.insert(criteria, at: criteriaAt)
                    edits.insert(penalties, at: penaltiesAt)
                }
            }
            if !fit.bands.isEmpty {
                var text = "\(indent)<bands>\n"
                for band in fit.bands {
                    text += "\(indent)  <band from=\"\(NumberText.format(band.from, places: 6))\" points=\"\(NumberText.format(band.points, places: 6))\"/>\n"
                }
                text += "\(indent)</bands>\n"
                if let existing = children.first(where: { $0.name == "bands" }),
                   let start = edits.source.elementStart("bands", line: existing.line), let end = edits.elementEnd("bands", tagStart: start) {
                    remove(start..<end, in: &edits)
                    edits.insert(text, at: edits.lineStart(before: start).start)
                } else if let at = insertionBefore(["example"]) {
                    edits.insert(text, at: at)
                }
            }
            let hasBands = !fit.bands.isEmpty || children.contains { $0.name == "bands" }
            if !hasBands && fit.base + criteriaSum > question.points + 1e-9 && node.attribute("clamp") != "yes" {
                set("clamp", to: "yes", tagStart: questionStart, in: &edits)
            }
        }
        return edits.applied()
    }

    /// The feedback a suggested rule is written with: what it found, in words a candidate can read.
    package static func feedback(_ suggestion: TuneReport.Suggestion) -> String {
        let penalty = suggestion.kind == .penalty
        guard suggestion.source == SuggestionCandidate.Source.length.rawValue else {
            return penalty ? "Says \(suggestion.label), common in answers people scored low." : "Mentions \(suggestion.label)."
        }
        // "under 20 words" → "Under 20 words: too short to earn full marks."
        let band = suggestion.label.prefix(1).uppercased() + suggestion.label.dropFirst()
        return penalty ? "\(band): too short to earn full marks." : "\(band): developed in full."
    }

    /// Replaces a levels group's `<level>` rows by the fitted table (a group needs one row: an
    /// all-zero fit keeps "1 element: 0 points").
    private static func rewrite(levels group: LevelGroup, table: [Level], in edits: inout XMLTextEdits) {
        guard let start = edits.source.elementStart("levels", line: group.line), let end = edits.elementEnd("levels", tagStart: start)
        else { return }
        let rows = table.isEmpty ? [Level(min: 1, points: 0)] : table
        let levelTag = Array("<level".utf8)
        var first: Int? = nil
        var index = start + 1
        while index + levelTag.count < end {
            if Array(edits.bytes[index..<index + levelTag.count]) == levelTag,
               XMLTextEdits.isSpace(edits.bytes[index + levelTag.count]) || edits.bytes[index + levelTag.count] == UInt8(ascii: "/"),
               let rowEnd = edits.elementEnd("level", tagStart: index) {
                if first == nil { first = index }
                remove(index..<rowEnd, in: &edits)
                index = rowEnd
                continue
            }
            index += 1
        }
        guard let first else { return }
        let line = edits.lineStart(before: first)
        let text = rows.map { "\(line.indent)<level min=\"\($0.min)\" points=\"\(NumberText.format($0.points, places: 6))\"/>\n" }.joined()
        edits.insert(text, at: line.start)
    }

    /// Sets attribute `name` of the start tag at `tagStart` (nil: leaves a missing one missing, zeroes none).
    private static func set(_ name: String, to value: String?, tagStart: Int, in edits: inout XMLTextEdits) {
        if let range = edits.attributeValue(name, tagStart: tagStart) {
            edits.replace(range, with: value ?? "0")
        } else if let value, let end = edits.startTagEnd(tagStart: tagStart) {
            edits.insert(" \(name)=\"\(value)\"", at: end)
        }
    }

    /// Removes an element with the white space that indents it and the line break after it.
    private static func remove(_ range: Range<Int>, in edits: inout XMLTextEdits) {
        let line = edits.lineStart(before: range.lowerBound)
        let onlyIndent = line.start + line.indent.utf8.count == range.lowerBound
        var end = range.upperBound
        if onlyIndent, end < edits.bytes.count, edits.bytes[end] == UInt8(ascii: "\n") { end += 1 }
        edits.replace((onlyIndent ? line.start : range.lowerBound)..<end, with: "")
    }

    // MARK: - Examples

    /// Re-scores the tuned questions' examples and updates each expected score that changed.
    private static func examples(_ bytes: [UInt8], rubric: Rubric, questions: Set<String>, outcome: inout Outcome) -> [UInt8] {
        guard let grader = SingleAnswerGrader(rubric: rubric) else { return bytes }
        var edits = XMLTextEdits(bytes)
        for question in rubric.questions where questions.contains(question.id) {
            for example in question.examples {
                let score = grader.grade(question, example.text, line: example.line).score
                guard abs(score - example.expectedScore) > 1e-9, let start = edits.source.elementStart("example", line: example.line),
                      let range = edits.attributeValue("score", tagStart: start) else { continue }
                edits.replace(range, with: NumberText.format(score, places: 6))
                outcome.notes.append("\(question.id): example on line \(edits.source.position(of: start).line) now expects "
                                     + "\(NumberText.format(score, places: 3)) (was \(NumberText.format(example.expectedScore, places: 3)))")
            }
        }
        return edits.applied()
    }
}

extension XMLTree.Node {
    /// This node and every element below it.
    var descendantsAndSelf: [XMLTree.Node] { [self] + children.flatMap(\.descendantsAndSelf) }
}
