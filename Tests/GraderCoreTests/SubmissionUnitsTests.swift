import Foundation
@testable import GraderEngine
@testable import GraderFoundation
import Testing

/// The compact list of units gives back exactly the units discovery found: sources, folder
/// or file, claimed ids (from the name or the front matter) and unique ids, in order.
@Suite("submission units")
struct SubmissionUnitsTests {
    @Test func discoveryGivesEveryUnitBackWhole() throws {
        let folder = try TemporaryFolder()
        let root = Path.join(folder.path, "subs")
        try FileManager.default.createDirectory(atPath: Path.join(root, "cara"), withIntermediateDirectories: true)
        try Data("## Q1\nx".utf8).write(to: URL(fileURLWithPath: Path.join(root, "cara/q1.md")))
        try Data("---\nid: zed\n---\n## Q1\nx".utf8).write(to: URL(fileURLWithPath: Path.join(root, "ann.md")))
        try Data("## Q1\nx".utf8).write(to: URL(fileURLWithPath: Path.join(root, "Zed.txt")))
        try Data("## Q1\nx".utf8).write(to: URL(fileURLWithPath: Path.join(root, "Zoë é.md")))
        let single = Path.join(folder.path, "dora.markdown")
        try Data("## Q1\nx".utf8).write(to: URL(fileURLWithPath: single))

        let found = try SubmissionDiscovery.discover(paths: [root + "/", single])
        let units = Array(found.units)
        #expect(units.map(\.source) == [root + "/Zed.txt", root + "/Zoë é.md", root + "/ann.md", root + "/cara", single])
        #expect(units.map(\.isFolder) == [false, false, false, true, false])
        #expect(units.map(\.claimedID) == ["Zed", "Zoë é", "zed", "cara", "dora"])
        // "zed" clashes with "Zed" (ids ignore case) and "Zoë é" is not safe as a file name.
        #expect(units.map(\.id) == ["Zed", "Zoe-e", "zed-2", "cara", "dora"])
        #expect(found.warnings.count == 2)
        #expect(units.allSatisfy { $0.exportRow == nil })
    }

    @Test func aShardKeepsItsUnitsWithTheirIDs() throws {
        let folder = try TemporaryFolder()
        for name in ["a.md", "b.md", "c.md", "d.md"] {
            try Data("---\nid: same\n---\n## Q1\nx".utf8).write(to: URL(fileURLWithPath: Path.join(folder.path, name)))
        }
        let found = try SubmissionDiscovery.discover(paths: [folder.path])
        #expect(found.units.map(\.id) == ["same", "same-2", "same-3", "same-4"])
        let kept = found.units.filtered { $0.id != "same-2" }
        #expect(kept.map(\.id) == ["same", "same-3", "same-4"])
        #expect(kept.map(\.source) == ["a.md", "c.md", "d.md"].map { Path.join(folder.path, $0) })
        #expect(kept.map(\.claimedID) == ["same", "same", "same"])
    }

    @Test func rowsOfAnExportKeepTheirRow() throws {
        let folder = try TemporaryFolder()
        let csv = Path.join(folder.path, "form.csv")
        try Data("Name,Response 1\nAnn Lee,an answer\nBo,another\n".utf8).write(to: URL(fileURLWithPath: csv))
        let rubric = try TestSupport.rubric(questions: "<question id=\"q1\" points=\"1\"><prompt>p</prompt>"
                                            + "<criterion id=\"c\" points=\"1\"><keyword>a</keyword></criterion></question>")
        let found = try SubmissionDiscovery.discover(paths: [csv], exports: ExportOptions(rubric: rubric, maximumAnswerBytes: 200))
        let units = Array(found.units)
        #expect(units.map(\.source) == [csv + ":2", csv + ":3"])
        #expect(units.map(\.id) == ["Ann-Lee", "Bo"])
        #expect(units.map { $0.exportRow?.answers.values.first?.text } == ["an answer", "another"])
    }
}
