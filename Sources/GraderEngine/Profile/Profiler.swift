import PCRE2

/// Computes an `AnswerProfile`. Its patterns are compiled once and shared.
package struct Profiler: Sendable {
    /// A line that reads as code: indented as a Markdown code block, a Python statement, a REPL prompt or a call.
    private let codeLine: Pattern

    package init() {
        do {
            codeLine = try Pattern(#"^(?:(?: {4}|\t)\S|\s*(?:>>>|\.\.\.)\s|\s*(?:def|class|import|from|return|raise|yield|async\s+def|await|with|try|except|finally|elif|else|for|while|if|del|assert|pass|print)\b[^\n]*[:\w)\]]\s*$|\s*@[A-Za-z_][\w.]*(?:\(.*\))?\s*$|\s*[A-Za-z_][\w.\[\]'"]*\s*(?:=|\+=|-=)\s*\S|\s*[A-Za-z_][\w.]*\(.*\)\s*$|\s*print\s*\(|\s*#\s)"#,
                               options: [.multiline])
        } catch {
            preconditionFailure("built-in profile pattern does not compile: \(error)")
        }
    }

    package func profile(original: String, normalised: NormalisedText, question: Question, worker: WorkerScratch) -> AnswerProfile {
        let tokens = normalised.tokens
        guard !tokens.isEmpty else { return .empty }
        let words = CopySources.words(tokens)
        let shingles = CopySources.hashes(words)
        let scratch = worker.patterns
        let codeLines = countCodeLines(original, scratch: scratch)
        let prose = AnswerLength.words(normalised)
        let sentences = AnswerLength.sentences(normalised)
        let syllables = tokens.reduce(0) { $0 + worker.syllables($1.word) }
        let ease = 206.835 - 1.015 * (Double(prose) / Double(sentences)) - 84.6 * (Double(syllables) / Double(prose))
        return AnswerProfile(words: prose, sentences: sentences, readingEase: ease,
                             lexicalDiversity: Self.movingTypeTokenRatio(words, counts: &worker.windowCounts),
                             codeLines: codeLines,
                             promptOverlap: CopySources.share(of: words, shingles: shingles, in: question.copySources.prompt),
                             modelOverlap: CopySources.share(of: words, shingles: shingles, in: question.copySources.modelAnswer))
    }

    /// Lines in fenced blocks, plus lines outside them that read as code. Without fences
    /// (most answers) one global multiline match counts them, with no per-line strings.
    private func countCodeLines(_ text: String, scratch: MatchScratch) -> Int {
        if !text.containsByte(UInt8(ascii: "`")) && !text.containsByte(UInt8(ascii: "~")) {
            return Set(((try? codeLine.matches(in: text, scratch: scratch, limit: Int.max)) ?? [])
                .map { lineNumber(of: $0.upperBound - 1, in: text) }).count
        }
        var count = 0
        var fenced = false
        for line in text.lines() where !line.isEmpty {
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

    /// The 0-based line that a byte offset falls on.
    private func lineNumber(of offset: Int, in text: String) -> Int {
        text.utf8.prefix(max(0, offset)).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// MATTR: the mean type-token ratio of every 50-word window, which unlike the plain
    /// ratio does not fall as answers grow longer. `words` are vocabulary ids; `counts`
    /// is the worker's scratch array indexed by id, left all zero again on return.
    static func movingTypeTokenRatio(_ words: [Int], window: Int = 50, counts: inout [Int32]) -> Double {
        guard !words.isEmpty else { return 0 }
        if let largest = words.max(), largest >= counts.count {
            counts.append(contentsOf: repeatElement(0, count: largest + 1 - counts.count + 1024))
        }
        defer { for word in words { counts[word] = 0 } }
        let span = min(window, words.count)
        var distinct = 0
        for word in words[0..<span] {
            if counts[word] == 0 { distinct += 1 }
            counts[word] += 1
        }
        guard words.count > window else { return Double(distinct) / Double(words.count) }
        var total = distinct
        for end in window..<words.count {
            let leaving = words[end - window]
            counts[leaving] -= 1
            if counts[leaving] == 0 { distinct -= 1 }
            if counts[words[end]] == 0 { distinct += 1 }
            counts[words[end]] += 1
            total += distinct
        }
        let windows = words.count - window + 1
        return Double(total) / Double(windows) / Double(window)
    }
}
