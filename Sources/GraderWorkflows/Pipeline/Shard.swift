/// One of N stable slices of a cohort, so N machines can grade it together: a candidate
/// belongs to shard `hash(id) mod N + 1`, where the hash is FNV-1a over the id's UTF-8 bytes.
/// A fixed hash, unlike Swift's per-process seeded `hashValue`, gives every machine the same split.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    public let count: Int

    /// Parses `K/N` with 1 ≤ K ≤ N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    public var description: String { "\(index)/\(count)" }

    public func contains(_ id: String) -> Bool {
        Int(Self.fnv1a(id) % UInt64(count)) == index - 1
    }

    /// 64-bit FNV-1a.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
