import Foundation
import Testing

/// The candidate pages' style is one file per reports folder, `candidate.css`, which every page in
/// `candidates/` links (`../candidate.css`) instead of carrying it inline; `grade` and `cohort`
/// write it, and the student pages, handed out one by one, keep theirs inline.
@Suite("the candidate pages' shared stylesheet, end to end")
struct SharedStylesheetTests {
    static let link = "<link rel=\"stylesheet\" href=\"../candidate.css\">\n"
    let rubric = GraderProcess.fixture("rubric.xml")

    /// The shipped stylesheet, which the file must hold byte for byte.
    static func shipped() throws -> Data {
        try Data(contentsOf: GraderProcess.packageRoot.appendingPathComponent("Sources/GraderFoundation/Resources/candidate.css"))
    }

    func pages(in folder: String) throws -> [String: String] {
        var pages: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".html") {
            pages[name] = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
        }
        return pages
    }

    @Test func everyCandidatePageLinksTheOneStylesheetBesideThem() throws {
        let out = try Scratch()
        let run = try GraderProcess.run(["grade", GraderProcess.fixture("cohort"), "--rubric", rubric, "--out", out.path, "--student-reports"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.contents(atPath: out.file("candidate.css")) == (try Self.shipped()))
        let candidates = try pages(in: out.file("candidates"))
        #expect(candidates.count == 4)
        for (name, page) in candidates {
            #expect(page.components(separatedBy: Self.link).count == 2, "\(name): no single link to ../candidate.css")
            #expect(!page.contains("<style>"), "\(name): style inline")
            #expect(page.contains("style-src 'self' 'unsafe-inline'"), "\(name): the policy blocks the stylesheet")
        }
        // The pages handed out alone, and the once-per-folder pages, keep their style inline.
        let others = try pages(in: out.file("students")).values + [String(contentsOfFile: out.file("rubric.html"), encoding: .utf8),
                                                                  String(contentsOfFile: out.file("index.html"), encoding: .utf8)]
        #expect(others.count == 6)
        for page in others {
            #expect(page.contains("<style>\n") && !page.contains(Self.link))
        }
    }

    /// `grader cohort` writes the stylesheet into a merged folder, and back into a folder it rebuilds in place.
    @Test func cohortWritesTheStylesheetWhereItWritesPages() throws {
        let shards = try Scratch(), merged = try Scratch()
        for k in 1...2 {
            let run = try GraderProcess.run(["grade", GraderProcess.fixture("cohort"), "--rubric", rubric, "--out", shards.file("s\(k)"),
                                             "--shard", "\(k)/2", "-q"])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let cohort = try GraderProcess.run(["cohort", shards.file("s1"), shards.file("s2"), "--out", merged.path])
        #expect(cohort.status == 0, "\(cohort.stderr)")
        #expect(FileManager.default.contents(atPath: merged.file("candidate.css")) == (try Self.shipped()))
        #expect(try pages(in: merged.file("candidates")).values.allSatisfy { $0.contains(Self.link) })
        try FileManager.default.removeItem(atPath: merged.file("candidate.css"))
        #expect(try GraderProcess.run(["cohort", merged.path]).status == 0)
        #expect(FileManager.default.contents(atPath: merged.file("candidate.css")) == (try Self.shipped()))
    }
}
