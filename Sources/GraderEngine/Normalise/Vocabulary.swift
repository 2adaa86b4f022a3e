import Foundation
import Snowball

/// Numbers every distinct folded word, so the per-answer work compares and counts
/// integers instead of hashing strings again and again; and remembers, per word,
/// what is costly to compute: its Snowball stem, its syllables, its scalars.
///
/// The rubric's loader builds the base vocabulary (every keyword word, stem, prompt and
/// model-answer word); each worker starts from a copy and adds the words it meets,
/// so ids in the rubric mean the same word in every worker.
public struct Vocabulary: Sendable {
    /// Word id. Ids are dense, from 0.
    public typealias ID = Int32
    /// "No word": a token without a sigil-free core, a word not stemmed yet.
    package static let none: ID = -1

    /// Word ids by their folded UTF-8 bytes (see `WordTable`): the tokenizer looks up every
    /// word of every answer without making a String for it.
    private var table = WordTable()
    private(set) var words: [String] = []
    private var stems: [ID] = []
    private var syllableCounts: [Int16] = []
    private var scalarsByWord: [[UInt32]?] = []

    public init() {}

    package var count: Int { words.count }

    /// The id of a folded word, adding it when new.
    package mutating func id(_ folded: String) -> ID {
        var folded = folded
        return folded.withUTF8 { id(bytes: $0) }
    }

    /// The id of the folded word spelt by `bytes` (UTF-8), adding it when new.
    package mutating func id(bytes: UnsafeBufferPointer<UInt8>) -> ID {
        let hash = WordTable.hash(bytes)
        if let known = table.find(bytes, hash: hash) { return known }
        let id = ID(words.count)
        table.insert(bytes, hash: hash, id: id)
        words.append(String(decoding: bytes, as: UTF8.self))
        stems.append(Vocabulary.none)
        syllableCounts.append(-1)
        scalarsByWord.append(nil)
        return id
    }

    /// The id of a word already known, without adding it.
    func existingID(_ folded: String) -> ID? {
        var folded = folded
        return folded.withUTF8 { table.find($0, hash: WordTable.hash($0)) }
    }

    package func word(_ id: ID) -> String { words[Int(id)] }

    /// The id of the word's Snowball stem, stemming it the first time only.
    package mutating func stem(of id: ID, stemmer: Stemmer) -> ID {
        let known = stems[Int(id)]
        if known != Vocabulary.none { return known }
        let stem = self.id(stemmer.stem(words[Int(id)]))
        stems[Int(id)] = stem
        return stem
    }

    /// The stem id of each token's base form, in token order: one mutating access for the
    /// whole answer rather than one per token (each access to a worker's vocabulary is checked).
    package mutating func stems(ofBases tokens: [Token], stemmer: Stemmer) -> [ID] {
        var found: [ID] = []
        found.reserveCapacity(tokens.count)
        for token in tokens { found.append(stem(of: token.base, stemmer: stemmer)) }
        return found
    }

    /// Syllables of the word, for readability.
    mutating func syllables(of id: ID) -> Int {
        let known = syllableCounts[Int(id)]
        if known >= 0 { return Int(known) }
        let counted = Syllables.count(words[Int(id)])
        syllableCounts[Int(id)] = Int16(clamping: counted)
        return counted
    }

    /// The word's Unicode scalars when it is made of letters only (misspelling search), else nil.
    mutating func letters(of id: ID) -> [UInt32]? {
        if let known = scalarsByWord[Int(id)] { return known.isEmpty ? nil : known }
        let word = words[Int(id)]
        let scalars = word.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) ? word.unicodeScalars.map(\.value) : []
        scalarsByWord[Int(id)] = scalars
        return scalars.isEmpty ? nil : scalars
    }
}

/// An open-addressing hash table from a word's UTF-8 bytes to its id, the bytes kept in
/// one arena. Hand-written because a `[String: ID]` makes a String and hashes it with
/// SipHash for each of the tens of millions of words a large cohort holds; this hashes
/// the bytes in place (FNV-1a) and compares them with memcmp. Words are compared as
/// bytes, not as canonically equivalent Strings: every folded word is NFKC already.
struct WordTable: Sendable {
    /// Slot → the word's hash's top 32 bits << 32 | (id + 1), or 0 when empty: a power of
    /// two long, at most half full. The tag in the slot spares a second memory access for
    /// nearly every word that is not the one looked for.
    private var slots = [UInt64](repeating: 0, count: 1024)
    /// Word `id`'s bytes are `arena[starts[id]..<starts[id + 1]]`.
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]

    @inline(__always)
    package static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash ^ (hash >> 29)
    }

    package func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Vocabulary.ID? {
        let tag = hash & 0xFFFF_FFFF_0000_0000
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = slots[slot]
                if entry == 0 { return nil }
                if entry & 0xFFFF_FFFF_0000_0000 == tag {
                    let id = Int(entry & 0xFFFF_FFFF) - 1
                    if equal(id, bytes) { return Vocabulary.ID(id) }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    private func equal(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id], end = starts[id + 1]
        guard end - start == bytes.count else { return false }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, base, bytes.count) == 0 }
    }

    /// Adds a word `find` did not find.
    package mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, id: Vocabulary.ID) {
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        if (starts.count - 1) * 2 > slots.count {
            grow()
        } else {
            place(Int(id), hash: hash)
        }
    }

    private mutating func place(_ id: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(id + 1)
    }

    /// Doubles the slots and places every word again, its hash recomputed from its bytes.
    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        let arena = self.arena, starts = self.starts
        arena.withUnsafeBufferPointer { arena in
            for id in 0..<(starts.count - 1) {
                place(id, hash: Self.hash(UnsafeBufferPointer(rebasing: arena[starts[id]..<starts[id + 1]])))
            }
        }
    }
}
