import GraderEngine

/// The element and attribute names of `cohort.xml` (described by `cohort.xsd`), defined once:
/// `CohortXMLWriter` writes with them and `CohortReportReader` reads with them, so renaming one
/// renames both. One enum per element; `element` is the element's own name.
package enum CohortReportFormat {
    /// The `format` attribute's value: raised when a reader of the old format could misread the new one.
    package static let version = "1"

    /// `<cohort format>`: the document element.
    package enum Root {
        package static let element = "cohort"
        package static let format = "format"
    }

    /// `<rubric>`: which rubric graded the cohort.
    package enum Rubric {
        package static let element = "rubric"
        package static let id = "id"
        package static let version = "version"
        package static let title = "title"
        package static let sha256 = "sha256"
    }

    /// `<run>`: the cohort's size and the choices the figures depend on.
    package enum Run {
        package static let element = "run"
        package static let candidates = "candidates"
        package static let answers = "answers"
        package static let questions = "questions"
        package static let max = "max"
        package static let passMark = "pass-mark"
        package static let similarityThreshold = "similarity-threshold"
        package static let generated = "generated"
    }

    /// `<stage name seconds>` in `<run>`: a stage's time, when profiling was asked for.
    package enum StageTime {
        package static let element = "stage"
        package static let name = "name"
        package static let seconds = "seconds"
    }

    /// The attributes of a distribution, on `<totals>`, `<question>`, `<words>` and `<reading-ease>`.
    package enum Distribution {
        package static let count = "n"
        package static let mean = "mean"
        package static let sd = "sd"
        package static let min = "min"
        package static let q1 = "q1"
        package static let median = "median"
        package static let q3 = "q3"
        package static let max = "highest"
    }

    /// `<totals>`: the candidates' totals (a distribution) and the test's reliability.
    package enum Totals {
        package static let element = "totals"
        package static let alpha = "alpha"
    }

    /// `<bin from to count>` in `<totals>`: one tenth of the histogram of totals (percent of the maximum).
    package enum Bin {
        package static let element = "bin"
        package static let from = "from"
        package static let to = "to"
        package static let count = "count"
    }

    /// `<question>`: a question's item analysis (its scores a distribution).
    package enum Question {
        package static let element = "question"
        package static let id = "id"
        package static let max = "max"
        package static let facility = "facility"
        package static let itemRest = "item-rest"
        package static let upperLower = "upper-lower"
        package static let missing = "missing"
        package static let alphaIfDeleted = "alpha-if-deleted"
        /// Children holding a distribution of the answers' words and reading ease.
        package static let words = "words"
        package static let readingEase = "reading-ease"
    }

    /// A rule in `<question>`, named by its kind (`criterion`, `element`, `penalty`: `ScoredRule.Kind`).
    package enum Rule {
        package static let id = "id"
        package static let points = "points"
        package static let fired = "fired"
        package static let restCorrelation = "rest-correlation"
        package static let upperLower = "upper-lower"
    }

    /// `<candidate>`: one line of the ranking, best first.
    package enum Candidate {
        package static let element = "candidate"
        package static let rank = "rank"
        package static let id = "id"
        package static let name = "name"
        package static let total = "total"
        package static let max = "max"
        package static let answered = "answered"
        package static let atRisk = "at-risk"
        package static let atRiskValue = "true"
    }

    /// `<similar>`: how many candidate pairs were compared, and the similar answer pairs.
    package enum Similar {
        package static let element = "similar"
        package static let pairsCompared = "pairs-compared"
        package static let pairsSimilar = "pairs-similar"
        package static let comparisonsPerAnswer = "comparisons-per-answer"
        package static let answersAtCap = "answers-at-cap"
        package static let comparisonsSkipped = "comparisons-skipped"
    }

    /// `<pair>` in `<similar>`: two candidates' similar answers to one question.
    package enum Pair {
        package static let element = "pair"
        package static let question = "question"
        package static let first = "first"
        package static let second = "second"
        package static let similarity = "similarity"
        package static let sharedShingles = "shared-shingles"
    }

    /// `<shared candidate>` in `<pair>`: a passage of one candidate's answer the other shares (text).
    package enum Shared {
        package static let element = "shared"
        package static let candidate = "candidate"
    }

    /// `<moderation>`: how people's decisions compared with the rubric's scores.
    package enum Moderation {
        package static let element = "moderation"
        package static let moderated = "moderated"
        package static let stale = "stale"
    }

    /// `<question>` in `<moderation>`: one question's decisions.
    package enum ModeratedQuestion {
        package static let element = "question"
        package static let id = "id"
        package static let moderated = "moderated"
        package static let disagreed = "disagreed"
        package static let meanDifference = "mean-difference"
        package static let meanAbsoluteDifference = "mean-absolute-difference"
    }
}
