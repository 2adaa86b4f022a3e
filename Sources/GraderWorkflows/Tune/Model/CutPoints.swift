import GraderFoundation

/// Ordinal cut-points from a raw score onto the human scale: the non-decreasing step
/// function from raw score to grid points with least squared error against the people's
/// scores (isotonic regression onto a discrete set of levels), found exactly by dynamic
/// programming over the distinct raw values in order, O(distinct values × levels).
///
/// Hand-written: it is twenty lines, and no package on the machine's list does
/// isotonic regression, let alone onto a fixed grid.
enum CutPoints {
    /// Bands (lowest raw score of the band, points) fitted to (`raw`, `target`) pairs, on
    /// `scale`'s grid. Each `from` is the shortest decimal on `step` between the two raw
    /// values it separates, so the band a training answer falls in does not depend on
    /// rounding. Ties go to the level nearest the clamped raw score: the author's own map.
    package static func fit(raw: [Double], target: [Double], scale: ScoreScale, floor: Double, points: Double,
                    step: Double) -> [(from: Double, points: Double)] {
        guard !raw.isEmpty else { return [] }
        // Raw scores are sums of a few weights, so they take few distinct values: tallied by value and
        // only the distinct values sorted (the guard fits this thousands of times on a thousand answers).
        var tally: [Double: (sum: Double, squares: Double, count: Double)] = [:]
        for (value, y) in zip(raw, target) {
            let old = tally[value] ?? (0, 0, 0)
            tally[value] = (old.sum + y, old.squares + y * y, old.count + 1)
        }
        // Groups of equal raw score (within 1e-9): the step function must give them one level.
        var values: [Double] = [], sums: [Double] = [], squares: [Double] = [], counts: [Double] = []
        for value in tally.keys.sorted() {
            let group = tally[value]!
            if let last = values.last, abs(last - value) < 1e-9 {
                sums[sums.count - 1] += group.sum
                squares[squares.count - 1] += group.squares
                counts[counts.count - 1] += group.count
            } else {
                values.append(value); sums.append(group.sum); squares.append(group.squares); counts.append(group.count)
            }
        }
        let levels = (0..<scale.categories).map(scale.value).filter { $0 >= floor - 1e-9 && $0 <= points + 1e-9 }
        guard !levels.isEmpty else { return [] }
        let groups = values.count, k = levels.count
        // cost[g][l]: least error of groups 0...g with group g at level l; from[g][l]: the best level of g−1.
        var cost = Array(repeating: Array(repeating: 0.0, count: k), count: groups)
        var from = Array(repeating: Array(repeating: 0, count: k), count: groups)
        for g in 0..<groups {
            let identity = min(max(values[g], floor), points)
            var bestBefore = 0.0, bestLevel = 0
            for l in 0..<k {
                let level = levels[l]
                // Σ(y − level)² over the group, plus a tie-breaker far below any real difference.
                let own = squares[g] - 2 * level * sums[g] + counts[g] * level * level
                    + 1e-9 * counts[g] * (level - identity) * (level - identity)
                if g > 0 && (l == 0 || cost[g - 1][l] < bestBefore) { bestBefore = cost[g - 1][l]; bestLevel = l }
                cost[g][l] = own + (g > 0 ? bestBefore : 0)
                from[g][l] = bestLevel
            }
        }
        var level = (0..<k).min { (cost[groups - 1][$0], $0) < (cost[groups - 1][$1], $1) } ?? 0
        var assigned = Array(repeating: 0, count: groups)
        for g in stride(from: groups - 1, through: 0, by: -1) {
            assigned[g] = level
            level = from[g][level]
        }
        var bands: [(from: Double, points: Double)] = []
        for g in 0..<groups where g == 0 || assigned[g] != assigned[g - 1] {
            let points = levels[assigned[g]]
            if g == 0 {
                // Below the lowest training score the floor applies; start the first band at it.
                if points > floor + 1e-9 { bands.append((Self.roundedDown(values[0], step), points)) }
            } else {
                bands.append((Self.between(values[g - 1], values[g], step), points))
            }
        }
        return bands
    }

    /// A cut that reads well: among the multiples of the largest power of ten (from 1000 down
    /// to `step`) that lie in (low, high], the one nearest the midpoint; `high` itself if none.
    static func between(_ low: Double, _ high: Double, _ step: Double) -> Double {
        let middle = (low + high) / 2
        for power in stride(from: 3, through: -6, by: -1) {
            // Multiples of 10^power, computed from integers so 1.4 is 1.4, not 14 × 0.1.
            let unit = power >= 0 ? pow10(power) : 1 / pow10(-power)
            guard unit >= step * 0.999 else { break }
            func multiple(_ k: Double) -> Double { power >= 0 ? k * pow10(power) : k / pow10(-power) }
            func index(_ value: Double) -> Double { power >= 0 ? value / pow10(power) : value * pow10(-power) }
            let first = (index(low) + 1e-9).rounded(.down) + 1, last = (index(high) + 1e-9).rounded(.down)
            guard first <= last else { continue }
            let nearest = min(max((index(middle)).rounded(), first), last)
            return multiple(nearest)
        }
        return high
    }

    private static func pow10(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    static func roundedDown(_ value: Double, _ step: Double) -> Double {
        ((value + 1e-9) / step).rounded(.down) * step
    }
}
