import Foundation
@testable import GraderCohort
@testable import GraderEngine
@testable import GraderFoundation
@testable import GraderModeration
import GraderReports
import Testing

/// The moderation file: what is written is read back exactly, the latest row per answer wins,
/// an empty score withdraws, and a bad row is named by its line.
@Suite("moderation file")
struct ModerationFileTests {
    static let hash = ModerationDecision.answerHash("A tuple is immutable.")

    static func decision(_ candidate: String, _ question: String, _ score: Double?, reason: String = "r",
                         moderator: String = "ana", at time: String = "2026-12-01T23:59:07Z") -> ModerationDecision {
        ModerationDecision(candidateID: candidate, questionID: question, score: score, reason: reason, moderator: moderator,
                           decidedAt: time, answerSHA256: hash)
    }

    private func scratchFile() throws -> (folder: URL, file: ModerationFile) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("moderation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (folder, ModerationFile(path: folder.appendingPathComponent("moderation.csv").path))
    }

    @Test func answerHashIsSHA256OfTheUTF8Bytes() {
        // `printf 'abc' | sha256sum`
        #expect(ModerationDecision.answerHash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ModerationDecision.answerHash("é") != ModerationDecision.answerHash("e\u{301}"))
    }

    @Test func timestampIsISO8601UTCToTheSecond() {
        #expect(ModerationDecision.timestamp(Date(timeIntervalSince1970: 1_796_169_547)) == "2026-12-01T23:59:07Z")
    }

    @Test func missingFileIsAnEmptyLog() throws {
        let (folder, file) = try scratchFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try file.read().isEmpty)
    }

    @Test func recordedDecisionsReadBackExactlyHostileTextIncluded() throws {
        let (folder, file) = try scratchFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = [
            Self.decision("c1", "q1", 2.5, reason: "=HYPERLINK(\"http://x\")\nsecond line, with \"quotes\""),
            Self.decision("c2", "q1", 0, reason: "'=already guarded", moderator: "@bob"),
            Self.decision("c3", "q2", 1, reason: "'plain apostrophe", moderator: "-"),
        ]
        try file.record(Array(written.prefix(1)))
        try file.record(Array(written.dropFirst()))
        let log = try file.read()
        #expect(log.decisions == written)
        #expect(log.lines == [2, 4, 5])
        let text = try String(contentsOfFile: file.path, encoding: .utf8)
        #expect(text.hasPrefix("candidate,question,score,reason,moderator,decided_at,answer_sha256\r\n"))
        // A spreadsheet would run a cell starting with = or @: the file guards it with '.
        #expect(text.contains("\"'=HYPERLINK"))
        #expect(text.contains(",'@bob,"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(AtomicFile.temporaryPrefix).path))
    }

    @Test func latestRowWinsAndAnEmptyScoreWithdraws() throws {
        let log = ModerationLog(decisions: [
            Self.decision("c1", "q1", 1), Self.decision("c1", "q2", 3), Self.decision("c1", "q1", 2),
            Self.decision("c2", "q1", 4), Self.decision("c2", "q1", nil),
        ])
        #expect(log.current(candidate: "c1", question: "q1")?.score == 2)
        #expect(log.line(candidate: "c1", question: "q1") == 4)
        #expect(log.current(candidate: "c1", question: "q2")?.score == 3)
        #expect(log.current(candidate: "c2", question: "q1") == nil)
        #expect(log.current(candidate: "c3", question: "q1") == nil)
        #expect(log.inForce.map { "\($0.decision.candidateID).\($0.decision.questionID)=\($0.decision.score ?? -1)@\($0.line)" }
                == ["c1.q1=2.0@4", "c1.q2=3.0@3"])
    }

    @Test func withdrawalRowRoundTrips() throws {
        let (folder, file) = try scratchFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        try file.record([Self.decision("c1", "q1", 2), Self.decision("c1", "q1", nil)])
        let log = try file.read()
        #expect(log.decisions.count == 2)
        #expect(log.decisions[1].isWithdrawal)
        #expect(log.current(candidate: "c1", question: "q1") == nil)
    }

    @Test func badRowsAreNamedByTheirLineAndTheGoodOnesKept() throws {
        let header = ModerationCSV.header.joined(separator: ",")
        let good = "c1,q1,2,\"two\nlines\",ana,2026-12-01T23:59:07Z,\(Self.hash)"
        let text = [header, good, "c2,q1,lots,r,ana,2026-12-01T23:59:07Z,\(Self.hash)", "c3,q1,1,r,ana,yesterday,\(Self.hash)",
                    "c4,q1,1,r,ana,2026-12-01T23:59:07Z,ABC", "c5,q1,1,r", ",q1,1,r,ana,2026-12-01T23:59:07Z,\(Self.hash)",
                    "c6,q1,-1,r,ana,2026-12-01T23:59:07Z,\(Self.hash)"].joined(separator: "\r\n") + "\r\n"
        let (log, problems) = ModerationCSV.parse(text, file: "moderation.csv")
        #expect(log.decisions.map(\.candidateID) == ["c1"])
        #expect(log.decisions.first?.reason == "two\nlines")
        #expect(problems.map(\.line) == [4, 5, 6, 7, 8, 9])
        #expect(problems[0].description.contains("moderation.csv:4"))
        #expect(problems[0].message.contains("'lots' is not a number"))
        #expect(problems[1].message.contains("decided_at 'yesterday'"))
        #expect(problems[2].message.contains("answer_sha256 'ABC'"))
        #expect(problems[3].message.contains("4 cells"))
        #expect(problems[4].message.contains("candidate is empty"))
        #expect(problems[5].message.contains("'-1' is not a number of 0 or more"))
    }

    @Test func readThrowsNamingTheLineOfABadRow() throws {
        let (folder, file) = try scratchFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        try file.record([Self.decision("c1", "q1", 2)])
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file.path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("c2,q1,x,r,ana,2026-12-01T23:59:07Z,\(Self.hash)\r\n".utf8))
        try handle.close()
        do {
            _ = try file.read()
            Issue.record("a bad row was accepted")
        } catch {
            #expect(error.diagnostics.map(\.line) == [3])
            #expect(error.description.hasPrefix("\(file.path):3: error:"))
        }
    }

    @Test func wrongHeaderIsRefusedForReadingAndLeftAloneByRecord() throws {
        let (folder, file) = try scratchFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("id,q1\r\nc1,3\r\n".utf8).write(to: URL(fileURLWithPath: file.path))
        #expect(throws: InputError.self) { try file.read() }
        #expect(throws: OutputError.self) { try file.record([Self.decision("c1", "q1", 1)]) }
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == "id,q1\r\nc1,3\r\n")
    }

    @Test func fileWithoutAFinalNewlineGetsOneBeforeTheNewRow() throws {
        let (folder, file) = try scratchFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        let row = "c1,q1,1,r,ana,2026-12-01T23:59:07Z,\(Self.hash)"
        try Data((ModerationCSV.header.joined(separator: ",") + "\n" + row).utf8).write(to: URL(fileURLWithPath: file.path))
        try file.record([Self.decision("c2", "q1", 2)])
        #expect(try file.read().decisions.map(\.candidateID) == ["c1", "c2"])
    }

    /// A row is added in place (same inode, the old bytes untouched); one with a line break in a cell
    /// is written with the whole file, through a new file renamed into place.
    @Test func rowsAreAppendedInPlaceAndOnlyALineBreakRewritesTheFile() throws {
        let (folder, file) = try scratchFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        try file.record([Self.decision("c1", "q1", 1)])
        let created = try #require(FileSystem.facts(file.path))
        let before = try Data(contentsOf: URL(fileURLWithPath: file.path))
        try file.record([Self.decision("c2", "q1", 2), Self.decision("c3", "q1", 3)])
        let after = try Data(contentsOf: URL(fileURLWithPath: file.path))
        #expect(FileSystem.facts(file.path)?.inode == created.inode)
        #expect(after.prefix(before.count) == before)
        #expect(after.dropFirst(before.count) == Data(try CSVText.bytes(ModerationCSV.rows([Self.decision("c2", "q1", 2), Self.decision("c3", "q1", 3)]))))
        try file.record([Self.decision("c4", "q1", 4, reason: "two\nlines")])
        #expect(FileSystem.facts(file.path)?.inode != created.inode)
        #expect(try file.read().decisions.map(\.candidateID) == ["c1", "c2", "c3", "c4"])
        #expect(try file.read().decisions.last?.reason == "two\nlines")
    }

    /// A writer killed mid-append leaves part of a row without its line end. Cut at every byte of a
    /// row (hostile reason, quoted), the file reads as the rows before it, with a warning naming the
    /// line, and the next write leaves the old rows and the new one, nothing of the torn one. A row cut
    /// only before its line end is whole, and kept.
    @Test func aTornLastRowIsIgnoredWhenReadAndCutOffByTheNextWrite() throws {
        let (folder, file) = try scratchFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = [Self.decision("c1", "q1", 1), Self.decision("c2", "q1", 2, reason: "fine, \"really\"")]
        try file.record(old)
        let oldBytes = try Data(contentsOf: URL(fileURLWithPath: file.path))
        let torn = Self.decision("c3", "q2", 1.5, reason: "=cut, \"here\" or there", moderator: "bo, b")
        let row = try CSVText.bytes(ModerationCSV.rows([torn]))
        let next = Self.decision("c4", "q1", 0)
        let nextRow = try CSVText.bytes(ModerationCSV.rows([next]))
        for cut in 1..<row.count {
            try (oldBytes + Data(row.prefix(cut))).write(to: URL(fileURLWithPath: file.path))
            let whole = cut >= row.count - 2   // only the CR, or the CR and LF, missing
            let log = try file.read()
            #expect(log.decisions == (whole ? old + [torn] : old), "cut at \(cut)")
            #expect(log.warnings.count == (whole ? 0 : 1), "cut at \(cut)")
            if !whole { #expect(log.warnings.first?.line == 4 && log.warnings.first?.message.contains("incomplete") == true) }
            try file.record([next])
            let after = try Data(contentsOf: URL(fileURLWithPath: file.path))
            let expected = whole ? oldBytes + Data(row) + Data(nextRow) : oldBytes + Data(nextRow)
            #expect(after == expected, "cut at \(cut): \(String(decoding: after.suffix(120), as: UTF8.self))")
            #expect(try file.read().decisions == (whole ? old + [torn, next] : old + [next]), "cut at \(cut)")
        }
    }

    @Test func placementInsideReportsOrSubmissionsIsRefused() throws {
        let (folder, _) = try scratchFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reports = folder.appendingPathComponent("Reports").path, submissions = folder.appendingPathComponent("Submissions").path
        try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
        let inside = ModerationFile(path: reports + "/sub/../moderation.csv")
        #expect(inside.placementProblem(reportsFolder: reports, submissionFolders: [])?.contains("reports folder") == true)
        let inSubmissions = ModerationFile(path: submissions + "/m.csv")
        #expect(inSubmissions.placementProblem(reportsFolder: reports, submissionFolders: [submissions])?.contains("submissions") == true)
        let beside = ModerationFile(path: folder.appendingPathComponent("moderation.csv").path)
        #expect(beside.placementProblem(reportsFolder: reports, submissionFolders: [submissions]) == nil)
        // A folder whose name merely starts like the reports folder's is not inside it.
        let lookalike = ModerationFile(path: reports + "-old/moderation.csv")
        #expect(lookalike.placementProblem(reportsFolder: reports, submissionFolders: []) == nil)
    }
}

/// Applying decisions to graded answers, and what the cohort report makes of them.
@Suite("moderation applied")
struct ModerationApplierTests {
    @Test func appliesOnlyMatchingInRangeDecisionsAndMeasuresDisagreement() throws {
        let rubric = try TestSupport.rubric(questions: """
        <question id="q1" points="4"><prompt>p</prompt><criterion id="c" points="4"><feedback>f</feedback><keyword>tuple</keyword></criterion></question>
        <question id="q2" points="2"><prompt>p</prompt><criterion id="c" points="2"><feedback>f</feedback><keyword>list</keyword></criterion></question>
        """)
        func graded(_ id: String, _ q1: String, _ q2: String) throws -> CandidateResult {
            let answers = ["q1": q1, "q2": q2]
            return CandidateResult(
                submission: Submission(candidate: Candidate(id: id, name: nil, email: nil), source: "\(id).md",
                                       answers: answers.mapValues { Answer(text: $0, file: "\(id).md", line: 1) }, warnings: []),
                questions: try rubric.questions.map { try TestSupport.grade($0, in: rubric, answers[$0.id]!) })
        }
        func decision(_ id: String, _ question: String, _ score: Double, on text: String) -> ModerationDecision {
            ModerationDecision(candidateID: id, questionID: question, score: score, reason: "", moderator: "m",
                               decidedAt: "2026-12-01T00:00:00Z", answerSHA256: ModerationDecision.answerHash(text))
        }
        let log = ModerationLog(decisions: [
            decision("a", "q1", 1, on: "a tuple"),       // rubric 4: −3
            decision("b", "q1", 4, on: "a tuple too"),   // rubric 4: agrees
            decision("a", "q2", 2, on: "something else"),// stale
            decision("b", "q2", 3, on: "no"),            // over the maximum of 2
        ])
        let applier = ModerationApplier(input: ModerationInput(path: "m.csv", log: log))
        var outcome = ModerationOutcome()
        var a = try graded("a", "a tuple", "a list"), b = try graded("b", "a tuple too", "no")
        applier.apply(ModerationRuling.rulings(log, on: b.submission, rubric: rubric), to: &b, outcome: &outcome)
        applier.apply(ModerationRuling.rulings(log, on: a.submission, rubric: rubric), to: &a, outcome: &outcome)
        #expect(a.questions[0].score == 1 && a.questions[0].automaticScore == 4)
        #expect(a.questions[0].moderation?.line == 2)
        #expect(a.questions[1].score == 2 && a.questions[1].moderation == nil)
        #expect(a.questions[1].warnings.map(\.line) == [4])
        #expect(b.questions[1].score == 0 && b.questions[1].moderation == nil)
        #expect(a.total == 3 && b.total == 4)
        outcome.sort()
        #expect(outcome.applied == 2)
        #expect(outcome.stale.map(\.line) == [4] && outcome.invalid.map(\.line) == [5])
        #expect(a.questions[1].staleModeration?.answerSHA256 == ModerationDecision.answerHash("something else"))
        #expect(b.questions[1].staleModeration == nil, "an out-of-range decision is not stale")
        // The cohort's figures come from the results as `grade` digests them (and `grader cohort` reads them back).
        let reader = CandidateDigester(rubric: rubric)
        for result in [b, a] { _ = reader.digest(result, rubric: rubric, file: result.submission.candidate.id + ".xml") }
        let statistics = ModerationStatistics.of(reader.moderation, questionIDs: rubric.questions.map(\.id))
        #expect(statistics.moderated == 2 && statistics.stale == 1)
        #expect(statistics.questions[0].moderated == 2)
        #expect(statistics.questions[0].disagreed == 1)
        #expect(statistics.questions[0].meanDifference == -1.5)
        #expect(statistics.questions[0].meanAbsoluteDifference == 1.5)
        #expect(statistics.questions[1].moderated == 0 && statistics.questions[1].meanDifference == nil)
    }
}
