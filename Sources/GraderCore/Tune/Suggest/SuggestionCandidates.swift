/// A criterion `--suggest` may propose: an ordinary readable matcher and a short label.
struct SuggestionCandidate: Sendable, Equatable {
    enum Source: String, Sendable { case phrase, pair, modelAnswer = "model answer" }
    /// The matcher as rubric XML, e.g. `<keyword stem="yes">weak reference</keyword>`.
    let matcher: String
    /// What it looks for, for people: `“weak reference”`, `“cycle” near “collector”`.
    let label: String
    let source: Source
}

/// Mines the candidates of one question from its answers: stemmed 1–3-word phrases found
/// in enough answers, pairs of the commonest such words as `near`, and the model answer's own
/// words, none built on a word the question's matchers already use. The pool is ranked by how
/// many answers hold a phrase, not by the scores people gave them: the learner reads the
/// scores (inside each training fold), so a held-out answer's score never shapes the pool.
enum SuggestionCandidates {
    /// How many phrases, and single words for `near` pairs, enter the learner's fit.
    static let phrasesTried = 150
    static let pairWords = 8

    static func mine(question: Question, counts: [String: (high: Int, low: Int)], high: Int, low: Int,
                     usedWords: (String) -> Bool) -> [SuggestionCandidate] {
        let answered = high + low
        let support = max(3, Int((Double(answered) * 0.05).rounded(.up)))
        var ranked: [(text: String, answers: Int)] = []
        for (text, count) in counts where count.high + count.low >= support && count.high + count.low < answered && readable(text) {
            guard !usedWords(text) else { continue }
            ranked.append((text, count.high + count.low))
        }
        ranked.sort { ($0.answers, $1.text) > ($1.answers, $0.text) }
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
