import GraderEngine
import GraderFoundation


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
        package let question: String
        let status: String
        let rules: [ReviewAnswer.Rule.Status]
    }

    init(_ items: [ReviewQueue.Item], groups: AnswerGroups) {
        var patternCount: [Pattern: Int] = [:]   // the moderated answers' patterns
        var groupCount: [Int: Int] = [:]
        func pattern(_ item: ReviewQueue.Item) -> Pattern {
            Pattern(question: item.answer.question, status: item.answer.status, rules: item.answer.rules.map(\.status))
        }
        let moderated = items.filter(\.answer.moderated).sorted { $0.answer.key < $1.answer.key }
        for item in moderated {
            patternCount[pattern(item), default: 0] += 1
            if let group = groups.number(of: item.answer.key) { groupCount[group, default: 0] += 1 }
        }

        // Greedy, one pattern at a time: answers of one pattern share its discount, so within a
        // pattern they rank by doubt / (1 + same group) alone, and only each pattern's best answer
        // needs a place in the cohort-wide heap. Taking an answer re-ranks its own pattern and the
        // patterns holding members of its group (few: groups are near-identical answers); a lazy
        // greedy over every answer instead re-pushed each answer of a large pattern once per
        // answer taken from it, quadratic in the pattern's size.
        let patterns = items.map(pattern)
        let groupOf = items.map { groups.number(of: $0.answer.key) }
        var patternIDs: [Pattern: Int] = [:]
        var members: [[Int]] = []
        for index in items.indices where !items[index].answer.moderated {
            let id = patternIDs[patterns[index]] ?? { patternIDs[patterns[index]] = members.count; members.append([]); return members.count - 1 }()
            members[id].append(index)
        }
        var taken = members.map { patternCount[patterns[$0[0]]] ?? 0 }   // ranked so far per pattern, the moderated ones too
        var patternsOfGroup: [Int: Set<Int>] = [:]
        for (id, list) in members.enumerated() {
            for index in list { if let group = groupOf[index] { patternsOfGroup[group, default: []].insert(id) } }
        }
        func sameGroup(_ index: Int) -> Int { groupOf[index].flatMap { groupCount[$0] } ?? 0 }
        func worth(_ index: Int, samePattern: Int, sameGroup: Int) -> Double {
            items[index].uncertainty / Double((1 + samePattern) * (1 + sameGroup))
        }
        // Within a pattern: by doubt over (1 + same group), the group count as when pushed (checked at the top).
        struct Member { let index: Int; let value: Double; let sameGroup: Int }
        var byPattern = members.map { list in
            var heap = Heap<Member> { lhs, rhs in
                lhs.value != rhs.value ? lhs.value > rhs.value : items[lhs.index].answer.key < items[rhs.index].answer.key
            }
            for index in list {
                let group = sameGroup(index)
                heap.push(Member(index: index, value: worth(index, samePattern: 0, sameGroup: group), sameGroup: group))
            }
            return heap
        }
        /// The pattern's best answer with its group count brought up to date.
        func head(_ id: Int) -> Member? {
            while let top = byPattern[id].peek() {
                let group = sameGroup(top.index)
                if group == top.sameGroup { return top }
                _ = byPattern[id].pop()
                byPattern[id].push(Member(index: top.index, value: worth(top.index, samePattern: 0, sameGroup: group), sameGroup: group))
            }
            return nil
        }
        struct Candidate {
            let pattern: Int
            let version: Int
            let index: Int
            let worth: Double
        }
        var version = Array(repeating: 0, count: members.count)
        var heap = Heap<Candidate> { lhs, rhs in
            lhs.worth != rhs.worth ? lhs.worth > rhs.worth : items[lhs.index].answer.key < items[rhs.index].answer.key
        }
        func offer(_ id: Int) {
            version[id] += 1
            guard let best = head(id) else { return }
            heap.push(Candidate(pattern: id, version: version[id], index: best.index,
                                worth: worth(best.index, samePattern: taken[id], sameGroup: best.sameGroup)))
        }
        for id in members.indices { offer(id) }
        var entries: [Entry] = []
        entries.reserveCapacity(items.count)
        while let top = heap.pop() {
            guard top.version == version[top.pattern], let chosen = byPattern[top.pattern].pop() else { continue }
            entries.append(Entry(item: items[chosen.index], worth: top.worth, samePattern: taken[top.pattern], sameGroup: chosen.sameGroup))
            taken[top.pattern] += 1
            var touched: Set<Int> = [top.pattern]
            if let group = groupOf[chosen.index] {
                groupCount[group, default: 0] += 1
                touched.formUnion(patternsOfGroup[group] ?? [])
            }
            for id in touched.sorted() { offer(id) }
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

    func peek() -> Element? { elements.first }

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
