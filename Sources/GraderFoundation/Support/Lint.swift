/// The lints `grader check` knows. Each warning ends with its name in brackets
/// (`[empty-match]`), so an author can search for it and tests can name it.
public enum Lint: String, Sendable, CaseIterable {
    case emptyMatch = "empty-match"
    case matchesAnything = "matches-anything"
    case backtracking = "catastrophic-backtracking"
    case scansEveryPosition = "no-literal-start"
    case duplicateID = "duplicate-id"
    case pointsUnreachable = "points-unreachable"
    case pointsExceed = "points-exceed"
    case modelAnswerNotFull = "model-answer-not-full"
    case nearZero = "near-zero"
    case levelsTable = "levels-table"
    case bandsTable = "bands-table"
    case unusedDefine = "unused-define"
    case matchesPrompt = "matches-prompt"
    case lengthRule = "length-rule"

    /// The suffix a warning of this lint carries.
    public var tag: String { "[\(rawValue)]" }
}

