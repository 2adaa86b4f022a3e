/// Where each of the rubric's words occurs in the answer being matched: for a word id, the
/// token positions that name it (as the word, its core or a dotted part), and, separately,
/// the positions whose stem it is. Built in one pass over the answer's tokens, so a keyword
/// looks up the few positions where its first word stands instead of comparing every token:
/// matching costs the answer's length plus the number of keywords, not their product.
///
/// Only the ids a keyword's first word is looked up under are indexed (`Rubric.keywordStarts`;
/// all of the rubric's vocabulary when not given): a word first met in an answer can be no
/// keyword's, and most of an answer's words start none. One per worker, its memory reused
/// from answer to answer: a slot is valid only when its stamp is the current answer's.
final class TokenOccurrences {
    /// Ids below this are indexed: the size of the rubric's vocabulary.
    let limit: Vocabulary.ID
    /// Which answer the index currently describes; `AnswerView` compares it with its own.
    /// This class's variables are never accessed overlapping (one worker, no re-entry), so the
    /// runtime's exclusivity check, paid on every access, is switched off for them.
    @exclusivity(unchecked) private(set) var generation: UInt32 = 0
    /// Per key (a word id for names, `limit` + id for stems): the answer it was last set for,
    /// and its first and last entry. Raw memory the worker owns, because this runs for every
    /// token of every answer: Swift arrays in a class pay an exclusivity check and a
    /// uniqueness check on each write, which cost more than the lookup saves.
    private let keys: Int
    /// Per key: whether it is indexed at all.
    private let indexed: UnsafeMutablePointer<Bool>
    private let stamps: UnsafeMutablePointer<UInt32>
    private let heads: UnsafeMutablePointer<Int32>
    private let tails: UnsafeMutablePointer<Int32>
    /// Entries, each a position and the index of the key's next entry (-1: none); positions
    /// ascend along a key's chain.
    @exclusivity(unchecked) private var positions: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private var next: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var capacity = 1024

    /// `names` and `stems`: the word ids looked up as a token's word (core, part) and as its
    /// stem; nil indexes every id below `limit`.
    init(limit: Vocabulary.ID, names: [Vocabulary.ID]? = nil, stems: [Vocabulary.ID]? = nil) {
        self.limit = limit
        keys = 2 * Int(max(limit, 0))
        indexed = .allocate(capacity: max(keys, 1))
        indexed.initialize(repeating: names == nil, count: max(keys, 1))
        for id in names ?? [] where id >= 0 && id < limit { indexed[Int(id)] = true }
        for id in (names == nil ? [] : stems ?? []) where id >= 0 && id < limit { indexed[Int(limit) + Int(id)] = true }
        stamps = .allocate(capacity: max(keys, 1))
        stamps.initialize(repeating: 0, count: max(keys, 1))
        heads = .allocate(capacity: max(keys, 1))
        heads.initialize(repeating: -1, count: max(keys, 1))
        tails = .allocate(capacity: max(keys, 1))
        tails.initialize(repeating: -1, count: max(keys, 1))
        positions = .allocate(capacity: capacity)
        next = .allocate(capacity: capacity)
    }

    deinit {
        indexed.deallocate()
        stamps.deallocate()
        heads.deallocate()
        tails.deallocate()
        positions.deallocate()
        next.deallocate()
    }

    /// Forgets the previous answer; returns the new answer's generation.
    func start() -> UInt32 {
        generation &+= 1
        if generation == 0 {
            // Wrapped after 4 billion answers: stamps from long ago could look current.
            stamps.update(repeating: 0, count: max(keys, 1))
            generation = 1
        }
        count = 0
        return generation
    }

    /// Records the tokens' words, cores and dotted parts.
    func addNames(_ tokens: [Token]) {
        tokens.withUnsafeBufferPointer { tokens in
            for position in tokens.indices {
                let at = Int32(truncatingIfNeeded: position)
                add(tokens[position].word, at: at, stems: false)
                let core = tokens[position].core
                if core != Vocabulary.none { add(core, at: at, stems: false) }
                if !tokens[position].parts.isEmpty {
                    for part in tokens[position].parts { add(part, at: at, stems: false) }
                }
            }
        }
    }

    /// Records each token's stem (`stems[i]` is token i's).
    func addStems(_ stems: [Vocabulary.ID]) {
        stems.withUnsafeBufferPointer { stems in
            for position in stems.indices { add(stems[position], at: Int32(truncatingIfNeeded: position), stems: true) }
        }
    }

    @inline(__always)
    private func add(_ id: Vocabulary.ID, at position: Int32, stems: Bool) {
        guard id >= 0, id < limit else { return }
        let key = Int(id) + (stems ? Int(limit) : 0)
        guard indexed[key] else { return }
        let entry = Int32(truncatingIfNeeded: count)
        if stamps[key] != generation {
            stamps[key] = generation
            heads[key] = entry
        } else {
            let last = Int(tails[key])
            // A token naming the same id twice (a dotted part equal to its core) counts once.
            if positions[last] == position { return }
            next[last] = entry
        }
        if count == capacity { grow() }
        tails[key] = entry
        positions[count] = position
        next[count] = -1
        count += 1
    }

    private func grow() {
        let larger = capacity * 2
        let newPositions = UnsafeMutablePointer<Int32>.allocate(capacity: larger)
        let newNext = UnsafeMutablePointer<Int32>.allocate(capacity: larger)
        newPositions.moveInitialize(from: positions, count: count)
        newNext.moveInitialize(from: next, count: count)
        positions.deallocate()
        next.deallocate()
        positions = newPositions
        next = newNext
        capacity = larger
    }

    /// True when `id` can be looked up here as a token's word (or, with `stems`, as its stem).
    func indexes(_ id: Vocabulary.ID, stems: Bool = false) -> Bool {
        id >= 0 && id < limit && indexed[Int(id) + (stems ? Int(limit) : 0)]
    }

    /// The first entry of `id`'s chain (names, or stems), or -1.
    func first(_ id: Vocabulary.ID, stems: Bool) -> Int32 {
        guard indexes(id, stems: stems) else { return -1 }
        let key = Int(id) + (stems ? Int(limit) : 0)
        return stamps[key] == generation ? heads[key] : -1
    }

    func position(_ entry: Int32) -> Int { Int(positions[Int(entry)]) }
    func following(_ entry: Int32) -> Int32 { next[Int(entry)] }

    /// The positions where `word` names a token, merged with those where `stem` is the token's
    /// stem (`Vocabulary.none`: no stem), ascending, each once; calls `body` for each until it
    /// returns false.
    func forEachPosition(naming word: Vocabulary.ID, orStem stem: Vocabulary.ID, _ body: (Int) -> Bool) {
        var names = first(word, stems: false)
        var stems = stem == Vocabulary.none ? -1 : first(stem, stems: true)
        while names >= 0 || stems >= 0 {
            let position: Int
            if stems < 0 || (names >= 0 && self.position(names) <= self.position(stems)) {
                position = self.position(names)
                if stems >= 0 && self.position(stems) == position { stems = following(stems) }
                names = following(names)
            } else {
                position = self.position(stems)
                stems = following(stems)
            }
            if !body(position) { return }
        }
    }
}
