import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import GraderEngine
import GraderFoundation

/// The walkthrough's loop with `tune` in it: grade the sample, tune it with the grades of some
/// candidates into REPORTS/tune, and `grader review` ranks by the gap between the rubric and the
/// fitted model, for graded answers (held out) and ungraded ones (the model on all graded answers).
@Suite("grader review after grader tune: the fitted model's gap", .serialized)
struct ReviewTuneGapTests {
    static let gradedRows = 30

    @Test func tuneWritesEveryAnswersScoresAndReviewRanksByTheGap() throws {
        let scratch = try Scratch()
        let root = GraderProcess.packageRoot
        let submissions = GraderProcess.sampleSubmissions, rubricFile = GraderProcess.sampleRubric
        let reports = scratch.file("Reports")
        let graded = try GraderProcess.run(["grade", submissions, "--rubric", rubricFile, "--out", reports, "--jobs", "2"])
        #expect(graded.status == 0, "\(graded.stderr)")

        // The grades of the first candidates only: the rest are answers no person graded.
        let lines = try String(contentsOfFile: root.appendingPathComponent("Rubrics/python-interview.human-grades.csv").path, encoding: .utf8)
            .split(whereSeparator: \.isNewline)
        let gradesFile = scratch.file("some-grades.csv")
        try Data((lines.prefix(Self.gradedRows + 1).joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: gradesFile))
        let gradedIDs = Set(lines.dropFirst().prefix(Self.gradedRows).map { String($0.split(separator: ",")[0]) })
        let ungradedIDs = Set(lines.dropFirst(Self.gradedRows + 1).map { String($0.split(separator: ",")[0]) })
        #expect(!ungradedIDs.isEmpty)

        var tuneXML: [String: Data] = [:]
        for jobs in ["2", "1"] {
            let out = jobs == "2" ? Path.join(reports, "tune") : scratch.file("tune-one-job")
            let tuned = try GraderProcess.run(["tune", submissions, "--rubric", rubricFile, "--graded", gradesFile, "--out", out, "--jobs", jobs])
            #expect(tuned.status == 0, "\(tuned.stderr)")
            tuneXML[jobs] = try Data(contentsOf: URL(fileURLWithPath: Path.join(out, "tune.xml")))
        }
        #expect(tuneXML["1"] == tuneXML["2"], "tune.xml with ungraded answers differs by --jobs")

        // tune.xml: valid, the figures still of the graded candidates alone, one element per answer.
        let bytes = try #require(tuneXML["2"])
        try Schemas.tune.validate(bytes: [UInt8](bytes), name: "tune.xml")
        #expect(FileManager.default.contents(atPath: Path.join(reports, "tune/tune.xsd")) == Data(Schemas.tuneSource))
        let document = try XMLDocument(data: bytes)
        let tune = try #require(document.rootElement())
        #expect(tune.attribute(forName: "candidates")?.stringValue == String(Self.gradedRows))
        let rubric = try RubricLoader.load(path: rubricFile)
        let points = Dictionary(rubric.questions.map { ($0.id, $0.points) }, uniquingKeysWith: { a, _ in a })
        struct Row { let candidate, question: String; let rubric: Double; let human, fitted: Double? }
        let rows: [Row] = try document.nodes(forXPath: "/tune/answer-scores/answer-score").compactMap { node in
            guard let element = node as? XMLElement else { return nil }
            func value(_ name: String) -> Double? { element.attribute(forName: name)?.stringValue.flatMap(Double.init) }
            return Row(candidate: element.attribute(forName: "candidate")?.stringValue ?? "",
                       question: element.attribute(forName: "question")?.stringValue ?? "",
                       rubric: try #require(value("rubric")), human: value("human"), fitted: value("fitted"))
        }
        #expect(rows.filter { $0.human != nil }.count == Self.gradedRows * rubric.questions.count)
        #expect(Set(rows.filter { $0.human != nil }.map(\.candidate)) == gradedIDs)
        let ungraded = rows.filter { $0.human == nil }
        #expect(Set(ungraded.map(\.candidate)) == ungradedIDs)
        #expect(ungraded.allSatisfy { $0.fitted != nil })
        #expect(rows.map { "\($0.candidate)\u{0}\($0.question)" } == rows.map { "\($0.candidate)\u{0}\($0.question)" }.sorted())

        // The ungraded answer the fitted model disagrees with most: its page gives the reason.
        let widest = try #require(ungraded.max { abs($0.fitted! - $0.rubric) / points[$0.question]! < abs($1.fitted! - $1.rubric) / points[$1.question]! })
        #expect(abs(widest.fitted! - widest.rubric) > 0, "the model and the rubric agree on every ungraded answer")
        let reason = "the fitted model scores this answer \(NumberText.format(widest.fitted!)), the rubric \(NumberText.format(widest.rubric))"

        let moderation = scratch.file("moderation.csv")
        var review = try ReviewProcess(reports: reports, moderation: moderation, in: scratch.url)
        var user = HTTPCall(jar: scratch.file("user.jar"))
        #expect(try user.send(review.url.absoluteString).status == 303)
        let queue = try user.send(review.base + "/queue")
        #expect(queue.status == 200)
        #expect(queue.body.contains("Fitted scores from tune/tune.xml: \(rows.filter { $0.fitted != nil }.count) answers."))
        #expect(queue.body.contains("the fitted model scores this answer"))
        let candidate = try #require(widest.candidate.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let page = try user.send(review.base + "/answer?candidate=\(candidate)&question=\(widest.question)&list=queue")
        #expect(page.status == 200)
        #expect(page.body.contains(reason), "no '\(reason)' on the answer page")
        review.stop()

        // tune.xml of another rubric: left out, and the queue page says why.
        let foreign = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: rubric.sha256, with: String(repeating: "0", count: 64))
        try Data(foreign.utf8).write(to: URL(fileURLWithPath: Path.join(reports, "tune/tune.xml")))
        review = try ReviewProcess(reports: reports, moderation: moderation, in: scratch.url)
        user = HTTPCall(jar: scratch.file("again.jar"))
        #expect(try user.send(review.url.absoluteString).status == 303)
        let ignored = try user.send(review.base + "/queue")
        #expect(ignored.body.contains("tune/tune.xml is left out: it was tuned with another rubric than rubric.xml here"))
        #expect(!ignored.body.contains("the fitted model scores this answer"))
        review.stop()

        // tune.xml made from another text of one answer that scored the same: its hash tells (the
        // scores alone cannot). The reports' own tune.xml, above, was used: every hash agreed.
        let original = String(decoding: bytes, as: UTF8.self)
        let hashAttribute = try #require(original.range(of: #"answer-sha256="[0-9a-f]{64}""#, options: .regularExpression))
        let otherText = original.replacingCharacters(in: hashAttribute, with: "answer-sha256=\"\(String(repeating: "a", count: 64))\"")
        try Data(otherText.utf8).write(to: URL(fileURLWithPath: Path.join(reports, "tune/tune.xml")))
        review = try ReviewProcess(reports: reports, moderation: moderation, in: scratch.url)
        user = HTTPCall(jar: scratch.file("changed.jar"))
        #expect(try user.send(review.url.absoluteString).status == 303)
        let changed = try user.send(review.base + "/queue")
        #expect(changed.body.contains("tune/tune.xml is left out: it was made from other answers than these reports (1 answer changed since"))
        #expect(!changed.body.contains("the fitted model scores this answer"))
        review.stop()

        // tune.xml of other answers: the same rubric, but reports graded without one candidate
        // tune scored; left out, and the queue page says why.
        let fewer = scratch.file("Fewer")
        try FileManager.default.copyItem(atPath: submissions, toPath: fewer)
        let dropped = try #require(try FileManager.default.contentsOfDirectory(atPath: fewer).sorted().first { name in
            (try? String(contentsOfFile: Path.join(fewer, name), encoding: .utf8))?.hasPrefix("---\nid: ") == true
        }, "no submission file with an id")
        try FileManager.default.removeItem(atPath: Path.join(fewer, dropped))
        let otherReports = scratch.file("OtherReports")
        #expect(try GraderProcess.run(["grade", fewer, "--rubric", rubricFile, "--out", otherReports]).status == 0)
        try FileManager.default.createDirectory(atPath: Path.join(otherReports, "tune"), withIntermediateDirectories: true)
        try bytes.write(to: URL(fileURLWithPath: Path.join(otherReports, "tune/tune.xml")))
        review = try ReviewProcess(reports: otherReports, moderation: moderation, in: scratch.url)
        user = HTTPCall(jar: scratch.file("other.jar"))
        #expect(try user.send(review.url.absoluteString).status == 303)
        let stale = try user.send(review.base + "/queue")
        #expect(stale.body.contains("tune/tune.xml is left out: it was made from other answers than these reports"))
        #expect(stale.body.contains("answers not in the reports"))
        #expect(!stale.body.contains("the fitted model scores this answer"))
        review.stop()
    }
}
