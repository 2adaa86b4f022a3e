import Foundation
import GraderFoundation
import GraderReports

/// `grader review REPORTS --export-queue FILE`: the whole review order as CSV, one row per answer
/// with text, so assessors can split the queue among markers or work through it in a
/// spreadsheet, and scripts can drive the review loop. The same order as the web queue, whose
/// head it is; the same bytes for the same reports, however many jobs graded them.
///
/// `rank,candidate,question,worth,doubt,reasons,group,answer_sha256`: `worth` is the figure the
/// order sorts by (the doubt, discounted for answers like it above; 0 once moderated), `doubt` the
/// sum of the reasons' weights before that discount (the web queue shows the same two columns),
/// `reasons` the reasons to doubt the score, `group` the near-identical group's number (empty when
/// the answer stands alone), `answer_sha256` the hash a moderation decision on it records.
/// Written through CSV.swift with the moderation file's reversible formula guard (`CSVText.guarded`):
/// ids and reasons come from candidates' files and rubrics, and are hostile.
public enum QueueExport {
    public static let header = ["rank", "candidate", "question", "worth", "doubt", "reasons", "group", "answer_sha256"]

    /// The rows, without the header.
    public static func rows(_ queue: ReviewQueue) -> [[String]] { rows(queue, 0..<queue.order.entries.count) }

    /// The rows of the order's entries at `positions`.
    static func rows(_ queue: ReviewQueue, _ positions: Range<Int>) -> [[String]] {
        positions.map { position in
            let entry = queue.order.entries[position]
            let answer = entry.item.answer
            return [String(position + 1), CSVText.guarded(answer.candidate), CSVText.guarded(answer.question),
                    NumberText.format(entry.worth, places: 4), NumberText.format(entry.item.uncertainty, places: 4),
                    CSVText.guarded(reasons(entry)),
                    queue.groups.number(of: answer.key).map { "G\($0)" } ?? "", answer.hash]
        }
    }

    /// The reasons as one readable cell: `kind: text` joined by `; `, and why the worth is lower than the doubt.
    static func reasons(_ entry: ReviewOrder.Entry) -> String {
        if entry.item.answer.moderated { return "moderated: score \(NumberText.format(entry.item.answer.score))" }
        return (entry.item.reasons.map { "\($0.kind.rawValue): \($0.text)" } + entry.discounts).joined(separator: "; ")
    }

    /// The file's bytes: the header and every row, RFC 4180 with CRLF.
    public static func bytes(_ queue: ReviewQueue) throws -> [UInt8] {
        try CSVText.bytes([header] + rows(queue))
    }

    /// Why `path` must not receive the export, or nil: `-` (standard output) never has one; an empty
    /// path names no file; a path inside the reports folder would be deleted or overwritten by the next `grader grade`.
    public static func placementProblem(_ path: String, reportsFolder: String) -> String? {
        guard path != "-" else { return nil }
        guard !path.isEmpty else { return "the queue export needs a file name, or - for standard output" }
        guard Path.isInside(path, reportsFolder) else { return nil }
        return "the queue export must not be inside the reports folder \(reportsFolder), which a run may delete; write it beside it"
    }

    /// Writes the export to `path` atomically, or to standard output for `-`, `chunk` rows at a time:
    /// the whole order of a 20,000-candidate cohort as strings at once took more memory than the review.
    public static func write(_ queue: ReviewQueue, to path: String) throws {
        let chunk = 10_000
        let count = queue.order.entries.count
        // RFC 4180 rows each end with CRLF, so the file is the concatenation of its chunks' bytes.
        func forEachChunk(_ body: ([UInt8]) throws -> Void) throws {
            try body(CSVText.bytes([header]))
            for start in stride(from: 0, to: count, by: chunk) {
                try body(CSVText.bytes(rows(queue, start..<min(count, start + chunk))))
            }
        }
        if path == "-" {
            try forEachChunk { FileHandle.standardOutput.write(Data($0)) }
        } else {
            let file = try AtomicFile.Streaming(to: path)
            try forEachChunk { try file.append($0) }
            try file.commit()
        }
    }
}
