import FlyingFox
import Foundation
import GraderEngine
import GraderFoundation
import GraderReports

/// What each address does. Every request passes `ReviewSecurity` first; pages are GET, the one
/// state change (a decision) is a POST that answers 303 with the next answer's address.
///
/// - `GET /?token=…`: sets the session cookie, then 303 to `/queue` (the token leaves the address bar);
/// - `GET /queue`: the queue and the random sample;
/// - `GET /answer?candidate=…&question=…&list=queue|sample`: one answer and its form;
/// - `GET /next?list=…[&candidate=…&question=…]`: 303 to the next answer not yet decided (after the one named);
/// - `POST /decide`: records a decision (for the whole group when asked), 303 to the next answer;
///   409 when someone else decided the answer after its page was drawn;
/// - `POST /withdraw`: records a withdrawal of the answer's decision, 303 back to its page;
/// - `GET /rubric`: the reports folder's `rubric.html`, which answer pages link to.
struct ReviewRoutes: Sendable {
    let session: ReviewSession
    let security: ReviewSecurity
    /// Largest form accepted: a reason of 2,000 characters, percent-encoded, with room to spare.
    static let maximumBody = 64 * 1024

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        if let refusal = security.refusal(request) { return error(.forbidden, refusal, backLink: false) }
        switch (request.method, request.path) {
        case (.GET, "/"), (.HEAD, "/"):
            var response = redirect("/queue")
            response.headers[.setCookie] = security.sessionCookieHeader
            return response
        case (.GET, "/queue"), (.HEAD, "/queue"):
            return page(QueuePage.render(session.snapshot()))
        case (.GET, "/answer"), (.HEAD, "/answer"):
            return await answer(request)
        case (.GET, "/next"), (.HEAD, "/next"):
            let snapshot = session.snapshot()
            let list = ReviewList(rawValue: request.query["list"] ?? "queue") ?? .queue
            return next(after: Self.key(request.query["candidate"], request.query["question"]), list: list, snapshot: snapshot)
        case (.POST, "/decide"):
            return await decide(request, withdrawing: false)
        case (.POST, "/withdraw"):
            return await decide(request, withdrawing: true)
        case (.GET, "/rubric"), (.HEAD, "/rubric"):
            return rubric()
        case (.POST, _):
            return error(.notFound, "Nothing is posted to \(request.path).", backLink: true)
        default:
            return error(.notFound, "There is no page \(request.path) here.", backLink: true)
        }
    }

    private func answer(_ request: HTTPRequest) async -> HTTPResponse {
        let snapshot = session.snapshot()
        guard let key = Self.key(request.query["candidate"], request.query["question"]) else {
            return error(.badRequest, "An answer's address names its candidate and question.", backLink: true)
        }
        guard let item = snapshot.queue.item(key),
              let question = snapshot.folder.rubric.questions.first(where: { $0.id == key.question }) else {
            return error(.notFound, "There is no answer of candidate \(key.candidate) to question \(key.question) in these reports.", backLink: true)
        }
        let list = ReviewList(rawValue: request.query["list"] ?? "queue") ?? .queue
        // The queue keeps no texts: the page's answer, with its text and evidence, is read from its report.
        let full: ReviewAnswer
        do {
            full = try snapshot.folder.fullAnswer(item.answer)
        } catch {
            return self.error(.conflict, "The report of this answer cannot be shown: \(error.description)", backLink: true)
        }
        let shown = ReviewQueue.Item(answer: full, reasons: item.reasons)
        return page(AnswerPage(snapshot: snapshot, item: shown, list: list, question: question,
                               moderator: ReviewSecurity.moderator(request), csrfToken: security.csrfToken).render())
    }

    private func next(after key: AnswerKey?, list: ReviewList, snapshot: ReviewSnapshot) -> HTTPResponse {
        guard let item = snapshot.queue.next(after: key, in: snapshot.list(list), isDone: snapshot.isDone) else {
            return redirect("/queue")
        }
        return redirect(PageLinks.answerPath(item.answer.key, list: list))
    }

    /// Checks the form whole before anything is written: the CSRF token, the answer (and that its
    /// text is the one the page showed), the score within 0…max, the lengths; then records one row
    /// per answer (the group's when asked) and sends the browser on to the next answer. A
    /// withdrawal is a row without a score for the one answer, and goes back to its page.
    private func decide(_ request: HTTPRequest, withdrawing: Bool) async -> HTTPResponse {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            return error(.badRequest, "A decision is sent as a form (application/x-www-form-urlencoded).", backLink: true)
        }
        let body: Data
        do {
            body = try await request.bodyData
        } catch {
            return self.error(.badRequest, "The form could not be read.", backLink: true)
        }
        guard body.count <= Self.maximumBody, let form = FormBody(body) else {
            return error(.badRequest, "The form is not a readable form (too long, or not UTF-8 form encoding).", backLink: true)
        }
        guard security.acceptsForm(form) else {
            return error(.forbidden, "The form's CSRF token is missing or wrong: reload the answer's page and send it again.", backLink: true)
        }
        let snapshot = session.snapshot()
        guard let key = Self.key(form["candidate"], form["question"]) else {
            return error(.badRequest, "The form names no candidate and question.", backLink: true)
        }
        guard let item = snapshot.queue.item(key),
              let question = snapshot.folder.rubric.questions.first(where: { $0.id == key.question }) else {
            return error(.notFound, "There is no answer of candidate \(key.candidate) to question \(key.question) in these reports.", backLink: true)
        }
        guard form["hash"] == item.answer.hash else {
            return error(.badRequest, "The form was made for a different text of this answer; reload its page.", backLink: true)
        }
        if withdrawing, snapshot.decisions[key] == nil {
            return error(.badRequest, "Answer \(key.candidate) \(key.question) has no decision to withdraw.", backLink: true)
        }
        let scoreText = (form["score"] ?? "").trimmingCharacters(in: .whitespaces)
        let score: Double? = withdrawing ? nil : Double(scoreText)
        guard withdrawing || score.map({ $0.isFinite && $0 >= 0 && $0 <= question.points }) == true else {
            return error(.badRequest, "The score must be a number from 0 to \(NumberText.format(question.points)) (question \(question.id)); got “\(scoreText)”.", backLink: true)
        }
        let reason = form["reason"] ?? "", moderator = (form["moderator"] ?? "").trimmingCharacters(in: .whitespaces)
        guard reason.count <= 2000, moderator.count <= 200 else {
            return error(.badRequest, "The reason is limited to 2,000 characters and the name to 200.", backLink: true)
        }
        var keys = [key], againstField = "against"
        if !withdrawing, form["group"] == "all", let group = snapshot.queue.groups.group(of: key) {
            keys = group.members
            againstField = "against-group"
        }
        // The decisions the page showed, one tag per answer in key order (see `DecisionTag`).
        let tags = (form[againstField] ?? "").split(separator: ".").map(String.init)
        guard tags.count == keys.count else {
            return error(.badRequest, "The form does not say which decisions it was made against; reload the answer's page.", backLink: true)
        }
        let against = Dictionary(uniqueKeysWithValues: zip(keys.sorted(), tags))
        let decidedAt = ModerationDecision.timestamp(Date())
        let decisions = keys.compactMap { member -> ModerationDecision? in
            guard let answer = snapshot.queue.item(member)?.answer else { return nil }
            return ModerationDecision(candidateID: answer.candidate, questionID: answer.question, score: score, reason: withdrawing ? "" : reason,
                                      moderator: moderator, decidedAt: decidedAt, answerSHA256: answer.hash)
        }
        do {
            if let conflict = try await session.record(decisions, against: against) {
                return error(.conflict, Self.describe(conflict, withdrawing: withdrawing), backLink: true)
            }
        } catch {
            return self.error(.internalServerError, "The decision was not saved: \(error.description)", backLink: true)
        }
        let list = ReviewList(rawValue: form["list"] ?? "queue") ?? .queue
        if withdrawing { return redirect(PageLinks.answerPath(key, list: list)) }
        var response = next(after: key, list: list, snapshot: session.snapshot())
        response.headers[.setCookie] = ReviewSecurity.moderatorCookieHeader(moderator)
        return response
    }

    /// The 409 page's sentence: who decided what meanwhile, and what to do.
    static func describe(_ conflict: ReviewSession.Conflict, withdrawing: Bool) -> String {
        let changes = conflict.changed.map { change in
            "\(change.key.candidate) \(change.key.question): " + (change.now.map { decision in
                NumberText.format(decision.score ?? 0) + " by " + (decision.moderator.isEmpty ? "someone unnamed" : decision.moderator) + " at " + decision.decidedAt
            } ?? "its decision withdrawn")
        }
        return "Nothing was saved: meanwhile someone else decided " + changes.joined(separator: "; ")
            + ". Open the answer again to see it, then \(withdrawing ? "withdraw" : "decide") again if you still disagree."
    }

    /// `rubric.html` of the reports folder, as grade wrote it, under this server's headers.
    private func rubric() -> HTTPResponse {
        guard let bytes = try? FileSystem.read(Path.join(session.folder.path, "rubric.html")) else {
            return error(.notFound, "This reports folder has no rubric.html; grade it again to write one.", backLink: true)
        }
        return HTTPResponse(statusCode: .ok, headers: Self.headers("text/html; charset=utf-8"), body: Data(bytes))
    }

    // MARK: responses

    /// Headers every response carries: the policy (no script, forms only to this server, no framing) and no caching.
    private static func headers(_ contentType: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers[.contentType] = contentType
        headers[HTTPHeader("Content-Security-Policy")] = String(describing: HTMLText.reviewPolicy)
        headers[HTTPHeader("X-Content-Type-Options")] = "nosniff"
        headers[HTTPHeader("Referrer-Policy")] = "same-origin"
        headers[HTTPHeader("Cache-Control")] = "no-store"
        return headers
    }

    private func page(_ bytes: [UInt8]) -> HTTPResponse {
        HTTPResponse(statusCode: .ok, headers: Self.headers("text/html; charset=utf-8"), body: Data(bytes))
    }

    private func error(_ status: HTTPStatusCode, _ message: String, backLink: Bool) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: Self.headers("text/html; charset=utf-8"),
                     body: Data(ErrorPage.render(status: status, message: message, backLink: backLink)))
    }

    private func redirect(_ location: String) -> HTTPResponse {
        var headers = Self.headers("text/plain; charset=utf-8")
        headers[.location] = location
        return HTTPResponse(statusCode: .seeOther, headers: headers, body: Data())
    }

    // MARK: addresses

    static func key(_ candidate: String?, _ question: String?) -> AnswerKey? {
        guard let candidate, let question, !candidate.isEmpty, !question.isEmpty else { return nil }
        return AnswerKey(candidate: candidate, question: question)
    }
}
