import PCRE2

/// Computes an `AnswerProfile`. Its patterns are compiled once and shared.
struct Profiler: Sendable {
    /// A line that reads as code: indented as a Markdown code block, a Python statement, a REPL prompt or a call.
    private let codeLine: Pattern
    /// A sentence end: terminal punctuation followed by a space or the end of the text.
    private let sentenceEnd: Pattern

    init() {
        do {
            codeLine = try Pattern(#"^(?:(?: {4}|\t)\S|\s*(?:>>>|\.\.\.)\s|\s*(?:def|class|import|from|return|raise|yield|async\s+def|await|with|try|except|finally|elif|else|for|while|if|del|assert|pass|print)\b[^\n]*[:\w)\]]\s*$|\s*@[A-Za-z_][\w.]*(?:\(.*\))?\s*$|\s*[A-Za-z_][\w.\[\]'"]*\s*(?:=|\+=|-=)\s*\S|\s*[A-Za-z_][\w.]*\(.*\)\s*$|\s*print\s*\(|\s*#\s)"#,
                               options: [.multiline])
            sentenceEnd = try Pattern(#"[.!?]+(?=\s|$)"#, options: [])
        } catch {
            preconditionFailure("built-in profile pattern does not compile: \(error)")
        }
    }

    func profile(original: String, normalised: NormalisedText, question: Question, scratch: MatchScratch) -> AnswerProfile {
        let words = normalised.tokens.map(\.folded)
        guard !words.isEmpty else { return .empty }
        let codeLines = countCodeLines(original, scratch: scratch)
        let prose = words.count
        let ends = (try? sentenceEnd.matches(in: normalised.text, scratch: scratch, limit: Int.max))?.count ?? 0
        let sentences = max(1, ends + (endsWithoutPunctuation(normalised.text) ? 1 : 0))
        let syllables = words.reduce(0) { $0 + Syllables.count($1) }
        let ease = 206.835 - 1.015 * (Double(prose) / Double(sentences)) - 84.6 * (Double(syllables) / Double(prose))
        return AnswerProfile(words: prose, sentences: sentences, readingEase: ease,
                             lexicalDiversity: Self.movingTypeTokenRatio(words),
                             codeLines: codeLines,
                             promptOverlap: CopySources.share(of: words, in: question.copySources.prompt),
                             modelOverlap: CopySources.share(of: words, in: question.copySources.modelAnswer))
    }

    /// Lines in fenced blocks, plus lines outside them that read as code.
    private func countCodeLines(_ text: String, scratch: MatchScratch) -> Int {
        var count = 0
        var fenced = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fenced.toggle()
                continue
            }
            if fenced {
                if !trimmed.isEmpty { count += 1 }
            } else if (try? codeLine.firstMatch(in: String(line), scratch: scratch)) != nil {
                count += 1
            }
        }
        return count
    }

    private func endsWithoutPunctuation(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last(where: { !$0.properties.isWhitespace }) else { return false }
        return !".!?".unicodeScalars.contains(last)
    }

    /// MATTR: the mean type-token ratio of every 50-word window, which unlike the plain
    /// ratio does not fall as answers grow longer.
    static func movingTypeTokenRatio(_ words: [String], window: Int = 50) -> Double {
        guard !words.isEmpty else { return 0 }
        guard words.count > window else { return Double(Set(words).count) / Double(words.count) }
        var counts: [String: Int] = [:]
        for word in words[0..<window] { counts[word, default: 0] += 1 }
        var total = Double(counts.count)
        var windows = 1.0
        for end in window..<words.count {
            let leaving = words[end - window]
            counts[leaving]! -= 1
            if counts[leaving] == 0 { counts[leaving] = nil }
            counts[words[end], default: 0] += 1
            total += Double(counts.count)
            windows += 1
        }
        return total / windows / Double(window)
    }
}

/// English syllable estimate for readability: vowel groups, less a silent final "e".
/// Hand-written: a dictionary-free heuristic is what Flesch scores conventionally use.
enum Syllables {
    static func count(_ word: String) -> Int {
        var groups = 0
        var previousVowel = false
        var letters = 0
        for scalar in word.unicodeScalars where scalar.properties.isAlphabetic {
            letters += 1
            let vowel = "aeiouy".unicodeScalars.contains(scalar)
            if vowel && !previousVowel { groups += 1 }
            previousVowel = vowel
        }
        guard letters > 0 else { return 0 }
        if word.hasSuffix("e") && !word.hasSuffix("le") && groups > 1 { groups -= 1 }
        return max(1, groups)
    }
}
