/// Counts, per question, in how many high-scored and low-scored answers each
/// 1–3 word n-gram occurs (document frequency, after normalisation). One per
/// worker, keyed by the worker's word ids so the per-answer work hashes three
/// integers, never a string; turned into strings once, at the end.
struct PhraseCounter {
    struct Key: Hashable {
        let a: Int32, b: Int32, c: Int32
    }

    struct Tally {
        var high: Int32 = 0
        var low: Int32 = 0
        /// The last answer counted, so an n-gram repeated in one answer counts once.
        var last: Int32 = -1
    }

    private var tables: [[Key: Tally]]
    private var serial: Int32 = 0
    /// Per word id: 0 unknown, 1 a stop word, 2 not.
    private var stopCache: [UInt8] = []

    init(questions: Int) { tables = Array(repeating: [:], count: questions) }

    mutating func count(_ tokens: [Token], question: Int, high: Bool, vocabulary: Vocabulary) {
        serial += 1
        let words = tokens.map(\.word)
        for start in words.indices {
            let first = words[start]
            if isStop(first, vocabulary) { continue } // a phrase never starts with a stop word
            for length in 1...3 where start + length <= words.count {
                let last = words[start + length - 1]
                if isStop(last, vocabulary) { continue } // nor ends with one
                let key = Key(a: first, b: length > 1 ? words[start + 1] : -1, c: length > 2 ? words[start + 2] : -1)
                var tally = tables[question][key, default: Tally()]
                guard tally.last != serial else { continue }
                tally.last = serial
                if high { tally.high += 1 } else { tally.low += 1 }
                tables[question][key] = tally
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

    /// The tallies as phrases, keeping only those seen in some high-scored answer.
    func phrases(vocabulary: Vocabulary) -> [[String: (high: Int, low: Int)]] {
        tables.map { table in
            var result: [String: (high: Int, low: Int)] = [:]
            for (key, tally) in table where tally.high > 0 {
                var text = vocabulary.word(key.a)
                if key.b >= 0 { text += " " + vocabulary.word(key.b) }
                if key.c >= 0 { text += " " + vocabulary.word(key.c) }
                result[text] = (Int(tally.high), Int(tally.low))
            }
            return result
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
