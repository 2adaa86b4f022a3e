import PCRE2

/// A loaded, validated rubric with every matcher compiled. Immutable and shared
/// by all workers; everything that can be done once (pattern compilation, JIT,
/// stemming and folding the rubric's own words) has been done by the loader.
public struct Rubric: Sendable {
    public let id: String
    public let version: String?
    public let title: String?
    /// Where it was read from, as given by the user.
    public let file: String
    /// SHA-256 of the rubric file's bytes, so a report names exactly the rubric that graded it.
    public let sha256: String
    public let questions: [Question]
    /// Maps a heading number or id written by a candidate to a question id.
    public let directory: QuestionDirectory
    /// The Snowball language of the rubric's stemming.
    public let language: String
    /// Every word the rubric's matchers and copy measures refer to, numbered; workers extend copies of it.
    let vocabulary: Vocabulary
    /// Every compiled regex with its place in the file, for `grader check`'s lints.
    let regexSites: [RegexSite]

    public var maxPoints: Double { questions.reduce(0) { $0 + $1.points } }
}

/// A `<regex>` of the rubric: where it is written and what it compiled to.
struct RegexSite: Sendable {
    let question: String
    /// The criterion or penalty it belongs to.
    let rule: String
    let line: Int
    let column: Int?
    let pattern: Pattern
    let flags: String
}

/// One question of a rubric.
public struct Question: Sendable {
    public let id: String
    public let points: Double
    public let floor: Double
    public let minWords: Int
    public let shortScoresZero: Bool
    public let prompt: String
    public let modelAnswer: String?
    /// The line of `<model-answer>`, 0 when there is none.
    public let modelAnswerLine: Int
    public let criteria: [ScoredRule]
    public let penalties: [ScoredRule]
    public let examples: [ExampleAnswer]
    /// Word n-grams of the prompt and model answer, to measure how much of an answer was copied.
    let copySources: CopySources
    /// True when some keyword stems, so answers need their tokens stemmed.
    let usesStemming: Bool
}

/// A criterion (earns points) or a penalty (costs points) with the matcher that decides it.
public struct ScoredRule: Sendable {
    public enum Kind: String, Sendable { case criterion, penalty }
    public let id: String
    public let kind: Kind
    public let points: Double
    public let feedback: String
    /// A short, readable form of the matcher, for reports.
    public let summary: String
    let matcher: any Matcher
    public let line: Int
}

/// An answer written into the rubric with the score it must get: the rubric's own test.
public struct ExampleAnswer: Sendable {
    public let text: String
    public let expectedScore: Double
    public let note: String?
    public let line: Int
}

/// Resolves what candidates write in headings (`Q2`, `2`, `q02`) or file names to question ids.
public struct QuestionDirectory: Sendable {
    private let byNumber: [Int: String]
    private let byID: [String: String]

    init(questions: [(id: String, position: Int)]) {
        var byNumber: [Int: String] = [:]
        var byID: [String: String] = [:]
        var numberedFromID = true
        var numbers: [Int: String] = [:]
        for (id, _) in questions {
            byID[id.lowercased()] = id
            guard let number = QuestionDirectory.trailingNumber(of: id), numbers[number] == nil else {
                numberedFromID = false
                continue
            }
            numbers[number] = id
        }
        if numberedFromID {
            byNumber = numbers
        } else {
            for (id, position) in questions { byNumber[position] = id }
        }
        self.byNumber = byNumber
        self.byID = byID
    }

    /// The question for a heading number, by the number in its id (`q02` is 2), or by position when ids carry no numbers.
    public func question(number: Int) -> String? { byNumber[number] }

    /// The question whose id is `label` (case-insensitive), or whose number `label` names (`Q2`, `2`, `question-2`).
    public func question(label: String) -> String? {
        if let id = byID[label.lowercased()] { return id }
        let lowered = label.lowercased()
        var digits = Substring(lowered)
        for prefix in ["question", "q"] where digits.hasPrefix(prefix) {
            digits = digits.dropFirst(prefix.count)
            break
        }
        digits = digits.drop { $0 == "-" || $0 == "_" || $0 == " " }
        guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy(\.isASCIIDigit), let number = Int(digits) else { return nil }
        return question(number: number)
    }

    static func trailingNumber(of id: String) -> Int? {
        let digits = id.reversed().prefix { $0.isASCIIDigit }
        guard !digits.isEmpty, digits.count <= 4 else { return nil }
        return Int(String(digits.reversed()))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
