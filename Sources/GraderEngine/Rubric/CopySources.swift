import GraderFoundation

/// The word n-grams of a question's prompt and model answer, built once at rubric
/// load, to measure how much of an answer repeats them word for word. Shingles
/// are kept as hashes of their words' vocabulary ids: no string is built per answer.
struct CopySources: Sendable {
    /// Words per shingle: long enough that common phrases ("of the") do not count as copying.
    package static let shingleLength = 4

    /// Shingle hashes, asked about every shingle of every answer.
    package let prompt: ShingleSet
    package let modelAnswer: ShingleSet

    init(prompt: String, modelAnswer: String, vocabulary: inout Vocabulary) {
        self.prompt = CopySources.shingles(CopySources.words(Normaliser().normalise(prompt, vocabulary: &vocabulary).tokens))
        self.modelAnswer = CopySources.shingles(CopySources.words(Normaliser().normalise(modelAnswer, vocabulary: &vocabulary).tokens))
    }

    package static func words(_ tokens: [Token]) -> [Int] { tokens.map { Int($0.word) } }

    /// Hash of the `length` words starting at `start` (order matters): a multiply-xor
    /// mix of the words' own hashes, cheap enough to run on every shingle of every answer.
    @inline(__always)
    private static func shingle(_ words: [Int], _ start: Int, _ length: Int) -> Int {
        var mixed: UInt64 = 0xCBF2_9CE4_8422_2325
        for index in start..<(start + length) {
            mixed = (mixed ^ UInt64(bitPattern: Int64(words[index]))) &* 0x0000_0100_0000_01B3
            mixed ^= mixed >> 29
        }
        return Int(bitPattern: UInt(mixed))
    }

    /// The shingle hashes of a text, in text order; one shorter than a shingle is one shingle of all its words.
    package static func hashes(_ words: [Int]) -> [Int] {
        guard !words.isEmpty else { return [] }
        let length = min(shingleLength, words.count)
        return (0...(words.count - length)).map { shingle(words, $0, length) }
    }

    package static func shingles(_ words: [Int]) -> ShingleSet { ShingleSet(hashes(words).map { UInt64(bitPattern: Int64($0)) }) }

    /// Share of `words` (whose shingle hashes are `shingles`) covered by shingles found in `source`.
    package static func share(of words: [Int], shingles: [Int], in source: ShingleSet) -> Double {
        guard !words.isEmpty, !source.isEmpty else { return 0 }
        let length = min(shingleLength, words.count)
        var covered = [Bool](repeating: false, count: words.count)
        var coveredCount = 0
        for (start, hash) in shingles.enumerated() where source.contains(UInt64(bitPattern: Int64(hash))) {
            for index in start..<(start + length) where !covered[index] {
                covered[index] = true
                coveredCount += 1
            }
        }
        return Double(coveredCount) / Double(words.count)
    }
}
