/// Where each of the rubric's words occurs in the answer being matched: for a word id, the
/// token positions that name it (as the word, its core or a dotted part), and, separately,
/// the positions whose stem it is. Built in one pass over the answer's tokens, so a keyword
/// looks up the few positions where its first word stands instead of comparing every token:
/// matching costs the answer's length plus the number of keywords, not their product.
///
/// Only ids below `limit` (the rubric's vocabulary, which holds every keyword word and stem)
/// are indexed: a word first met in an answer can be no keyword's. One per worker, its arrays
/// reused from answer to answer: a slot is valid only when its stamp is the current answer's.
final class TokenOccurrences {
    /// Ids below this are indexed: the size of the rubric's vocabulary.
    let limit: Vocabulary.ID
    /// Which answer the index currently describes; `AnswerView` compares it with its own.
    private(set) var generation: UInt32 = 0
    /// Per key (a word id for names, `limit` + id for stems): the answer it was last set for,
    /// and its first and last entry.
    private var stamps: [UInt32]
    private var heads: [Int32]
    private var tails: [Int32]
    /// Entries, each a position and the index of the key's next entry (-1: none); positions ascend along a key's chain.
    private var positions: [Int32] = []
    private var next: [Int32] = []

    init(limit: Vocabulary.ID) {
        self.limit = limit
        let keys = 2 * Int(limit)
        stamps = [UInt32](repeating: 0, count: keys)
        heads = [Int32](repeating: -1, count: keys)
        tails = [Int32](repeating: -1, count: keys)
    }

    /// Forgets the previous answer; returns the new answer's generation.
    func start() -> UInt32 {
        generation &+= 1
        if generation == 0 {
            // Wrapped after 4 billion answers: stamps from long ago could look current.
            for index in stamps.indices { stamps[index] = 0 }
            generation = 1
        }
        positions.removeAll(keepingCapacity: true)
        next.removeAll(keepingCapacity: true)
        return generation
    }

    /// Records the tokens' words, cores and dotted parts.
    func addNames(_ tokens: [Token]) {
        for (position, token) in tokens.enumerated() {
            let at = Int32(truncatingIfNeeded: position)
            add(token.word, at: at, stems: false)
            if token.core != Vocabulary.none { add(token.core, at: at, stems: false) }
            for part in token.parts { add(part, at: at, stems: false) }
        }
    }

    /// Records each token's stem (`stems[i]` is token i's).
    func addStems(_ stems: [Vocabulary.ID]) {
        for (position, stem) in stems.enumerated() { add(stem, at: Int32(truncatingIfNeeded: position), stems: true) }
    }

    @inline(__always)
    private func add(_ id: Vocabulary.ID, at position: Int32, stems: Bool) {
        guard id >= 0, id < limit else { return }
        let key = Int(id) + (stems ? Int(limit) : 0)
        let entry = Int32(truncatingIfNeeded: positions.count)
        if stamps[key] != generation {
            stamps[key] = generation
            heads[key] = entry
        } else {
            let last = Int(tails[key])
            // A token naming the same id twice (a dotted part equal to its core) counts once.
            if positions[last] == position { return }
            next[last] = entry
        }
        tails[key] = entry
        positions.append(position)
        next.append(-1)
    }

    /// True when `id` can be looked up here (it is one of the rubric's words).
    func indexes(_ id: Vocabulary.ID) -> Bool { id >= 0 && id < limit }

    /// The first entry of `id`'s chain (names, or stems), or -1.
    func first(_ id: Vocabulary.ID, stems: Bool) -> Int32 {
        guard indexes(id) else { return -1 }
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
