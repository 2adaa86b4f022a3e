import Foundation
@testable import GraderEngine
import PCRE2
import Testing

@Suite("ingest")
struct IngestTests {
    static let questions = (1...4).map {
        "<question id=\"q0\($0)\" points=\"1\"><prompt>p</prompt><criterion id=\"c\" points=\"1\"><keyword>a</keyword></criterion></question>"
    }.joined()

    let reader: SubmissionReader
    let scratch = MatchScratch()

    init() throws {
        reader = SubmissionReader(directory: try TestSupport.rubric(questions: Self.questions).directory, maximumFileBytes: 1 << 20)
    }

    /// Writes `bytes` to a fresh temporary folder and reads it as a submission.
    func read(_ bytes: [UInt8], name: String = "cand.md") throws -> Result<Submission, SubmissionReader.Skip> {
        let folder = try TemporaryFolder()
        let path = folder.path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return reader.read(SubmissionUnit(source: path, isFolder: false, claimedID: "cand", id: "cand"), scratch: scratch)
    }

    func submission(_ text: String) throws -> Submission {
        try read(Array(text.utf8)).get()
    }

    @Test func everyHeadingStyleIsRecognised() throws {
        let unit = SubmissionUnit(source: TestSupport.fixture("ingest/heading-styles.md"), isFolder: false, claimedID: "c042", id: "c042")
        let submission = try reader.read(unit, scratch: scratch).get()
        #expect(submission.answers["q01"]?.text == "First answer.")
        #expect(submission.answers["q02"]?.text == "Second answer,\nover two lines.")
        #expect(submission.answers["q03"]?.text == "Third answer inline.")
        #expect(submission.answers["q04"]?.text.hasPrefix("Fourth answer:\n```python\n# 2 items") == true)
        #expect(submission.answers["q02"]?.line == 12)
        #expect(submission.warnings.isEmpty)
    }

    @Test func frontMatterGivesNameAndEmail() throws {
        let unit = SubmissionUnit(source: TestSupport.fixture("ingest/heading-styles.md"), isFolder: false, claimedID: "c042", id: "c042")
        let submission = try reader.read(unit, scratch: scratch).get()
        #expect(submission.candidate == Candidate(id: "c042", name: "Zoë Müller", email: "zoe@example.org"))
    }

    @Test func moreHeadingForms() throws {
        let submission = try submission("**Question 1:** bold style\n\nQ2. short form\n\n## q03\nid style\n\n## Question 4\nword style\n")
        #expect(submission.answers["q01"]?.text == "bold style")
        #expect(submission.answers["q02"]?.text == "short form")
        #expect(submission.answers["q03"]?.text == "id style")
        #expect(submission.answers["q04"]?.text == "word style")
    }

    @Test func sentencesStartingWithQuestionAreNotHeadings() throws {
        let submission = try submission("## Q1\nQuestion 2 was harder than this one.\n")
        #expect(submission.answers["q02"] == nil)
        #expect(submission.answers["q01"]?.text == "Question 2 was harder than this one.")
    }

    @Test func byteOrderMarkIsDropped() throws {
        let submission = try read([0xEF, 0xBB, 0xBF] + Array("## Q1\nanswer\n".utf8)).get()
        #expect(submission.answers["q01"]?.text == "answer")
    }

    @Test func crlfBecomesLF() throws {
        let submission = try read(Array("## Q1\r\nline one\r\nline two\r\n".utf8)).get()
        #expect(submission.answers["q01"]?.text == "line one\nline two")
    }

    @Test func invalidBytesAreReplacedAndReported() throws {
        let submission = try read(Array("## Q1\nbad ".utf8) + [0xFF, 0xC3] + Array(" byte\n".utf8)).get()
        #expect(submission.answers["q01"]?.text == "bad \u{FFFD}\u{FFFD} byte")
        #expect(submission.warnings.contains { $0.message.contains("invalid UTF-8") && $0.message.contains("line 2") })
    }

    @Test func utf16WithBOMIsDecoded() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "## Q1\nhé".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let submission = try read(bytes).get()
        #expect(submission.answers["q01"]?.text == "hé")
    }

    @Test func binaryEmptyAndHeadinglessFilesAreSkippedWithReasons() throws {
        #expect(try reason(read([0x00, 0x01, 0x02, 0x50])).contains("binary"))
        #expect(try reason(read(Array("  \n\n".utf8))).contains("empty"))
        #expect(try reason(read(Array("Just some prose without headings.".utf8))).contains("no answer headings"))
    }

    @Test func unclosedFrontMatterIsReadAsText() throws {
        let submission = try submission("---\nid: x\n## Q1\nanswer\n")
        #expect(submission.answers["q01"]?.text == "answer")
        #expect(submission.warnings.contains { $0.message.contains("never closed") })
    }

    @Test func unknownQuestionNumbersAreWarnedAbout() throws {
        let submission = try submission("## Q1\nfine\n## Q9\nstray\n")
        #expect(submission.answers.count == 1)
        #expect(submission.warnings.contains { $0.line == 3 && $0.message.contains("question 9") })
    }

    @Test func folderLayoutReadsOneFilePerQuestion() throws {
        let folder = try TemporaryFolder()
        let candidate = folder.path + "/ann"
        try FileManager.default.createDirectory(atPath: candidate, withIntermediateDirectories: true)
        try Data("---\nname: Ann\n---\nfirst".utf8).write(to: URL(fileURLWithPath: candidate + "/q01.md"))
        try Data("second\r\n".utf8).write(to: URL(fileURLWithPath: candidate + "/Q2.txt"))
        try Data("third".utf8).write(to: URL(fileURLWithPath: candidate + "/3.md"))
        try Data("not an answer".utf8).write(to: URL(fileURLWithPath: candidate + "/notes.md"))
        let submission = try reader.read(SubmissionUnit(source: candidate, isFolder: true, claimedID: "ann", id: "ann"), scratch: scratch).get()
        #expect(submission.answers.mapValues(\.text) == ["q01": "first", "q02": "second", "q03": "third"])
        #expect(submission.answers["q01"]?.line == 4)
        #expect(submission.candidate.name == "Ann")
        #expect(submission.warnings.contains { $0.file.hasSuffix("notes.md") })
    }

    /// An empty file in a candidate's folder is that question left blank: the candidate is
    /// graded (the answer missing), not skipped as if the folder held no answers at all.
    @Test func anEmptyAnswerFileInAFolderIsAMissingAnswer() throws {
        let folder = try TemporaryFolder()
        let candidate = folder.path + "/bob"
        try FileManager.default.createDirectory(atPath: candidate, withIntermediateDirectories: true)
        try Data(" \n".utf8).write(to: URL(fileURLWithPath: candidate + "/q1.md"))
        let submission = try reader.read(SubmissionUnit(source: candidate, isFolder: true, claimedID: "bob", id: "bob"), scratch: scratch).get()
        #expect(submission.answers.mapValues(\.text) == ["q01": ""])
        #expect(submission.warnings.isEmpty)
    }

    @Test func discoveryAssignsSafeUniqueIDsInNameOrder() throws {
        let folder = try TemporaryFolder()
        try Data("---\nid: same\n---\n## Q1\nx".utf8).write(to: URL(fileURLWithPath: folder.path + "/b.md"))
        try Data("---\nid: same\n---\n## Q1\nx".utf8).write(to: URL(fileURLWithPath: folder.path + "/a.md"))
        try Data("---\nid: ../../etc/Zoë\n---\n## Q1\nx".utf8).write(to: URL(fileURLWithPath: folder.path + "/c.md"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.path + "/notes.pdf"))
        let found = try SubmissionDiscovery.discover(paths: [folder.path])
        #expect(found.units.map(\.id) == ["same", "same-2", "etc-Zoe"])
        #expect(found.skipped.count == 1)
        #expect(found.skipped[0].message.contains(".pdf"))
        #expect(found.warnings.count == 2)
    }

    private func reason(_ result: Result<Submission, SubmissionReader.Skip>) -> String {
        if case .failure(let skip) = result { return skip.reason }
        return "graded"
    }
}

/// A temporary folder removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("grader-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite("ingest of repeated headings")
struct RepeatedHeadingTests {
    @Test func repeatedHeadingsJoinWithOneWarning() throws {
        let reader = SubmissionReader(directory: try TestSupport.rubric(questions: IngestTests.questions).directory, maximumFileBytes: 1 << 24)
        let folder = try TemporaryFolder()
        let path = folder.path + "/many.md"
        let body = String(repeating: "## Q1\nagain\n", count: 20_000) + "## Q7\nstray\n## Q7\nstray\n"
        try Data(body.utf8).write(to: URL(fileURLWithPath: path))
        let submission = try reader.read(SubmissionUnit(source: path, isFolder: false, claimedID: "m", id: "m"), scratch: MatchScratch()).get()
        #expect(submission.answers["q01"]?.text.utf8.count == 20_000 * 7 - 2)
        #expect(submission.warnings.count == 2)
        #expect(submission.warnings[0].message.contains("and 19998 more time(s)"))
        #expect(submission.warnings[1].message.contains("question 7") && submission.warnings[1].message.contains("1 more heading"))
    }
}
