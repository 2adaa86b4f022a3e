/// A fixed set of shingle hashes, asked about every shingle of every answer (prompt and
/// model-answer shingles, for copying measures and similarity): open
/// addressing on the hash's own low bits (shingle hashes are already mixed), at most a
/// quarter full, so a lookup is a probe or two instead of a `Set`'s SipHash.
package struct ShingleSet: Sendable {
    /// 0 marks an empty slot; a shingle that hashes to 0 is kept aside.
    private let slots: [UInt64]
    private let hasZero: Bool

    package init(_ shingles: [UInt64]) {
        var capacity = 16
        while capacity < 4 * shingles.count { capacity *= 2 }
        var slots = [UInt64](repeating: 0, count: capacity)
        for shingle in shingles where shingle != 0 {
            var slot = Int(truncatingIfNeeded: shingle) & (capacity - 1)
            while slots[slot] != 0, slots[slot] != shingle { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = shingle
        }
        self.slots = slots
        hasZero = shingles.contains(0)
        count = Set(shingles).count
    }

    /// Distinct shingles held.
    package let count: Int
    package var isEmpty: Bool { count == 0 }

    @inline(__always)
    package func contains(_ shingle: UInt64) -> Bool {
        if shingle == 0 { return hasZero }
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: shingle) & mask
            while slots[slot] != 0 {
                if slots[slot] == shingle { return true }
                slot = (slot + 1) & mask
            }
            return false
        }
    }
}
