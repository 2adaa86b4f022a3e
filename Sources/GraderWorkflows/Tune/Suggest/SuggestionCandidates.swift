import GraderEngine
import GraderReports

/// A criterion `--suggest` may propose: an ordinary readable matcher and a short label.
struct SuggestionCandidate: Sendable, Equatable {
    enum Source: String, Sendable { case phrase, pair, modelAnswer = "model answer", length }
    enum Side: Sendable, Equatable { case criterion, penalty }
    /// The matcher as rubric XML, e.g. `<keyword stem="yes">weak reference</keyword>`.
    package let matcher: String
    /// What it looks for, for people: `“weak reference”`, `“cycle” near “collector”`.
    package let label: String
    package let source: Source
    /// The one side it may be taken on, nil for either: "under 20 words" reads only as a
    /// penalty, "at least 45 words" only as a criterion.
    var side: Side? = nil
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

    /// Percentiles of the answers' word counts that give a short-answer band (`<words max>`, a
    /// penalty) and a long-answer band (`<words min>`, a criterion).
    static let shortPercentiles = [0.10, 0.25]
    static let longPercentiles = [0.75, 0.90]

    /// Answer-length bands as candidates: thresholds at percentiles of the answers' word counts
    /// (`words`, one per answered answer), rounded to a multiple of 5 so a rule reads like a
    /// person's ("under 20 words"). Only the counts are read, never the scores, so a held-out
    /// answer's score never shapes the pool. A band no scored answer falls in (or every one
    /// does) is left out: with `short-scores-zero`, answers under `min-words` already score 0,
    /// so a band at or below it would only repeat that (the `[length-rule]` check's reasoning).
    static func lengthBands(words: [Int], question: Question) -> [SuggestionCandidate] {
        guard !words.isEmpty else { return [] }
        let sorted = words.sorted()
        func threshold(_ percentile: Double) -> Int {
            let value = sorted[Int((percentile * Double(sorted.count - 1)).rounded())]
            return Int((Double(value) / 5).rounded()) * 5
        }
        // Every scored answer has at least this many words.
        let shortest = question.shortScoresZero ? max(1, question.minWords) : 1
        var bands: [SuggestionCandidate] = []
        for under in Set(shortPercentiles.map(threshold)).sorted() where under - 1 >= shortest {
            bands.append(SuggestionCandidate(matcher: "<words max=\"\(under - 1)\"/>", label: "under \(under) words",
                                             source: .length, side: .penalty))
        }
        for least in Set(longPercentiles.map(threshold)).sorted() where least > shortest {
            bands.append(SuggestionCandidate(matcher: "<words min=\"\(least)\"/>", label: "at least \(least) words",
                                             source: .length, side: .criterion))
        }
        return bands
    }

    /// A phrase a criterion can stand on: every word two characters or more ("f" of `f.write`
    /// and the "s" of "element's" are not), and one of four letters or more.
    static func readable(_ phrase: String) -> Bool {
        let words = phrase.split(separator: " ")
        return words.allSatisfy { $0.count >= 2 } && words.contains { $0.filter(\.isLetter).count >= 4 }
    }

    package static func keyword(_ text: String) -> String {
        "<keyword stem=\"yes\">\(HTMLText.escaped(text))</keyword>"
    }
}
