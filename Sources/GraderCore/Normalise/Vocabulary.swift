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
    static let none: ID = -1

    private var ids: [String: ID] = [:]
    private(set) var words: [String] = []
    private var stems: [ID] = []
    private var syllableCounts: [Int16] = []
    private var scalarsByWord: [[UInt32]?] = []

    public init() {}

    var count: Int { words.count }

    /// The id of a folded word, adding it when new.
    mutating func id(_ folded: String) -> ID {
        if let known = ids[folded] { return known }
        let id = ID(words.count)
        ids[folded] = id
        words.append(folded)
        stems.append(Vocabulary.none)
        syllableCounts.append(-1)
        scalarsByWord.append(nil)
        return id
    }

    /// The id of a word already known, without adding it.
    func existingID(_ folded: String) -> ID? { ids[folded] }

    func word(_ id: ID) -> String { words[Int(id)] }

    /// The id of the word's Snowball stem, stemming it the first time only.
    mutating func stem(of id: ID, stemmer: Stemmer) -> ID {
        let known = stems[Int(id)]
        if known != Vocabulary.none { return known }
        let stem = self.id(stemmer.stem(words[Int(id)]))
        stems[Int(id)] = stem
        return stem
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
