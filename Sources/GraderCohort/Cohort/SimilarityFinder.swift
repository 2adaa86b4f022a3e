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
/// over the smallest values of bottom-k sketches (locality-sensitive hashing with one-value
/// bands: two answers meet only if one of their smallest values is the same), are filtered on
/// the sketches' estimate, and the survivors are compared exactly on their stored shingle
/// ranks; only the pairs shown are compared once more on their texts, re-read from the reports.
public struct SimilarityFinder: Sendable {
    public let threshold: Double
    /// Answers with fewer distinct uncommon shingles are too short to call copied, and a pair
    /// must share at least this many: a passage of about a dozen words. Two answers built
    /// mostly of common phrases otherwise reach a high ratio on the few runs left.
    public static let minimumShingles = 8
    /// Sketch values shared by more answers than this are skipped when pairing (they are
    /// common enough to have been left out already, barring hash collisions).
    static let bucketCap = 400
    /// Values of each sketch put in the index. Two answers of Jaccard similarity J share one
    /// of their 16 smallest with probability about 1 − (1 − J)¹⁶: over 0.997 at J = 0.3, the
    /// lowest estimate still compared. Indexing all 64 would cost four times the memory.
    static let indexedValues = 16
    /// Answer pairs shown, strongest first. A real cohort has far fewer above the threshold; one
    /// written from a pool of sentences (the benchmark's) has thousands, which nobody reads,
    /// and each shown pair costs re-reading two reports. How many reached it is always shown.
    public static let shownPairs = 500
    /// Exact comparisons made per answer at most, its closest neighbours by the sketches'
    /// estimate: a ring of this many candidates sharing one text is still found whole, and
    /// the stage costs at most this many comparisons per answer whatever the text. A cohort
    /// written from a pool of sentences (the benchmark's) otherwise makes millions, nearly
    /// all of them near the threshold; how many the cap skipped is shown in the report.
    public static let defaultComparisonsPerAnswer = 10
    /// Neighbours whose sketches are compared per exact comparison allowed: those sharing
    /// most of the answer's indexed values. A sketch comparison costs a tenth of an exact one.
    static let estimatesPerComparison = 2
    /// Postings read per answer, rarest sketch values first, before the rest are left: with
    /// the caps above this bounds the work per answer whatever the text (a value shared by
    /// hundreds of answers is weak evidence next to the rarer ones read first).
    static let postingsPerAnswer = 512
    public let comparisonsPerAnswer: Int

    public init(threshold: Double, comparisonsPerAnswer: Int = Self.defaultComparisonsPerAnswer) {
        self.threshold = threshold
        self.comparisonsPerAnswer = max(1, comparisonsPerAnswer)
    }

    /// What the per-answer cap left out of one search.
    package struct Capped: Sendable, Equatable {
        /// Answers whose search a cap cut short.
        package var answers = 0
        /// Candidate pairs met in the index but not compared because of the caps (pairs behind
        /// the postings left unread are not counted: finding them is the work saved).
        package var skipped = 0

        package mutating func add(_ other: Capped) {
            answers += other.answers
            skipped += other.skipped
        }
    }

    /// One question's sketches and the inverted index over their smallest values.
    package struct Index: Sendable {
        package let question: Int
        let sketches: StoredSketches
        /// Sketch value << 32 | answer position, sorted.
        package let postings: [UInt64]
        /// `directory[p]` is the first posting whose value's top 16 bits are `p` or more (65,537
        /// entries): a lookup searches the few postings of one prefix, not all of them, in a
        /// fixed 256 KB whatever the cohort's size.
        package let directory: [Int32]
        package var answers: Int { sketches.ranges.count }

        /// The postings (sorted) of one sketch value.
        @inline(__always)
        func bucket(of value: UInt32) -> Range<Int> {
            let prefix = Int(value >> 16)
            var low = Int(directory[prefix]), high = Int(directory[prefix + 1])
            let key = UInt64(value) << 32, next = (UInt64(value) + 1) << 32
            while low < high {
                let middle = (low + high) / 2
                if postings[middle] < key { low = middle + 1 } else { high = middle }
            }
            var end = low
            high = Int(directory[prefix + 1])
            while end < high {
                let middle = (end + high) / 2
                if postings[middle] < next { end = middle + 1 } else { high = middle }
            }
            return low..<end
        }
    }

    package func index(question: Int, _ sketches: StoredSketches) -> Index {
        var postings: [UInt64] = []
        postings.reserveCapacity(sketches.ranges.count * Self.indexedValues)
        for (position, range) in sketches.ranges.enumerated() where range.count >= Self.minimumShingles {
            for value in sketches.values[range].prefix(Self.indexedValues) { postings.append(UInt64(value) << 32 | UInt64(position)) }
        }
        postings.sort()
        var directory = [Int32](repeating: 0, count: (1 << 16) + 1)
        var position = 0
        for prefix in 0...(1 << 16) {
            while position < postings.count, Int(postings[position] >> 48) < prefix { position += 1 }
            directory[prefix] = Int32(position)
        }
        return Index(question: question, sketches: sketches, postings: postings, directory: directory)
    }

    /// Hands `emit` the candidate pairs (a, b), a < b, for every answer a of `share` (the
    /// answers whose position modulo `of` is `share`, so workers can split one question),
    /// whose sketches estimate a similarity near the threshold or above.
    ///
    /// Pairs are made answer by answer (each with the later answers sharing one of its
    /// indexed values), never all at once: a cohort where many answers share values (one
    /// written from a pool of sentences) has millions of pairs, and memory must not grow
    /// with them. Per answer at most about `postingsPerAnswer` postings are read, rarest value
    /// first; of the neighbours met, the `estimatesPerComparison × comparisonsPerAnswer`
    /// sharing most values have their sketches compared, and the closest
    /// `comparisonsPerAnswer` by that estimate are emitted. Returns what those caps left out.
    @discardableResult
    package func candidates(_ index: Index, share: Int = 0, of shares: Int = 1, emit: (CandidatePair) throws -> Void) rethrows -> Capped {
        let sketches = index.sketches, postings = index.postings
        // The sketch's estimate errs by ±0.1 and more on small sketches; the exact comparison decides.
        let margin = 0.2
        let estimates = Self.estimatesPerComparison * comparisonsPerAnswer
        // How many of the current answer's indexed values each later answer shares; cleared after each answer.
        var hits = [UInt8](repeating: 0, count: index.answers)
        var levels = [Int](repeating: 0, count: Self.indexedValues + 1)
        var buckets: [Range<Int>] = []
        var neighbours: [Int] = []
        var chosen: [Int] = []
        var close: [CandidatePair] = []
        var capped = Capped()
        for a in stride(from: share, to: index.answers, by: shares) where sketches.ranges[a].count >= Self.minimumShingles {
            for value in sketches.sketch(a).prefix(Self.indexedValues) {
                let bucket = index.bucket(of: value)
                if bucket.count > 1, bucket.count <= Self.bucketCap { buckets.append(bucket) }
            }
            // Rarest values first: shared with few answers, they are the strongest evidence.
            buckets.sort { ($0.count, $0.lowerBound) < ($1.count, $1.lowerBound) }
            var visited = 0, cut = false
            for bucket in buckets {
                if visited >= Self.postingsPerAnswer {
                    cut = true
                    break
                }
                visited += bucket.count
                for posting in postings[bucket] {
                    let b = Int(posting & 0xFFFF_FFFF)
                    guard b > a else { continue }
                    if hits[b] == 0 { neighbours.append(b) }
                    hits[b] += 1
                }
            }
            chosen = neighbours
            if neighbours.count > estimates {
                // Estimate only the neighbours sharing most indexed values; ties in the order met
                // (rarest value first, then candidate), which does not depend on the shares.
                for b in neighbours { levels[Int(hits[b])] += 1 }
                var level = Self.indexedValues, taken = 0
                while level > 0, taken + levels[level] <= estimates {
                    taken += levels[level]
                    level -= 1
                }
                var room = estimates - taken
                chosen.removeAll(keepingCapacity: true)
                for b in neighbours where hits[b] > level || (hits[b] == level && room > 0) {
                    if hits[b] == level { room -= 1 }
                    chosen.append(b)
                }
                for level in levels.indices { levels[level] = 0 }
            }
            for b in neighbours { hits[b] = 0 }
            sketches.values.withUnsafeBufferPointer { values in
                let ranges = sketches.ranges
                let mine = UnsafeBufferPointer(rebasing: values[ranges[a]])
                for b in chosen {
                    let estimate = MinHashSketch.estimate(mine, UnsafeBufferPointer(rebasing: values[ranges[b]]))
                    if estimate >= threshold - margin { close.append(CandidatePair(estimate: estimate, question: index.question, a: a, b: b)) }
                }
            }
            var skipped = neighbours.count - chosen.count
            if close.count > comparisonsPerAnswer {
                // Closest first, ties by candidate: the same pairs whatever the number of shares.
                close.sort(by: CandidatePair.closer)
                skipped += close.count - comparisonsPerAnswer
                close.removeLast(close.count - comparisonsPerAnswer)
            }
            if skipped > 0 || cut {
                capped.answers += 1
                capped.skipped += skipped
            }
            for pair in close { try emit(pair) }
            buckets.removeAll(keepingCapacity: true)
            neighbours.removeAll(keepingCapacity: true)
            close.removeAll(keepingCapacity: true)
        }
        return capped
    }

    /// The Jaccard similarity of two answers' uncommon shingle ranks (sorted, distinct), when
    /// both are long enough, they share enough and it reaches the threshold: the exact
    /// comparison, but for collisions of 32-bit ranks, without the texts.
    package func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double? {
        guard a.count >= Self.minimumShingles, b.count >= Self.minimumShingles else { return nil }
        var i = 0, j = 0, shared = 0
        while i < a.count, j < b.count {
            if a[i] < b[j] { i += 1 } else if b[j] < a[i] { j += 1 } else { shared += 1; i += 1; j += 1 }
        }
        guard shared >= Self.minimumShingles else { return nil }
        let similarity = Double(shared) / Double(a.count + b.count - shared)
        return similarity >= threshold ? similarity : nil
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

/// Two answers to one question the sketches say may be similar.
package struct CandidatePair: Sendable, Equatable {
    /// The sketches' estimate of their similarity, or, once compared, the similarity.
    let estimate: Double
    package let question: Int
    package let a: Int
    package let b: Int

    /// Closest first; ties in question, then candidate order, so the choice never depends on timing.
    static func closer(_ x: CandidatePair, _ y: CandidatePair) -> Bool {
        if x.estimate != y.estimate { return x.estimate > y.estimate }
        return (x.question, x.a, x.b) < (y.question, y.a, y.b)
    }
}

/// The `limit` closest candidate pairs of a stream, in bounded memory: pairs are gathered
/// and cut back to the best `limit` whenever twice that many are held.
struct ClosestPairs {
    package let limit: Int
    private var held: [CandidatePair] = []
    /// Pairs offered in all.
    private(set) var seen = 0

    init(limit: Int) { self.limit = limit }

    package mutating func insert(_ pair: CandidatePair) {
        seen += 1
        held.append(pair)
        if held.count >= 2 * limit { trim() }
    }

    /// Adds another stream's pairs.
    package mutating func merge(_ other: ClosestPairs) {
        seen += other.seen
        held += other.held
        if held.count >= 2 * limit { trim() }
    }

    private mutating func trim() {
        held.sort(by: CandidatePair.closer)
        held.removeLast(max(0, held.count - limit))
    }

    /// The closest `limit`, in question order, then candidate order.
    package var best: [CandidatePair] {
        var copy = self
        copy.trim()
        return copy.held.sorted { ($0.question, $0.a, $0.b) < ($1.question, $1.a, $1.b) }
    }
}
