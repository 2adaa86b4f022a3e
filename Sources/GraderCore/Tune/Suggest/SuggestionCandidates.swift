/// A criterion `--suggest` may propose: an ordinary readable matcher and a short label.
struct SuggestionCandidate: Sendable, Equatable {
    enum Source: String, Sendable { case phrase, pair, modelAnswer = "model answer" }
    /// The matcher as rubric XML, e.g. `<keyword stem="yes">weak reference</keyword>`.
    let matcher: String
    /// What it looks for, for people: `“weak reference”`, `“cycle” near “collector”`.
    let label: String
    let source: Source
}

/// Mines the candidates of one question from its graded answers: stemmed 1–3-word
/// phrases common in high-scored answers, pairs of such words as `near`, and the model
/// answer's own words, none built on a word the question's matchers already use.
enum SuggestionCandidates {
    /// How many of each kind are tried; the greedy search scores every one by cross-validation.
    static let phrasesTried = 40
    static let pairWords = 8

    static func mine(question: Question, counts: [String: (high: Int, low: Int)], high: Int, low: Int,
                     usedWords: (String) -> Bool) -> [SuggestionCandidate] {
        let answered = high + low
        let support = max(3, Int((Double(answered) * 0.05).rounded(.up)))
        var ranked: [(text: String, odds: Double, high: Int)] = []
        for (text, count) in counts where count.high + count.low >= support && count.high >= 2 && readable(text) {
            let odds = PhraseMining.logOdds(high: count.high, highTotal: high, low: count.low, lowTotal: low)
            guard odds > 0, !usedWords(text) else { continue }
            ranked.append((text, odds, count.high))
        }
        ranked.sort { ($0.odds, $0.high, $1.text) > ($1.odds, $1.high, $0.text) }
        var candidates: [SuggestionCandidate] = []
        var seen = Set<String>()
        func add(_ candidate: SuggestionCandidate) {
            if seen.insert(candidate.matcher).inserted { candidates.append(candidate) }
        }
        for phrase in ranked.prefix(phrasesTried) {
            add(SuggestionCandidate(matcher: keyword(phrase.text), label: "“\(phrase.text)”", source: .phrase))
        }
        let singles = ranked.filter { !$0.text.contains(" ") }.prefix(pairWords).map(\.text).sorted()
        for (index, first) in singles.enumerated() {
            for second in singles[(index + 1)...] {
                add(SuggestionCandidate(matcher: "<near within=\"6\">\(keyword(first))\(keyword(second))</near>",
                                        label: "“\(first)” near “\(second)”", source: .pair))
            }
        }
        if let model = question.modelAnswer {
            var words = Set<String>()
            for word in RubricWords.words(model) where word.count >= 4 && !StopWords.english.contains(word) && !usedWords(word) {
                words.insert(word)
            }
            for word in words.sorted() {
                add(SuggestionCandidate(matcher: keyword(word), label: "“\(word)” (model answer)", source: .modelAnswer))
            }
        }
        return candidates
    }

    /// A phrase a criterion can stand on: every word two characters or more ("f" of `f.write`
    /// and the "s" of "element's" are not), and one of four letters or more.
    static func readable(_ phrase: String) -> Bool {
        let words = phrase.split(separator: " ")
        return words.allSatisfy { $0.count >= 2 } && words.contains { $0.filter(\.isLetter).count >= 4 }
    }

    static func keyword(_ text: String) -> String {
        "<keyword stem=\"yes\">\(HTMLText.escaped(text))</keyword>"
    }
}
