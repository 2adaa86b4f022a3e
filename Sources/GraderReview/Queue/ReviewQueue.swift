
/// The order a person reviews in: answers most worth a decision first (`ReviewOrder`), with their reasons,
/// and beside it a random sample, so that spot checks of the sample estimate how often the
/// rubric agrees with people without the queue's bias towards doubtful answers.
public struct ReviewQueue: Sendable {
    public struct Item: Sendable, Equatable {
        public let answer: ReviewAnswer
        public let reasons: [Reason]
        /// The sum of the reasons' weights (see `Reason`).
        public var uncertainty: Double { reasons.reduce(0) { $0 + $1.weight } }
    }

    /// The head of `order`: the answers whose worth (doubt discounted for answers like them above)
    /// reaches `threshold`, most worth first; ties by candidate id, then question id.
    public let items: [Item]
    /// Every answer with text in review order (`ReviewOrder`): `items`, then the rest, moderated ones last.
    public let order: ReviewOrder
    /// Every answered answer has some rule whose flip changes its score; the queue keeps those whose
    /// worth is at least half the question (one such flip, or several smaller reasons together, not
    /// yet shared with an answer like it above).
    public static let threshold = 0.5
    /// The random sample: `sampleSize` answers (with text) drawn by a seeded hash of their ids, so the
    /// same folder always gives the same sample and no answer's content or score sways the draw.
    public let sample: [Item]
    /// Every answer with text, by key, with its reasons (possibly none).
    private let byKey: [AnswerKey: Item]
    private let entryByKey: [AnswerKey: ReviewOrder.Entry]
    public let groups: AnswerGroups

    public static let sampleSeed: UInt64 = 0x5EED_0F_5A_3B_1E_5
    public static func sampleSize(of count: Int) -> Int { min(count, max(20, count / 20)) }

    public init(_ folder: ReviewFolder) {
        let questions = Dictionary(folder.rubric.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let opinions = SecondOpinion(folder)
        var all: [Item] = []
        all.reserveCapacity(folder.answers.count)
        var flips = Uncertainty.FlipMemo()
        for answer in folder.answers where answer.hasText {
            guard let question = questions[answer.question] else { continue }
            all.append(Item(answer: answer, reasons: Uncertainty.reasons(answer, question: question, similar: folder.similar[answer.key],
                                                                         fitted: folder.fitted.byAnswer[answer.key],
                                                                         opinion: opinions.byAnswer[answer.key], flips: &flips)))
        }
        groups = AnswerGroups(folder)
        order = ReviewOrder(all, groups: groups)
        items = order.entries.prefix { $0.worth >= Self.threshold }.map(\.item)
        let drawn = all.map { (Self.draw($0.answer.key), $0) }.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.answer.key < $1.1.answer.key }
        sample = drawn.prefix(Self.sampleSize(of: all.count)).map(\.1)
        entryByKey = Dictionary(order.entries.map { ($0.item.answer.key, $0) }, uniquingKeysWith: { first, _ in first })
        byKey = Dictionary(all.map { ($0.answer.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func item(_ key: AnswerKey) -> Item? { byKey[key] }
    /// The answer's place in the review order: its worth and discounts, as the export writes them.
    public func entry(_ key: AnswerKey) -> ReviewOrder.Entry? { entryByKey[key] }
    public var reviewable: Int { byKey.count }

    /// The first answer after `key` in the queue (from the start when `key` is nil or not in it)
    /// that `isDone` does not rule out, wrapping round; nil when the whole queue is done.
    public func next(after key: AnswerKey?, in list: [Item], isDone: (AnswerKey) -> Bool) -> Item? {
        let start = key.flatMap { current in list.firstIndex { $0.answer.key == current }.map { $0 + 1 } } ?? 0
        for offset in 0..<list.count {
            let item = list[(start + offset) % list.count]
            if !isDone(item.answer.key) { return item }
        }
        return nil
    }

    /// SplitMix64 of the seed mixed with the ids' FNV-1a hash: a fixed, platform-independent draw
    /// (Swift's `Hasher` is seeded per process).
    static func draw(_ key: AnswerKey) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in Array(key.candidate.utf8) + [0] + Array(key.question.utf8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        var z = hash ^ sampleSeed
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
