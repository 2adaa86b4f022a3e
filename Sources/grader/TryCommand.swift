import ArgumentParser
import Foundation
import GraderEngine
import GraderFoundation
import GraderWorkflows

/// `grader try`: one matcher over loose responses, one per line; the rubric author's
/// "try this rule" from the shell (OU's "try rule" for pmatch). With `--question`, a whole
/// question of a real rubric instead: each line graded as its answer, as `grade` would.
struct Try: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Try one matcher, or a question of a rubric, on responses, one per line.",
        discussion: """
        Reads FILE (or standard input) and prints, for each line, 1 or 0, a tab, and the \
        matched spans as START-END:TEXT (code-point offsets), separated by two spaces. \
        --words and --sentences print the count and the range instead, matched or not: \
        "1<tab>12 words (at most 14)", "0<tab>20 words (wanted at most 14)". \
        --pmatch takes the Open University's pattern-match syntax with OU's options and \
        defaults, so an expression copied from Moodle behaves as it did there.
        Example: printf 'tom married maud\\n' | grader try --pmatch 'match_mow(tom marr* maud)'

        With --question, each line is graded as the answer to that question of --rubric, \
        exactly as grade would: "line N: SCORE of POINTS" (raw and band when the question \
        has bands; "not credited: requires X" when its gate is not met), then each criterion, \
        element and penalty that fired with its spans ("not credited: requires X" when gated) \
        and each levels group ("2 of 4 key elements: 1 point"). --criterion ID prints only that \
        criterion, element, levels group or named matcher (<define>), met or not.
        Example: grader try --rubric R.xml --question q2 --criterion why answers.txt
        """
    )

    @Option(help: "A PCRE2 pattern, as in a rubric's <regex>.")
    var regex: String?

    @Option(help: "A keyword or phrase, as in a rubric's <keyword>.")
    var keyword: String?

    @Option(help: "An OU pattern-match expression, e.g. 'match_mow(tom|thomas marr* maud)'.")
    var pmatch: String?

    @Option(help: ArgumentHelp("A length rule, as a rubric's <words min max>: 15:60, :14 (at most 14) or 15: (at least 15).",
                               valueName: "min:max"))
    var words: String?

    @Option(help: ArgumentHelp("A length rule, as a rubric's <sentences min max>, written as for --words.", valueName: "min:max"))
    var sentences: String?

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

    @OptionGroup(title: "Trying a question of a rubric")
    var questionTrial: QuestionTrialOptions

    @Argument(help: "File of responses, one per line (default: standard input).")
    var file: String?

    func validate() throws {
        let given = [regex, keyword, pmatch, words, sentences].compactMap { $0 }
        if questionTrial.question != nil {
            guard given.isEmpty else {
                throw ValidationError("--question grades with the rubric's criteria: give no --regex, --keyword, --pmatch, --words or --sentences")
            }
        } else {
            guard questionTrial.rubric == nil && questionTrial.criterion == nil else { throw ValidationError("--rubric and --criterion apply to --question only") }
            guard given.count == 1 else {
                throw ValidationError("give exactly one of --regex, --keyword, --pmatch, --words, --sentences, or --question")
            }
        }
        for (name, range) in [("--words", words), ("--sentences", sentences)] where range.map({ !$0.contains(":") }) ?? false {
            throw ValidationError("\(name) takes MIN:MAX, :MAX or MIN: (e.g. :14 for at most 14), not '\(range ?? "")'")
        }
        guard (0...3).contains(typos) else { throw ValidationError("--typos must be 0 to 3") }
        if pmatch == nil && (ignoreCase || !synonym.isEmpty || sentenceDividers.characters != Self.pmatchDefaults.sentenceDividers
                                || wordDividers.characters != Self.pmatchDefaults.wordDividers || !convertToSpace.characters.isEmpty) {
            throw ValidationError("--ignore-case, --sentence-dividers, --word-dividers, --convert-to-space and --synonym apply to --pmatch only")
        }
        if keyword == nil && (stem || typos != 0) { throw ValidationError("--stem and --typos apply to --keyword only") }
    }

    func run() throws {
        if let question = questionTrial.question {
            try tryQuestion(question)
            return
        }
        let rule: RuleTrial.Rule
        if let regex {
            rule = .regex(regex, flags: flags)
        } else if let keyword {
            rule = .keyword(keyword, stem: stem, typos: typos)
        } else if let range = words ?? sentences {
            let bounds = Self.bounds(range)
            rule = .length(words != nil ? .words : .sentences, min: bounds.min, max: bounds.max)
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
        var output = ""
        var undecided = false
        for line in try responses() {
            do {
                let (matched, spans, measure) = try trial.run(line)
                output += "\(matched ? 1 : 0)\t\(measure ?? TrialText.spans(spans))\n"
            } catch {
                output += "?\tnot evaluated: \(error.description)\n"
                undecided = true
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        if undecided { throw ExitCode(ExitStatus.inputSkipped) }
    }

    /// `--question`: every line graded as the answer to one question of a real rubric.
    private func tryQuestion(_ label: String) throws {
        let trial: QuestionTrial
        let part: QuestionTrial.Part?
        do {
            let loaded = try RubricLoader.load(path: questionTrial.rubric ?? "Rubrics")
            do {
                trial = try QuestionTrial(rubric: loaded, question: label)
            } catch {
                throw CommandFailure.UsageFailure(Self.message(error, rubric: loaded.file))
            }
            part = try questionTrial.criterion.map { id throws(CommandFailure.UsageFailure) in
                guard let part = trial.part(id) else {
                    throw CommandFailure.UsageFailure("\(loaded.file): question \(trial.question.id) has no criterion, element, "
                                                      + "levels group or named matcher '\(id)'; its ids: \(trial.ids.joined(separator: ", "))")
                }
                return part
            }
        } catch {
            throw CommandFailure.exitCode(reporting: error)
        }
        var output = ""
        var undecided = false
        for (index, line) in try responses().enumerated() {
            let outcome = trial.run(line)
            let block = part.map { TrialText.part($0, outcome, line: index + 1) } ?? TrialText.question(outcome, line: index + 1)
            for printed in block.lines { output += printed + "\n" }
            undecided = undecided || block.undecided
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        if undecided { throw ExitCode(ExitStatus.inputSkipped) }
    }

    /// `MIN:MAX` as the attributes a rubric would write: an empty side is no bound.
    private static func bounds(_ range: String) -> (min: String?, max: String?) {
        let sides = range.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        return (sides[0].isEmpty ? nil : sides[0], sides.count < 2 || sides[1].isEmpty ? nil : sides[1])
    }

    private static func message(_ failure: QuestionTrial.Failure, rubric file: String) -> String {
        switch failure {
        case .unknownQuestion(let label, let known):
            return "\(file): no question '\(label)'; its questions: \(known.joined(separator: ", "))"
        case .noStemmer(let language):
            return "\(file): no Snowball stemmer for the rubric's language '\(language)'"
        }
    }

    /// The responses of FILE or standard input, one per line: a BOM dropped, CRLF read as LF,
    /// and no empty response after a final newline.
    private func responses() throws -> [String] {
        let input: Data
        if let file {
            guard let bytes = try? FileSystem.read(file) else {
                throw CommandFailure.exitCode(reporting: CommandFailure.UsageFailure("\(file): cannot read the file"))
            }
            input = Data(bytes)
        } else {
            input = FileHandle.standardInput.readDataToEndOfFile()
        }
        var text = String(decoding: input, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// `try --question`'s options, apart in the help from the matcher options they exclude.
struct QuestionTrialOptions: ParsableArguments {
    @Option(help: "The rubric file, or a folder holding exactly one rubric (default: Rubrics).")
    var rubric: String?

    @Option(help: "Grade each line as the answer to this question of --rubric (its id, or number: q02, 2).")
    var question: String?

    @Option(help: "With --question: print only this criterion, element, levels group or named matcher.")
    var criterion: String?
}
