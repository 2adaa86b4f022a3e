import Foundation
import GraderEngine

/// Benchmark of the pmatch matcher (run a release build: `make bench-pmatch`): a six-term
/// `match_mow(…)` on answers of 20, 200 and 2,000 words, matching and not matching,
/// printing the mean time per match. OU's own matcher takes about 18 s at 160 words.
let expression = try PMatchExpression("match_mow(alpha beta|bet gamma delta epsilon zeta*)")
let filler = ["the", "water", "cycle", "moves", "heat", "around", "earth", "and", "ocean", "air", "through", "clouds"]

func answer(words count: Int, matching: Bool) -> String {
    var words = (0..<count).map { filler[($0 * 7) % filler.count] }
    if matching {
        for (index, word) in ["zetas", "delta", "alpah", "gamma", "beta", "epsilon"].enumerated() {
            words[(index * count) / 6 + min(2, count / 12)] = word
        }
    }
    return words.joined(separator: " ")
}

print("words  matched  µs/match (split + match)  µs/match (match only)  steps")
for count in [20, 200, 2_000] {
    for matching in [true, false] {
        let text = answer(words: count, matching: matching)
        let response = PMatchResponse(text, options: expression.options)
        let repeats = max(50, 200_000 / count)
        var result = expression.match(response)
        var start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<repeats { result = expression.match(text) }
        let whole = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(repeats) / 1_000
        start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<repeats { result = expression.match(response) }
        let matchOnly = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(repeats) / 1_000
        let verdict = result.matched ? "    yes" : "     no"
        print(String(format: "%5d  ", count) + verdict + String(format: "  %24.1f  %21.1f  %5d", whole, matchOnly, result.steps))
    }
}
