import Dispatch

/// A pair of candidates whose answers to one question are suspiciously similar.
public struct SimilarPair: Sendable, Equatable {
    public let question: String
    public let first: String
    public let second: String
    /// Exact Jaccard similarity of the two answers' distinct shingles (prompt, model answer and
    /// cohort-common shingles left out).
    public let similarity: Double
    public let sharedShingles: Int
    public let firstText: String
    public let secondText: String
    /// Byte ranges of each text covered by shared shingles, merged and sorted.
    public let firstShared: [Range<Int>]
    public let secondShared: [Range<Int>]
}

/// Finds similar answers in near-linear time: candidate pairs come from an inverted index
/// over bottom-k sketch values (locality-sensitive hashing with one-value bands: two answers
/// meet only if one of their sketch values is the same), are filtered on the sketches'
/// estimate, and only the survivors are compared exactly on their texts, re-read from the reports.
public struct SimilarityFinder: Sendable {
    public let threshold: Double
    /// Answers with fewer distinct uncommon shingles are too short to call copied, and a pair
    /// must share at least this many: a passage of about a dozen words. Two answers built
    /// mostly of common phrases otherwise reach a high ratio on the few runs left.
    public static let minimumShingles = 8
    /// Sketch values shared by more answers than this are skipped when pairing (they are
    /// common enough to have been left out already, barring hash collisions).
    static let bucketCap = 400

    public init(threshold: Double) { self.threshold = threshold }

    /// Candidate pairs per question (indices into `digests`), from the sketches alone.
    /// Questions are searched in parallel; the result is in question order whatever the scheduling.
    func candidates(_ digests: [CandidateDigest], frequency: ShingleFrequency) -> [(question: Int, a: Int, b: Int)] {
        guard let questionCount = digests.first?.questions.count else { return [] }
        let found = Locked([[(question: Int, a: Int, b: Int)]](repeating: [], count: questionCount))
        DispatchQueue.concurrentPerform(iterations: questionCount) { question in
            let pairs = candidates(question: question, digests, frequency: frequency)
            found.withLock { $0[question] = pairs }
        }
        return found.withLock { $0.flatMap { $0 } }
    }

    private func candidates(question: Int, _ digests: [CandidateDigest], frequency: ShingleFrequency) -> [(question: Int, a: Int, b: Int)] {
        var result: [(question: Int, a: Int, b: Int)] = []
        do {
            // Filtered sketches: the common shingles removed.
            var sketches: [[UInt32]] = Array(repeating: [], count: digests.count)
            var postings: [UInt64] = []
            for (index, digest) in digests.enumerated() where question < digest.questions.count {
                let sketch = digest.questions[question].sketch.filter { !frequency.isCommon(question: question, rank: $0) }
                guard sketch.count >= Self.minimumShingles else { continue }
                sketches[index] = sketch
                for value in sketch { postings.append(UInt64(value) << 32 | UInt64(index)) }
            }
            postings.sort()
            var pairs: [UInt64] = []
            var start = 0
            while start < postings.count {
                var end = start + 1
                while end < postings.count, postings[end] >> 32 == postings[start] >> 32 { end += 1 }
                if end - start > 1, end - start <= Self.bucketCap {
                    for i in start..<end {
                        for j in (i + 1)..<end {
                            pairs.append((postings[i] & 0xFFFF_FFFF) << 32 | (postings[j] & 0xFFFF_FFFF))
                        }
                    }
                }
                start = end
            }
            pairs.sort()
            var index = 0
            // The sketch's estimate errs by ±0.1 and more on small sketches; the exact comparison decides.
            let margin = 0.2
            while index < pairs.count {
                var end = index + 1
                while end < pairs.count, pairs[end] == pairs[index] { end += 1 }
                let a = Int(pairs[index] >> 32), b = Int(pairs[index] & 0xFFFF_FFFF)
                if MinHashSketch.estimate(sketches[a], sketches[b]) >= threshold - margin {
                    result.append((question, a, b))
                }
                index = end
            }
        }
        return result
    }

    /// The exact comparison of two answers.
    func compare(question: String, first: (id: String, text: String), second: (id: String, text: String),
                 isExcluded: (UInt64) -> Bool) -> SimilarPair? {
        let a = ShingledText(first.text), b = ShingledText(second.text)
        let setA = Set(a.shingles.filter { !isExcluded($0) }), setB = Set(b.shingles.filter { !isExcluded($0) })
        guard setA.count >= Self.minimumShingles, setB.count >= Self.minimumShingles else { return nil }
        let shared = setA.intersection(setB)
        guard shared.count >= Self.minimumShingles else { return nil }
        let similarity = Double(shared.count) / Double(setA.union(setB).count)
        guard similarity >= threshold else { return nil }
        return SimilarPair(question: question, first: first.id, second: second.id, similarity: similarity,
                           sharedShingles: shared.count, firstText: first.text, secondText: second.text,
                           firstShared: Self.covered(a, by: shared), secondShared: Self.covered(b, by: shared))
    }

    /// Byte ranges of the words covered by the shingles in `shared`, merged.
    static func covered(_ text: ShingledText, by shared: Set<UInt64>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for (start, shingle) in text.shingles.enumerated() where shared.contains(shingle) {
            let range = text.words[start].lowerBound..<text.words[start + text.length - 1].upperBound
            if let last = ranges.last, range.lowerBound <= last.upperBound + 1 {
                ranges[ranges.count - 1] = last.lowerBound..<Swift.max(last.upperBound, range.upperBound)
            } else {
                ranges.append(range)
            }
        }
        return ranges
    }
}
