import GraderFoundation

/// Terms within `within` words of each other: at most that many words stand
/// between the first term found and the last. With `ordered`, the terms must
/// appear in the order the rubric lists them.
package struct NearMatcher: Matcher {
    package let terms: [any Matcher]
    package let within: Int
    package let ordered: Bool
    package let summary: String

    package func match(_ answer: AnswerView) throws(MatchFailure) -> MatchOutcome {
        var hitsPerTerm: [[Hit]] = []
        for term in terms {
            let outcome = try term.match(answer)
            // A term that matched with no position (e.g. `not`) cannot be placed; it counts as absent.
            let placed = outcome.matched ? outcome.hits.filter { !$0.tokens.isEmpty } : []
            if placed.isEmpty { return .noMatch }
            hitsPerTerm.append(placed.sorted { $0.tokens.lowerBound < $1.tokens.lowerBound })
        }
        let found = ordered ? orderedWindow(hitsPerTerm) : unorderedWindow(hitsPerTerm)
        guard let found else { return .noMatch }
        return MatchOutcome(matched: true, hits: found.map {
            Hit(range: $0.range, tokens: $0.tokens, via: $0.via + " (within \(Plural.count(within, "word")))")
        })
    }

    /// Words standing between the earliest and the latest of a set of hits.
    private func gap(_ hits: [Hit]) -> Int {
        let firstEnd = hits.map(\.tokens.upperBound).min() ?? 0
        let lastStart = hits.map(\.tokens.lowerBound).max() ?? 0
        return max(0, lastStart - firstEnd)
    }

    /// Earliest chain of hits, one per term in order, each after the previous; greedy is
    /// optimal because taking the earliest next hit never lengthens the chain.
    private func orderedWindow(_ hitsPerTerm: [[Hit]]) -> [Hit]? {
        for anchor in hitsPerTerm[0] {
            var chain = [anchor]
            for hits in hitsPerTerm.dropFirst() {
                guard let next = hits.first(where: { $0.tokens.lowerBound >= chain.last!.tokens.upperBound }) else { return nil }
                chain.append(next)
            }
            if gap(chain) <= within { return chain }
        }
        return nil
    }

    /// Sliding window over all hits sorted by position, keeping the latest hit of each term:
    /// O(h log h) for h hits in all.
    private func unorderedWindow(_ hitsPerTerm: [[Hit]]) -> [Hit]? {
        var all: [(term: Int, hit: Hit)] = []
        for (term, hits) in hitsPerTerm.enumerated() { for hit in hits { all.append((term, hit)) } }
        all.sort { $0.hit.tokens.lowerBound < $1.hit.tokens.lowerBound }
        var latest = [Hit?](repeating: nil, count: hitsPerTerm.count)
        for (term, hit) in all {
            latest[term] = hit
            let chosen = latest.compactMap { $0 }
            if chosen.count == hitsPerTerm.count, gap(chosen) <= within { return chosen }
        }
        return nil
    }
}
