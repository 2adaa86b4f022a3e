internal import CStemmer

/// Why a stemmer could not be created.
public enum StemmerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libstemmer has no algorithm of that name; `available` lists the ones it has.
    case unknownLanguage(String, available: [String])

    public var description: String {
        switch self {
        case .unknownLanguage(let name, let available):
            return "no Snowball stemmer for language '\(name)' (available: \(available.joined(separator: ", ")))"
        }
    }
}

/// A Snowball stemmer for one language. libstemmer's stemmers keep state
/// between calls, so each worker owns its own instance (not `Sendable`).
public final class Stemmer {
    private let stemmer: OpaquePointer
    public let language: String

    public init(language: String = "english") throws(StemmerError) {
        guard let created = sb_stemmer_new(language, "UTF_8") else {
            throw .unknownLanguage(language, available: Stemmer.availableLanguages)
        }
        self.stemmer = created
        self.language = language
    }

    deinit { sb_stemmer_delete(stemmer) }

    /// The stem of `word`, which should already be lower-cased. A word libstemmer
    /// cannot process (it only fails when out of memory) is returned unchanged.
    public func stem(_ word: String) -> String {
        var word = word
        return word.withUTF8 { buffer -> String in
            guard let base = buffer.baseAddress,
                  let stemmed = sb_stemmer_stem(stemmer, base, Int32(clamping: buffer.count)) else {
                return String(decoding: buffer, as: UTF8.self)
            }
            let length = Int(sb_stemmer_length(stemmer))
            return String(decoding: UnsafeBufferPointer(start: stemmed, count: length), as: UTF8.self)
        }
    }

    /// Names of every algorithm this libstemmer build provides.
    public static var availableLanguages: [String] {
        var names: [String] = []
        guard var cursor = sb_stemmer_list() else { return names }
        while let name = cursor.pointee {
            names.append(String(cString: name))
            cursor += 1
        }
        return names
    }
}
