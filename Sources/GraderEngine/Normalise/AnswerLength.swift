/// How long an answer is, counted one way for all of Grader: the profile's `words` and
/// `sentences`, `min-words`, and the `<words>` and `<sentences>` matchers read these, so
/// the counts a report shows are the counts its rules compared.
enum AnswerLength {
    /// Words are the normaliser's tokens, the units keywords match on. A code-aware token
    /// is one word (`a.b()`, `gc.collect`, `3.14`, `__init__`, `**kwargs`); apostrophes and
    /// hyphens split words (`don't` and `well-known` are 2 each); punctuation alone is none.
    package static func words(_ text: NormalisedText) -> Int { text.tokens.count }

    /// Sentences: each run of terminal punctuation (`.`, `!`, `?`) followed by whitespace
    /// or the end of the text ends one, and a text whose last visible character is not
    /// terminal punctuation has one more, so a non-empty answer without any is 1 sentence;
    /// a text with no words has 0. An ellipsis (`...`, or `…`, which NFKC makes `...`)
    /// before a space ends a sentence; a dot inside a word (`a.b()`, `3.14`) does not.
    /// Grader keeps no list of abbreviations: "e.g. this" is two sentences.
    ///
    /// Whitespace after the punctuation is ASCII's (space, tab, LF, VT, FF, CR): the text
    /// is NFKC, so a no-break space has already become a space. Hand-written, one pass over
    /// the bytes: the profile counts every answer, and a matcher must not need match data.
    package static func sentences(_ text: NormalisedText) -> Int {
        guard !text.tokens.isEmpty else { return 0 }
        var ends = 0
        var inRun = false
        var lastVisible: UInt32 = 0
        for byte in text.text.utf8 {
            let terminal = byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
            if inRun && !terminal && isASCIISpace(byte) { ends += 1 }
            inRun = terminal
        }
        if inRun { ends += 1 }
        if let last = text.text.unicodeScalars.last(where: { !$0.properties.isWhitespace }) { lastVisible = last.value }
        let endsUnpunctuated = lastVisible != 0x2E && lastVisible != 0x21 && lastVisible != 0x3F
        return max(1, ends + (endsUnpunctuated ? 1 : 0))
    }

    @inline(__always)
    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}
