import Foundation
@testable import GraderCohort
@testable import GraderEngine
@testable import GraderFoundation
@testable import GraderModeration
@testable import GraderReports
@testable import GraderWorkflows
import LibXML2
import Testing

/// cohort.xml written by `CohortXMLWriter` and read back by `CohortReportReader`: every field the
/// report holds comes back (to the places written), so writer and reader cannot drift apart.
@Suite("report formats: cohort.xml round trip")
struct CohortFormatRoundTripTests {
    typealias Fixture = ReportFormatFixture

    /// The fixture graded and analysed as `grade` does: reports written, read back into digests,
    /// with two decisions applied (one disagreeing) and one stale.
    static func report(in folder: URL) async throws -> CohortReport {
        let rubric = try Fixture.rubric()
        let worker = try GradingWorker(rubric: rubric)
        var files: [String] = []
        for candidate in Fixture.candidates {
            let submission = Submission(candidate: Candidate(id: candidate.id, name: candidate.name, email: nil), source: "\(candidate.id).md",
                                        answers: candidate.answers.mapValues { Answer(text: $0, file: "\(candidate.id).md", line: 1) }, warnings: [])
            var times = StageTimes()
            let questions = rubric.questions.map {
                worker.grade($0, answer: submission.answers[$0.id], file: submission.source, times: &times).result
            }
            let path = folder.appendingPathComponent("\(candidate.id).xml").path
            try Data(try XMLReportWriter.render(CandidateResult(submission: submission, questions: questions), rubric: rubric))
                .write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        let (store, frequency, _) = try await CohortReader.read(files, rubric: rubric, jobs: 2, into: try DigestWriter(in: folder.path))
        let moderation = ModerationFacts(answers: [ModeratedAnswer(candidate: "c01", question: 0, automatic: 2, moderated: 3),
                                                   ModeratedAnswer(candidate: "c02", question: 0, automatic: 4, moderated: 4)], stale: 1)
        let options = CohortOptions(passMark: .percent(50), similarityThreshold: 0.5, generatedAt: 1_767_225_600,
                                    stageTimes: [("grade", 1.23456), ("cohort", 0.0004)])
        return try CohortAnalysis.analyse(store, frequency: frequency, moderation: moderation, options: options,
                                          texts: CohortReader.texts(of: rubric))
    }

    @Test func everyFieldComesBack() async throws {
        let folder = try Fixture.folder("cohort-format")
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try await Self.report(in: folder)
        let bytes = try CohortXMLWriter.render(report)
        try Schemas.cohort.validate(bytes: bytes, name: "cohort.xml")   // the names are also the schema's
        let document = try CohortReportReader(bytes: bytes, name: "cohort.xml").document()

        #expect(document.format == CohortReportFormat.version)
        #expect(document.rubric == CohortDocument.RubricReference(id: report.rubric.id, version: report.rubric.version,
                                                                  title: report.rubric.title, sha256: report.rubric.sha256))
        #expect(document.rubric.version == "2.1 \"β\" & <co>" && document.rubric.title == "Every \"shape\" <b>bold</b> & more")
        compareRun(document.run, report)
        compare(document.totals.scores, report.totals, "totals")
        Fixture.expectNear(document.totals.alpha, report.alpha, 3, "alpha")
        #expect(document.totals.bins.map(\.count) == report.histogram)
        #expect(document.totals.bins.map(\.from) == Array(stride(from: 0, to: 100, by: 10)))
        #expect(document.totals.bins.map(\.to) == Array(stride(from: 10, through: 100, by: 10)))
        try #require(document.questions.count == report.questions.count)
        for (read, written) in zip(document.questions, report.questions) { compareQuestion(read, written) }
        try compareRanking(document.ranking, try report.ranking.all())
        compareSimilar(document.similar, report)
        let moderation = try #require(report.moderation)
        #expect(document.moderation?.moderated == moderation.moderated && document.moderation?.stale == moderation.stale)
        try #require(document.moderation?.questions.count == moderation.questions.count)
        for (read, written) in zip(document.moderation?.questions ?? [], moderation.questions) {
            #expect(read.id == written.id && read.moderated == written.moderated && read.disagreed == written.disagreed)
            Fixture.expectNear(read.meanDifference, written.meanDifference, 3, "moderation \(read.id) mean difference")
            Fixture.expectNear(read.meanAbsoluteDifference, written.meanAbsoluteDifference, 3, "moderation \(read.id) mean |difference|")
        }
    }

    /// The fixture has every optional part, so a reader that missed one would read it as absent.
    @Test func theFixtureExercisesEveryOptionalPart() async throws {
        let folder = try Fixture.folder("cohort-format")
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try await Self.report(in: folder)
        #expect(report.rubric.version != nil && report.rubric.title != nil && report.alpha != nil)
        #expect(report.options.generatedAt != nil && !report.options.stageTimes.isEmpty)
        #expect(report.questions.contains { $0.itemRest != nil && $0.upperLower != nil && $0.alphaIfDeleted != nil })
        #expect(report.questions.last?.missingShare == 1, "q5 nobody answered")
        let kinds = Set(report.questions.flatMap { $0.rules.map(\.kind) })
        #expect(kinds == [.criterion, .element, .penalty])
        #expect(report.questions.flatMap(\.rules).contains { $0.restCorrelation != nil && $0.upperLower != nil })
        let ranking = try report.ranking.all()
        #expect(ranking.contains { $0.atRisk } && ranking.contains { !$0.atRisk })
        #expect(ranking.contains { $0.name == #"Zoë "<b>&amp;</b>" O'Neil"# } && ranking.contains { $0.name == nil })
        #expect(report.similar.contains { $0.first == "c12" && $0.second == "c13" && $0.question == "q4" }, "\(report.similar.map { "\($0.first) \($0.second) \($0.question)" })")
        #expect(report.moderation?.questions.contains { $0.meanDifference != nil } == true)
    }

    /// A reader and writer that disagree on a name fail: the renamed attribute is an error naming its element and line.
    @Test func aRenamedAttributeIsAnErrorNotAGap() async throws {
        let folder = try Fixture.folder("cohort-format")
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = String(decoding: try CohortXMLWriter.render(try await Self.report(in: folder)), as: UTF8.self)
        for (attribute, renamed) in [(" similarity=\"", " likeness=\""), (" facility=\"", " ease=\""), (" rank=\"", " place=\"")] {
            #expect(text.contains(attribute))
            let broken = Array(text.replacingOccurrences(of: attribute, with: renamed).utf8)
            #expect(throws: XMLError.self, "\(attribute)") { try CohortReportReader(bytes: broken, name: "cohort.xml").document() }
        }
        do {
            let broken = Array(text.replacingOccurrences(of: " similarity=\"", with: " likeness=\"").utf8)
            _ = try CohortReportReader(bytes: broken, name: "cohort.xml").similar()
            Issue.record("a pair without similarity was read")
        } catch {
            #expect("\(error)".contains("<pair> lacks the attribute similarity"), "\(error)")
        }
        let otherFormat = Array(text.replacingOccurrences(of: "<cohort format=\"1\"", with: "<cohort format=\"2\"").utf8)
        #expect(throws: XMLError.self) { try CohortReportReader(bytes: otherFormat, name: "cohort.xml") }
    }

    private func compareRun(_ run: CohortDocument.Run, _ report: CohortReport) {
        #expect(run.candidates == report.candidates && run.answers == report.answers && run.questions == report.questions.count)
        Fixture.expectNear(run.max, report.maxPoints, 2, "run max")
        Fixture.expectNear(run.passMark, report.passMark, 2, "pass mark")
        Fixture.expectNear(run.similarityThreshold, report.similarityThreshold, 2, "similarity threshold")
        #expect(run.generated == report.options.generatedAt.map(CohortHTMLWriter.isoDate))
        #expect(run.stages.map(\.name) == report.options.stageTimes.map(\.name))
        for (read, written) in zip(run.stages, report.options.stageTimes) { Fixture.expectNear(read.seconds, written.seconds, 3, "stage \(read.name)") }
    }

    private func compareQuestion(_ read: CohortDocument.Question, _ written: QuestionStatistics) {
        let id = written.id
        #expect(read.id == id)
        Fixture.expectNear(read.max, written.maxPoints, 2, "\(id) max")
        compare(read.scores, written.scores, "\(id) scores")
        Fixture.expectNear(read.facility, written.facility, 3, "\(id) facility")
        Fixture.expectNear(read.itemRest, written.itemRest, 3, "\(id) item-rest")
        Fixture.expectNear(read.upperLower, written.upperLower, 3, "\(id) upper-lower")
        Fixture.expectNear(read.missing, written.missingShare, 3, "\(id) missing")
        Fixture.expectNear(read.alphaIfDeleted, written.alphaIfDeleted, 3, "\(id) alpha if deleted")
        compare(read.words, written.words, "\(id) words")
        compare(read.readingEase, written.readingEase, "\(id) reading ease")
        #expect(read.rules.map(\.id) == written.rules.map(\.id) && read.rules.map(\.kind) == written.rules.map(\.kind))
        for (rule, stats) in zip(read.rules, written.rules) {
            Fixture.expectNear(rule.points, stats.points, 2, "\(id) \(rule.id) points")
            Fixture.expectNear(rule.fired, stats.fired, 3, "\(id) \(rule.id) fired")
            Fixture.expectNear(rule.restCorrelation, stats.restCorrelation, 3, "\(id) \(rule.id) rest correlation")
            Fixture.expectNear(rule.upperLower, stats.upperLower, 3, "\(id) \(rule.id) upper-lower")
        }
    }

    private func compareRanking(_ read: [CohortDocument.Candidate], _ written: [RankedCandidate]) throws {
        try #require(read.count == written.count)
        for (line, candidate) in zip(read, written) {
            #expect(line.rank == candidate.rank && line.id == candidate.id && line.name == candidate.name)
            #expect(line.answered == candidate.answered && line.atRisk == candidate.atRisk)
            Fixture.expectNear(line.total, candidate.total, 2, "\(line.id) total")
            Fixture.expectNear(line.max, candidate.maxPoints, 2, "\(line.id) max")
        }
    }

    private func compareSimilar(_ read: CohortDocument.Similar, _ report: CohortReport) {
        #expect(read.pairsCompared == report.pairsCompared && read.pairsSimilar == report.pairsSimilar)
        #expect(read.comparisonsPerAnswer == nil && read.answersAtCap == nil && read.comparisonsSkipped == nil)
        #expect(read.pairs.count == report.similar.count)
        for (pair, written) in zip(read.pairs, report.similar) {
            #expect(pair.question == written.question && pair.first == written.first && pair.second == written.second)
            #expect(pair.sharedShingles == written.sharedShingles)
            Fixture.expectNear(pair.similarity, written.similarity, 3, "pair \(pair.first) \(pair.second)")
            let first = Array(written.firstText.utf8), second = Array(written.secondText.utf8)
            let passages = written.firstShared.map { CohortDocument.Shared(candidate: written.first, text: String(decoding: first[$0], as: UTF8.self)) }
                + written.secondShared.map { CohortDocument.Shared(candidate: written.second, text: String(decoding: second[$0], as: UTF8.self)) }
            #expect(pair.shared == passages)
        }
    }

    private func compare(_ read: CohortDocument.Distribution, _ written: Descriptive, _ what: String) {
        #expect(read.count == written.count, "\(what) n")
        for (name, value, original) in [("mean", read.mean, written.mean), ("sd", read.sd, written.sd), ("min", read.min, written.min),
                                        ("q1", read.q1, written.q1), ("median", read.median, written.median),
                                        ("q3", read.q3, written.q3), ("max", read.max, written.max)] {
            Fixture.expectNear(value, original, 2, "\(what) \(name)")
        }
    }
}
