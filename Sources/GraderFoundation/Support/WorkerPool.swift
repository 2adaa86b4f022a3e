/// The one worker pool of Grader: grading, tuning and reading reports back for the cohort
/// all run `jobs` tasks that each pull the next item from one shared queue until none is
/// left, so a slow candidate never holds up the others and at most `jobs` items are in
/// memory at once. Each task keeps state of its own (match data, buffers) and returns
/// what it gathered; outcomes come back in worker order, and callers merge them with
/// operations that do not depend on which worker took which item.
package enum WorkerPool {
    package static func run<Items: RandomAccessCollection & Sendable, Outcome: Sendable>(
        _ items: Items, jobs: Int, _ work: @escaping @Sendable (WorkQueue<Items>) async throws -> Outcome
    ) async throws -> [Outcome] where Items.Element: Sendable, Items.Index == Int {
        let queue = WorkQueue(items)
        let workers = min(max(1, jobs), max(1, items.count))
        return try await withThrowingTaskGroup(of: (Int, Outcome).self) { group in
            for worker in 0..<workers {
                group.addTask { (worker, try await work(queue)) }
            }
            var outcomes: [(worker: Int, outcome: Outcome)] = []
            for try await outcome in group { outcomes.append(outcome) }
            return outcomes.sorted { $0.worker < $1.worker }.map(\.outcome)
        }
    }
}

/// Hands out items one at a time to whichever worker asks, and counts those finished (for
/// progress). Any random-access collection will do: the submission units are made one at a
/// time from a compact list (`SubmissionUnits`).
package actor WorkQueue<Items: RandomAccessCollection & Sendable> where Items.Element: Sendable, Items.Index == Int {
    private let items: Items
    private var nextIndex: Int
    private var finished = 0

    init(_ items: Items) {
        self.items = items
        nextIndex = items.startIndex
    }

    package func next() -> Items.Element? {
        guard nextIndex < items.endIndex else { return nil }
        defer { nextIndex += 1 }
        return items[nextIndex]
    }

    package func finishedOne() -> (done: Int, total: Int) {
        finished += 1
        return (finished, items.count)
    }
}
