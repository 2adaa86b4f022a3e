import PCRE2

/// Finds answers under headings that name their question, in any of the forms
/// candidates use: `## Q2`, `## 2`, `## q02`, `### 2. How does ...`, `Question 2:`,
/// `**Question 2:**`, `Q2.`. Headings inside fenced code are ignored, so a Python
/// comment like `# 2 items` in a code block is never mistaken for one.
struct AnswerSplitter: Sendable {
    /// A heading line up to the question number. Markdown headings take any text after the
    /// number; bare `Question N`/`QN` lines need `:`, `.`, `)` or nothing after it, so a
    /// sentence starting "Question 2 was hard" stays part of an answer.
    private let heading: Pattern

    init() {
        do {
            heading = try Pattern(#"^(?:#{1,6}[ \t]*(?:(?:question|q)[ \t]*)?\d{1,3}(?![\w])|(?:\*\*)?(?:question|q)[ \t]*\d{1,3}(?=[ \t]*(?:[.:)]|\*\*|$)))"#,
                                  options: [.caseless])
        } catch {
            preconditionFailure("built-in heading pattern does not compile: \(error)")
        }
    }

    /// A heading found in a file.
    struct Section {
        package let number: Int
        let headingLine: Int
        package var firstLine: Int
        package var lines: [Substring]
    }

    /// Sections in file order. `firstLineNumber` is the file line of `body`'s first line.
    func sections(of body: Substring, firstLineNumber: Int, scratch: MatchScratch) -> [Section] {
        var sections: [Section] = []
        var fenced = false
        var lineNumber = firstLineNumber - 1
        for line in body.lines() {
            lineNumber += 1
            let trimmed = line.trimmingSpaces()
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { fenced.toggle() }
            if !fenced, line.first == "#" || line.first == "Q" || line.first == "q" || line.first == "*",
               let found = try? heading.firstMatch(in: String(line), scratch: scratch) {
                let utf8 = Array(line.utf8)
                let digits = utf8[found].reversed().prefix { $0 >= 0x30 && $0 <= 0x39 }.reversed()
                let number = Int(String(decoding: digits, as: UTF8.self)) ?? 0
                let rest = String(decoding: utf8[found.upperBound...], as: UTF8.self)
                var section = Section(number: number, headingLine: lineNumber, firstLine: lineNumber + 1, lines: [])
                // After a bare "Question 2:" the rest of the line is the answer, unless it restates the question.
                let inline = rest.drop { " \t.:)*-".contains($0) }.trimmingSpaces()
                if line.first != "#", !inline.isEmpty, !inline.hasSuffix("?") {
                    section.firstLine = lineNumber
                    section.lines.append(Substring(inline))
                }
                sections.append(section)
                continue
            }
            if !sections.isEmpty { sections[sections.count - 1].lines.append(line) }
        }
        return sections
    }

    /// Joins a section's lines and trims blank lines around them; returns the text and its first line.
    package static func text(of section: Section) -> (text: String, line: Int) {
        var lines = section.lines[...]
        var first = section.firstLine
        while let head = lines.first, head.trimmingSpaces().isEmpty {
            lines = lines.dropFirst()
            first += 1
        }
        while let tail = lines.last, tail.trimmingSpaces().isEmpty { lines = lines.dropLast() }
        return (lines.joined(separator: "\n"), first)
    }
}
