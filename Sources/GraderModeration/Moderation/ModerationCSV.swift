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

    /// Parses a whole file's bytes, leaving out a torn last row (`tornRowStart`) with a warning in
    /// the log: it was never acknowledged, since a writer acknowledges a row only after flushing it whole.
    package static func parse(_ bytes: [UInt8], file: String) -> (ModerationLog, [Diagnostic]) {
        guard let start = tornRowStart(bytes) else { return parse(String(decoding: bytes, as: UTF8.self), file: file) }
        var (log, problems) = parse(String(decoding: bytes[..<start], as: UTF8.self), file: file)
        log.warnings.append(Diagnostic(.warning, file: file, line: line(at: start, in: bytes),
                                       "the last row is incomplete (a write cut short, never acknowledged): ignored; the next decision recorded removes it"))
        return (log, problems)
    }

    /// Where a torn last row starts: a writer killed mid-append, or a power cut, can leave part of a
    /// row without its line end. Nil when the file ends in a line end, or when its last line is a
    /// whole row (a hand edit without a final line end: kept). Rows are appended only when none of
    /// their cells holds a line break (`ModerationFile.record`), so a torn one lies after the last LF.
    package static func tornRowStart(_ bytes: [UInt8]) -> Int? {
        guard let last = bytes.last, last != 0x0A, let newline = bytes.lastIndex(of: 0x0A) else { return nil }
        let start = newline + 1, line = line(at: start, in: bytes)
        // Torn when the row that begins on that line is not a valid decision (cut short, it lacks cells or
        // has half a hash or time); a row cut only before its line end is whole, and kept.
        let problems = parse(String(decoding: bytes, as: UTF8.self), file: "").1
        return problems.contains { ($0.line ?? 0) >= line } ? start : nil
    }

    /// The 1-based line of byte `offset`.
    private static func line(at offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
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
