import CSV
import Foundation
@testable import GraderCohort
@testable import GraderEngine
@testable import GraderFoundation
@testable import GraderReports
@testable import GraderWorkflows
import LibXML2
import Testing

@Suite("reports")
struct ReportTests {
    static let hostile = "<script>alert(1)</script> ]]> & \"quoted\" 'single' <img src=x onerror=alert(2)> tuple \u{1}"

    func result(answer: String = ReportTests.hostile, name: String = "=HYPERLINK(\"http://x\")") throws -> (CandidateResult, Rubric) {
        let rubric = try TestSupport.rubric(questions: """
        <question id="q1" points="5"><prompt>Tuples?</prompt>
        <criterion id="tuple" points="5"><feedback>Names &lt;b&gt;tuples&lt;/b&gt; &amp; more.</feedback><keyword>tuple</keyword></criterion></question>
        """)
        let answerValue = Answer(text: answer, file: "evil.md", line: 2)
        let submission = Submission(candidate: Candidate(id: "evil", name: name, email: "@evil"), source: "evil.md",
                                    answers: ["q1": answerValue], warnings: [])
        let question = try TestSupport.grade(rubric.questions[0], in: rubric, answer)
        return (CandidateResult(submission: submission, questions: [question]), rubric)
    }

    @Test func xmlReportIsValidAndKeepsHostileTextAsText() throws {
        let (candidate, rubric) = try result()
        let bytes = try XMLReportWriter.render(candidate, rubric: rubric)
        try Schemas.report.validate(bytes: bytes, name: "evil.xml")
        let tree = try XMLTree(bytes: bytes, name: "evil.xml")
        let answer = try #require(tree.root?.firstChild(named: "question")?.firstChild(named: "answer"))
        #expect(answer.text == ReportTests.hostile.replacingOccurrences(of: "\u{1}", with: "\u{FFFD}"))
        #expect(tree.root?.firstChild(named: "candidate")?.attribute("name") == "=HYPERLINK(\"http://x\")")
    }

    @Test func evidenceOffsetsCountCodePoints() throws {
        let (candidate, rubric) = try result(answer: "Zoë’s tuple")
        let tree = try XMLTree(bytes: try XMLReportWriter.render(candidate, rubric: rubric), name: "r.xml")
        let evidence = try #require(tree.root?.firstChild(named: "question")?.firstChild(named: "criterion")?.firstChild(named: "evidence"))
        #expect(evidence.attribute("start") == "6")
        #expect(evidence.attribute("end") == "11")
        // Format 3 keeps no copy of the matched words: the offsets find them in <answer>.
        #expect(evidence.text.isEmpty)
        let answer = try #require(tree.root?.firstChild(named: "question")?.firstChild(named: "answer")?.text)
        #expect(String(Array(answer.unicodeScalars)[6..<11].map(Character.init)) == "tuple")
    }

    /// A regex is named by its number in the rule's matcher, a pattern holding "/" included;
    /// keyword vias and what `near` appends stay as the matcher said them.
    @Test func evidenceNamesARegexByItsNumberInTheRulesMatcher() throws {
        let rubric = try TestSupport.rubric(matcher: """
        <near within="4"><any><regex>\\bcat\\b</regex><regex>a/b|dog</regex></any><keyword>barks</keyword></near>
        """)
        let answer = "the dog barks"
        let submission = Submission(candidate: Candidate(id: "x", name: nil, email: nil), source: "x.md",
                                    answers: ["q1": Answer(text: answer, file: "x.md", line: 1)], warnings: [])
        let graded = try TestSupport.grade(rubric.questions[0], in: rubric, answer)
        #expect(graded.rules[0].evidence.map(\.via).contains("regex /a/b|dog/ (within 4 words)"))
        let tree = try XMLTree(bytes: try XMLReportWriter.render(CandidateResult(submission: submission, questions: [graded]), rubric: rubric),
                               name: "x.xml")
        let vias = tree.root?.firstChild(named: "question")?.firstChild(named: "criterion")?.children(named: "evidence").compactMap { $0.attribute("via") }
        #expect(Set(vias ?? []) == ["regex 2 (within 4 words)", "keyword \"barks\" (within 4 words)"])
        #expect(EvidenceVia(rubric.questions[0].rules[0].matcher).compact("regex /unknown/") == "regex /unknown/")
        // One pattern the start of another: the via names the one it wholly spells.
        let prefixes = EvidenceVia(try TestSupport.rubric(matcher: "<any><regex>a</regex><regex>a/b</regex></any>").questions[0].rules[0].matcher)
        #expect(prefixes.compact("regex /a/b/") == "regex 2" && prefixes.compact("regex /a/ (within 2 words)") == "regex 1 (within 2 words)")
    }

    @Test func htmlEscapesEverythingFromTheCandidate() throws {
        let (candidate, rubric) = try result()
        let html = String(decoding: HTMLReportWriter().render(candidate, rubric: rubric), as: UTF8.self)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img src=x"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("Content-Security-Policy"))
        #expect(html.contains("<mark title=\"tuple\">tuple</mark>"))
        #expect(!html.contains("<b>tuples</b>"))
        #expect(!html.contains("http://") || html.contains("=HYPERLINK(&quot;http://x&quot;)"))
    }

    static func digest(id: String, name: String?, email: String?, score: Double) -> CandidateDigest {
        CandidateDigest(id: id, name: name, email: email, source: "s",
                        rubric: RubricIdentity(id: "t", version: nil, title: "=Quiz, \"one\"", sha256: String(repeating: "0", count: 64)),
                        total: score, maxPoints: 5, warnings: 0,
                        questions: [QuestionDigest(id: "q1", status: .answered, score: score, maxPoints: 5, words: 3, readingEase: 50,
                                                   rules: [], ranks: [])], file: "\(id).xml")
    }

    /// Writes a gradebook of `digests` through a `DigestWriter`, as a run does, and returns its text.
    static func gradebook(_ digests: [CandidateDigest], layout: GradebookLayout? = nil) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("grader-csv-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let writing = try DigestWriter(in: folder)
        for digest in digests { try writing.append(digest) }
        let store = try writing.seal()
        let path = folder + "/grades.csv"
        if let layout {
            try GradesCSVWriter.write(store, layout: layout, rubric: digests[0].rubric, to: path)
        } else {
            try GradesCSVWriter.write(store, to: path)
        }
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    static let hostileNames = ["Smith, \"Jo\"\nJr", "=cmd|' /C calc'!A0", "+SUM(A1)", "-2+3", "@import", "Ann \"Quoted\", Jr.\r\nLine"]

    @Test func gradesCSVNeutralisesFormulasAndRoundTripsHostileNames() throws {
        let digests = Self.hostileNames.enumerated().map { Self.digest(id: "c\($0.offset)", name: $0.element, email: "=x@evil", score: 2.5) }
        let text = try Self.gradebook(digests)
        #expect(text.hasPrefix("id,name,email,q1,total,max\r\n"))
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        #expect(rows.count == Self.hostileNames.count)
        #expect(rows[0] == ["c0", "Smith, \"Jo\"\nJr", "'=x@evil", "2.5", "2.5", "5"])
        #expect(rows.map { $0[1] } == ["Smith, \"Jo\"\nJr", "'=cmd|' /C calc'!A0", "'+SUM(A1)", "'-2+3", "'@import", "Ann \"Quoted\", Jr.\r\nLine"])
        #expect(CSVText.neutralised("+1") == "'+1")
        #expect(CSVText.neutralised("-x") == "'-x")
        #expect(CSVText.neutralised("@x") == "'@x")
        #expect(CSVText.neutralised("plain") == "plain")
    }

    @Test func moodleAndCanvasLayoutsRoundTrip() throws {
        let digests = [Self.digest(id: "c1", name: "Zoë Anne Müller", email: "zoe@example.org", score: 4),
                       Self.digest(id: "c2", name: "=Evil, \"Name\"", email: nil, score: 1.5)]
        let moodle = try CSVReader(string: try Self.gradebook(digests, layout: .moodle), hasHeaderRow: true)
        #expect(moodle.headerRow == ["First name", "Last name", "ID number", "Email address", "'=Quiz, \"one\" (Real)"])
        #expect(moodle.next() == ["Zoë Anne", "Müller", "c1", "zoe@example.org", "4"])
        #expect(moodle.next() == ["'=Evil,", "\"Name\"", "c2", "", "1.5"])
        let canvas = try CSVReader(string: try Self.gradebook(digests, layout: .canvas), hasHeaderRow: true)
        #expect(canvas.headerRow == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "'=Quiz, \"one\""])
        #expect(canvas.next() == ["Points Possible", "", "", "", "", "5"])
        #expect(canvas.next() == ["Zoë Anne Müller", "", "c1", "zoe@example.org", "", "4"])
        #expect(canvas.next() == ["'=Evil, \"Name\"", "", "c2", "", "", "1.5"])
    }

    @Test func numbersAreFormattedTheSameEverywhere() {
        #expect(NumberText.format(7) == "7")
        #expect(NumberText.format(7.5) == "7.5")
        #expect(NumberText.format(1.0 / 3.0) == "0.33")
        #expect(NumberText.format(-2.25) == "-2.25")
        #expect(NumberText.format(-0.001) == "0")
    }
}

/// Workers keep one XML buffer and one HTML page from candidate to candidate; a report
/// written into reused memory must be byte for byte the report written afresh.
@Suite("report buffers")
struct ReportBufferTests {
    @Test func reusedBuffersWriteTheSameBytesAsFreshOnes() throws {
        let rubric = try TestSupport.rubric(questions: """
        <question id="q1" points="4"><prompt>Lists &amp; tuples?</prompt>
        <criterion id="c" points="4"><keyword>tuple</keyword></criterion></question>
        """)
        let worker = try GradingWorker(rubric: rubric)
        var times = StageTimes()
        func result(_ id: String, _ text: String) -> CandidateResult {
            let submission = Submission(candidate: Candidate(id: id, name: nil, email: nil), source: "\(id).md",
                                        answers: ["q1": Answer(text: text, file: "\(id).md", line: 1)], warnings: [])
            return CandidateResult(submission: submission, questions: [worker.grade(rubric.questions[0], answer: submission.answers["q1"],
                                                                                   file: "\(id).md", times: &times).result])
        }
        // A long report first, then a short one: nothing of the first may remain in the second.
        let long = result("a", String(repeating: "A tuple is immutable <b>&</b>. ", count: 400))
        let short = result("b", "tuple")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("grader-buffers-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var buffer = XMLText(capacity: 64)
        var page = HTMLText(capacity: 0)
        let writer = HTMLReportWriter()
        for candidate in [long, short] {
            let path = folder + "/\(candidate.submission.candidate.id).xml"
            let sha256 = String(repeating: "ab", count: 32)
            try XMLReportWriter.write(candidate, rubric: rubric, submissionSHA256: sha256, buffer: &buffer, to: path)
            #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path)))
                    == XMLReportWriter.render(candidate, rubric: rubric, submissionSHA256: sha256))
            writer.render(candidate, rubric: rubric, into: &page)
            #expect(page.bytes == writer.render(candidate, rubric: rubric))
        }
    }
}
