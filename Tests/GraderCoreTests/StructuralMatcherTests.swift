import Testing

@Suite("regex, near and logic matchers")
struct StructuralMatcherTests {
    @Test func regexRunsCaselessOnFoldedText() throws {
        let result = try TestSupport.match(#"<regex>\bref[- ]?count</regex>"#, "CPython’s REF‑COUNT drops")
        #expect(result.met)
        #expect(result.evidence == ["REF‑COUNT"])
    }

    @Test func regexFlagsAreSettable() throws {
        #expect(try !TestSupport.match(#"<regex flags="">GIL</regex>"#, "the gil").met)
        #expect(try TestSupport.match(#"<regex flags="">GIL</regex>"#, "the GIL").met)
    }

    @Test func catastrophicRegexIsReportedNotSilentlyZero() throws {
        let rubric = try TestSupport.rubric(matcher: #"<regex>(a+)+$</regex>"#)
        let answer = String(repeating: "a", count: 5000) + "!"
        let result = try TestSupport.grade(rubric.questions[0], in: rubric, answer)
        guard case .notEvaluated = result.rules[0].state else {
            Issue.record("expected not-evaluated, got \(result.rules[0].state)")
            return
        }
        #expect(result.warnings.contains { $0.message.contains("not evaluated") })
    }

    @Test func nearFindsTermsWithinTheDistance() throws {
        let near = #"<near within="3"><keyword>cycle</keyword><keyword synonyms="collector"/></near>"#
        #expect(try TestSupport.match(near, "a cycle is found by gc").met)
        #expect(try !TestSupport.match(near, "a cycle is eventually and slowly found by the gc").met)
        #expect(try TestSupport.match(near, "the gc finds a cycle").met)
    }

    @Test func orderedNearRequiresTheOrder() throws {
        let near = #"<near within="5" ordered="yes"><keyword>reference</keyword><keyword>zero</keyword></near>"#
        #expect(try TestSupport.match(near, "the reference count reaches zero").met)
        #expect(try !TestSupport.match(near, "at zero the reference is dropped").met)
    }

    @Test func notMatchesOnlyWhenItsChildDoesNot() throws {
        let matcher = #"<all><keyword>tuple</keyword><not><keyword>mutable</keyword></not></all>"#
        #expect(try TestSupport.match(matcher, "a tuple is immutable").met)
        #expect(try !TestSupport.match(matcher, "a tuple is mutable").met)
    }

    @Test func atLeastCountsMatchingChildren() throws {
        let matcher = #"<at-least n="2"><keyword>list</keyword><keyword>tuple</keyword><keyword>set</keyword></at-least>"#
        #expect(try TestSupport.match(matcher, "a list and a set").met)
        #expect(try !TestSupport.match(matcher, "just a list").met)
    }

    @Test func anyKeepsEvidenceOfEveryMatchingChild() throws {
        let result = try TestSupport.match(#"<any><keyword>list</keyword><keyword>tuple</keyword></any>"#, "a tuple or a list")
        #expect(result.evidence == ["tuple", "list"])
    }
}
