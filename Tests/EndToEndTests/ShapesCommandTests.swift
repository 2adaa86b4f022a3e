import CSV
import Foundation
import GraderFoundation
import LibXML2
import Testing

/// `grader grade` on a rubric using every shape (levels, named matchers, gates, base
/// points, bands), reading back the gradebook, the XML and the HTML it wrote.
@Suite("rubric shapes, end to end")
struct ShapesCommandTests {
    let rubric = GraderProcess.fixture("shapes/rubric.xml")
    let submissions = GraderProcess.fixture("shapes/submissions")

    func grade(jobs: String = "2") throws -> Scratch {
        let out = try Scratch()
        let run = try GraderProcess.run(["grade", submissions, "--rubric", rubric, "--out", out.path, "--jobs", jobs])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        return out
    }

    @Test func scoresAreTheHandComputedOnes() throws {
        let out = try grade()
        let csv = try CSVReader(string: try String(contentsOfFile: out.file("grades.csv"), encoding: .utf8), hasHeaderRow: true)
        var rows: [String: [String]] = [:]
        while let row = csv.next() { rows[row[0]] = Array(row[3...6]) }
        // ann: 4 of 4 elements → 3; red + visible + both reasons → 1 + 2 + 1; 0.5 + 1.5 + 0.75 = 2.75 → band 2.75 → 3.
        #expect(rows["ann"] == ["3", "4", "3", "10"])
        // bob: 1 element → 1; no colour: the question gate fails → 0; 0.5 + 1.5 = 2 → band 1 → 1.
        #expect(rows["bob"] == ["1", "0", "1", "2"])
        // cara: 3 elements → 2; amber only → 1; 0.5 + 0.75 = 1.25 → band 1 → 1.
        #expect(rows["cara"] == ["2", "1", "1", "4"])
    }

    @Test func theXMLIsValidAndSaysHowEachScoreCameAbout() throws {
        let out = try grade()
        for name in ["ann", "bob", "cara"] {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out.file("candidates/\(name).xml"))))
            try Schemas.report.validate(bytes: bytes, name: name)
        }
        let bob = try XMLTree(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: out.file("candidates/bob.xml")))), name: "bob.xml")
        let questions = bob.root?.children(named: "question") ?? []
        let levels = try #require(questions.first?.firstChild(named: "levels"))
        #expect(levels.attribute("met") == "1" && levels.attribute("of") == "4" && levels.attribute("points") == "1")
        #expect(questions[1].attribute("credited") == "no" && questions[1].attribute("requires") == "chosen")
        let why = try #require(questions[1].children(named: "criterion").first { $0.attribute("id") == "why" })
        #expect(why.attribute("status") == "met" && why.attribute("credited") == "no" && why.attribute("requires") == "colour")
        #expect(questions[2].attribute("raw") == "2" && questions[2].firstChild(named: "band")?.attribute("from") == "1")
    }

    @Test func theHTMLExplainsLevelsGatesAndBands() throws {
        let out = try grade()
        let ann = try String(contentsOfFile: out.file("candidates/ann.html"), encoding: .utf8)
        #expect(ann.contains("<strong><a href=\"../rubric.html#q1-levels-key\">key</a></strong> — 4 of 4 key elements: 3 points"))
        #expect(ann.contains("base 0.5 points · raw 2.75 → band from 2.75: 3 points — Complete: both ideas"))
        let bob = try String(contentsOfFile: out.file("candidates/bob.html"), encoding: .utf8)
        #expect(bob.contains("<strong><a href=\"../rubric.html#q1-levels-key\">key</a></strong> — 1 of 4 key elements: 1 point"))
        #expect(bob.contains("<span class=\"pts\">missed</span><strong><a href=\"../rubric.html#q1-elem-aorta\">aorta</a></strong> — Blood leaves through the aorta."))
        #expect(bob.contains("Question not credited: requires chosen; it scores 0."))
        #expect(bob.contains("<strong><a href=\"../rubric.html#q2-crit-why\">why</a></strong> — It stands out.") && bob.contains("not credited: requires colour"))
        #expect(bob.contains("raw 2 → band from 1: 1 point — Partial"))
    }

    @Test func theCohortListsElementsAndOutputIsTheSameWhateverTheJobs() throws {
        let one = try grade(jobs: "1"), two = try grade(jobs: "2")
        #expect(try Scratch.contents(of: one.path) == Scratch.contents(of: two.path))
        let cohort = [UInt8](try Data(contentsOf: URL(fileURLWithPath: two.file("cohort.xml"))))
        try Schemas.cohort.validate(bytes: cohort, name: "cohort.xml")
        let q1 = try ReportDocuments.cohort(bytes: cohort).questions.first
        #expect(q1?.rules.filter { $0.kind == .element }.map(\.id) == ["atria", "ventricles", "valves", "aorta"])
        // Rebuilt from the reports alone, the cohort is the same.
        let rebuilt = try GraderProcess.run(["cohort", two.path, "--out", one.path])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: one.file("cohort.xml"))) == Data(cohort))
    }
}
