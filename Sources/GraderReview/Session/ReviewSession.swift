import Foundation
import GraderEngine
import GraderFoundation
import GraderModeration

/// Where a person's decision on an answer stands.
public enum DecisionStatus: Sendable, Equatable {
    case none
    /// Made on the answer text as it is now.
    case current(ModerationDecision)
    /// Made on a different answer text: the decision no longer applies, and the answer is to review again.
    case stale(ModerationDecision)

    var isDone: Bool { if case .current = self { return true } else { return false } }
}

/// What the pages are drawn from: the folder, its queue and the decisions recorded so far.
public struct ReviewSnapshot: Sendable {
    public let folder: ReviewFolder
    public let queue: ReviewQueue
    public let moderationPath: String
    let decisions: [AnswerKey: ModerationDecision]
    /// The answers whose decision was made on another text (`DecisionStatus.stale`), found when the
    /// decision was read or recorded: pages ask for every row, and hashing each answer's text each
    /// time was a tenth of the server's time under load.
    let stale: Set<AnswerKey>

    public func status(_ answer: ReviewAnswer) -> DecisionStatus {
        guard let decision = decisions[answer.key] else { return .none }
        return stale.contains(answer.key) ? .stale(decision) : .current(decision)
    }

    public func isDone(_ key: AnswerKey) -> Bool {
        decisions[key] != nil && !stale.contains(key)
    }

    package func list(_ list: ReviewList) -> [ReviewQueue.Item] { list == .queue ? queue.items : queue.sample }

    func done(in list: ReviewList) -> Int { self.list(list).filter { isDone($0.answer.key) }.count }
}

/// The review's state: the folder read once at start, and the moderation file, the only thing
/// that changes, written through `ModerationFile.record` (locked, appended, durable) before a
/// decision is acknowledged. Another process (a second reviewer's server, a script) may write the
/// same file: each page reads it again when it changed on disk, and a decision is recorded only
/// if the answers it covers still have the decisions its page showed (checked under the file's lock).
///
/// Writes run on a queue of their own, never on the threads that answer pages (a durable write
/// waits for the disk), and decisions posted at once are written together, one after the other
/// in one append to the file with one wait for the disk (group commit): under load a
/// decision waits for at most one write before its own, and pages never wait for the disk.
public final class ReviewSession: Sendable {
    public let folder: ReviewFolder
    public let queue: ReviewQueue
    private let file: ModerationFile
    private let moderationPath: String
    private let state: Locked<State>
    private let pending = Locked<[PendingWrite]>([])
    private let writer = DispatchQueue(label: "grader.review.moderation-writer")

    private struct State {
        var decisions: [AnswerKey: ModerationDecision]
        var stale: Set<AnswerKey>
        /// The file as last read or written (inode, size, modification time): a change means someone else wrote it.
        var seen: FileSignature?
        /// True while this session writes the file, under its lock: a change seen then is this
        /// session's own, which `written` records, so pages do not read the file again meanwhile (they
        /// did, on every page during each write's flush, and parsing the whole file was a fifth of the
        /// server's time under load).
        var writing = false
    }

    /// A decision waiting for the writer, and who waits for its outcome.
    private struct PendingWrite {
        let decisions: [ModerationDecision]
        let against: [AnswerKey: String]?
        let done: @Sendable (Result<Conflict?, OutputError>) -> Void
    }

    public init(folder: ReviewFolder, moderationPath: String) throws(InputError) {
        queue = ReviewQueue(folder)
        // The texts' facts served only to build the queue: a large cohort's shingles are freed here.
        self.folder = folder.withoutTextFacts()
        self.moderationPath = moderationPath
        file = ModerationFile(path: moderationPath)
        let seen = FileSignature(moderationPath)
        let (decisions, stale) = Self.current(try file.read(), answers: folder.answers)
        state = Locked(State(decisions: decisions, stale: stale, seen: seen))
    }

    /// The pages' view, after reading the file again if it changed since it was last read. An
    /// unreadable file leaves the view as it was (the next write refuses it, saying why).
    public func snapshot() -> ReviewSnapshot {
        let now = FileSignature(moderationPath)
        let (decisions, stale) = state.withLock { state in
            if !state.writing, now != state.seen, let log = try? file.read() {
                (state.decisions, state.stale) = Self.current(log, answers: folder.answers)
                state.seen = now
            }
            return (state.decisions, state.stale)
        }
        return ReviewSnapshot(folder: folder, queue: queue, moderationPath: moderationPath, decisions: decisions, stale: stale)
    }

    /// What changed under a decision between its page and its post.
    public struct Conflict: Error, Sendable {
        /// The answers decided meanwhile, each with the decision in force now (nil: withdrawn).
        public let changed: [(key: AnswerKey, now: ModerationDecision?)]
    }

    /// Records `new` (one row per answer) in the file, then in memory. `against` is, per answer,
    /// the tag (`DecisionTag`) of the decision the page showed; when the file holds another one
    /// now, nothing is written and the answer is a `Conflict`.
    public func record(_ new: [ModerationDecision], against: [AnswerKey: String]? = nil) async throws(OutputError) -> Conflict? {
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Conflict?, OutputError>, Never>) in
            let write = PendingWrite(decisions: new, against: against, done: { continuation.resume(returning: $0) })
            let first = pending.withLock { waiting in
                waiting.append(write)
                return waiting.count == 1
            }
            // A write already scheduled takes this one along; otherwise schedule one.
            if first { writer.async { self.writePending() } }
        }
        return try outcome.get()
    }

    /// On `writer`: every decision waiting, checked in the order posted, written in one append to the file.
    private func writePending() {
        let batch = pending.withLock { waiting in
            defer { waiting = [] }
            return waiting
        }
        guard !batch.isEmpty else { return }
        var outcomes: [Conflict?] = []
        var view: [AnswerKey: ModerationDecision] = [:]
        var staleView: Set<AnswerKey> = []
        do {
            try file.record { currentLog in
                // Under the lock. The file is read again only if another writer changed it since
                // this session last read or wrote it: a decision costs no parse of a long file.
                let now = FileSignature(moderationPath)
                (view, staleView) = state.withLock { state in
                    if now != state.seen {
                        (state.decisions, state.stale) = Self.current(currentLog(), answers: folder.answers)
                        state.seen = now
                    }
                    state.writing = true
                    return (state.decisions, state.stale)
                }
                var accepted: [ModerationDecision] = []
                for write in batch {
                    let conflict = Self.conflict(write.against, in: view)
                    outcomes.append(conflict)
                    guard conflict == nil else { continue }
                    accepted += write.decisions
                    apply(write.decisions, to: &view, stale: &staleView)
                }
                if accepted.isEmpty { state.withLock { $0.writing = false } }
                return accepted.isEmpty ? nil : accepted
            } written: {
                let seen = FileSignature(moderationPath)
                state.withLock { state in
                    state.decisions = view
                    state.stale = staleView
                    state.seen = seen
                    state.writing = false
                }
            }
        } catch {
            // What the file holds now is unknown: the next page reads it again.
            state.withLock { state in
                state.writing = false
                state.seen = nil
            }
            for write in batch { write.done(.failure(error)) }
            return
        }
        for (write, outcome) in zip(batch, outcomes) { write.done(.success(outcome)) }
    }

    /// The answers whose decision is no longer the one the page showed, or nil.
    private static func conflict(_ against: [AnswerKey: String]?, in view: [AnswerKey: ModerationDecision]) -> Conflict? {
        guard let against else { return nil }
        let changed = against.keys.sorted().compactMap { key -> (key: AnswerKey, now: ModerationDecision?)? in
            DecisionTag.of(view[key]) == against[key] ? nil : (key, view[key])
        }
        return changed.isEmpty ? nil : Conflict(changed: changed)
    }

    private func apply(_ decisions: [ModerationDecision], to view: inout [AnswerKey: ModerationDecision], stale: inout Set<AnswerKey>) {
        for decision in decisions {
            let key = AnswerKey(candidate: decision.candidateID, question: decision.questionID)
            view[key] = decision.isWithdrawal ? nil : decision
            if !decision.isWithdrawal, let answer = queue.item(key)?.answer, decision.answerSHA256 != answer.hash {
                stale.insert(key)
            } else {
                stale.remove(key)
            }
        }
    }

    /// The file's current decision for every answer in the folder, and the answers whose decision is stale.
    private static func current(_ log: ModerationLog, answers: [ReviewAnswer]) -> ([AnswerKey: ModerationDecision], Set<AnswerKey>) {
        var current: [AnswerKey: ModerationDecision] = [:]
        var stale: Set<AnswerKey> = []
        for answer in answers {
            guard let decision = log.current(candidate: answer.candidate, question: answer.question) else { continue }
            current[answer.key] = decision
            if decision.answerSHA256 != answer.hash { stale.insert(answer.key) }
        }
        return (current, stale)
    }
}

/// What identifies a file's version without reading it: a write of the moderation file appends
/// rows (a new size and time) or, for its creation and a row with a line break, renames a new
/// file over it (a new inode); an edit in place changes size or time too.
struct FileSignature: Equatable, Sendable {
    let inode: UInt64
    let size: UInt64
    let modified: Date

    init?(_ path: String) {
        guard let facts = FileSystem.facts(path) else { return nil }
        self.inode = facts.inode
        self.size = UInt64(facts.size)
        self.modified = facts.modified
    }
}

/// A short name for the decision in force on an answer, carried by its page's form: the post is
/// refused when the answer's decision is no longer the one the page showed. SHA-256 of the row's
/// fields; `none` when there is no decision.
enum DecisionTag {
    static func of(_ decision: ModerationDecision?) -> String {
        guard let decision else { return "none" }
        let fields = [decision.candidateID, decision.questionID, decision.score.map { NumberText.format($0) } ?? "",
                      decision.reason, decision.moderator, decision.decidedAt, decision.answerSHA256]
        return String(ModerationDecision.answerHash(fields.joined(separator: "\u{1F}")).prefix(16))
    }

    /// One tag for several answers (a group): the answers' tags in key order.
    static func of(_ keys: [AnswerKey], in snapshot: ReviewSnapshot) -> String {
        keys.sorted().map { of(snapshot.decisions[$0]) }.joined(separator: ".")
    }
}
