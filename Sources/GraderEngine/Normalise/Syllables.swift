/// English syllable estimate for readability: vowel groups, less a silent final "e".
/// Hand-written: a dictionary-free heuristic is what Flesch scores conventionally use.
enum Syllables {
    package static func count(_ word: String) -> Int {
        var word = word
        return word.withUTF8 { utf8 in
            if utf8.allSatisfy({ $0 < 0x80 }) { return countASCII(utf8) }
            return countUnicode(String(decoding: utf8, as: UTF8.self))
        }
    }

    private static func countASCII(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var groups = 0, letters = 0
        var previousVowel = false
        for byte in utf8 {
            let lower = byte | 0x20
            guard lower >= 0x61 && lower <= 0x7A else { continue }
            letters += 1
            let vowel = lower == 0x61 || lower == 0x65 || lower == 0x69 || lower == 0x6F || lower == 0x75 || lower == 0x79
            if vowel && !previousVowel { groups += 1 }
            previousVowel = vowel
        }
        guard letters > 0 else { return 0 }
        let count = utf8.count
        if count >= 2, utf8[count - 1] | 0x20 == 0x65, utf8[count - 2] | 0x20 != 0x6C, groups > 1 { groups -= 1 }
        return max(1, groups)
    }

    private static func countUnicode(_ word: String) -> Int {
        var groups = 0
        var previousVowel = false
        var letters = 0
        for scalar in word.unicodeScalars where scalar.properties.isAlphabetic {
            letters += 1
            let vowel = "aeiouy".unicodeScalars.contains(scalar)
            if vowel && !previousVowel { groups += 1 }
            previousVowel = vowel
        }
        guard letters > 0 else { return 0 }
        if word.hasSuffix("e") && !word.hasSuffix("le") && groups > 1 { groups -= 1 }
        return max(1, groups)
    }
}
