import Foundation
import XCTest

/// Every relative link of every Markdown page in the repository resolves: the file (or folder) exists,
/// and a `#fragment` names a heading of the page it points to. The README sends readers to `docs/`,
/// `BENCHMARKS.md` and the SAF page; a page renamed or a heading reworded must not leave a dead link.
final class DocumentationLinksTests: XCTestCase {
    func testEveryRelativeLinkResolves() throws {
        let root = GraderProcess.packageRoot
        let pages = try Self.markdownPages(under: root)
        XCTAssertTrue(pages.contains { $0.hasSuffix("/README.md") }, "no README.md found under \(root.path)")
        var broken: [String] = []
        var checked = 0
        for page in pages {
            let text = try String(contentsOfFile: page, encoding: .utf8)
            for target in Self.links(in: text) where Self.isRelative(target) {
                checked += 1
                if let problem = Self.problem(with: target, from: page) {
                    broken.append("\(page.dropFirst(root.path.count + 1)): (\(target)) \(problem)")
                }
            }
        }
        XCTAssertGreaterThan(checked, 10, "the pages should link to each other")
        XCTAssertEqual(broken, [], "broken links:\n" + broken.joined(separator: "\n"))
    }

    func testSlugsFollowGitHubsRule() {
        XCTAssertEqual(Self.slug("Trying a rule or a question, importing Moodle questions"),
                       "trying-a-rule-or-a-question-importing-moodle-questions")
        XCTAssertEqual(Self.slug("Reviewing: `grader review`"), "reviewing-grader-review")
        XCTAssertEqual(Self.slug("The cohort: `Reports/index.html`, gradebooks"), "the-cohort-reportsindexhtml-gradebooks")
    }

    func testALinkToAMissingFileOrHeadingIsFound() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("links-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page.md").path
        try "# Title\n## Part one\n".write(toFile: page, atomically: true, encoding: .utf8)
        XCTAssertNil(Self.problem(with: "page.md#part-one", from: page))
        XCTAssertNil(Self.problem(with: "#title", from: page))
        XCTAssertNotNil(Self.problem(with: "page.md#part-two", from: page))
        XCTAssertNotNil(Self.problem(with: "missing.md", from: page))
    }

    // MARK: pieces

    /// Markdown files of the repository, leaving out build folders and generated reports.
    static func markdownPages(under root: URL) throws -> [String] {
        let skipped: Set<String> = ["Reports", ".git", ".swiftpm"]
        var pages: [String] = []
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey]) else { return [] }
        for case let url as URL in walker {
            let name = url.lastPathComponent
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                if name.hasPrefix(".build") || skipped.contains(name) { walker.skipDescendants() }
                continue
            }
            if name.hasSuffix(".md") { pages.append(url.path) }
        }
        return pages.sorted()
    }

    /// The targets of inline links `[text](target)` outside fenced code blocks (a title after a space is dropped).
    static func links(in text: String) -> [String] {
        var targets: [String] = []
        var fenced = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { fenced.toggle(); continue }
            if fenced { continue }
            var rest = Substring(line)
            while let open = rest.range(of: "](") {
                let after = rest[open.upperBound...]
                guard let close = after.firstIndex(of: ")") else { break }
                let target = after[..<close].split(separator: " ").first.map(String.init) ?? ""
                if !target.isEmpty { targets.append(target) }
                rest = after[close...]
            }
        }
        return targets
    }

    static func isRelative(_ target: String) -> Bool {
        !(target.contains("://") || target.hasPrefix("mailto:"))
    }

    /// Why `target`, linked from `page`, does not resolve; nil when it does.
    static func problem(with target: String, from page: String) -> String? {
        let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0]), fragment = parts.count > 1 ? String(parts[1]) : nil
        let folder = (page as NSString).deletingLastPathComponent
        let file = path.isEmpty ? page : ((folder as NSString).appendingPathComponent(path) as NSString).standardizingPath
        guard FileManager.default.fileExists(atPath: file) else { return "names no file" }
        guard let fragment, file.hasSuffix(".md") else { return nil }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return "cannot be read" }
        return headingSlugs(text).contains(fragment) ? nil : "names no heading of \((file as NSString).lastPathComponent)"
    }

    /// The anchors GitHub makes for a page's headings (outside fenced code).
    static func headingSlugs(_ text: String) -> Set<String> {
        var slugs: Set<String> = []
        var fenced = false
        for line in text.split(separator: "\n") {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { fenced.toggle(); continue }
            guard !fenced, line.hasPrefix("#") else { continue }
            slugs.insert(slug(String(line.drop { $0 == "#" })))
        }
        return slugs
    }

    /// GitHub's rule: lower-case, drop everything but letters, digits, spaces, hyphens and underscores, spaces to hyphens.
    static func slug(_ heading: String) -> String {
        let kept = heading.trimmingCharacters(in: .whitespaces).lowercased().unicodeScalars.filter {
            CharacterSet.alphanumerics.contains($0) || $0 == " " || $0 == "-" || $0 == "_"
        }
        return String(String.UnicodeScalarView(kept)).replacingOccurrences(of: " ", with: "-")
    }
}
