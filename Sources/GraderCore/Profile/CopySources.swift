/// The word n-grams of a question's prompt and model answer, built once at rubric
/// load, to measure how much of an answer repeats them word for word.
struct CopySources: Sendable {
    /// Words per shingle: long enough that common phrases ("of the") do not count as copying.
    static let shingleLength = 4

    let prompt: Set<String>
    let modelAnswer: Set<String>

    init(prompt: String, modelAnswer: String) {
        self.prompt = CopySources.shingles(Normaliser().normalise(prompt).tokens.map(\.folded))
        self.modelAnswer = CopySources.shingles(Normaliser().normalise(modelAnswer).tokens.map(\.folded))
    }

    static func shingles(_ words: [String]) -> Set<String> {
        guard words.count >= shingleLength else { return words.isEmpty ? [] : [words.joined(separator: " ")] }
        var result = Set<String>()
        for start in 0...(words.count - shingleLength) {
            result.insert(words[start..<(start + shingleLength)].joined(separator: " "))
        }
        return result
    }

    /// Share of `words` covered by shingles that also occur in `source`.
    static func share(of words: [String], in source: Set<String>) -> Double {
        guard !words.isEmpty, !source.isEmpty else { return 0 }
        if words.count < shingleLength {
            return source.contains(words.joined(separator: " ")) ? 1 : 0
        }
        var covered = [Bool](repeating: false, count: words.count)
        for start in 0...(words.count - shingleLength)
            where source.contains(words[start..<(start + shingleLength)].joined(separator: " ")) {
            for index in start..<(start + shingleLength) { covered[index] = true }
        }
        return Double(covered.filter { $0 }.count) / Double(words.count)
    }
}
