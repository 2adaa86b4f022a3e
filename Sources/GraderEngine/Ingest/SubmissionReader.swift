import Foundation
import GraderFoundation
import PCRE2

/// Reads one submission unit (a file, or a folder of answer files) into a
/// `Submission`, or says why it is not one.
package struct SubmissionReader: Sendable {
    package let directory: QuestionDirectory
    package let maximumFileBytes: Int

    private let splitter = AnswerSplitter()

    package init(directory: QuestionDirectory, maximumFileBytes: Int) {
        self.directory = directory
        self.maximumFileBytes = maximumFileBytes
    }

    /// Why a unit was not graded; `file` may name a file inside a candidate folder.
    package struct Skip: Error {
        package let file: String
        package let reason: String
        package var remedy: Diagnostic.Remedy? = nil
        /// The file holds nothing but white space: no submission on its own, but in a
        /// candidate's folder an empty answer to its question.
        package var empty = false
    }

    /// `fileBytes`: a candidate file's bytes when the caller read them already (`grade` does, to
    /// hash the submission), so the file is read once; they are what `load` would have read.
    package func read(_ unit: SubmissionUnit, fileBytes: [UInt8]? = nil, scratch: MatchScratch) -> Result<Submission, Skip> {
        if let row = unit.exportRow { return .success(submission(unit, row)) }
        return unit.isFolder ? readFolder(unit, scratch: scratch) : readFile(unit, fileBytes: fileBytes, scratch: scratch)
    }

    /// A row of an export, already read and mapped at discovery.
    private func submission(_ unit: SubmissionUnit, _ row: ExportRow) -> Submission {
        let answers = row.answers.mapValues { Answer(text: $0.text, file: row.file, line: row.row) }
        return Submission(candidate: Candidate(id: unit.id, name: row.name, email: row.email), source: unit.source,
                          answers: answers, warnings: [])
    }

    private func readFile(_ unit: SubmissionUnit, fileBytes: [UInt8]?, scratch: MatchScratch) -> Result<Submission, Skip> {
        switch load(unit.source, bytes: fileBytes) {
        case .failure(let skip): return .failure(skip)
        case .success(let (text, notes)):
            return parse(text, unit: unit, notes: notes, scratch: scratch)
        }
    }

    /// Reads a one-file submission from bytes already in memory (the fuzzers' entry point).
    package func read(bytes: [UInt8], unit: SubmissionUnit, scratch: MatchScratch) -> Result<Submission, Skip> {
        switch TextDecoding.decode(bytes) {
        case .notText(let reason): return .failure(Skip(file: unit.source, reason: reason))
        case .text(let text, let notes): return parse(text, unit: unit, notes: notes, scratch: scratch)
        }
    }

    /// Splits decoded text into front matter and answers under their headings.
    private func parse(_ text: String, unit: SubmissionUnit, notes: [String], scratch: MatchScratch) -> Result<Submission, Skip> {
        var warnings = notes.map { Diagnostic(.warning, file: unit.source, $0) }
        let (frontMatter, body, unclosed) = FrontMatter.split(Substring(text))
        if unclosed {
            warnings.append(Diagnostic(.warning, file: unit.source, line: 1,
                                       "front matter opened with '---' is never closed; read as answer text"))
        }
        // Parts per question, joined once at the end: a file repeating one heading
        // thousands of times must not cost quadratic copying or a warning per repeat.
        var parts: [String: (line: Int, texts: [String], repeats: [Int])] = [:]
        var unknown: [Int: [Int]] = [:]
        let sections = splitter.sections(of: body, firstLineNumber: frontMatter.lineCount + 1, scratch: scratch)
        for section in sections {
            guard let question = directory.question(number: section.number) else {
                unknown[section.number, default: []].append(section.headingLine)
                continue
            }
            let (answerText, line) = AnswerSplitter.text(of: section)
            if parts[question] == nil {
                parts[question] = (line, [answerText], [])
            } else {
                parts[question]!.texts.append(answerText)
                parts[question]!.repeats.append(section.headingLine)
            }
        }
        var answers: [String: Answer] = [:]
        for (question, part) in parts {
            answers[question] = Answer(text: part.texts.joined(separator: "\n\n"), file: unit.source, line: part.line)
            if let again = part.repeats.first {
                let more = part.repeats.count > 1 ? " and \(part.repeats.count - 1) more time(s)" : ""
                warnings.append(Diagnostic(.warning, file: unit.source, line: again, question: question,
                                           "answered again here\(more) (first on line \(part.line)); all parts are graded together"))
            }
        }
        for (number, lines) in unknown {
            let more = lines.count > 1 ? " (and \(lines.count - 1) more heading(s) like it)" : ""
            warnings.append(Diagnostic(.warning, file: unit.source, line: lines[0],
                                       "heading names question \(number), which the rubric does not have; its text is ignored\(more)"))
        }
        warnings.sort { ($0.line ?? 0, $0.message) < ($1.line ?? 0, $1.message) }
        if sections.isEmpty {
            return .failure(Skip(file: unit.source,
                                 reason: "no answer headings found (expected '## Q1', '## 1', '### 1. ...' or 'Question 1:' lines)"))
        }
        return .success(Submission(candidate: candidate(unit, frontMatter.fields), source: unit.source,
                                   answers: answers, warnings: warnings))
    }

    private func readFolder(_ unit: SubmissionUnit, scratch: MatchScratch) -> Result<Submission, Skip> {
        var answers: [String: Answer] = [:]
        var warnings: [Diagnostic] = []
        var fields: [String: String] = [:]
        let names: [String]
        do {
            names = try SubmissionDiscovery.folderFiles(unit.source)
        } catch {
            return .failure(Skip(file: unit.source, reason: "the folder cannot be listed: \(error.reason)"))
        }
        for name in names {
            let path = Path.join(unit.source, name)
            let label = Path.stem(name)
            guard SubmissionDiscovery.textExtensions.contains(Path.fileExtension(name)) || !name.contains("."),
                  let question = directory.question(label: label) else {
                warnings.append(Diagnostic(.warning, file: path,
                                           "ignored: its name does not name a rubric question (expected q1.md, Q2.txt, 3.md ...)"))
                continue
            }
            switch load(path) {
            case .failure(let skip) where skip.empty:
                // The candidate answered nothing to this question: graded as missing, not a reason to skip them.
                answers[question] = Answer(text: "", file: path, line: 1)
            case .failure(let skip):
                warnings.append(Diagnostic(.warning, file: path, question: question, "ignored: \(skip.reason)"))
            case .success(let (text, notes)):
                warnings += notes.map { Diagnostic(.warning, file: path, question: question, $0) }
                let (frontMatter, body, _) = FrontMatter.split(Substring(text))
                for (key, value) in frontMatter.fields where fields[key] == nil { fields[key] = value }
                let section = AnswerSplitter.Section(number: 0, headingLine: 0, firstLine: frontMatter.lineCount + 1,
                                                     lines: body.lines())
                let (answerText, line) = AnswerSplitter.text(of: section)
                answers[question] = Answer(text: answerText, file: path, line: line)
            }
        }
        if answers.isEmpty {
            return .failure(Skip(file: unit.source, reason: "the folder holds no answer files named by question (q1.md, 2.txt ...)"))
        }
        return .success(Submission(candidate: candidate(unit, fields), source: unit.source, answers: answers, warnings: warnings))
    }

    private func candidate(_ unit: SubmissionUnit, _ fields: [String: String]) -> Candidate {
        Candidate(id: unit.id, name: fields["name"].flatMap { $0.isEmpty ? nil : $0 },
                  email: fields["email"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Reads and decodes one file within the size limit.
    /// `bytes`: the file's content when already read (within the size limit).
    private func load(_ path: String, bytes: [UInt8]? = nil) -> Result<(String, [String]), Skip> {
        let data: [UInt8]
        if let bytes {
            data = bytes
        } else {
            let size = FileSystem.size(path) ?? 0
            if size > maximumFileBytes {
                return .failure(Skip(file: path, reason: "it is \(Plural.count(size, "byte")), over the limit of \(maximumFileBytes)",
                                     remedy: .raiseFileSizeLimit))
            }
            guard let contents = try? FileSystem.read(path) else {
                return .failure(Skip(file: path, reason: "it cannot be read"))
            }
            data = contents
        }
        if data.isEmpty || data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return .failure(Skip(file: path, reason: "it is empty", empty: true))
        }
        switch TextDecoding.decode(data) {
        case .notText(let reason): return .failure(Skip(file: path, reason: reason))
        case .text(let text, let warnings): return .success((text, warnings))
        }
    }
}
