import GraderFoundation


/// Decides which export column answers which rubric question, and which columns
/// name the candidate. In order: `--map COLUMN=QID` overrides; `Response N`,
/// `Question N`, `QN` or `N` headers by number; a header that is a question id;
/// and last, a header whose words match one prompt's words clearly better than any
/// other (Google and Microsoft Forms head each column with the question's text).
/// Two columns claiming one question, or a header that fits two prompts about
/// equally, are refused: guessing would grade the wrong answers.
struct ColumnMapping: Sendable {
    struct Choice: Sendable, Equatable {
        package let column: Int
        package let question: String
        /// How it was chosen, for the user: `by number`, `by id`, `prompt similarity 0.83`, `--map`.
        package let reason: String
    }

    package let answers: [Choice]
    let idColumn: Int?
    let firstNameColumn: Int?
    let lastNameColumn: Int?
    let nameColumn: Int?
    let emailColumn: Int?

    /// Lowest word overlap (Jaccard) for a header to be taken as a prompt.
    static let minimumSimilarity = 0.5
    /// The best prompt must beat the second best by this much.
    static let minimumMargin = 0.15

    /// Headers that describe the candidate or the attempt, never an answer (lower-cased).
    static let metadata: Set<String> = [
        "timestamp", "start time", "completion time", "last modified time", "started on", "completed",
        "time taken", "state", "status", "submitted", "attempt", "section", "section_id", "section_sis_id",
        "sis_id", "sis id", "sis user id", "n correct", "n incorrect", "score", "total score", "points",
        "institution", "department", "city/town", "country", "grade", "feedback", "quiz feedback",
    ]

    init(table: ExportTable, rubric: Rubric, overrides: [String: String]) throws(InputError) {
        var answers: [Choice] = []
        var id: Int?, first: Int?, last: Int?, name: Int?, email: Int?
        let prompts = rubric.questions.map { ($0.id, Self.words($0.prompt)) }
        for (column, header) in table.header.enumerated() {
            let lower = header.lowercased()
            if let target = overrides[header] ?? overrides[String(column + 1)] {
                guard rubric.questions.contains(where: { $0.id == target }) else {
                    throw InputError(file: table.file, message: "column '\(header)' is mapped to '\(target)', but the rubric has no question '\(target)'")
                }
                answers.append(Choice(column: column, question: target, reason: "--map"))
                continue
            }
            switch lower {
            case "id number", "idnumber", "username", "user name", "id", "student id", "login_id", "sis login id":
                if id == nil || lower == "id number" || lower == "idnumber" { id = column }
                continue
            case "first name", "firstname", "given name": first = column; continue
            case "surname", "last name", "lastname", "family name": last = column; continue
            case "name", "full name", "your name", "student", "student name": name = column; continue
            case "email address", "email", "e-mail", "email_address": email = column; continue
            default: break
            }
            if Self.metadata.contains(lower) || lower.hasPrefix("grade/") || lower.hasPrefix("q. ") && lower.contains("/")
                || Double(lower) != nil || lower.isEmpty {
                continue
            }
            if let number = Self.numberedHeader(lower), let question = rubric.directory.question(number: number) {
                answers.append(Choice(column: column, question: question, reason: "by number"))
                continue
            }
            if let question = rubric.directory.question(label: header) {
                answers.append(Choice(column: column, question: question, reason: "by id"))
                continue
            }
            let text = Self.words(Self.withoutCanvasPrefix(header))
            let ranked = prompts.map { (id: $0.0, score: Self.jaccard(text, $0.1)) }.sorted { $0.score > $1.score }
            guard let best = ranked.first, best.score >= Self.minimumSimilarity else { continue }
            if ranked.count > 1, best.score - ranked[1].score < Self.minimumMargin {
                throw InputError(file: table.file, message: "column \(column + 1) '\(header)' is ambiguous: it fits \(best.id) "
                    + "(\(NumberText.format(best.score))) and \(ranked[1].id) (\(NumberText.format(ranked[1].score)))",
                    remedy: .mapColumn(header: header))
            }
            answers.append(Choice(column: column, question: best.id, reason: "prompt similarity \(NumberText.format(best.score))"))
        }
        var claimed: [String: Choice] = [:]
        for choice in answers {
            if let other = claimed[choice.question] {
                throw InputError(file: table.file, message: "columns \(other.column + 1) '\(table.header[other.column])' and "
                    + "\(choice.column + 1) '\(table.header[choice.column])' both map to \(choice.question)",
                    remedy: .mapColumn(header: nil))
            }
            claimed[choice.question] = choice
        }
        guard !answers.isEmpty else {
            throw InputError(file: table.file, message: "no column maps to a rubric question (headers: \(table.header.joined(separator: ", ")))",
                              remedy: .mapColumn(header: nil))
        }
        self.answers = answers
        (idColumn, firstNameColumn, lastNameColumn, nameColumn, emailColumn) = (id, first, last, name, email)
    }

    /// `Response 3`, `Question 3`, `Q3`, `3` (Moodle's responses report, numbered forms).
    static func numberedHeader(_ lower: String) -> Int? {
        var rest = Substring(lower)
        for prefix in ["response", "question", "answer", "q"] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            break
        }
        rest = rest.drop { $0 == " " || $0 == "_" || $0 == "-" || $0 == "." }
        guard !rest.isEmpty, rest.count <= 3, rest.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(rest)
    }

    /// Canvas heads answer columns `12345: Question text`.
    static func withoutCanvasPrefix(_ header: String) -> String {
        guard let colon = header.firstIndex(of: ":"), header[..<colon].allSatisfy(\.isASCIIDigit), colon != header.startIndex else { return header }
        return String(header[header.index(after: colon)...])
    }

    /// Folded words longer than two letters, the same folding keywords use.
    package static func words(_ text: String) -> Set<String> {
        var vocabulary = Vocabulary()
        let tokens = Normaliser().normalise(text, vocabulary: &vocabulary).tokens
        return Set(tokens.map { vocabulary.word($0.word) }.filter { $0.count > 2 })
    }

    package static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        return Double(a.intersection(b).count) / Double(a.union(b).count)
    }

    /// Human-readable lines saying which column went where.
    package func describe(_ table: ExportTable) -> [String] {
        answers.map { "column \($0.column + 1) '\(table.header[$0.column])' -> \($0.question) (\($0.reason))" }
    }
}
