/// Optional YAML-style front matter at the top of a submission: `---`, `key: value`
/// lines, `---`. Only flat string values are read (`id`, `name`, `email`); that is
/// all a submission carries, so a YAML library would add nothing but surface.
struct FrontMatter: Equatable {
    package var fields: [String: String]
    /// Lines the front matter occupied, so answer line numbers stay true to the file.
    var lineCount: Int

    package static let none = FrontMatter(fields: [:], lineCount: 0)

    /// Splits `text` into front matter and body. A block that opens but never closes
    /// is not front matter: the whole text is the body, and `unclosed` says so.
    package static func split(_ text: Substring) -> (frontMatter: FrontMatter, body: Substring, unclosed: Bool) {
        guard text.hasPrefix("---\n") || text == "---" else { return (.none, text, false) }
        var fields: [String: String] = [:]
        var lineCount = 1
        var rest = text.dropFirst(4)
        while !rest.isEmpty {
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            let line = rest[rest.startIndex..<end]
            rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
            lineCount += 1
            let trimmed = line.trimmingSpaces()
            if trimmed == "---" || trimmed == "..." {
                return (FrontMatter(fields: fields, lineCount: lineCount), rest, false)
            }
            if lineCount > 50 { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[line.startIndex..<colon].trimmingSpaces().lowercased()
            var value = line[line.index(after: colon)...].trimmingSpaces()
            if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
                value = value.dropFirst().dropLast()
            }
            if !key.isEmpty, fields[key] == nil { fields[key] = String(value) }
        }
        return (.none, text, true)
    }
}

extension StringProtocol {
    /// Drops spaces and tabs at both ends.
    func trimmingSpaces() -> SubSequence {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
        let last = lastIndex(where: { !isSpace($0) })!
        return self[first...last]
    }
}
