import GraderCore

/// The whole review order: every answer with text, most worth a person's time first. The web
/// queue is its head and `--export-queue` writes all of it.
///
/// An answer's worth is what a decision on it would change and teach:
/// - **doubt**, the item's uncertainty (`Uncertainty`): how far one rule going the other way
///   moves the score (a boundary, of levels or bands too), rules not evaluated, the gap to the
///   score the model answer's words suggest (`SecondOpinion`, from the first round on), and the
///   gap between the rubric and the model `grader tune` fitted to people's grades, the one reason
///   that comes from people's scores rather than the rubric and the answers;
/// - **novelty**: a decision teaches most about answers unlike those already decided. Two
///   answers with the same rules met and unmet get the same score from the rubric, and `tune`
///   learns from what it sees per rule; near-identical answers (`AnswerGroups`) are decided
///   together in the web form. So each answer ranked above (or already moderated) with the same
///   outcome of every rule divides the worth by one more, and each one of its near-identical
///   group does the same again: the n-th copy of an evidence pattern adds about a 1/n share of
///   what the first taught (a mean's n-th observation), and a group's later members little more.
///
/// worth = doubt / ((1 + same pattern above) × (1 + same group above)), chosen greedily: the
/// next answer is the one of greatest worth given those above it. Discounts only grow, so the
/// worths down the order never rise, and the web queue (worth ≥ `ReviewQueue.threshold`) is a
/// prefix of it. Answers a person already moderated come last, in key order; they count as
/// decided for the novelty of the others. No weight here is fitted to any data set.
public struct ReviewOrder: Sendable {
    public struct Entry: Sendable, Equatable {
        public let item: ReviewQueue.Item
        /// The doubt after the novelty discount: the figure the order sorts by (0 once moderated).
        public let worth: Double
        /// Answers above it (or moderated) with the same outcome of every rule.
        public let samePattern: Int
        /// Answers of its near-identical group above it (or moderated).
        public let sameGroup: Int

        /// Why the worth is lower than the doubt, for people: one line per discount.
        public var discounts: [String] {
            var lines: [String] = []
            if samePattern > 0 { lines.append("like: \(Plural.count(samePattern, "answer")) with the same rules met ranked above or moderated") }
            if sameGroup > 0 { lines.append("group: \(Plural.count(sameGroup, "near-identical answer")) ranked above or moderated") }
            return lines
        }
    }

    public let entries: [Entry]

    /// What makes two answers alike for the rubric: the same question, status and outcome of every rule.
    struct Pattern: Hashable {
        let question: String
        let status: String
        let rules: [ReviewAnswer.Rule.Status]
    }

    init(_ items: [ReviewQueue.Item], groups: AnswerGroups) {
        var patternCount: [Pattern: Int] = [:]
        var groupCount: [Int: Int] = [:]
        func pattern(_ item: ReviewQueue.Item) -> Pattern {
            Pattern(question: item.answer.question, status: item.answer.status, rules: item.answer.rules.map(\.status))
        }
        let moderated = items.filter(\.answer.moderated).sorted { $0.answer.key < $1.answer.key }
        for item in moderated {
            patternCount[pattern(item), default: 0] += 1
            if let group = groups.number(of: item.answer.key) { groupCount[group, default: 0] += 1 }
        }

        // Lazy greedy: a worth only falls as answers are ranked, so a popped candidate whose
        // counts are unchanged since its worth was computed beats every other one.
        struct Candidate {
            let index: Int
            let worth: Double
            let samePattern: Int
            let sameGroup: Int
        }
        let open = items.indices.filter { !items[$0].answer.moderated }
        let patterns = items.map(pattern)
        let groupOf = items.map { groups.number(of: $0.answer.key) }
        func candidate(_ index: Int) -> Candidate {
            let samePattern = patternCount[patterns[index]] ?? 0
            let sameGroup = groupOf[index].flatMap { groupCount[$0] } ?? 0
            return Candidate(index: index, worth: items[index].uncertainty / Double((1 + samePattern) * (1 + sameGroup)),
                             samePattern: samePattern, sameGroup: sameGroup)
        }
        var heap = Heap<Candidate> { lhs, rhs in
            lhs.worth != rhs.worth ? lhs.worth > rhs.worth : items[lhs.index].answer.key < items[rhs.index].answer.key
        }
        for index in open { heap.push(candidate(index)) }
        var entries: [Entry] = []
        entries.reserveCapacity(items.count)
        while let top = heap.pop() {
            let now = candidate(top.index)
            guard now.samePattern == top.samePattern, now.sameGroup == top.sameGroup else {
                heap.push(now)
                continue
            }
            entries.append(Entry(item: items[top.index], worth: top.worth, samePattern: top.samePattern, sameGroup: top.sameGroup))
            patternCount[patterns[top.index], default: 0] += 1
            if let group = groupOf[top.index] { groupCount[group, default: 0] += 1 }
        }
        for item in moderated {
            entries.append(Entry(item: item, worth: 0, samePattern: 0, sameGroup: 0))
        }
        self.entries = entries
    }
}

/// A binary heap ordered by `before` (the first element is the one nothing comes before).
struct Heap<Element> {
    private var elements: [Element] = []
    private let before: (Element, Element) -> Bool

    init(before: @escaping (Element, Element) -> Bool) { self.before = before }

    mutating func push(_ element: Element) {
        elements.append(element)
        var child = elements.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(elements[child], elements[parent]) else { break }
            elements.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Element? {
        guard !elements.isEmpty else { return nil }
        elements.swapAt(0, elements.count - 1)
        let top = elements.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var first = parent
            if left < elements.count, before(elements[left], elements[first]) { first = left }
            if right < elements.count, before(elements[right], elements[first]) { first = right }
            guard first != parent else { return top }
            elements.swapAt(parent, first)
            parent = first
        }
    }
}
