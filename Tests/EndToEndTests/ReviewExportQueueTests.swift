import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `grader review REPORTS --export-queue FILE`: the sample cohort graded into a temporary folder
/// by the real binary, then the whole review order written as CSV, read back and checked
/// against the candidate reports and the web queue.
@Suite("grader review --export-queue", .serialized)
struct ReviewExportQueueTests {
    static let header = ["rank", "candidate", "question", "worth", "doubt", "reasons", "group", "answer_sha256"]

    /// Grades the sample cohort into `scratch/NAME` with `jobs` workers.
    static func grade(_ scratch: Scratch, _ name: String, jobs: Int) throws -> String {
        let reports = scratch.file(name)
        let run = try GraderProcess.run(["grade", GraderProcess.sampleSubmissions, "--rubric", GraderProcess.sampleRubric,
                                         "--out", reports, "--jobs", String(jobs), "--quiet"], in: scratch.url)
        guard run.status == 0 else { throw ReviewProcess.Failure(description: "grade failed: \(run.stderr)") }
        return reports
    }

    static func export(_ reports: String, to path: String, in scratch: Scratch) throws -> GraderProcess.Outcome {
        try GraderProcess.run(["review", reports, "--export-queue", path], in: scratch.url)
    }

    @Test func theExportIsEveryAnswerWithTextOnceTheSameBytesEveryRunAndAtAnyJobs() throws {
        let scratch = try Scratch()
        let one = try Self.grade(scratch, "one", jobs: 1)
        let four = try Self.grade(scratch, "four", jobs: 4)
        for (reports, file) in [(one, "a.csv"), (one, "b.csv"), (four, "c.csv")] {
            let run = try Self.export(reports, to: scratch.file(file), in: scratch)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
        let bytes = try Data(contentsOf: scratch.url.appendingPathComponent("a.csv"))
        #expect(try Data(contentsOf: scratch.url.appendingPathComponent("b.csv")) == bytes)
        #expect(try Data(contentsOf: scratch.url.appendingPathComponent("c.csv")) == bytes)
        // `-` writes the same bytes to standard output.
        let piped = try Self.export(one, to: "-", in: scratch)
        #expect(piped.status == 0)
        #expect(Data(piped.stdout.utf8) == bytes)

        let rows = CSVRows.parse(String(decoding: bytes, as: UTF8.self))
        #expect(rows.first == Self.header)
        let body = Array(rows.dropFirst())
        #expect(body.allSatisfy { $0.count == Self.header.count })
        #expect(body.map { $0[0] } == (1...body.count).map(String.init))
        let exported = body.map { "\($0[1]) · \($0[2])" }
        let expected = try Self.answersWithText(one)
        #expect(exported.count == expected.count)
        #expect(Set(exported) == expected)
        #expect(Set(exported).count == exported.count)
        // Most worth first: the worth column never rises down the file, and never exceeds the doubt.
        let worths = body.compactMap { Double($0[3]) }
        #expect(worths.count == body.count)
        #expect(worths == worths.sorted(by: >))
        #expect(body.allSatisfy { (Double($0[3]) ?? 1) <= (Double($0[4]) ?? 0) + 1e-9 })
        #expect(body.allSatisfy { $0[7].count == 64 })
    }

    @Test func theWebQueueIsTheHeadOfTheExport() throws {
        let scratch = try Scratch()
        let reports = try Self.grade(scratch, "Reports", jobs: 2)
        #expect(try Self.export(reports, to: scratch.file("queue.csv"), in: scratch).status == 0)
        let body = CSVRows.parse(try String(contentsOfFile: scratch.file("queue.csv"), encoding: .utf8)).dropFirst()
        let review = try ReviewProcess(reports: reports, moderation: scratch.file("moderation.csv"), in: scratch.url)
        defer { review.stop() }
        let user = HTTPCall(jar: scratch.file("user.jar"))
        _ = try user.send(review.url.absoluteString)
        let page = try user.send(review.base + "/queue")
        #expect(page.status == 200)
        // The queue table's links, in order: /answer?candidate=ID&question=Q&list=queue.
        let pattern = try NSRegularExpression(pattern: "href=\"/answer\\?candidate=([^&\"]*)&amp;question=([^&\"]*)&amp;list=queue\"")
        let html = page.body
        let listed = pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { match in
            [1, 2].map { String(html[Range(match.range(at: $0), in: html)!]).removingPercentEncoding ?? "" }.joined(separator: " · ")
        }
        #expect(!listed.isEmpty)
        #expect(listed == body.prefix(listed.count).map { "\($0[1]) · \($0[2])" })
        // The page shows the figures the order sorts by, as the export writes them: per row the
        // number cells are the position, the score, the worth and the doubt.
        let queueTable = try #require(html.range(of: "Random sample").map { String(html[..<$0.lowerBound]) })
        let numbers = try NSRegularExpression(pattern: "<td class=\"num\">([^<]*)</td>")
        let cells = numbers.matches(in: queueTable, range: NSRange(queueTable.startIndex..., in: queueTable))
            .map { String(queueTable[Range($0.range(at: 1), in: queueTable)!]) }
        #expect(cells.count == 4 * listed.count)
        let shown = stride(from: 0, to: cells.count - 3, by: 4).map { [cells[$0 + 2], cells[$0 + 3]] }
        #expect(shown == body.prefix(listed.count).map { [$0[3], $0[4]] })
    }

    @Test func anAnswerModeratedSinceLeavesTheHeadAndGoesLast() throws {
        let scratch = try Scratch()
        let reports = try Self.grade(scratch, "Reports", jobs: 2)
        #expect(try Self.export(reports, to: scratch.file("before.csv"), in: scratch).status == 0)
        let before = Array(CSVRows.parse(try String(contentsOfFile: scratch.file("before.csv"), encoding: .utf8)).dropFirst())
        let first = try #require(before.first)
        // The head's decision, recorded as the moderation file's row with the hash the export gave.
        try Data("candidate,question,score,reason,moderator,decided_at,answer_sha256\r\n\(first[1]),\(first[2]),0,checked,e2e,2026-12-01T00:00:00Z,\(first[7])\r\n".utf8)
            .write(to: scratch.url.appendingPathComponent("moderation.csv"))
        let regrade = try GraderProcess.run(["grade", GraderProcess.sampleSubmissions, "--rubric", GraderProcess.sampleRubric,
                                             "--out", reports, "--moderation", scratch.file("moderation.csv"), "--quiet"], in: scratch.url)
        #expect(regrade.status == 0, "\(regrade.stderr)")
        #expect(try Self.export(reports, to: scratch.file("after.csv"), in: scratch).status == 0)
        let after = Array(CSVRows.parse(try String(contentsOfFile: scratch.file("after.csv"), encoding: .utf8)).dropFirst())
        #expect(after.count == before.count)
        let last = try #require(after.last)
        #expect(last[1] == first[1] && last[2] == first[2])
        #expect(last[3] == "0")
        #expect(last[5] == "moderated: score 0")
        #expect(after.first.map { [$0[1], $0[2]] } != [first[1], first[2]])
    }

    @Test func aPathInsideTheReportsFolderIsRefusedAndNothingIsWritten() throws {
        let scratch = try Scratch()
        let reports = try Self.grade(scratch, "Reports", jobs: 2)
        let before = try Scratch.contents(of: reports)
        for path in [reports + "/queue.csv", reports + "/candidates/queue.csv", "Reports/./queue.csv"] {
            let run = try Self.export(reports, to: path, in: scratch)
            #expect(run.status == 2)
            #expect(run.stderr.contains("must not be inside the reports folder"))
        }
        #expect(try Scratch.contents(of: reports) == before)
        // A folder that is not a reports folder is named in the error.
        let missing = try Self.export(scratch.file("nowhere"), to: scratch.file("q.csv"), in: scratch)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nowhere"))
        #expect(!FileManager.default.fileExists(atPath: scratch.file("q.csv")))
    }

    /// `candidate · question` of every answer with text in the candidate reports.
    static func answersWithText(_ reports: String) throws -> Set<String> {
        var keys: Set<String> = []
        let folder = reports + "/candidates"
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".xml") {
            let document = try XMLDocument(xmlString: try String(contentsOfFile: folder + "/" + name, encoding: .utf8))
            let candidate = try document.nodes(forXPath: "/report/candidate/@id").first?.stringValue ?? ""
            for case let question as XMLElement in try document.nodes(forXPath: "/report/question") {
                let text = try question.nodes(forXPath: "answer").first?.stringValue ?? ""
                if question.attribute(forName: "status")?.stringValue != "missing", !text.isEmpty {
                    keys.insert("\(candidate) · \(question.attribute(forName: "id")?.stringValue ?? "")")
                }
            }
        }
        return keys
    }
}

/// RFC 4180 as the export writes it (quoted cells may hold commas, quotes and line breaks; CRLF rows).
enum CSVRows {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { cell.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    cell.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(cell); cell = ""
            } else if character == "\r\n" || character == "\n" {
                row.append(cell); cell = ""
                rows.append(row); row = []
            } else {
                cell.append(character)
            }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }
}
