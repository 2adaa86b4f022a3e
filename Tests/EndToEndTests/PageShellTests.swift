import Foundation
import Testing

/// The pages Grader writes (a candidate's, the rubric's, the cohort's, tune's) open with the same shell:
/// the same policy, charset, viewport and referrer, each its own title and stylesheet, and close
/// the same way; a change to the policy reaches all of them or none. A candidate page differs only
/// where it links its stylesheet (`../candidate.css`) instead of inlining it: the policy's `style-src`.
@Suite("the pages' shared shell, end to end")
struct PageShellTests {
    let rubric = GraderProcess.fixture("rubric.xml")
    let cohort = GraderProcess.fixture("cohort")

    @Test func candidateRubricCohortAndTunePagesShareTheirHeadAndEnd() throws {
        let out = try Scratch()
        #expect(try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out.path]).status == 0)
        let tune = try GraderProcess.run(["tune", cohort, "--rubric", rubric, "--graded", GraderProcess.fixture("tune/human-grades.csv"),
                                          "--out", out.path + "/tune"])
        #expect(tune.status == 1, "\(tune.stderr)")   // the grades name one candidate with no submission
        let pages = try ["rubric.html", "index.html", "tune/tune.html"].map { try String(contentsOfFile: out.file($0), encoding: .utf8) }
        // The head up to the title, the same bytes on every page (HTMLTextTests checks what they are).
        let heads = pages.map { $0.components(separatedBy: "<title>")[0] }
        #expect(Set(heads).count == 1)
        #expect(heads[0].hasPrefix("<!DOCTYPE html>\n") && heads[0].contains("content=\"default-src 'none';"), "\(heads[0])")
        let candidate = try String(contentsOfFile: out.file("candidates/ann.html"), encoding: .utf8)
        let linkedHead = heads[0].replacingOccurrences(of: "style-src 'unsafe-inline'", with: "style-src 'self' 'unsafe-inline'")
            + "<link rel=\"stylesheet\" href=\"../candidate.css\">\n"
        #expect(linkedHead != heads[0] + "<link rel=\"stylesheet\" href=\"../candidate.css\">\n")
        #expect(candidate.hasPrefix(linkedHead + "<title>ann — End-to-end fixture</title>\n</head>\n<body>\n"), "\(candidate.prefix(600))")
        #expect(candidate.hasSuffix("</footer>\n</body>\n</html>\n") && !candidate.contains("<style>"))
        let titles = ["Rubric — End-to-end fixture", "Cohort — End-to-end fixture", "Tuning e2e"]
        for (page, title) in zip(pages, titles) {
            #expect(page.hasPrefix(heads[0] + "<title>" + title + "</title>\n<style>\n"), "\(page.prefix(600))")
            #expect(page.contains("</style>\n</head>\n<body>\n"))
            #expect(page.hasSuffix("</footer>\n</body>\n</html>\n"))
            #expect(page.components(separatedBy: "<!DOCTYPE").count == 2 && page.components(separatedBy: "<style>").count == 2)
        }
    }
}
