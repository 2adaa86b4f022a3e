@testable import GraderReview
import Testing

@Suite("review page links")
struct PageLinksTests {
    /// ASCII letters and digits stay; every other byte of the UTF-8, ASCII punctuation included, is escaped.
    @Test func idsArePercentEncodedByteByByte() {
        #expect(PageLinks.component("c-1 a/b&c=d") == "c%2D1%20a%2Fb%26c%3Dd")
        #expect(PageLinks.component("Zoë") == "Zo%C3%AB")
        #expect(PageLinks.component("") == "")
        #expect(PageLinks.answerPath(AnswerKey(candidate: "a&b", question: "q1"), list: .queue) == "/answer?candidate=a%26b&question=q1&list=queue")
    }
}
