import PCRE2
import Snowball

/// An answer as matchers see it: the normalised text and tokens, indexes built
/// on first use, and the worker's scratch space. One per answer, on one worker.
final class AnswerView {
    let text: NormalisedText
    let worker: WorkerScratch

    init(_ text: NormalisedText, worker: WorkerScratch) {
        self.text = text
        self.worker = worker
    }

    /// Token positions by every form a plain keyword word may match: the folded
    /// token, its sigil-free core and each part of a dotted name.
    private(set) lazy var wordIndex: [String: [Int]] = {
        var index: [String: [Int]] = [:]
        index.reserveCapacity(text.tokens.count)
        for (position, token) in text.tokens.enumerated() {
            index[token.folded, default: []].append(position)
            if let core = token.core, core != token.folded { index[core, default: []].append(position) }
            for part in token.parts where part != token.folded { index[part, default: []].append(position) }
        }
        return index
    }()

    /// Token positions by Snowball stem of the token's core form (each distinct form stemmed once).
    private(set) lazy var stemIndex: [String: [Int]] = {
        var stems: [String: String] = [:]
        var index: [String: [Int]] = [:]
        for (position, token) in text.tokens.enumerated() {
            let form = token.core ?? token.folded
            let stem: String
            if let known = stems[form] {
                stem = known
            } else {
                stem = worker.stem(form)
                stems[form] = stem
            }
            index[stem, default: []].append(position)
        }
        return index
    }()

    /// The distinct plain words of the answer with their scalars, for misspelling search.
    private(set) lazy var typoCandidates: [(form: String, scalars: [UInt32], positions: [Int])] = {
        wordIndex.compactMap { form, positions in
            guard form.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) else { return nil }
            return (form, form.unicodeScalars.map(\.value), positions)
        }
    }()
}

/// Mutable state a worker owns and reuses for every answer: PCRE2 match data
/// and limits, a Snowball stemmer and its cache.
public final class WorkerScratch {
    let patterns: MatchScratch
    private let stemmer: Stemmer
    private var stems: [String: String] = [:]

    public init(language: String = "english", limits: MatchScratch.Limits = .init()) throws {
        patterns = MatchScratch(limits: limits)
        stemmer = try Stemmer(language: language)
    }

    /// The stem of a folded word; cached, since a cohort repeats its vocabulary.
    func stem(_ word: String) -> String {
        if let known = stems[word] { return known }
        let stemmed = stemmer.stem(word)
        if stems.count > 200_000 { stems.removeAll(keepingCapacity: true) }
        stems[word] = stemmed
        return stemmed
    }
}
