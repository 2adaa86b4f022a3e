import GraderFoundation
import Testing

@Suite("counts in messages")
struct PluralTests {
    @Test func oneIsSingularEverythingElsePlural() {
        #expect(Plural.count(1, "answer pair") == "1 answer pair")
        #expect(Plural.count(2, "answer pair") == "2 answer pairs")
        #expect(Plural.count(0, "question") == "0 questions")
        #expect(Plural.count(-1, "point") == "-1 points")
    }

    @Test func irregularNounsGiveTheirPlural() {
        #expect(Plural.count(1, "criterion", "criteria") == "1 criterion")
        #expect(Plural.count(3, "criterion", "criteria") == "3 criteria")
        #expect(Plural.noun(1, "candidate") == "candidate")
        #expect(Plural.noun(44, "candidate") == "candidates")
    }
}
