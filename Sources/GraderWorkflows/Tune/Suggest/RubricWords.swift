import Foundation
import GraderEngine
import GraderFoundation
import LibXML2
import Snowball

/// The stems of every word a question's matchers already look for: keyword texts and
/// the synonym sets they name, pmatch expressions and synonyms, the literal words of
/// regexes, inside `near`, `any`, `all`, `not`, `at-least` and named matchers (`define`)
/// alike. `--suggest` never proposes a criterion built on one of them.
struct RubricWords {
    private var byQuestion: [String: Set<String>] = [:]

    /// Reads the rubric's XML again (the compiled matchers keep no words, only ids).
    init(rubric: Rubric, stemmer: Stemmer) {
        guard let bytes = try? FileSystem.read(rubric.file),
              let tree = try? XMLTree(bytes: bytes, name: rubric.file), let root = tree.root else { return }
        var synonymSets: [String: String] = [:]
        for set in root.children(named: "synonyms") { synonymSets[set.attribute("id") ?? ""] = set.text }
        // Rubric-wide named matchers may be used by any question: their words count for all.
        let shared = root.children(named: "define").flatMap { Self.texts(of: $0, synonymSets) }
        for question in root.children(named: "question") {
            let texts = Self.texts(of: question, synonymSets, skipping: ["prompt", "model-answer", "example", "feedback"]) + shared
            var stems = Set<String>()
            for text in texts {
                for word in Self.words(text) { stems.insert(stemmer.stem(word)) }
            }
            byQuestion[question.attribute("id") ?? ""] = stems
        }
    }

    /// True when a word of `phrase` is a word some matcher of `question` uses (compared by stem).
    func overlaps(_ phrase: String, question: String, stemmer: Stemmer) -> Bool {
        guard let used = byQuestion[question] else { return false }
        return Self.words(phrase).contains { used.contains(stemmer.stem($0)) }
    }

    /// Lower-cased runs of letters and digits: the words of a keyword, a pmatch expression or a regex's literals.
    package static func words(_ text: String) -> [String] {
        Normaliser.fold(text).split { !($0.isLetter || $0.isNumber) }.map(String.init).filter { $0.count >= 2 }
    }

    /// A regex's text with each escape (`\b`, `\s`, `\d`) blanked: they are syntax, not letters of
    /// a word. A scan of characters, not a pattern: all matching goes through PCRE2, and this needs none.
    static func withoutEscapes(_ pattern: String) -> String {
        var result = "", escaped = false
        for character in pattern {
            if escaped || character == "\\" {
                escaped = !escaped && character == "\\"
                result.append(" ")
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// A pmatch expression without OU's function names (`match_mow(`, `match_all(`): syntax, not
    /// words the expression looks for.
    static func withoutMatchOptions(_ expression: String) -> String {
        var result = "", rest = Substring(expression)
        while let start = rest.range(of: "match_") {
            result += rest[..<start.lowerBound] + " "
            rest = rest[start.upperBound...].drop { $0.isLetter || $0.isNumber }
        }
        return result + rest
    }

    private static func texts(of node: XMLTree.Node, _ synonymSets: [String: String], skipping: Set<String> = []) -> [String] {
        var found: [String] = []
        for child in node.children where !skipping.contains(child.name) {
            switch child.name {
            case "keyword":
                found.append(child.text)
                if let set = child.attribute("synonyms"), let alternatives = synonymSets[set] { found.append(alternatives) }
            case "regex":
                found.append(withoutEscapes(child.text))
            case "expression", "synonym":
                found.append(withoutMatchOptions(child.text))
            default:
                found += texts(of: child, synonymSets, skipping: skipping)
            }
        }
        return found
    }
}
