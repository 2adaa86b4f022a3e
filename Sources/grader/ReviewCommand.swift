import ArgumentParser
import Foundation
import GraderFoundation
import GraderModeration
import GraderReview

/// `grader review`: the local web app where a person checks the answers Grader is least sure
/// of and records decisions in the moderation file, which the next `grader grade` applies.
struct Review: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Review and moderate graded answers in the browser, least certain first.",
        discussion: """
        Serves REPORTS (the output folder of grader grade: review-index.bin, the rubric.xml \
        copied there, cohort.xml, and candidates/*.xml as answers are opened; a folder graded \
        by an older Grader needs grader cohort REPORTS first) on 127.0.0.1 only and prints the address to open, which \
        carries a random token, new each run. The queue lists the answers Grader is least sure of \
        (each with its reasons), and a random sample estimates agreement without bias; answers \
        that are the same or nearly the same are decided together. Each decision is a row of \
        the moderation file (appended under a lock and flushed to disk before it is acknowledged); run grader grade again with \
        the same --moderation to apply it. A decided answer's page can withdraw the decision, \
        and links its question in REPORTS/rubric.html (served at /rubric). Several reviewers \
        may share one moderation file: pages show each other's decisions, and a decision on \
        an answer someone else decided meanwhile is refused (409) saying so. The pages run no \
        script. Limits per client: headers 16 KB within 5 s, a form 64 KB within 5 s more, \
        128 connections, GET/HEAD/POST only. Stop with Ctrl-C or SIGTERM: requests being \
        answered finish (up to 1 s), then it exits 0; a second Ctrl-C exits at once.
        """
    )

    @Argument(help: "Output folder of grader grade.")
    var reports: String = "Reports"

    @Option(help: ArgumentHelp("The moderation file (CSV) decisions are recorded in; never inside REPORTS.", valueName: "FILE"))
    var moderation: String = ModerationFile.defaultPath

    @Option(help: ArgumentHelp("Port on 127.0.0.1 to listen on; 0 picks a free one (printed).", valueName: "N"))
    var port: Int = 8765

    @Option(help: ArgumentHelp("Write every answer with text in review order (the web queue is its head) to this CSV, or - for standard output, and exit without serving: rank,candidate,question,worth,doubt,reasons,group,answer_sha256. Never inside REPORTS.", valueName: "FILE"))
    var exportQueue: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
    }

    func run() async throws {
        if let exportQueue {
            if let problem = QueueExport.placementProblem(exportQueue, reportsFolder: reports) {
                throw CommandFailure.exitCode(reporting: CommandFailure.UsageFailure("\(exportQueue): error: \(problem)"))
            }
            do {
                try QueueExport.write(ReviewQueue(try ReviewFolder.load(reports)), to: exportQueue)
            } catch {
                throw CommandFailure.exitCode(reporting: error)
            }
            return
        }
        if let problem = ModerationFile(path: moderation).placementProblem(reportsFolder: reports, submissionFolders: []) {
            throw CommandFailure.exitCode(reporting: CommandFailure.UsageFailure("\(moderation): error: \(problem)"))
        }
        let session: ReviewSession
        do {
            session = try ReviewSession(folder: try ReviewFolder.load(reports), moderationPath: moderation)
        } catch {
            throw CommandFailure.exitCode(reporting: error)
        }
        let queue = session.queue
        let server = ReviewServer(session: session)
        let serving = Task {
            try await server.run(port: UInt16(port)) { url in
                // Unbuffered, so a script reading the address sees it at once.
                FileHandle.standardOutput.write(Data("""
                    Reviewing \(Plural.count(queue.reviewable, "answer")) in \(reports): \(Plural.count(queue.items.count, "answer")) in the queue, \
                    \(queue.sample.count) in the random sample. Decisions go to \(moderation).
                    Open \(url)
                    Press Ctrl-C to stop.

                    """.utf8))
            }
        }
        // Ctrl-C (and a plain kill) stop the server cleanly: every decision acknowledged is already
        // on disk. A second one while stopping ends the process at once.
        let signals = StopSignals(onFirst: { serving.cancel() }, onSecond: { number in
            FileHandle.standardError.write(Data("grader review: stopped at once; every decision acknowledged is in the moderation file.\n".utf8))
            // _exit, not exit: no atexit handlers, so nothing races the main thread still stopping.
            _exit(128 + number)
        })
        defer { signals.stop() }
        do {
            try await serving.value
        } catch is CancellationError {
        } catch {
            if Task.isCancelled || serving.isCancelled { return finish() }
            Terminal.error("grader review: the server stopped: \(error)")
            throw ExitCode(ExitStatus.internalError)
        }
        finish()
    }

    private func finish() {
        FileHandle.standardOutput.write(Data("Stopped. Decisions are in \(moderation); run grader grade with --moderation \(moderation) to apply them.\n".utf8))
    }
}
