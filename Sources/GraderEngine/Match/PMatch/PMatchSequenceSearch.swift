/// Decides whether a sequence of terms (a `match_…(…)` leaf, or a `[phrase]` inside one) can
/// be placed on a range of response words the way OU's matcher places them, without OU's
/// backtracking over every placement (exponential: OU caps answers at 20 words for it).
///
/// Terms joined by `_` form a *block* that must sit within the proximity, in order, in one
/// sentence, and claims the words between its terms. Blocks claim disjoint runs of words.
/// Without `o` blocks come in the expression's order; with `o` in any order. Without `w` every
/// word must be claimed; with `w` words may be left over.
///
/// The search is dynamic programming over word positions: `reach[x]` is the set of states
/// in which the words before `x` are accounted for. A state is the number of blocks placed
/// (in order) or, with `o`, the bitmask of blocks placed. From each position a word is left
/// over (when allowed) or a block not yet placed starts there. **Cost: O(n · S · B · E)** for n
/// words, B blocks, S states (B + 1 in order, 2^B with `o`) and E ends a block can have from one
/// start (at most (p + 2)^(terms in the block), in practice 1–3): linear in the answer's
/// length, exponential only in the number of blocks the author wrote. With B ≤ 6 a state set
/// is one 64-bit word and a transition is one shift.
struct PMatchSequenceSearch {
    /// One way a block (or a term) placed at a start can end: its last word, and whether it ended with
    /// a `[phrase]` after a `_` (after which OU looks for the next block only further on).
    struct End: Equatable {
        package let last: Int
        let phraseAfterProximity: Bool
    }

    let blockCount: Int
    let anyOrder: Bool
    let extraWords: Bool
    /// OU lets a leaf (but not a phrase) leave words over before its first term.
    let greedy: Bool

    /// States per position, in 64-bit words.
    package var stride: Int { anyOrder ? max(1, (1 << blockCount) / 64) : 1 }
    var fullState: Int { anyOrder ? (1 << blockCount) - 1 : blockCount }

    /// Largest number of blocks for each kind of state.
    static let maximumBlocksInOrder = 63
    static let maximumBlocksAnyOrder = 12

    /// The reachable states per position of `lo...hi`, and how many transitions it took.
    struct Reach {
        package var bits: [UInt64]
        let lo: Int
        package let stride: Int
        package var steps = 0
        package func contains(_ state: Int, at position: Int) -> Bool {
            bits[(position - lo) * stride + state / 64] & (1 << UInt64(state % 64)) != 0
        }
    }

    /// Runs forward from `lo` over words `lo..<hi`. `ends(b, x)` gives where block `b` can end when
    /// it starts at `x` (never beyond `hi - 1`). With `stopWhenFull`, stops at the first position at
    /// which every block is placed and returns it.
    package func run(lo: Int, hi: Int, stopWhenFull: Bool, minimumLength: Int = 0,
             ends: (Int, Int, inout [End]) -> Void, placed: ((Int, Int, End) -> Void)? = nil) -> (reach: Reach, firstFull: Int?) {
        let stride = self.stride
        var reach = Reach(bits: [UInt64](repeating: 0, count: (hi - lo + 1) * stride), lo: lo, stride: stride)
        reach.bits[0] = 1
        let full = fullState
        var furthest = lo
        var firstFull: Int?
        var position = lo
        var buffer: [End] = []
        buffer.reserveCapacity(8)
        while position <= hi {
            let base = (position - lo) * stride
            if stopWhenFull, position - lo >= minimumLength,
               reach.bits[base + full / 64] & (1 << UInt64(full % 64)) != 0 {
                firstFull = position
                break
            }
            if position == hi || position > furthest { break }
            var any = false
            for word in 0..<stride where reach.bits[base + word] != 0 { any = true; break }
            if any {
                if extraWords {
                    for word in 0..<stride {
                        var bits = reach.bits[base + word]
                        if word == 0 && !(greedy || anyOrder) { bits &= ~1 }
                        if bits != 0 {
                            reach.bits[base + stride + word] |= bits
                            furthest = max(furthest, position + 1)
                        }
                    }
                    reach.steps += 1
                }
                for block in 0..<blockCount {
                    buffer.removeAll(keepingCapacity: true)
                    ends(block, position, &buffer)
                    for end in buffer {
                        reach.steps += 1
                        let target = (end.last + 1 - lo) * stride
                        if place(block, from: base, to: target, end: end, bits: &reach.bits) {
                            furthest = max(furthest, end.last + 1)
                            placed?(block, position, end)
                        }
                    }
                }
            }
            position += 1
        }
        return (reach, firstFull)
    }

    /// Adds to `target` every state of `source` with `block` placed; true when something was added.
    private func place(_ block: Int, from source: Int, to target: Int, end: End, bits: inout [UInt64]) -> Bool {
        if !anyOrder {
            let moved = (bits[source] & (1 << UInt64(block))) << 1
            bits[target] |= moved
            return moved != 0
        }
        let blockBit = 1 << block
        // After a phrase that followed `_`, OU looks for the next block only further on.
        let nextBit = end.phraseAfterProximity && block + 1 < blockCount ? 1 << (block + 1) : 0
        if stride == 1 {
            var candidates = bits[source] & Self.lacking(blockBit)
            if nextBit != 0 { candidates &= Self.lacking(nextBit) }
            let moved = candidates << UInt64(blockBit)
            bits[target] |= moved
            return moved != 0
        }
        var added = false
        for word in 0..<stride {
            var remaining = bits[source + word]
            while remaining != 0 {
                let bit = remaining.trailingZeroBitCount
                remaining &= remaining - 1
                let state = word * 64 + bit
                guard state & blockBit == 0, state & nextBit == 0 else { continue }
                let next = state | blockBit
                bits[target + next / 64] |= 1 << UInt64(next % 64)
                added = true
            }
        }
        return added
    }

    /// The states (bitmasks 0..<64) that lack `bit`, as a 64-bit set.
    @inline(__always)
    private static func lacking(_ bit: Int) -> UInt64 { lackingTable[bit.trailingZeroBitCount] }

    private static let lackingTable: [UInt64] = (0..<6).map { index in
        var set: UInt64 = 0
        for state in 0..<64 where state & (1 << index) == 0 { set |= 1 << UInt64(state) }
        return set
    }

    /// One accepting placement, read backwards from `hi`: the word range of each block placed.
    func trace(_ reach: Reach, lo: Int, hi: Int, placements: [Int: [(block: Int, start: Int)]]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var position = hi
        var state = fullState
        while position > lo {
            var moved = false
            for (block, start) in placements[position - 1] ?? [] {
                let previous: Int
                if anyOrder {
                    guard state & (1 << block) != 0 else { continue }
                    previous = state & ~(1 << block)
                } else {
                    guard state == block + 1 else { continue }
                    previous = block
                }
                if reach.contains(previous, at: start) {
                    ranges.append(start..<position)
                    position = start
                    state = previous
                    moved = true
                    break
                }
            }
            if !moved {
                // The word was left over.
                position -= 1
            }
        }
        return ranges.reversed()
    }
}
