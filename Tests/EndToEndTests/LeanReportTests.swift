import Foundation
import GraderEngine
import GraderFoundation
import LibXML2
import Testing

/// The rubric is written once per reports folder (`rubric.xml`, `rubric.html`); candidate
/// reports hold only what is the candidate's and name the rubric by id and hash.
@Suite("lean reports, end to end")
struct LeanReportTests {
    let rubric = GraderProcess.fixture("rubric.xml")
    let cohort = GraderProcess.fixture("cohort")

    /// The sample cohort graded with the sample rubric.
    static func sample() throws -> Scratch {
        let out = try Scratch()
        let root = GraderProcess.packageRoot
        let run = try GraderProcess.run(["grade", root.appendingPathComponent("Submissions").path,
                                         "--rubric", root.appendingPathComponent("Rubrics/python-interview.xml").path, "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        return out
    }

    static func files(_ folder: String, ending suffix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(suffix) }.sorted().map { folder + "/" + $0 }
    }

    @Test func candidateReportsHoldNoRubricTextAndNameTheRubricCopy() throws {
        let out = try Self.sample()
        let sampleRubric = GraderProcess.packageRoot.appendingPathComponent("Rubrics/python-interview.xml").path
        let loaded = try RubricLoader.load(path: sampleRubric)
        // The copy is the rubric's exact bytes, and every report and cohort.xml name its hash.
        #expect(try Data(contentsOf: URL(fileURLWithPath: out.file("rubric.xml"))) == Data(contentsOf: URL(fileURLWithPath: sampleRubric)))
        let cohortXML = try String(contentsOfFile: out.file("cohort.xml"), encoding: .utf8)
        #expect(cohortXML.contains("sha256=\"\(loaded.sha256)\""))
        // A prompt and a model answer of the sample rubric, as text libxml2 would not escape.
        let prompt = String(loaded.questions[0].prompt.prefix(40)), model = String(try #require(loaded.questions[1].modelAnswer).prefix(40))
        #expect(!prompt.contains("&") && !prompt.contains("<") && !model.contains("&") && !model.contains("<"))
        let reports = try Self.files(out.file("candidates"), ending: ".xml")
        #expect(reports.count > 20)
        for report in reports {
            let whole = try String(contentsOfFile: report, encoding: .utf8)
            // A candidate may copy the model answer: only what is not their answer counts.
            let text = Self.removing(["answer", "evidence"], from: whole)
            #expect(!text.contains(prompt), "\(report) repeats a prompt")
            #expect(!text.contains(model), "\(report) repeats a model answer")
            #expect(!text.contains("<prompt") && !text.contains("<model-answer") && !text.contains("<feedback") && !text.contains(" matcher="))
            #expect(text.contains("<rubric id=\"\(loaded.id)\"") && text.contains("sha256=\"\(loaded.sha256)\""))
            #expect(text.contains("<report format=\"3\">"))
            try Schemas.report.validate(bytes: Array(whole.utf8), name: report)
        }
        // The rubric page shows them, once.
        let page = try String(contentsOfFile: out.file("rubric.html"), encoding: .utf8)
        #expect(page.contains(prompt) && page.contains(model))
        #expect(page.contains("Content-Security-Policy"))
    }

    @Test func everyCriterionOnACandidatePageLinksToItsEntryOnTheRubricPage() throws {
        let out = try Self.sample()
        let page = try String(contentsOfFile: out.file("rubric.html"), encoding: .utf8)
        let anchors = Set(Self.values(after: " id=\"", in: page))
        let loaded = try RubricLoader.load(path: out.file("rubric.xml"))
        for question in loaded.questions {
            #expect(anchors.contains(question.id))
            for rule in question.rules {
                let kind = rule.kind == .criterion ? "crit" : rule.kind == .penalty ? "pen" : "elem"
                #expect(anchors.contains("\(question.id)-\(kind)-\(rule.id)"), "no anchor for \(question.id) \(rule.id)")
            }
        }
        let pages = try Self.files(out.file("candidates"), ending: ".html")
        var linked: Set<String> = []
        for candidate in pages {
            let html = try String(contentsOfFile: candidate, encoding: .utf8)
            #expect(!html.contains("class=\"matcher\""), "\(candidate) shows a matcher")
            let targets = Self.values(after: "href=\"../rubric.html#", in: html)
            #expect(targets.count > loaded.questions.count, "\(candidate) hardly links to the rubric")
            for target in targets {
                #expect(anchors.contains(target), "\(candidate) links to \(target), which rubric.html lacks")
                linked.insert(target)
            }
        }
        // Between them the pages link to every question and rule of the rubric.
        for question in loaded.questions {
            #expect(linked.contains(question.id))
            for rule in question.rules where rule.kind == .criterion {
                #expect(linked.contains("\(question.id)-crit-\(rule.id)"), "no page links to \(question.id) \(rule.id)")
            }
        }
    }

    @Test func cohortRefusesAReportOfTheOldFormatNamingItAndTheRemedy() throws {
        let out = try Scratch()
        #expect(try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out.path]).status == 0)
        let path = out.file("candidates/bob.xml")
        try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "format=\"3\"", with: "format=\"1\"")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let run = try GraderProcess.run(["cohort", out.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("bob.xml") && run.stderr.contains("format 1") && run.stderr.contains("re-run grader grade"), "\(run.stderr)")

        // A folder without its rubric copy (reports of an older Grader) is refused too.
        try FileManager.default.removeItem(atPath: out.file("rubric.xml"))
        let noCopy = try GraderProcess.run(["cohort", out.path])
        #expect(noCopy.status == 2)
        #expect(noCopy.stderr.contains("no rubric.xml") && noCopy.stderr.contains("re-run grader grade"), "\(noCopy.stderr)")
    }

    @Test func shardsGradedWithDifferentRubricsAreRefused() throws {
        let one = try Scratch(), two = try Scratch(), edited = try Scratch(), out = try Scratch()
        let original = try String(contentsOfFile: rubric, encoding: .utf8)
        let range = try #require(original.range(of: "points=\"2\""))
        try original.replacingCharacters(in: range, with: "points=\"3\"").write(toFile: edited.file("rubric.xml"), atomically: true, encoding: .utf8)
        #expect(try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", one.path, "--shard", "1/2"]).status == 0)
        #expect(try GraderProcess.run(["grade", cohort, "--rubric", edited.file("rubric.xml"), "--out", two.path, "--shard", "2/2"]).status == 0)
        let run = try GraderProcess.run(["cohort", one.path, two.path, "--out", out.path])
        #expect(run.status == 2)
        let first = try RubricLoader.load(path: rubric).sha256, second = try RubricLoader.load(path: edited.file("rubric.xml")).sha256
        #expect(run.stderr.contains(one.path) && run.stderr.contains(two.path), "\(run.stderr)")
        #expect(run.stderr.contains(first) && run.stderr.contains(second), "\(run.stderr)")
    }

    /// `xml` without the content of the elements `names` (each `<name …>…</name>`).
    static func removing(_ names: [String], from xml: String) -> String {
        var text = xml
        for name in names {
            var kept = ""
            var rest = Substring(text)
            while let open = rest.range(of: "<\(name) ") ?? rest.range(of: "<\(name)>") {
                kept += rest[..<open.lowerBound]
                guard let close = rest.range(of: "</\(name)>", range: open.upperBound..<rest.endIndex) else {
                    rest = rest[open.upperBound...]
                    continue
                }
                rest = rest[close.upperBound...]
            }
            text = kept + rest
        }
        return text
    }

    /// What follows each `prefix` in `text` up to the next quote: the values of one attribute.
    static func values(after prefix: String, in text: String) -> [String] {
        text.components(separatedBy: prefix).dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }
}
