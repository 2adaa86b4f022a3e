import Foundation
@testable import GraderCohort
@testable import GraderEngine
@testable import GraderFoundation
@testable import GraderReports
import Testing

@Suite("similar answers")
struct SimilarityTests {
    static let prompt = "Explain how Python's garbage collector finds reference cycles between container objects and frees them safely."

    /// The one-question rubric the answers are graded with.
    static func rubric() throws -> Rubric {
        try TestSupport.rubric(questions: """
        <question id="q1" points="5"><prompt>\(Self.prompt)</prompt>
        <model-answer>The cyclic collector tracks container objects and detects groups that only refer to each other.</model-answer>
        <criterion id="c" points="5"><feedback>f</feedback><keyword>cycle</keyword></criterion></question>
        """)
    }

    /// Grades `answers` (candidate id → answer) with `rubric` and writes their XML reports into `folder`.
    func reports(_ answers: [String: String], rubric: Rubric, in folder: URL) throws -> [String] {
        var files: [String] = []
        for (id, text) in answers.sorted(by: { $0.key < $1.key }) {
            let question = try TestSupport.grade(rubric.questions[0], in: rubric, text)
            let submission = Submission(candidate: Candidate(id: id, name: nil, email: nil), source: "\(id).md",
                                        answers: ["q1": Answer(text: text, file: "\(id).md", line: 1)], warnings: [])
            let bytes = try XMLReportWriter.render(CandidateResult(submission: submission, questions: [question]), rubric: rubric)
            let path = folder.appendingPathComponent("\(id).xml").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        return files
    }

    func analyse(_ answers: [String: String], threshold: Double = 0.5,
                 comparisonsPerAnswer: Int = SimilarityFinder.defaultComparisonsPerAnswer) async throws -> CohortReport {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("grader-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let rubric = try Self.rubric()
        let (store, frequency, _) = try await CohortReader.read(try reports(answers, rubric: rubric, in: folder), rubric: rubric, jobs: 2,
                                                             into: try DigestWriter(in: folder.path))
        var options = CohortOptions(similarityThreshold: threshold)
        options.comparisonsPerAnswer = comparisonsPerAnswer
        return try CohortAnalysis.analyse(store, frequency: frequency, options: options, texts: CohortReader.texts(of: rubric))
    }

    static let cohort: [String: String] = [
        "ann": "Reference counting frees most objects, but two lists that point at each other never reach zero. The gc module walks container objects, subtracts internal references and whatever is left unreachable is collected in generations.",
        "ben": "Every object carries a count of references; when it drops to zero the memory is released at once. For cycles CPython runs a separate collector over three generations, and young objects are examined most often.",
        "cat": "Honestly I think Python uses a mark and sweep collector like Java does, pausing the program while it scans the heap from the roots and compacts memory afterwards.",
        // dan copied ann's answer with one word changed and a sentence added.
        "dan": "Reference counting frees most objects, but two lists that point at each other never reach zero. The gc module walks container objects, subtracts internal references and whatever is left unreachable is collected in generations. I think.",
        // eve and fay both restate the whole prompt, then write answers of their own.
        "eve": "Explain how Python's garbage collector finds reference cycles between container objects and frees them safely. Weak references let caches avoid keeping objects alive, and del only removes a name binding.",
        "fay": "Explain how Python's garbage collector finds reference cycles between container objects and frees them safely. The threshold settings decide how many allocations trigger a pass over the youngest generation.",
    ]

    @Test func findsThePlantedCopiedPairWithTheSharedPassage() async throws {
        let report = try await analyse(Self.cohort)
        #expect(report.similar.count == 1)
        let pair = try #require(report.similar.first)
        #expect(pair.first == "ann" && pair.second == "dan" && pair.question == "q1")
        // ann's 34 words give 31 shingles, all shared (none is in the prompt or model answer);
        // dan adds "I think", two more shingles: 31/33.
        #expect(abs(pair.similarity - 31.0 / 33.0) < 1e-9)
        #expect(pair.sharedShingles == 31)
        #expect(pair.firstShared == [0..<Array(pair.firstText.utf8).count - 1])   // all of ann's answer but the final "."
        #expect(report.similarCandidates.map(\.first) == ["ann"])
    }

    @Test func answersSharingOnlyThePromptAreNotFlagged() async throws {
        let report = try await analyse(Self.cohort)
        #expect(!report.similar.contains { $0.first == "eve" || $0.second == "eve" })
        // They share exactly the prompt's 13 shingles (16 words), which are left out.
        let eve = ShingledText(Self.cohort["eve"]!), fay = ShingledText(Self.cohort["fay"]!)
        #expect(Set(eve.shingles).intersection(fay.shingles).count == 13)
    }

    /// ann, dan and three more copies of ann's answer: ann has four later neighbours, dan three.
    static var ring: [String: String] {
        var cohort = Self.cohort
        for (id, tail) in [("gus", " Really."), ("hal", " That is all."), ("ida", " Done here.")] { cohort[id] = cohort["ann"]! + tail }
        return cohort
    }

    @Test func comparisonCapIsReportedWhenReachedAndNotOtherwise() async throws {
        let open = try await analyse(Self.ring)
        #expect(open.comparisonsSkipped == 0 && open.answersAtComparisonCap == 0)
        #expect(open.similar.count == 10)   // every pair of the five copies
        let openXML = String(decoding: try CohortXMLWriter.render(open), as: UTF8.self)
        let openHTML = String(decoding: try CohortHTMLWriter().render(open), as: UTF8.self)
        #expect(!openXML.contains("comparisons-skipped") && !openHTML.contains("comparisons per answer was reached"))

        // With two comparisons per answer, ann (4 neighbours) skips 2 and dan (3) skips 1; gus has 2, the cap.
        let capped = try await analyse(Self.ring, comparisonsPerAnswer: 2)
        #expect(capped.answersAtComparisonCap == 2 && capped.comparisonsSkipped == 3)
        #expect(capped.pairsCompared == open.pairsCompared - 3)
        #expect(capped.similar.count == 7)
        let xml = try CohortXMLWriter.render(capped)
        try Schemas.cohort.validate(bytes: xml, name: "cohort.xml")
        #expect(String(decoding: xml, as: UTF8.self).contains("comparisons-per-answer=\"2\" answers-at-cap=\"2\" comparisons-skipped=\"3\""))
        let html = String(decoding: try CohortHTMLWriter().render(capped), as: UTF8.self)
        #expect(html.contains("The cap of 2 comparisons per answer was reached for 2 answers: 3 weaker candidate pairs"))
    }

    @Test func thresholdIsHonoured() async throws {
        #expect(try await analyse(Self.cohort, threshold: 0.95).similar.isEmpty)
    }

    @Test func shinglesFoldCaseAndKeepAccentedWordsWhole() {
        let text = ShingledText("Zoë’s GC—collects cycles")
        #expect(text.words.count == 5)   // Zoë, s, GC, collects, cycles
        #expect(ShingledText("a b c d").shingles == ShingledText("A B C D").shingles)
        #expect(ShingledText("one two").shingles.count == 1)
    }

    @Test func sketchEstimateIsExactForIdenticalAndDisjointSets() {
        let a = MinHashSketch.sketch((0..<100).map { MinHashSketch.rank(UInt64($0)) })
        let b = MinHashSketch.sketch((100..<200).map { MinHashSketch.rank(UInt64($0)) })
        #expect(MinHashSketch.estimate(a, a) == 1)
        #expect(MinHashSketch.estimate(a, b) == 0)
        #expect(a.count == MinHashSketch.size)
    }
}

@Suite("closest pairs")
struct ClosestPairsTests {
    @Test func keepsTheStrongestWhateverTheOrderTheyCameIn() {
        let pairs = (0..<50).map { CandidatePair(estimate: Double($0 % 10) / 10, question: $0 % 3, a: $0, b: $0 + 100) }
        var forward = ClosestPairs(limit: 7), backward = ClosestPairs(limit: 7)
        for pair in pairs { forward.insert(pair) }
        for pair in pairs.reversed() { backward.insert(pair) }
        #expect(forward.best == backward.best)
        #expect(forward.best.count == 7 && forward.seen == 50)
        // Estimates 0.9 and 0.8 come five times each: all five 0.9s, then the first two 0.8s by question.
        #expect(forward.best.map(\.estimate).sorted(by: >) == [0.9, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8])
        // Returned in question order, then candidate order.
        #expect(forward.best.map { [$0.question, $0.a] } == forward.best.map { [$0.question, $0.a] }.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test func cappedCandidatesDoNotDependOnHowAnswersAreSharedOut() {
        // 30 answers drawn from overlapping windows of 60 ranks: many neighbours each.
        var values: [UInt32] = [], ranges: [Range<Int>] = []
        for answer in 0..<30 {
            let sketch = MinHashSketch.sketch((answer..<(answer + 40)).map { MinHashSketch.rank(UInt64($0 % 60)) })
            ranges.append(values.count..<(values.count + sketch.count))
            values += sketch
        }
        let finder = SimilarityFinder(threshold: 0.5, comparisonsPerAnswer: 3)
        let index = finder.index(question: 0, StoredSketches(values: values, ranges: ranges, offsets: Array(repeating: 0, count: 30),
                                                                lengths: Array(repeating: 0, count: 30)))
        var whole: [CandidatePair] = []
        let cappedWhole = finder.candidates(index) { whole.append($0) }
        var split: [CandidatePair] = []
        var cappedSplit = SimilarityFinder.Capped()
        for share in 0..<3 { cappedSplit.add(finder.candidates(index, share: share, of: 3) { split.append($0) }) }
        #expect(cappedWhole.skipped > 0)
        #expect(cappedWhole == cappedSplit)
        #expect(Set(whole.map { [$0.a, $0.b] }) == Set(split.map { [$0.a, $0.b] }))
        #expect(Dictionary(grouping: whole, by: \.a).values.allSatisfy { $0.count <= 3 })
    }

    @Test func exactSimilarityOnRanksNeedsEnoughSharedRuns() throws {
        let finder = SimilarityFinder(threshold: 0.5)
        let a = Array(UInt32(0)..<20), b = Array(UInt32(5)..<25)
        #expect(abs(try #require(finder.similarity(a, b)) - 15.0 / 25.0) < 1e-12)
        #expect(finder.similarity(Array(0..<7), Array(0..<7)) == nil)     // too short to call copied
        #expect(finder.similarity(a, Array(UInt32(12)..<40)) == nil)      // 8 shared of 40: below the threshold
    }
}

@Suite("shingles")
struct ShingleTests {
    @Test func streamingShinglesEqualTheStoredOnes() {
        for text in ["", "one", "two words", "three little words", "Four words, exactly here.",
                     "A longer answer — with “curly quotes”, naïve accents and code_names: gc.collect() frees cycles.",
                     String(repeating: "repeat these words please ", count: 30)] {
            var streamed: [UInt64] = []
            ShingledText.forEachShingle(text) { streamed.append($0) }
            #expect(streamed == ShingledText(text).shingles, "\(text)")
        }
    }
}
