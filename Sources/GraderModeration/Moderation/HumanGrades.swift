import CSV
import Foundation
import GraderEngine
import GraderFoundation

/// The grades people gave, read from a CSV: an `id` column, one column per
/// question id, and optionally `qid.criterion` columns of 0/1 marks saying
/// whether the person saw that criterion in the answer. `name`, `email`,
/// `total` and `max` are ignored, so Grader's own `grades.csv` layout is read too.
/// Blank cells are "not graded". Every problem names its row and column.
public struct HumanGrades: Sendable {
    /// Candidate ids in file order.
    public let ids: [String]
    /// The row (1-based, the header is row 1) each candidate was read from.
    public let rows: [String: Int]
    /// Scores by candidate, then question id.
    public let scores: [String: [String: Double]]
    /// Per-criterion marks by candidate, then "qid.criterion".
    public let marks: [String: [String: Bool]]
    /// Question ids that have a column.
    public let questions: [String]
    /// "qid.criterion" columns.
    public let criterionColumns: [String]

    static let ignoredColumns: Set<String> = ["name", "email", "total", "max"]

    /// Reads `path`; returns the grades with every problem found (errors mean the grades are unusable).
    public static func read(path: String, rubric: Rubric) -> (HumanGrades?, [Diagnostic]) {
        guard let data = try? FileSystem.read(path) else {
            return (nil, [Diagnostic(.error, file: path, "cannot read the human grades")])
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return parse(text, file: path, rubric: rubric)
    }

    public static func parse(_ text: String, file: String, rubric: Rubric) -> (HumanGrades?, [Diagnostic]) {
        var problems: [Diagnostic] = []
        func error(_ row: Int, _ column: Int?, _ message: String) {
            problems.append(Diagnostic(.error, file: file, line: row, column: column, message))
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            return (nil, [Diagnostic(.error, file: file, line: 1, "cannot read the header row: \(error)")])
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        guard header.first?.lowercased() == "id" else {
            error(1, 1, "the first column must be 'id' (found '\(header.first ?? "")')")
            return (nil, problems)
        }
        let byID = Dictionary(rubric.questions.map { ($0.id.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        enum Column { case ignored, question(Question), criterion(Question, String) }
        var columns: [Column] = [.ignored]
        var seenColumns: [String: Int] = [:]
        for (index, name) in header.enumerated().dropFirst() {
            let lowered = name.lowercased()
            if let first = seenColumns[lowered] {
                error(1, index + 1, "column '\(name)' repeats column \(first)")
                columns.append(.ignored)
                continue
            }
            seenColumns[lowered] = index + 1
            if Self.ignoredColumns.contains(lowered) {
                columns.append(.ignored)
            } else if let question = byID[lowered] {
                columns.append(.question(question))
            } else if let dot = lowered.firstIndex(of: "."), let question = byID[String(lowered[..<dot])] {
                let rule = String(name[name.index(after: dot)...])
                if question.rules.contains(where: { $0.id == rule }) {
                    columns.append(.criterion(question, rule))
                } else {
                    error(1, index + 1, "column '\(name)': question \(question.id) has no criterion or penalty '\(rule)'")
                    columns.append(.ignored)
                }
            } else {
                error(1, index + 1, "column '\(name)' is not a question of rubric \(rubric.id) (nor question.criterion)")
                columns.append(.ignored)
            }
        }
        var ids: [String] = []
        var rows: [String: Int] = [:]
        var scores: [String: [String: Double]] = [:]
        var marks: [String: [String: Bool]] = [:]
        var row = 1
        while let cells = reader.next() {
            row += 1
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let id = cells[0].trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else { error(row, 1, "the id is empty"); continue }
            if let first = rows[id] { error(row, 1, "candidate '\(id)' was already graded on row \(first)"); continue }
            if cells.count > header.count { error(row, header.count + 1, "the row has \(Plural.count(cells.count, "cell")), the header \(header.count)") }
            ids.append(id)
            rows[id] = row
            var rowScores: [String: Double] = [:]
            var rowMarks: [String: Bool] = [:]
            for (index, column) in columns.enumerated().dropFirst() where index < cells.count {
                let cell = cells[index].trimmingCharacters(in: .whitespaces)
                guard !cell.isEmpty else { continue }
                switch column {
                case .ignored: continue
                case .question(let question):
                    guard let value = Double(cell), value.isFinite else {
                        error(row, index + 1, "'\(cell)' is not a number (column \(header[index]))")
                        continue
                    }
                    guard value >= min(0, question.floor) - 1e-9, value <= question.points + 1e-9 else {
                        error(row, index + 1, "\(cell) is outside question \(question.id)'s range "
                              + "\(NumberText.format(min(0, question.floor)))–\(NumberText.format(question.points))")
                        continue
                    }
                    rowScores[question.id] = value
                case .criterion(let question, let rule):
                    switch cell.lowercased() {
                    case "1", "yes", "true": rowMarks["\(question.id).\(rule)"] = true
                    case "0", "no", "false": rowMarks["\(question.id).\(rule)"] = false
                    default: error(row, index + 1, "'\(cell)' is not a 0/1 mark (column \(header[index]))")
                    }
                }
            }
            scores[id] = rowScores
            if !rowMarks.isEmpty { marks[id] = rowMarks }
        }
        if ids.isEmpty && problems.isEmpty { error(1, nil, "the file holds no grades") }
        let questions = columns.compactMap { if case .question(let q) = $0 { return q.id } else { return nil } }
        let criterionColumns = columns.compactMap { if case .criterion(let q, let r) = $0 { return "\(q.id).\(r)" } else { return nil } }
        let grades = HumanGrades(ids: ids, rows: rows, scores: scores, marks: marks,
                                 questions: questions, criterionColumns: criterionColumns)
        return (problems.isEmpty ? grades : nil, problems)
    }
}
