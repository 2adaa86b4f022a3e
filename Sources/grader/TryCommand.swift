import ArgumentParser
import Foundation
import GraderCore

/// `grader try`: one matcher over loose responses, one per line; the rubric author's
/// "try this rule" from the shell (OU's "try rule" for pmatch).
struct Try: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Try one matcher on responses, one per line.",
        discussion: """
        Reads FILE (or standard input) and prints, for each line, 1 or 0, a tab, and the \
        matched spans as START-END:TEXT (code-point offsets), separated by two spaces. \
        --pmatch takes the Open University's pattern-match syntax with OU's options and \
        defaults, so an expression copied from Moodle behaves as it did there.
        Example: printf 'tom married maud\\n' | grader try --pmatch 'match_mow(tom marr* maud)'
        """
    )

    @Option(help: "A PCRE2 pattern, as in a rubric's <regex>.")
    var regex: String?

    @Option(help: "A keyword or phrase, as in a rubric's <keyword>.")
    var keyword: String?

    @Option(help: "An OU pattern-match expression, e.g. 'match_mow(tom|thomas marr* maud)'.")
    var pmatch: String?

    @Option(help: "Regex flags (i, m, s, x, a), as in a rubric; --flags= for none.")
    var flags: String = "i"

    @Flag(help: "Keyword: compare Snowball stems.")
    var stem = false

    @Option(help: "Keyword: edits allowed per word (0–3).")
    var typos: Int = 0

    @Flag(help: "pmatch: ignore case (off by default, as in OU).")
    var ignoreCase = false

    // The `=` form passes an empty set (--sentence-dividers=) or characters that start with '-'.
    @Option(help: "pmatch: characters that end a sentence; --sentence-dividers= for none.")
    var sentenceDividers = CharacterSetArgument(Self.pmatchDefaults.sentenceDividers)

    @Option(help: "pmatch: characters between words.")
    var wordDividers = CharacterSetArgument(Self.pmatchDefaults.wordDividers)

    @Option(help: "pmatch: characters read as spaces.")
    var convertToSpace = CharacterSetArgument(Self.pmatchDefaults.convertToSpace)

    /// OU's defaults, the ones a rubric's `<pmatch>` gets.
    static let pmatchDefaults = PMatchOptions()

    @Option(help: ArgumentHelp("pmatch: a synonym, WORD=ALT|ALT (repeatable).", valueName: "word=alt|alt"))
    var synonym: [PMatchOptions.Synonym] = []

    @Argument(help: "File of responses, one per line (default: standard input).")
    var file: String?

    func validate() throws {
        let given = [regex, keyword, pmatch].compactMap { $0 }
        guard given.count == 1 else { throw ValidationError("give exactly one of --regex, --keyword, --pmatch") }
        guard (0...3).contains(typos) else { throw ValidationError("--typos must be 0 to 3") }
        if pmatch == nil && (ignoreCase || !synonym.isEmpty || sentenceDividers.characters != Self.pmatchDefaults.sentenceDividers
                                || wordDividers.characters != Self.pmatchDefaults.wordDividers || !convertToSpace.characters.isEmpty) {
            throw ValidationError("--ignore-case, --sentence-dividers, --word-dividers, --convert-to-space and --synonym apply to --pmatch only")
        }
        if keyword == nil && (stem || typos != 0) { throw ValidationError("--stem and --typos apply to --keyword only") }
    }

    func run() throws {
        let rule: RuleTrial.Rule
        if let regex {
            rule = .regex(regex, flags: flags)
        } else if let keyword {
            rule = .keyword(keyword, stem: stem, typos: typos)
        } else {
            var options = PMatchOptions()
            options.ignoreCase = ignoreCase
            options.sentenceDividers = sentenceDividers.characters
            options.wordDividers = wordDividers.characters
            options.convertToSpace = convertToSpace.characters
            options.synonyms = synonym
            rule = .pmatch(pmatch ?? "", options)
        }
        let trial: RuleTrial
        do {
            trial = try RuleTrial(rule)
        } catch {
            throw CommandFailure.exitCode(reporting: error)
        }
        let input: Data
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure.exitCode(reporting: CommandFailure.UsageFailure("\(file): cannot read the file"))
            }
            input = data
        } else {
            input = FileHandle.standardInput.readDataToEndOfFile()
        }
        var text = String(decoding: input, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        var output = ""
        var undecided = false
        for line in lines {
            do {
                let (matched, spans) = try trial.run(line)
                let shown = spans.map { "\($0.range.lowerBound)-\($0.range.upperBound):\($0.text)" }.joined(separator: "  ")
                output += "\(matched ? 1 : 0)\t\(shown)\n"
            } catch {
                output += "?\tnot evaluated: \(error.description)\n"
                undecided = true
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        if undecided { throw ExitCode(ExitStatus.inputSkipped) }
    }
}
