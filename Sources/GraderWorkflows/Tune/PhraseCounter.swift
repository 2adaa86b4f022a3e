import GraderEngine

/// Counts, per question, in how many high-scored and low-scored answers each
/// 1–3 word n-gram occurs (document frequency, after normalisation). One per
/// worker, keyed by the worker's word ids so the per-answer work hashes one
/// packed integer, never a string; turned into strings once, at the end.
struct PhraseCounter {
    private var tables: [NGramTable]
    private var serial: Int32 = 0
    /// Per word id: 0 unknown, 1 a stop word, 2 not.
    private var stopCache: [UInt8] = []

    init(questions: Int) { tables = (0..<questions).map { _ in NGramTable() } }

    package mutating func count(_ tokens: [Token], question: Int, high: Bool, vocabulary: Vocabulary) {
        serial += 1
        let words = tokens.map(\.word)
        for start in words.indices {
            let first = words[start]
            if isStop(first, vocabulary) { continue } // a phrase never starts with a stop word
            for length in 1...3 where start + length <= words.count {
                let last = words[start + length - 1]
                if isStop(last, vocabulary) { continue } // nor ends with one
                guard let key = NGramTable.key(first, length > 1 ? words[start + 1] : -1, length > 2 ? words[start + 2] : -1) else { continue }
                tables[question].count(key, high: high, answer: serial)
            }
        }
    }

    private mutating func isStop(_ word: Int32, _ vocabulary: Vocabulary) -> Bool {
        let index = Int(word)
        if index >= stopCache.count { stopCache.append(contentsOf: repeatElement(0, count: index - stopCache.count + 1024)) }
        if stopCache[index] == 0 {
            let text = vocabulary.word(word)
            stopCache[index] = StopWords.english.contains(text) || !text.contains(where: \.isLetter) ? 1 : 2
        }
        return stopCache[index] == 1
    }

    /// Every tally as a phrase. Low-only phrases are kept too: another worker may have seen
    /// the same phrase in a high-scored answer, and dropping them before the workers' counts
    /// are merged made the merged counts depend on which worker graded which answer.
    package func phrases(vocabulary: Vocabulary) -> [[String: (high: Int, low: Int)]] {
        tables.map { table in
            var result: [String: (high: Int, low: Int)] = [:]
            table.forEach { key, high, low in
                let words = NGramTable.words(of: key).map { vocabulary.word($0) }
                result[words.joined(separator: " ")] = (Int(high), Int(low))
            }
            return result
        }
    }
}

/// An open-addressing hash table from a packed n-gram (three word ids of 21 bits) to
/// its counts. Hand-written on purpose: with `Dictionary` and a `Hashable` key, SipHash
/// of every n-gram of every answer was a sixth of a `tune` run; a multiplicative hash
/// of one 64-bit word and linear probing cost a fraction of that.
struct NGramTable {
    /// One slot's key and counts side by side: a probe touches one cache line, not four arrays.
    private struct Slot {
        var key: UInt64 = 0
        var high: Int32 = 0
        var low: Int32 = 0
        /// The last answer that counted this n-gram, so repeats within one answer count once.
        var last: Int32 = -1
    }

    private var slots: [Slot]
    private var used = 0
    private var shift: UInt64

    init() {
        slots = Array(repeating: Slot(), count: 1024)
        shift = 64 - 10
    }

    static let idBits: UInt64 = 21
    static let idMask: UInt64 = (1 << idBits) - 1

    /// The packed key of an n-gram (-1 for absent words), never 0; nil when an id is too large to pack.
    package static func key(_ a: Int32, _ b: Int32, _ c: Int32) -> UInt64? {
        let x = UInt64(Int64(a) + 1), y = UInt64(Int64(b) + 1), z = UInt64(Int64(c) + 1)
        guard x < idMask, y < idMask, z < idMask else { return nil }
        return x | y << idBits | z << (2 * idBits)
    }

    package static func words(of key: UInt64) -> [Int32] {
        [key & idMask, (key >> idBits) & idMask, (key >> (2 * idBits)) & idMask].filter { $0 > 0 }.map { Int32($0) - 1 }
    }

    package mutating func count(_ key: UInt64, high isHigh: Bool, answer: Int32) {
        if used * 2 >= slots.count { grow() }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while slots[slot].key != 0 && slots[slot].key != key { slot = (slot + 1) & mask }
        if slots[slot].key == 0 { slots[slot].key = key; used += 1 }
        guard slots[slot].last != answer else { return }
        slots[slot].last = answer
        if isHigh { slots[slot].high += 1 } else { slots[slot].low += 1 }
    }

    func forEach(_ body: (UInt64, Int32, Int32) -> Void) {
        for slot in slots where slot.key != 0 { body(slot.key, slot.high, slot.low) }
    }

    private mutating func grow() {
        let old = slots
        let capacity = slots.count * 2
        slots = Array(repeating: Slot(), count: capacity)
        shift -= 1
        for entry in old where entry.key != 0 {
            var slot = Int(truncatingIfNeeded: (entry.key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[slot].key != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = entry
        }
    }
}

/// English function words that make poor criteria on their own. Hand-written:
/// libstemmer ships no stop lists, and these few dozen are all phrase mining needs.
enum StopWords {
    static let english: Set<String> = [
        "a", "an", "the", "and", "or", "but", "if", "then", "else", "of", "to", "in", "on", "at", "by", "for",
        "with", "from", "as", "into", "about", "than", "so", "such", "that", "this", "these", "those", "it", "its",
        "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "has", "have", "had", "can",
        "could", "will", "would", "should", "may", "might", "must", "not", "no", "you", "your", "we", "our",
        "they", "their", "them", "he", "she", "his", "her", "i", "me", "my", "which", "what", "when", "where",
        "who", "how", "why", "there", "here", "also", "just", "very", "more", "most", "some", "any", "all",
        "each", "one", "other", "only", "own", "same", "both", "up", "out", "over", "under", "again", "like",
        "way", "use", "used", "using", "make", "makes", "e.g", "i.e", "etc", "thing", "things", "python",
    ]
}
