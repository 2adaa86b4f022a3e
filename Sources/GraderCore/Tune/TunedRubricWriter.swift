import Foundation

/// Writes a copy of the rubric with each criterion's and penalty's points replaced
/// by its fitted weight, leaving every other byte (comments, layout, examples) as
/// the author wrote it. The input rubric is never touched.
///
/// The edit is done on the text, not by re-serialising a libxml2 tree, because a
/// tree writer would drop the author's formatting and comments; the result is then
/// parsed and validated by `RubricLoader` (libxml2) before it is written.
enum TunedRubricWriter {
    static func write(rubric: Rubric, report: TuneReport, to path: String) throws(OutputError) {
        if URL(fileURLWithPath: path).standardizedFileURL == URL(fileURLWithPath: rubric.file).standardizedFileURL {
            throw OutputError(path: path, message: "--write-rubric must not name the rubric being tuned")
        }
        guard let original = FileManager.default.contents(atPath: rubric.file) else {
            throw OutputError(path: rubric.file, message: "cannot read the rubric again")
        }
        var bytes = [UInt8](original)
        let source = RubricSource(bytes: bytes)
        var edits: [(range: Range<Int>, value: String)] = []
        let fitted = Dictionary(report.questions.map { ($0.id, $0.rules) }, uniquingKeysWith: { a, _ in a })
        for question in rubric.questions {
            guard let stats = fitted[question.id] else { continue }
            for (rule, stat) in zip(question.rules, stats) {
                guard let weight = stat.fitted, let start = source.elementStart(rule.kind.rawValue, line: rule.line),
                      let range = pointsValue(in: bytes, tagStart: start) else { continue }
                edits.append((range, NumberText.format(weight)))
            }
        }
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            bytes.replaceSubrange(edit.range, with: Array(edit.value.utf8))
        }
        do {
            _ = try RubricLoader.load(bytes: bytes, file: path)
        } catch {
            throw OutputError(path: path, message: "the tuned rubric does not load: \(error)")
        }
        try AtomicFile.write(bytes, to: path)
    }

    /// The byte range of the value of `points="..."` in the start tag at `tagStart`.
    static func pointsValue(in bytes: [UInt8], tagStart: Int) -> Range<Int>? {
        let name = Array("points".utf8)
        var index = tagStart
        var quote: UInt8? = nil
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: ">") {
                return nil
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if index + name.count < bytes.count, Array(bytes[index..<index + name.count]) == name,
                      bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 || bytes[index - 1] == 0x0A || bytes[index - 1] == 0x0D {
                var cursor = index + name.count
                while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") else { index += 1; continue }
                cursor += 1
                while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") else { return nil }
                let delimiter = bytes[cursor]
                let valueStart = cursor + 1
                guard let valueEnd = bytes[valueStart...].firstIndex(of: delimiter) else { return nil }
                return valueStart..<valueEnd
            }
            index += 1
        }
        return nil
    }
}
