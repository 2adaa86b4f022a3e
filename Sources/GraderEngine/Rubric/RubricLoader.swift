import Foundation
import GraderFoundation
import LibCrypto
import LibXML2
import PCRE2
import Snowball

/// Reads a rubric file: safe XML parse, validation against `rubric.xsd`, then
/// compilation of every matcher (PCRE2 + JIT, Snowball stems of the rubric's
/// words, folded keyword forms). All of it happens here, once per run.
public enum RubricLoader {
    /// Loads the rubric at `path`, or the single rubric (`*.xml`) in the folder at `path`.
    public static func load(path: String) throws(InputError) -> Rubric {
        let file = try resolve(path)
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(file)
        } catch {
            throw InputError([Diagnostic(.error, file: file, "cannot read the rubric: \(error.reason)")])
        }
        return try load(bytes: bytes, file: file)
    }

    /// Loads a rubric from bytes; `file` names it in diagnostics.
    public static func load(bytes: [UInt8], file: String) throws(InputError) -> Rubric {
        let tree: XMLTree
        let source = RubricSource(bytes: bytes)
        do {
            tree = try XMLTree(bytes: bytes, name: file)
            try Schemas.rubric.validate(tree)
        } catch {
            throw InputError(error.diagnostics.map { SchemaMessages.diagnostic($0, file: file, source: source) })
        }
        guard let root = tree.root else { throw InputError([Diagnostic(.error, file: file, "the rubric is empty")]) }
        let sha256: String
        do {
            sha256 = try Digest.sha256Hex(bytes)
        } catch {
            throw InputError([Diagnostic(.error, file: file, "cannot compute the rubric's SHA-256: \(error)")])
        }
        var builder = try Builder(file: file, root: root, source: source)
        let rubric = builder.build(root: root, sha256: sha256, bytes: bytes)
        if !builder.problems.isEmpty { throw InputError(builder.problems) }
        return rubric
    }

    /// A file path as given, or the one rubric inside a folder.
    static func resolve(_ path: String) throws(InputError) -> String {
        guard let facts = FileSystem.facts(path) else {
            throw InputError([Diagnostic(.error, file: path, "no such rubric file or folder")])
        }
        guard facts.isFolder else { return path }
        let names = ((try? FileSystem.list(path)) ?? [])
            .filter { $0.hasSuffix(".xml") && !$0.hasPrefix(".") }
            .sorted()
        switch names.count {
        case 1: return (path as NSString).appendingPathComponent(names[0])
        case 0: throw InputError([Diagnostic(.error, file: path, "the folder holds no rubric (*.xml)")])
        default:
            throw InputError([Diagnostic(.error, file: path,
                "the folder holds several rubrics (\(names.joined(separator: ", ")))", remedy: .chooseRubric)])
        }
    }
}

/// Walks a schema-valid rubric tree and compiles it, collecting every semantic problem.
private struct Builder {
    let file: String
    let source: RubricSource
    let language: String
    let stemmer: Stemmer
    var synonyms: [String: [String]] = [:]
    var problems: [Diagnostic] = []
    var vocabulary = Vocabulary()
    var regexSites: [RegexSite] = []
    /// Every keyword phrase's first word and its stem (see `Rubric.keywordStarts`).
    var keywordStartNames = Set<Vocabulary.ID>()
    var keywordStartStems = Set<Vocabulary.ID>()
    /// `<define>`s: the rubric's, and those of the question being built.
    var defines = DefineScopes()

    init(file: String, root: XMLTree.Node, source: RubricSource) throws(InputError) {
        self.file = file
        self.source = source
        language = root.attribute("language") ?? "english"
        do {
            stemmer = try Stemmer(language: language)
        } catch {
            throw InputError([Diagnostic(.error, file: file, line: root.line, "\(error)")])
        }
        for set in root.children(named: "synonyms") {
            synonyms[set.attribute("id") ?? ""] = set.text.split(separator: "|")
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty }
        }
    }

    /// Compiles every rubric-wide `<define>`, each once, in the order written.
    mutating func compileRubricDefines(_ root: XMLTree.Node) {
        for node in root.children(named: "define") {
            let id = node.attribute("id") ?? ""
            if let first = defines.rubricNodes[id] {
                problems.append(error(at: node, question: nil, "define '\(id)' is already defined on line \(first.line)"))
                continue
            }
            defines.rubricNodes[id] = node
        }
        for node in root.children(named: "define") { _ = define(node.attribute("id") ?? "", scope: .rubric, at: node, question: nil) }
    }

    mutating func build(root: XMLTree.Node, sha256: String, bytes: [UInt8]) -> Rubric {
        compileRubricDefines(root)
        let questionNodes = root.children(named: "question")
        let questions = questionNodes.map { question($0) }
        let directory = QuestionDirectory(questions: questions.enumerated().map { ($1.id, $0 + 1) })
        return Rubric(id: root.attribute("id") ?? "", version: root.attribute("version"),
                      title: root.firstChild(named: "title")?.text, file: file, sha256: sha256, bytes: bytes,
                      questions: questions, directory: directory, language: language, vocabulary: vocabulary,
                      keywordStarts: (keywordStartNames.sorted(), keywordStartStems.sorted()),
                      regexSites: regexSites,
                      defines: root.children(named: "define").compactMap { defines.compiled[.init(scope: .rubric, id: $0.attribute("id") ?? "")] })
    }

    private mutating func question(_ node: XMLTree.Node) -> Question {
        let id = node.attribute("id") ?? ""
        let prompt = node.firstChild(named: "prompt")?.text ?? ""
        let modelNode = node.firstChild(named: "model-answer")
        let model = modelNode?.text
        compileQuestionDefines(node, question: id)
        let criteria = node.children(named: "criterion").map { rule($0, kind: .criterion, question: id) }
        let levels = node.children(named: "levels").map { levelGroup($0, question: id) }
        let penalties = node.children(named: "penalty").map { rule($0, kind: .penalty, question: id) }
        let examples = node.children(named: "example").map {
            ExampleAnswer(text: $0.text, expectedScore: Double($0.attribute("score") ?? "") ?? 0,
                          note: $0.attribute("note"), line: $0.line)
        }
        let points = Double(node.attribute("points") ?? "") ?? 0
        let floor = Double(node.attribute("floor") ?? "0") ?? 0
        if floor > points {
            problems.append(error(at: node, question: id,
                                       "floor \(NumberText.format(floor)) is above the question's points \(NumberText.format(points))"))
        }
        let requires = RequirementResolver.ids(node.attribute("requires"))
        var resolver = RequirementResolver(criteria: criteria, levels: levels, penalties: penalties) { [defines] in defines.visible($0) }
        let gates = resolver.resolve(question: requires, questionSite: .init(element: "question", line: node.line))
        for problem in resolver.problems {
            let place = source.elementPosition(problem.site.element, line: problem.site.line)
            problems.append(Diagnostic(.error, file: file, line: place.line, column: place.column, question: id, problem.message))
        }
        let usesStemming = !node.descendants(named: "keyword").allSatisfy { $0.attribute("stem") != "yes" }
            || node.descendants(named: "use").contains { defines.stems(ref: $0.attribute("ref") ?? "") }
            || resolver.requiredDefines.contains { defines.stems(ref: $0.id) }
        return Question(id: id, points: points, floor: floor, base: Double(node.attribute("base") ?? "0") ?? 0,
                        minWords: Int(node.attribute("min-words") ?? "0") ?? 0,
                        shortScoresZero: node.attribute("short-scores-zero") == "yes",
                        prompt: prompt, modelAnswer: model, modelAnswerLine: modelNode?.line ?? 0,
                        criteria: criteria, levels: levels, penalties: penalties, bands: bands(node.firstChild(named: "bands")),
                        requires: requires, rules: criteria + levels.flatMap(\.elements) + penalties,
                        requiredDefines: resolver.requiredDefines, examples: examples,
                        defines: node.children(named: "define").compactMap { defines.compiled[.init(scope: .question, id: $0.attribute("id") ?? "")] },
                        gates: gates,
                        copySources: CopySources(prompt: prompt, modelAnswer: model ?? "", vocabulary: &vocabulary),
                        usesStemming: usesStemming, modelStems: ModelStems(model, vocabulary: &vocabulary, stemmer: stemmer))
    }

    /// Compiles a question's own `<define>`s, each once; they are visible to this question only.
    private mutating func compileQuestionDefines(_ node: XMLTree.Node, question: String) {
        defines.startQuestion()
        let nodes = node.children(named: "define")
        for define in nodes {
            let id = define.attribute("id") ?? ""
            if let first = defines.questionNodes[id] ?? defines.rubricNodes[id] {
                problems.append(error(at: define, question: question, "define '\(id)' is already defined on line \(first.line)"))
                continue
            }
            defines.questionNodes[id] = define
        }
        for define in nodes { _ = self.define(define.attribute("id") ?? "", scope: .question, at: define, question: question) }
    }

    /// The named matcher `id` as seen from `scope`, compiled at its first use. `at` is where
    /// it is asked for: a `<use>`, or the `<define>` itself.
    private mutating func define(_ id: String, scope: DefineScopes.Scope, at node: XMLTree.Node, question: String?) -> NamedMatcher? {
        guard let (key, defineNode) = defines.lookup(id, from: scope) else { return nil }
        if let compiled = defines.compiled[key] { return compiled }
        if let start = defines.compiling.firstIndex(of: key) {
            let loop = (defines.compiling[start...].map(\.id) + [id]).joined(separator: " → ")
            problems.append(error(at: node, question: question, "define '\(id)' uses itself (\(loop))"))
            return NamedMatcher(id: id, summary: id, matcher: AnyMatcher(children: [], summary: id), line: defineNode.line)
        }
        defines.compiling.append(key)
        let body = defineNode.children[0]
        let matcher = compile(body, question: question, rule: id, scope: key.scope)
        defines.compiling.removeLast()
        let named = NamedMatcher(id: id, summary: matcher.summary, matcher: matcher, line: defineNode.line)
        defines.compiled[key] = named
        defines.stemming[key] = !(defineNode.descendants(named: "keyword").allSatisfy { $0.attribute("stem") != "yes" })
            || defineNode.descendants(named: "use").contains { defines.stems(ref: $0.attribute("ref") ?? "", from: key.scope) }
        return named
    }

    private mutating func levelGroup(_ node: XMLTree.Node, question: String) -> LevelGroup {
        let id = node.attribute("id") ?? ""
        let elements = node.children(named: "criterion").map { rule($0, kind: .element, question: question, group: id) }
        let table = node.children(named: "level").enumerated().map { offset, level in
            (offset, Level(min: Int(level.attribute("min") ?? "") ?? 0, points: Double(level.attribute("points") ?? "") ?? 0))
        }
        return LevelGroup(id: id, label: node.attribute("label") ?? "elements",
                          feedback: node.firstChild(named: "feedback")?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? "",
                          requires: RequirementResolver.ids(node.attribute("requires")), elements: elements,
                          table: table.sorted { ($0.1.min, $0.0) < ($1.1.min, $1.0) }.map(\.1), line: node.line)
    }

    /// A question's `<bands>`, ascending by `from` (stable).
    private func bands(_ node: XMLTree.Node?) -> [Band] {
        guard let node else { return [] }
        let bands = node.children(named: "band").enumerated().map { offset, band in
            (offset, Band(from: Double(band.attribute("from") ?? "") ?? 0, points: Double(band.attribute("points") ?? "") ?? 0,
                          descriptor: band.text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        return bands.sorted { ($0.1.from, $0.0) < ($1.1.from, $1.0) }.map(\.1)
    }

    private mutating func rule(_ node: XMLTree.Node, kind: ScoredRule.Kind, question: String, group: String? = nil) -> ScoredRule {
        let matcherNode = node.children.first { $0.name != "feedback" }!
        let matcher = compile(matcherNode, question: question, rule: node.attribute("id") ?? "", scope: .question)
        return ScoredRule(id: node.attribute("id") ?? "", kind: kind,
                          points: kind == .element ? 0 : Double(node.attribute("points") ?? "") ?? 0,
                          feedback: node.firstChild(named: "feedback")?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? "",
                          summary: matcher.summary, matcher: matcher, line: node.line,
                          requires: RequirementResolver.ids(node.attribute("requires")), group: group)
    }

    private mutating func compile(_ node: XMLTree.Node, question: String?, rule: String, scope: DefineScopes.Scope) -> any Matcher {
        switch node.name {
        case "keyword": return keyword(node, question: question)
        case "regex": return regex(node, question: question, rule: rule)
        case "pmatch": return pmatch(node, question: question)
        case "words", "sentences": return length(node, question: question)
        case "use":
            let ref = node.attribute("ref") ?? ""
            guard let named = define(ref, scope: scope, at: node, question: question) else {
                let visible = scope == .rubric ? "rubric-wide named matcher (a rubric-wide define cannot use a question's)"
                    : "named matcher of this question or the rubric"
                problems.append(error(at: node, question: question, "use ref=\"\(ref)\" names no \(visible)"))
                return AnyMatcher(children: [], summary: "use \(ref)")
            }
            return DefinedMatcher(named: named.matcher, summary: "\(ref)=\(named.summary)")
        case "near":
            let terms = node.children.map { compile($0, question: question, rule: rule, scope: scope) }
            let within = Int(node.attribute("within") ?? "") ?? 0
            let ordered = node.attribute("ordered") == "yes"
            return NearMatcher(terms: terms, within: within, ordered: ordered,
                               summary: "near(\(within)\(ordered ? ", ordered" : ""): \(terms.map(\.summary).joined(separator: ", ")))")
        case "all":
            let children = node.children.map { compile($0, question: question, rule: rule, scope: scope) }
            return AllMatcher(children: children, summary: "all(\(children.map(\.summary).joined(separator: ", ")))")
        case "any":
            let children = node.children.map { compile($0, question: question, rule: rule, scope: scope) }
            return AnyMatcher(children: children, summary: "any(\(children.map(\.summary).joined(separator: ", ")))")
        case "not":
            let child = compile(node.children[0], question: question, rule: rule, scope: scope)
            return NotMatcher(child: child, summary: "not(\(child.summary))")
        case "at-least":
            let children = node.children.map { compile($0, question: question, rule: rule, scope: scope) }
            let required = Int(node.attribute("n") ?? "") ?? 1
            if required > children.count {
                problems.append(error(at: node, question: question,
                                           "at-least n=\(required) can never match: it has only \(Plural.count(children.count, "matcher"))"))
            }
            return AtLeastMatcher(required: required, children: children,
                                  summary: "at-least \(required)(\(children.map(\.summary).joined(separator: ", ")))")
        default:
            // The schema admits no other element here.
            problems.append(error(at: node, question: question, "unknown matcher <\(node.name)>"))
            return AnyMatcher(children: [], summary: node.name)
        }
    }

    private mutating func keyword(_ node: XMLTree.Node, question: String?) -> any Matcher {
        let text = node.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let stem = node.attribute("stem") == "yes"
        let typos = Int(node.attribute("typos") ?? "0") ?? 0
        var phrases: [KeywordMatcher.Phrase] = []
        if !text.isEmpty, let phrase = phrase(text, stem: stem, typos: typos, label: "keyword \"\(text)\"") {
            phrases.append(phrase)
        }
        var options: [String] = []
        if stem { options.append("stem") }
        if typos > 0 { options.append("typos \(typos)") }
        if let setID = node.attribute("synonyms") {
            options.append("synonyms \(setID)")
            for alternative in synonyms[setID] ?? [] where Normaliser.fold(alternative) != Normaliser.fold(text) {
                if let phrase = phrase(alternative, stem: stem, typos: typos, label: "synonym \"\(alternative)\" (\(setID))") {
                    phrases.append(phrase)
                }
            }
        }
        if phrases.isEmpty {
            problems.append(error(at: node, question: question,
                                       "keyword has no words to look for (give text or a synonyms set)"))
        }
        let shown = text.isEmpty ? "{\(node.attribute("synonyms") ?? "")}" : "\"\(text)\""
        return KeywordMatcher(phrases: phrases,
                              summary: "keyword \(shown)" + (options.isEmpty ? "" : " [\(options.joined(separator: ", "))]"))
    }

    /// Tokenises a keyword exactly as answers are tokenised, so both sides agree on word boundaries.
    private mutating func phrase(_ text: String, stem: Bool, typos: Int, label: String) -> KeywordMatcher.Phrase? {
        let tokens = Normaliser().normalise(text, vocabulary: &vocabulary).tokens
        guard !tokens.isEmpty else { return nil }
        let words = tokens.map { token -> KeywordMatcher.Word in
            let folded = vocabulary.word(token.word)
            let plain = token.core == Vocabulary.none && token.parts.isEmpty && folded.allSatisfy(\.isLetter)
            let length = folded.count
            let allowance = plain ? min(typos, length < 4 ? 0 : length < 8 ? 1 : typos) : 0
            return KeywordMatcher.Word(id: token.word, scalars: folded.unicodeScalars.map(\.value),
                                       stem: stem && plain ? vocabulary.stem(of: token.word, stemmer: stemmer) : Vocabulary.none,
                                       typoAllowance: allowance)
        }
        keywordStartNames.insert(words[0].id)
        if words[0].stem != Vocabulary.none { keywordStartStems.insert(words[0].stem) }
        return KeywordMatcher.Phrase(words: words, label: label)
    }

    /// `<words>` or `<sentences>`: the bounds read and checked here, once, so matching
    /// compares two integers.
    private mutating func length(_ node: XMLTree.Node, question: String?) -> any Matcher {
        let unit: LengthUnit = node.name == "sentences" ? .sentences : .words
        do {
            let bounds = try LengthBounds.parse(min: node.attribute("min"), max: node.attribute("max"), unit: unit)
            return LengthMatcher(unit: unit, bounds: bounds)
        } catch {
            problems.append(self.error(at: node, question: question, error.message))
            return AnyMatcher(children: [], summary: node.name)
        }
    }

    /// An error about `node`, placed at its start tag.
    private func error(at node: XMLTree.Node, question: String?, _ message: String) -> Diagnostic {
        let place = source.elementPosition(node.name, line: node.line)
        return Diagnostic(.error, file: file, line: place.line, column: place.column, question: question, message)
    }

    /// Compiles `<pmatch>`: OU's options from attributes, synonyms from children, the expression
    /// folded like answers are (NFKC, typographic quotes and dashes) so both sides agree.
    private mutating func pmatch(_ node: XMLTree.Node, question: String?) -> any Matcher {
        var options = PMatchOptions()
        options.ignoreCase = node.attribute("ignore-case") == "yes"
        options.sentenceDividers = node.attribute("sentence-dividers") ?? options.sentenceDividers
        options.wordDividers = node.attribute("word-dividers") ?? options.wordDividers
        options.convertToSpace = node.attribute("convert-to-space") ?? ""
        options.synonyms = node.children(named: "synonym").map {
            PMatchOptions.Synonym(word: fold($0.attribute("word") ?? ""),
                                  alternatives: fold($0.text).split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        let expressionNode = node.firstChild(named: "expression") ?? node
        let source = fold(expressionNode.text.trimmingCharacters(in: .whitespacesAndNewlines))
        do {
            let expression = try PMatchExpression(source, options: options)
            return PMatchMatcher(expression: expression, summary: "pmatch \(source.split(whereSeparator: \.isWhitespace).joined(separator: " "))")
        } catch {
            problems.append(self.error(at: expressionNode, question: question, "pmatch expression does not parse \(error): \(source)"))
            return AnyMatcher(children: [], summary: "pmatch \(source)")
        }
    }

    /// The answer normaliser's text for a rubric string.
    private mutating func fold(_ text: String) -> String {
        Normaliser().normalise(text, vocabulary: &vocabulary).text
    }

    private mutating func regex(_ node: XMLTree.Node, question: String?, rule: String) -> any Matcher {
        let text = node.text
        let flags = node.attribute("flags") ?? "i"
        var options: Pattern.Options = [.unicodeProperties]
        for flag in flags {
            switch flag {
            case "i": options.insert(.caseless)
            case "m": options.insert(.multiline)
            case "s": options.insert(.dotAll)
            case "x": options.insert(.extended)
            case "a": options.remove(.unicodeProperties)
            default: break
            }
        }
        do {
            let pattern = try Pattern(text, options: options)
            let place = self.source.elementPosition("regex", line: node.line)
            regexSites.append(RegexSite(question: question, rule: rule, line: place.line ?? node.line,
                                        column: place.column, pattern: pattern, flags: flags))
            return RegexMatcher(pattern: pattern, summary: "regex /\(text)/\(flags)",
                                required: RequiredLiterals.of(text, extended: options.contains(.extended)))
        } catch {
            // PCRE2's offset is in bytes of the decoded pattern: map it back into the file.
            if let place = self.source.position(ofTextOffset: error.offset, inElement: "regex", line: node.line) {
                problems.append(Diagnostic(.error, file: file, line: place.line, column: place.column, question: question,
                                           "regex does not compile: \(error.message) (offset \(error.offset) of /\(text)/)"))
            } else {
                problems.append(Diagnostic(.error, file: file, line: node.line, question: question,
                                           "regex does not compile: \(error.message) at offset \(error.offset) of /\(text)/"))
            }
            return AnyMatcher(children: [], summary: "regex /\(text)/")
        }
    }
}

extension XMLTree.Node {
    package func descendants(named name: String) -> [XMLTree.Node] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.descendants(named: name) }
    }
}
