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
    /// The file's bytes as read: a reports folder keeps them as its `rubric.xml`, so its
    /// reports can be read (and merged) without the original.
    public let bytes: [UInt8]
    public let questions: [Question]
    /// Maps a heading number or id written by a candidate to a question id.
    public let directory: QuestionDirectory
    /// The Snowball language of the rubric's stemming.
    public let language: String
    /// Every word the rubric's matchers and copy measures refer to, numbered; workers extend copies of it.
    package let vocabulary: Vocabulary
    /// The ids every keyword's first word is found under: as a token's word, and as its stem.
    /// A worker indexes where these stand in each answer (`TokenOccurrences`), and nothing else.
    package let keywordStarts: (names: [Vocabulary.ID], stems: [Vocabulary.ID])
    /// Every compiled regex with its place in the file, for `grader check`'s lints.
    package let regexSites: [RegexSite]
    /// The rubric-wide named matchers, in document order, for `grader check`'s lints.
    package let defines: [NamedMatcher]

    public var maxPoints: Double { questions.reduce(0) { $0 + $1.points } }
}

/// A `<regex>` of the rubric: where it is written and what it compiled to.
package struct RegexSite: Sendable {
    package let question: String?
    /// The criterion or penalty it belongs to.
    package let rule: String
    package let line: Int
    package let column: Int?
    package let pattern: Pattern
    package let flags: String
}

/// One question of a rubric.
public struct Question: Sendable {
    public let id: String
    public let points: Double
    public let floor: Double
    /// Points every answered question starts from (`base`, default 0): what the tuner's intercept writes.
    public let base: Double
    public let minWords: Int
    public let shortScoresZero: Bool
    public let prompt: String
    public let modelAnswer: String?
    /// The line of `<model-answer>`, 0 when there is none.
    public let modelAnswerLine: Int
    /// The standalone criteria, in document order (not the elements of levels groups).
    public let criteria: [ScoredRule]
    /// Groups of criteria scored by how many of them are met, in document order.
    public let levels: [LevelGroup]
    public let penalties: [ScoredRule]
    /// Holistic bands mapping the raw score to points, ascending by `from`; empty when the question has none.
    public let bands: [Band]
    /// The question's own gate: ids that must all be satisfied for it to score above `clamp(0)`.
    public let requires: [String]
    /// Criteria, then every levels group's elements (groups in document order), then penalties:
    /// the one order that results, digests and tune features index.
    public let rules: [ScoredRule]
    /// The named matchers some `requires` of this question names, in order of first mention;
    /// `QuestionResult.definesMet` runs parallel to it.
    public let requiredDefines: [NamedMatcher]
    public let examples: [ExampleAnswer]
    /// The question's own named matchers, in document order, for `grader check`'s lints.
    package let defines: [NamedMatcher]
    /// Requirements resolved to what they name, for the scorer.
    let gates: Gates
    /// Word n-grams of the prompt and model answer, to measure how much of an answer was copied.
    let copySources: CopySources
    /// True when some keyword stems, so answers need their tokens stemmed.
    let usesStemming: Bool
    /// The model answer's stems, for review's second opinion (`WordFacts`).
    public let modelStems: ModelStems

    /// Whether the question uses any shape beyond additive criteria and penalties; reports
    /// write the new attributes only then, so older rubrics' reports stay byte for byte as they were.
    public var usesShapes: Bool {
        base != 0 || !levels.isEmpty || !bands.isEmpty || !requires.isEmpty || rules.contains { !$0.requires.isEmpty }
    }
}

/// A criterion (earns points), an element of a levels group (counted, earns nothing itself)
/// or a penalty (costs points), with the matcher that decides it.
public struct ScoredRule: Sendable {
    public enum Kind: String, Sendable { case criterion, element, penalty }
    public let id: String
    public let kind: Kind
    /// 0 for an element: its group's level table gives the points.
    public let points: Double
    public let feedback: String
    /// A short, readable form of the matcher, for reports.
    public let summary: String
    package let matcher: any Matcher
    public let line: Int
    /// Ids that must all be satisfied for the rule to be credited (`requires`), as written.
    public let requires: [String]
    /// The id of the levels group an element belongs to; nil for criteria and penalties.
    public let group: String?
}

/// "3 points: four key elements; 2 points: three; ...": criteria counted, and the count
/// mapped to points by a table.
public struct LevelGroup: Sendable {
    public let id: String
    /// What the elements are called in reports ("key elements"); "elements" when not given.
    public let label: String
    public let feedback: String
    public let requires: [String]
    /// Kind `.element`, points 0.
    public let elements: [ScoredRule]
    /// Sorted ascending by `min` (stable: of two levels with one `min`, the later written wins).
    public let table: [Level]
    public let line: Int

    /// The level `met` elements reach: the one with the greatest `min` not above it.
    public func level(forMet met: Int, table: [Level]? = nil) -> Level? {
        (table ?? self.table).last { $0.min <= met }
    }
}

/// One row of a levels table: `min` or more met elements give `points`.
public struct Level: Sendable, Equatable {
    public let min: Int
    public let points: Double

    public init(min: Int, points: Double) {
        self.min = min
        self.points = points
    }
}

/// A holistic band: a raw score of `from` or more (up to the next band) gives `points`.
public struct Band: Sendable, Equatable {
    public let from: Double
    public let points: Double
    /// The mark scheme's prose for the band, possibly empty.
    public let descriptor: String

    public init(from: Double, points: Double, descriptor: String = "") {
        self.from = from
        self.points = points
        self.descriptor = descriptor
    }
}

/// A matcher named with `<define>`, rubric-wide or in one question.
public struct NamedMatcher: Sendable {
    public let id: String
    public let summary: String
    package let matcher: any Matcher
    public let line: Int
}

/// A question's `requires` attributes resolved to what each id names, so scoring
/// looks nothing up by name. Built and checked for cycles by the loader.
struct Gates: Sendable {
    enum Target: Sendable, Equatable {
        /// An index into `Question.rules` (a criterion or an element).
        case rule(Int)
        /// An index into `Question.levels`.
        case group(Int)
        /// An index into `Question.requiredDefines`.
        case define(Int)
    }

    /// Per `Question.rules` index.
    package var rules: [[Target]]
    /// Per `Question.levels` index.
    package var groups: [[Target]]
    package var question: [Target]

    package static func none(rules: Int, groups: Int) -> Gates {
        Gates(rules: Array(repeating: [], count: rules), groups: Array(repeating: [], count: groups), question: [])
    }

    package var isEmpty: Bool { question.isEmpty && rules.allSatisfy(\.isEmpty) && groups.allSatisfy(\.isEmpty) }
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
