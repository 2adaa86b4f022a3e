/// The cohort's ranking, best first; equal totals share a rank and are ordered by id.
/// Candidates are read from the cohort's store as they are written out, so a ranking of
/// any length keeps only eight bytes a candidate in memory.
public struct Ranking: Sendable {
    private let store: DigestTable?
    /// Store positions (id order), best first.
    private let order: [Int32]
    /// The rank of each entry of `order`.
    private let ranks: [Int32]
    private let passMark: Double
    /// Candidates below the pass mark.
    public let atRiskCount: Int

    package static let empty = Ranking(store: nil, totals: [], passMark: 0)

    /// `totals` in the store's id order.
    init(store: DigestTable?, totals: [Double], passMark: Double) {
        self.store = store
        self.passMark = passMark
        let order = totals.indices.sorted { totals[$0] != totals[$1] ? totals[$0] > totals[$1] : $0 < $1 }
        var ranks: [Int32] = []
        ranks.reserveCapacity(order.count)
        for (position, index) in order.enumerated() {
            ranks.append(position > 0 && totals[index] == totals[order[position - 1]] ? ranks[position - 1] : Int32(position + 1))
        }
        self.order = order.map { Int32($0) }
        self.ranks = ranks
        atRiskCount = totals.reduce(0) { $1 < passMark ? $0 + 1 : $0 }
    }

    public var count: Int { order.count }

    /// Store positions (id order), best first.
    var positions: [Int] { order.map { Int($0) } }

    /// Calls `body` with each candidate, best first.
    public func forEach(_ body: (RankedCandidate) throws -> Void) throws {
        for index in order.indices { try body(try candidate(index)) }
    }

    /// Every candidate, best first (for small cohorts and tests).
    public func all() throws -> [RankedCandidate] {
        var all: [RankedCandidate] = []
        try forEach { all.append($0) }
        return all
    }

    /// The candidates below the pass mark, lowest first (equal totals by id).
    public func atRisk() throws -> [RankedCandidate] {
        var found: [RankedCandidate] = []
        for index in order.indices.reversed() where found.count < atRiskCount {
            found.append(try candidate(index))
        }
        return found.sorted { $0.total != $1.total ? $0.total < $1.total : $0.id < $1.id }
    }

    private func candidate(_ index: Int) throws -> RankedCandidate {
        guard let store else { preconditionFailure("an empty ranking has no candidates") }
        let stored = try store.candidate(at: Int(order[index]))
        return RankedCandidate(rank: Int(ranks[index]), id: stored.id, name: stored.name, email: stored.email, total: stored.total,
                               maxPoints: stored.maxPoints, answered: stored.answered, atRisk: stored.total < passMark)
    }
}
