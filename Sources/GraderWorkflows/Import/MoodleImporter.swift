import Foundation
import GraderFoundation
import LibXML2

/// Converts a Moodle question bank export (Moodle XML) into a Grader rubric, so authors keep
/// the rules they wrote in Moodle: OU pattern-match (`pmatch`), `regexp` and `shortanswer`
/// questions. Moodle grades by the first answer that matches, at that answer's fraction;
/// each answer becomes a criterion worth fraction × the question's grade that fires only when
/// no earlier answer matched, so exactly one criterion fires and the score equals Moodle's.
public enum MoodleImporter {
    /// The rubric's bytes, and everything that could not be carried over (also written into it as comments).
    public struct Conversion: Sendable {
        public let rubric: [UInt8]
        public let notes: [Diagnostic]
    }

    public static func convert(bytes: [UInt8], file: String, rubricID: String) throws(InputError) -> Conversion {
        let tree: XMLTree
        do { tree = try XMLTree(bytes: bytes, name: file) } catch {
            throw InputError(error.diagnostics.map { Diagnostic(.error, file: file, line: $0.line > 0 ? $0.line : nil, $0.message) })
        }
        guard let root = tree.root, root.name == "quiz" else {
            throw InputError([Diagnostic(.error, file: file, "not a Moodle question export: the root element is not <quiz>")])
        }
        var notes: [Diagnostic] = []
        var questions: [QuestionPlan] = []
        for node in root.children(named: "question") {
            let type = node.attribute("type") ?? ""
            let name = node.firstChild(named: "name")?.firstChild(named: "text")?.text ?? "(no name)"
            switch type {
            case "category": continue
            case "pmatch", "shortanswer", "regexp":
                questions.append(plan(node, type: type, name: name, number: questions.count + 1, file: file, notes: &notes))
            default:
                notes.append(Diagnostic(.warning, file: file, line: node.line,
                                        "question \"\(name)\" of type \(type) is not carried over (only pmatch, regexp and shortanswer are)"))
            }
        }
        guard !questions.isEmpty else {
            throw InputError(notes + [Diagnostic(.error, file: file, "the export holds no pmatch, regexp or shortanswer question")])
        }
        let output: [UInt8]
        do {
            output = try write(questions, rubricID: rubricID, file: file, notes: notes)
            try Schemas.rubric.validate(bytes: output, name: "converted rubric")
        } catch {
            throw InputError([Diagnostic(.error, file: file, "the converted rubric is not valid: \(error)")])
        }
        return Conversion(rubric: output, notes: notes)
    }

    // MARK: Planning

    struct Answer {
        let fraction: Double
        package let matcher: Matcher?
        let feedback: String
        package let source: String
    }

    /// A rubric matcher for one Moodle answer, as XML to write.
    indirect enum Matcher {
        case pmatch(expression: String, attributes: [(String, String)], synonyms: [(String, String)])
        case regex(String, flags: String)
        case anything
    }

    struct QuestionPlan {
        package let id: String
        package let name: String
        let prompt: String
        package let points: Double
        package let answers: [Answer]
        let comments: [String]
    }

    private static func plan(_ node: XMLTree.Node, type: String, name: String, number: Int, file: String,
                             notes: inout [Diagnostic]) -> QuestionPlan {
        var comments: [String] = []
        func skip(_ what: String) {
            comments.append("Not carried over: " + what)
            notes.append(Diagnostic(.warning, file: file, line: node.line, "question \"\(name)\": \(what)"))
        }
        let points = Double(node.firstChild(named: "defaultgrade")?.text.trimmed ?? "") ?? 1
        let useCase = (node.firstChild(named: "usecase")?.text.trimmed ?? "0") != "0"
        var prompt = plainText(node.firstChild(named: "questiontext")?.firstChild(named: "text")?.text ?? "")
        if prompt.isEmpty { prompt = name }
        var attributes: [(String, String)] = [("ignore-case", useCase ? "no" : "yes")]
        var synonyms: [(String, String)] = []
        if type == "pmatch" {
            if let dividers = node.firstChild(named: "sentencedividers")?.text { attributes.append(("sentence-dividers", dividers)) }
            if let convert = node.firstChild(named: "converttospace")?.text, !convert.isEmpty { attributes.append(("convert-to-space", convert)) }
            for synonym in node.children(named: "synonym") {
                let word = synonym.firstChild(named: "word")?.firstChild(named: "text")?.text.trimmed ?? ""
                let alternatives = synonym.firstChild(named: "synonyms")?.firstChild(named: "text")?.text.trimmed ?? ""
                if !word.isEmpty && !alternatives.isEmpty { synonyms.append((word, alternatives)) }
            }
            if node.firstChild(named: "applydictionarycheck").map({ $0.text.trimmed != "0" && $0.text.trimmed != "-" }) ?? false {
                skip("Moodle's spelling check of responses is not carried over (Grader grades misspelt answers as they are)")
            }
            if node.firstChild(named: "forcelength")?.text.trimmed == "1" {
                skip("Moodle's 20-word limit (forcelength) is not carried over: Grader matches answers of any length")
            }
            if let extra = node.firstChild(named: "extenddictionary")?.text.trimmed, !extra.isEmpty {
                skip("the extra dictionary words (\(extra)) are not carried over; they only affected the spelling check")
            }
            if node.firstChild(named: "quotematching")?.text.trimmed == "0" {
                comments.append("Note: Moodle's straight-quote conversion is kept: Grader folds curly quotes before matching")
            }
        }
        if !node.children(named: "hint").isEmpty { skip("hints (for interactive behaviours) are not carried over") }
        if !node.children(named: "testquestionresponse").isEmpty { skip("pmatch test responses are not carried over") }
        if type == "regexp" { skip("regexp's answer 1 is Moodle's model answer: it is matched literally, as Moodle matches it") }

        var answers: [Answer] = []
        for (index, answer) in node.children(named: "answer").enumerated() {
            let text = answer.firstChild(named: "text")?.text ?? ""
            let fraction = (Double(answer.attribute("fraction") ?? "0") ?? 0) / 100
            let feedback = plainText(answer.firstChild(named: "feedback")?.firstChild(named: "text")?.text ?? "")
            let matcher: Matcher?
            switch type {
            case "pmatch":
                matcher = text.trimmed == "*" ? .anything
                    : .pmatch(expression: text.trimmed, attributes: attributes, synonyms: synonyms)
            case "shortanswer":
                matcher = .regex(shortAnswerPattern(text), flags: useCase ? "" : "i")
            default:
                if index == 0 {
                    matcher = .regex("^\\s*" + quote(text.trimmed) + "\\s*$", flags: useCase ? "" : "i")
                } else if text.contains("[[") {
                    skip("regexp answer \(index + 1) uses [[…]] permutations, which PCRE2 does not have; it is left out")
                    matcher = nil
                } else {
                    matcher = .regex("^\\s*(?:" + text.trimmed + ")\\s*$", flags: useCase ? "" : "i")
                }
            }
            answers.append(Answer(fraction: fraction, matcher: matcher, feedback: feedback, source: text.trimmed))
        }
        return QuestionPlan(id: String(format: "q%02d", number), name: name, prompt: prompt, points: points,
                            answers: answers, comments: comments)
    }

    /// Moodle's shortanswer: the whole trimmed response against the answer, `*` any run of
    /// characters, `\*` a literal star.
    static func shortAnswerPattern(_ answer: String) -> String {
        var pattern = "^\\s*"
        var literal = ""
        var scalars = Array(answer.trimmed.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\\", scalars.first == "*" {
                literal.unicodeScalars.append(scalars.removeFirst())
            } else if scalar == "*" {
                pattern += quote(literal) + ".*"
                literal = ""
            } else {
                literal.unicodeScalars.append(scalar)
            }
        }
        return pattern + quote(literal) + "\\s*$"
    }

    /// Escapes PCRE2's metacharacters.
    static func quote(_ text: String) -> String {
        var quoted = ""
        for character in text {
            if "\\^$.|?*+()[]{}/#-".contains(character) { quoted.append("\\") }
            if character == " " { quoted += "\\ " } else { quoted.append(character) }
        }
        return quoted
    }

    /// HTML question text as plain text: tags dropped, the common entities read, spaces collapsed.
    /// Hand-written: Moodle's texts are fragments, and only readable prose is wanted from them.
    static func plainText(_ html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true; text.append(" "); continue }
            if character == ">" && inTag { inTag = false; continue }
            if !inTag { text.append(character) }
        }
        for (entity, value) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: value)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    // MARK: Writing

    private static func write(_ questions: [QuestionPlan], rubricID: String, file: String, notes: [Diagnostic]) throws -> [UInt8] {
        let writer = try XMLWriter(indent: true)
        try writer.startElement("rubric")
        try writer.attribute("id", rubricID)
        try writer.comment(" Converted from the Moodle export \(commentSafe((file as NSString).lastPathComponent)) by grader import moodle. ")
        try writer.comment("""
         Moodle gives a response the fraction of the FIRST answer it matches. Here answer i becomes a criterion \
        worth fraction(i) x the question's grade that fires only when answer i matches and no earlier answer does, \
        so at most one criterion fires and the score equals Moodle's on every response. \
        Answers with a negative fraction become penalties, with the question's floor lowered to match. 
        """)
        for note in notes where !note.message.hasPrefix("question \"") || note.message.contains(" of type ") {
            try writer.comment(" Not carried over: \(commentSafe(note.message)) ")
        }
        try writer.element("title", text: "Moodle questions from \((file as NSString).lastPathComponent)")
        for question in questions { try write(question, writer) }
        try writer.endElement()
        return try writer.finish()
    }

    private static func write(_ question: QuestionPlan, _ writer: XMLWriter) throws {
        try writer.comment(" Moodle question \"\(commentSafe(question.name))\" ")
        for comment in question.comments { try writer.comment(" \(commentSafe(comment)) ") }
        try writer.startElement("question")
        try writer.attribute("id", question.id)
        try writer.attribute("points", NumberText.format(question.points))
        let lowest = question.answers.map(\.fraction).min() ?? 0
        if lowest < 0 { try writer.attribute("floor", NumberText.format(lowest * question.points)) }
        try writer.element("prompt", text: question.prompt)
        var earlier: [Matcher] = []
        var written = 0
        var penalties: [(index: Int, answer: Answer, matcher: Matcher, earlier: [Matcher])] = []
        var reachable = true
        for (index, answer) in question.answers.enumerated() {
            guard let matcher = answer.matcher else { continue }
            if !reachable {
                try writer.comment(" Answer \(index + 1) (\(commentSafe(answer.source))) is never reached in Moodle: an earlier answer is * ")
                continue
            }
            if answer.fraction > 0 {
                try criterion("criterion", index: index, answer: answer, matcher: matcher, earlier: earlier, points: question.points, writer)
                written += 1
            } else if answer.fraction < 0 {
                penalties.append((index, answer, matcher, earlier))
            } else {
                try writer.comment(" Answer \(index + 1) (\(commentSafe(answer.source))) scores 0; it still stops later answers from matching ")
            }
            if case .anything = matcher { reachable = false }
            earlier.append(matcher)
        }
        if written == 0 {
            // The schema wants a criterion; one worth nothing keeps the question's other answers as comments.
            try writer.comment(" No answer gives marks; this criterion never adds any ")
            try writer.startElement("criterion")
            try writer.attribute("id", "none")
            try writer.attribute("points", "0")
            try writeMatcher(.anything, writer)
            try writer.endElement()
        }
        for penalty in penalties {
            let answer = penalty.answer
            try criterion("penalty", index: penalty.index,
                          answer: Answer(fraction: -answer.fraction, matcher: answer.matcher, feedback: answer.feedback, source: answer.source),
                          matcher: penalty.matcher, earlier: penalty.earlier, points: question.points, writer)
        }
        try writer.endElement()
    }

    private static func criterion(_ element: String, index: Int, answer: Answer, matcher: Matcher, earlier: [Matcher],
                                  points: Double, _ writer: XMLWriter) throws {
        try writer.comment(" Moodle answer \(index + 1), fraction \(NumberText.format(answer.fraction * 100))%: \(commentSafe(answer.source)) ")
        try writer.startElement(element)
        try writer.attribute("id", "answer\(index + 1)")
        try writer.attribute("points", NumberText.format(answer.fraction * points))
        if !answer.feedback.isEmpty { try writer.element("feedback", text: answer.feedback) }
        if earlier.isEmpty {
            try writeMatcher(matcher, writer)
        } else {
            try writer.startElement("all")
            try writeMatcher(matcher, writer)
            try writer.startElement("not")
            if earlier.count == 1 {
                try writeMatcher(earlier[0], writer)
            } else {
                try writer.startElement("any")
                for previous in earlier { try writeMatcher(previous, writer) }
                try writer.endElement()
            }
            try writer.endElement()
            try writer.endElement()
        }
        try writer.endElement()
    }

    private static func writeMatcher(_ matcher: Matcher, _ writer: XMLWriter) throws {
        switch matcher {
        case .anything:
            try writer.element("regex", attributes: ["flags": "s"], text: "^")
        case .regex(let pattern, let flags):
            try writer.startElement("regex")
            try writer.attribute("flags", flags)
            try writer.text(pattern)
            try writer.endElement()
        case .pmatch(let expression, let attributes, let synonyms):
            try writer.startElement("pmatch")
            for (name, value) in attributes { try writer.attribute(name, value) }
            for (word, alternatives) in synonyms {
                try writer.startElement("synonym")
                try writer.attribute("word", word)
                try writer.text(alternatives)
                try writer.endElement()
            }
            try writer.element("expression", text: expression)
            try writer.endElement()
        }
    }

    /// XML comments may not hold `--`.
    private static func commentSafe(_ text: String) -> String {
        var safe = text.replacingOccurrences(of: "--", with: "- -")
        if safe.hasSuffix("-") { safe += " " }
        return safe
    }
}

private extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
