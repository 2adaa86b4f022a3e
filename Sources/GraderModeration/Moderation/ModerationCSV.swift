import CSV
import Foundation
import GraderEngine
import GraderFoundation
import GraderReports

/// The moderation file's rows as CSV (RFC 4180, read and written through CSV.swift): the
/// header, one row per decision, the `'` guard on the free-text cells a spreadsheet would run.
enum ModerationCSV {
    package static let header = ["candidate", "question", "score", "reason", "moderator", "decided_at", "answer_sha256"]

    /// The rows of `decisions`, without the header.
    package static func rows(_ decisions: [ModerationDecision]) -> [[String]] {
        decisions.map { decision in
            [decision.candidateID, decision.questionID, decision.score.map { NumberText.format($0) } ?? "",
             CSVText.guarded(decision.reason), CSVText.guarded(decision.moderator), decision.decidedAt, decision.answerSHA256]
        }
    }

    /// Parses a whole file; a row that is not a valid decision is reported with its line and left out.
    package static func parse(_ text: String, file: String) -> (ModerationLog, [Diagnostic]) {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var log = ModerationLog()
        var problems: [Diagnostic] = []
        guard !text.isEmpty else { return (log, problems) }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            return (log, [Diagnostic(.error, file: file, line: 1, "cannot read the header row: \(error)")])
        }
        let found = reader.headerRow ?? []
        guard found == header else {
            return (log, [Diagnostic(.error, file: file, line: 1,
                                     "the header must be '\(header.joined(separator: ","))' (found '\(found.joined(separator: ","))')")])
        }
        // CSV.swift does not say where a row starts; a quoted reason may span lines, so count them.
        var line = 2
        while let cells = reader.next() {
            let rowLine = line
            line += 1 + cells.reduce(0) { $0 + $1.filter(\.isNewline).count }
            if cells.allSatisfy(\.isEmpty) { continue }
            switch decision(cells) {
            case .success(let decision): log.append(decision, line: rowLine)
            case .failure(let problem): problems.append(Diagnostic(.error, file: file, line: rowLine, problem.message))
            }
        }
        return (log, problems)
    }

    struct RowProblem: Error { let message: String }

    private static func decision(_ cells: [String]) -> Result<ModerationDecision, RowProblem> {
        guard cells.count == header.count else {
            return .failure(RowProblem(message: "the row has \(Plural.count(cells.count, "cell")), the header \(header.count)"))
        }
        let candidate = cells[0], question = cells[1], scoreText = cells[2].trimmingCharacters(in: .whitespaces)
        guard !candidate.isEmpty else { return .failure(RowProblem(message: "the candidate is empty")) }
        guard !question.isEmpty else { return .failure(RowProblem(message: "the question is empty")) }
        var score: Double?
        if !scoreText.isEmpty {
            guard let value = Double(scoreText), value.isFinite, value >= 0 else {
                return .failure(RowProblem(message: "score '\(scoreText)' is not a number of 0 or more"))
            }
            score = value
        }
        let decidedAt = cells[5]
        guard (try? Date.ISO8601FormatStyle().parse(decidedAt)) != nil else {
            return .failure(RowProblem(message: "decided_at '\(decidedAt)' is not an ISO 8601 UTC time like 2026-12-01T23:59:07Z"))
        }
        let hash = cells[6]
        let isHash = hash.utf8.count == 64 && hash.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        guard isHash || (score == nil && hash.isEmpty) else {
            return .failure(RowProblem(message: "answer_sha256 '\(hash)' is not 64 lower-case hex digits"))
        }
        return .success(ModerationDecision(candidateID: candidate, questionID: question, score: score,
                                           reason: CSVText.unguarded(cells[3]), moderator: CSVText.unguarded(cells[4]),
                                           decidedAt: decidedAt, answerSHA256: hash))
    }
}
