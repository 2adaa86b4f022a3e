/// Bottom-k MinHash sketches of answers' shingle sets, and the cohort-wide counts that
/// decide which shingles are too common to be evidence of copying.
///
/// Why bottom-k and not k hash functions: shingles shared by many answers (a phrase the
/// whole class learnt) must be left out, and which those are is known only after every
/// report has been read once. Removing elements from a bottom-k sketch leaves the exact
/// bottom-k sketch of the smaller set, so one streaming pass suffices; a k-function
/// signature would have to be recomputed from the texts.
public enum MinHashSketch {
    /// Values kept per answer (4 bytes each).
    public static let size = 64

    /// A shingle's rank: a 32-bit hash independent of the shingle hash's own bits.
    @inline(__always)
    public static func rank(_ shingle: UInt64) -> UInt32 {
        var x = shingle &+ 0x9E37_79B9_7F4A_7C15
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        return UInt32(truncatingIfNeeded: (x ^ (x >> 31)) >> 32)
    }

    /// The `size` smallest of the distinct `ranks`, ascending.
    public static func sketch(_ ranks: [UInt32]) -> [UInt32] {
        Array(ranks.sorted().prefix(size))
    }

    /// Estimated Jaccard similarity of two sets from their (sorted) bottom-k sketches:
    /// among the k smallest values of the union, the share found in both.
    public static func estimate(_ a: [UInt32], _ b: [UInt32]) -> Double { estimate(a[...], b[...]) }

    static func estimate(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>) -> Double {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in estimate(a, b) } }
    }

    /// Once either sketch runs out, the rest of the k smallest are the other's alone and add
    /// nothing to the shared count, so the merge stops there.
    @inline(__always)
    static func estimate(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Double {
        let k = Swift.min(a.count, b.count)
        guard k > 0 else { return 0 }
        var i = 0, j = 0, seen = 0, both = 0
        while seen < k, i < a.count, j < b.count {
            let x = a[i], y = b[j]
            if x < y {
                i += 1
            } else if y < x {
                j += 1
            } else {
                both += 1
                i += 1
                j += 1
            }
            seen += 1
        }
        return Double(both) / Double(k)
    }
}

/// How many answers to each question contain each shingle, approximately: a count-min
/// sketch (two rows of 65,536 counters per question) that never undercounts. Per-worker
/// copies are added together, so the result does not depend on the order files were read.
public struct ShingleFrequency: Sendable {
    package static let width = 1 << 16
    private var counters: [[UInt32]]
    /// Answers counted per question.
    public private(set) var answers: [Int]

    public init(questions: Int) {
        counters = Array(repeating: [], count: questions)
        answers = Array(repeating: 0, count: questions)
    }

    /// Counts one answer's distinct shingle ranks.
    package mutating func add(question: Int, distinctRanks: [UInt32]) {
        answers[question] += 1
        if counters[question].isEmpty { counters[question] = [UInt32](repeating: 0, count: 2 * Self.width) }
        counters[question].withUnsafeMutableBufferPointer { rows in
            for rank in distinctRanks {
                rows[Int(rank & 0xFFFF)] &+= 1
                rows[Self.width + Int(rank >> 16)] &+= 1
            }
        }
    }

    public mutating func merge(_ other: ShingleFrequency) {
        for question in other.counters.indices {
            answers[question] += other.answers[question]
            guard !other.counters[question].isEmpty else { continue }
            if counters[question].isEmpty {
                counters[question] = other.counters[question]
                continue
            }
            for index in counters[question].indices { counters[question][index] &+= other.counters[question][index] }
        }
    }

    /// Answers (at most) that contain the shingle of this rank.
    package func count(question: Int, rank: UInt32) -> UInt32 {
        let rows = counters[question]
        guard !rows.isEmpty else { return 0 }
        return Swift.min(rows[Int(rank & 0xFFFF)], rows[Self.width + Int(rank >> 16)])
    }

    /// A shingle in more answers than this is common knowledge, not evidence of copying:
    /// 5 % of the question's answers, and never fewer than 10 answers, so a ring of up to
    /// ten candidates sharing one text is still found.
    public func commonThreshold(question: Int) -> UInt32 {
        UInt32(Swift.max(10, (Double(answers[question]) * 0.05).rounded(.up)))
    }

    func isCommon(question: Int, rank: UInt32) -> Bool {
        count(question: question, rank: rank) > commonThreshold(question: question)
    }

    /// `isCommon` for one question, its counters and threshold looked up once: the
    /// similarity search asks it about every stored rank.
    func common(question: Int) -> CommonShingles {
        CommonShingles(rows: counters[question], threshold: commonThreshold(question: question))
    }
}

/// The common shingles of one question (see `ShingleFrequency.common(question:)`).
struct CommonShingles: Sendable {
    fileprivate let rows: [UInt32]
    fileprivate let threshold: UInt32

    @inline(__always)
    package func contains(rank: UInt32) -> Bool {
        guard !rows.isEmpty else { return false }
        return rows.withUnsafeBufferPointer { rows in
            Swift.min(rows[Int(rank & 0xFFFF)], rows[ShingleFrequency.width + Int(rank >> 16)]) > threshold
        }
    }
}

extension ShingleFrequency {
    /// Adds up workers' shingle frequencies, emptying `parts` as it goes: each worker's
    /// counters (18 MB for 35 questions) are added into the first's in place, not copied.
    package static func merging(_ parts: inout [ShingleFrequency?], questions: Int) -> ShingleFrequency {
        var frequency = ShingleFrequency(questions: questions)
        for index in parts.indices {
            guard let part = parts[index] else { continue }
            parts[index] = nil
            if part.answers.count == questions { frequency.merge(part) }
        }
        return frequency
    }
}
