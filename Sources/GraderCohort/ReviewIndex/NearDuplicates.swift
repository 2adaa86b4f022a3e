/// Groups one question's answers that a person can judge once: the same after Grader's
/// normalisation (the same `AnswerFacts.wordsKey`) or nearly the same (their 4-word shingles
/// overlap by `threshold` or more in Jaccard similarity). Run while the review index is written,
/// where each answer's shingle ranks are still at hand, so the index keeps only each answer's group.
///
/// Near-duplicates join by leader: an answer joins the first group (in candidate order) whose
/// first answer it is near, so a chain of small edits never pulls unlike answers together.
///
/// Bounded whatever the cohort, as the cohort report's similar-answer search is: comparing each
/// answer with every leader is quadratic (a 2,000-candidate cohort of distinct answers took
/// minutes). Each leader is indexed by the `sketchSize` smallest ranks of its shingles (a bottom-k
/// MinHash sketch); an answer reads the postings of its own smallest ranks, rarest first, at most
/// `postingBudget` of them, and compares exactly only the `comparisonCap` leaders sharing most
/// ranks. Two sets with Jaccard similarity J ≥ 0.8 share each of the union's smallest ranks with
/// probability J, so they miss sharing any of 16 with probability about 0.2¹⁶: a near-duplicate is
/// found unless thousands of leaders share its phrasing and the budget runs out first. The hash is
/// fixed, so the groups are the same on every run.
package enum NearDuplicates {
    package static let threshold = 0.8
    /// Ranks kept per leader and read per answer.
    static let sketchSize = 16
    /// Postings read per answer, rarest ranks first.
    static let postingBudget = 512
    /// Leaders compared exactly per answer: those sharing most ranks with it.
    static let comparisonCap = 16

    /// For each answer (in candidate order), its group's number among the question's groups of two
    /// or more (1-based, in leader order), or 0 when it stands alone.
    package static func groups(_ answers: [(wordsKey: UInt64, ranks: [UInt32])]) -> [UInt32] {
        var exact: [UInt64: Int] = [:]
        var clusterOf: [Int] = []   // per answer
        var clusterSizes: [Int] = []
        var leaders: [(cluster: Int, shingles: [UInt32])] = []
        var postings: [UInt32: [Int32]] = [:]   // rank -> leaders (indices into `leaders`) whose sketch holds it
        var search = LeaderSearch()
        clusterOf.reserveCapacity(answers.count)
        for (wordsKey, shingles) in answers {
            if let cluster = exact[wordsKey] {
                clusterOf.append(cluster)
                clusterSizes[cluster] += 1
                continue
            }
            let sketch = shingles.prefix(sketchSize)
            if let leader = search.nearLeader(shingles, sketch: sketch, leaders: leaders, postings: postings) {
                let cluster = leaders[leader].cluster
                clusterOf.append(cluster)
                clusterSizes[cluster] += 1
                exact[wordsKey] = cluster
                continue
            }
            let cluster = clusterSizes.count
            exact[wordsKey] = cluster
            if shingles.count >= ShingledText.shingleLength {
                for rank in sketch { postings[rank, default: []].append(Int32(leaders.count)) }
                leaders.append((cluster, shingles))
            }
            clusterOf.append(cluster)
            clusterSizes.append(1)
        }
        // Number the clusters of two or more in the order of their leaders.
        var number = [UInt32](repeating: 0, count: clusterSizes.count)
        var next: UInt32 = 0
        for (cluster, size) in clusterSizes.enumerated() where size > 1 {
            next += 1
            number[cluster] = next
        }
        return clusterOf.map { number[$0] }
    }

    /// Per-question scratch for `nearLeader`: ranks shared with each leader, counted in an array
    /// (reset through the list of leaders touched) rather than a dictionary, since it runs for every answer.
    private struct LeaderSearch {
        private var shared: [UInt8] = []
        private var touched: [Int32] = []

        /// The earliest leader near `shingles` among the few its sketch points to; nil when none is.
        mutating func nearLeader(_ shingles: [UInt32], sketch: ArraySlice<UInt32>, leaders: [(cluster: Int, shingles: [UInt32])],
                                 postings: [UInt32: [Int32]]) -> Int? {
            if shared.count < leaders.count { shared.append(contentsOf: repeatElement(0, count: leaders.count - shared.count)) }
            let lists = sketch.compactMap { rank in postings[rank].map { (rank, $0) } }
                .sorted { $0.1.count != $1.1.count ? $0.1.count < $1.1.count : $0.0 < $1.0 }
            var read = 0
            reading: for (_, list) in lists {
                for leader in list {
                    guard read < postingBudget else { break reading }
                    if shared[Int(leader)] == 0 { touched.append(leader) }
                    shared[Int(leader)] += 1
                    read += 1
                }
            }
            // Most shared first, then the earlier leader: one sort of packed integers. When every
            // posting was read, the counts are exact and a leader sharing fewer than `minimumShared`
            // sketch ranks is not compared at all; when the budget cut the reading short, a near
            // leader may have been counted only once, so each one counted stays a candidate.
            let required = read < postingBudget ? minimumShared(sketch.count) : 1
            var ranked: [Int] = []
            for leader in touched where shared[Int(leader)] >= required {
                ranked.append(Int(UInt8.max - shared[Int(leader)]) << 32 | Int(leader))
            }
            for leader in touched { shared[Int(leader)] = 0 }
            touched.removeAll(keepingCapacity: true)
            ranked.sort()
            let closest = ranked.prefix(comparisonCap).map { $0 & 0xFFFF_FFFF }.sorted()
            return closest.first { isNear(leaders[$0].shingles, shingles) }
        }
    }

    /// The sketch ranks an answer must share with a leader to be compared with it exactly. Two
    /// answers with Jaccard similarity J ≥ 0.8 share each of their union's 16 smallest ranks with
    /// probability J, and each such rank lies in both sketches: fewer than 4 shared happens with
    /// probability below 3·10⁻⁷ (the binomial tail). Below 16 shingles a sketch is the whole set,
    /// and J ≥ 0.8 means sharing at least 80 % of it, so half of a short sketch is asked for.
    /// Without this floor, answers built from common phrasing (a class's stock sentences) compared
    /// every leader that shared a single rank with them.
    static func minimumShared(_ sketchCount: Int) -> Int {
        max(1, min(4, (sketchCount + 1) / 2))
    }

    /// Whether `jaccard(a, b) >= threshold`, stopping as soon as the ranks left cannot reach it.
    /// J = s / (|a| + |b| − s) ≥ t exactly when s ≥ t (|a| + |b|) / (1 + t).
    package static func isNear(_ a: [UInt32], _ b: [UInt32]) -> Bool {
        guard !a.isEmpty, !b.isEmpty, Double(min(a.count, b.count)) >= threshold * Double(max(a.count, b.count)) else { return false }
        // Less a hair, so that rounding never asks one rank more than `jaccard` would (4·9/9 is 4, not 4.000…1).
        let needed = Int((threshold * Double(a.count + b.count) / (1 + threshold) - 1e-9).rounded(.up))
        var i = 0, j = 0, shared = 0
        while i < a.count, j < b.count {
            if shared + min(a.count - i, b.count - j) < needed { return false }
            if a[i] < b[j] { i += 1 } else if b[j] < a[i] { j += 1 } else { shared += 1; i += 1; j += 1 }
        }
        return jaccardValue(shared: shared, a.count, b.count) >= threshold
    }

    private static func jaccardValue(shared: Int, _ a: Int, _ b: Int) -> Double {
        Double(shared) / Double(a + b - shared)
    }

    /// Jaccard similarity of two sorted, distinct rank lists; 0 when the sizes alone rule out the threshold.
    package static func jaccard(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard !a.isEmpty, !b.isEmpty, Double(min(a.count, b.count)) >= threshold * Double(max(a.count, b.count)) else { return 0 }
        var i = 0, j = 0, shared = 0
        while i < a.count, j < b.count {
            if a[i] < b[j] { i += 1 } else if b[j] < a[i] { j += 1 } else { shared += 1; i += 1; j += 1 }
        }
        return Double(shared) / Double(a.count + b.count - shared)
    }
}
