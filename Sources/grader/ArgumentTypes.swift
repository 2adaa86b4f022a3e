import ArgumentParser
import GraderCohort
import GraderEngine
import GraderFoundation
import GraderWorkflows

// Option values parsed once, by swift-argument-parser, into the core's own types: a command
// never holds the raw text of --pass, --shard, --map or --synonym, nor parses it again.
// A value that does not parse is a usage error (exit 2) naming the option and its help.

extension CohortOptions.PassMark: ExpressibleByArgument {
    /// `12.5` (points) or `50%` (of the maximum).
    public init?(argument: String) { self.init(argument) }

    public var defaultValueDescription: String {
        switch self {
        case .points(let points): NumberText.format(points)
        case .percent(let percent): NumberText.format(percent) + "%"
        }
    }
}

extension Shard: ExpressibleByArgument {
    /// `K/N` with 1 ≤ K ≤ N.
    public init?(argument: String) { self.init(argument) }
}

extension GradebookLayout: ExpressibleByArgument {}

extension PMatchOptions.Synonym: ExpressibleByArgument {
    /// `WORD=ALT|ALT`; the word may not be empty, the alternatives may.
    public init?(argument: String) {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else { return nil }
        self.init(word: String(argument[..<equals]),
                  alternatives: argument[argument.index(after: equals)...].split(separator: "|").map(String.init))
    }
}

/// `--map COLUMN=QID`: an export column, by header text or 1-based number, and the question it answers.
struct ColumnOverride: ExpressibleByArgument, Equatable {
    let column: String
    let question: String

    /// Split at the last `=`, so a header may itself hold one; neither side may be empty.
    init?(argument: String) {
        guard let equals = argument.lastIndex(of: "="), equals != argument.startIndex,
              argument.index(after: equals) != argument.endIndex else { return nil }
        column = String(argument[..<equals])
        question = String(argument[argument.index(after: equals)...])
    }

    /// The overrides as the core takes them, header (or number) to question id; a later one wins.
    static func dictionary(_ overrides: [ColumnOverride]) -> [String: String] {
        Dictionary(overrides.map { ($0.column, $0.question) }, uniquingKeysWith: { _, last in last })
    }
}
