/// The element and attribute names of `cohort.xml` (described by `cohort.xsd`), defined once:
/// `CohortXMLWriter` writes with them and `CohortReportReader` reads with them, so renaming one
/// renames both. One enum per element; `element` is the element's own name.
enum CohortReportFormat {
    /// The `format` attribute's value: raised when a reader of the old format could misread the new one.
    static let version = "1"

    /// `<cohort format>`: the document element.
    enum Root {
        static let element = "cohort"
        static let format = "format"
    }

    /// `<rubric>`: which rubric graded the cohort.
    enum Rubric {
        static let element = "rubric"
        static let id = "id"
        static let version = "version"
        static let title = "title"
        static let sha256 = "sha256"
    }

    /// `<run>`: the cohort's size and the choices the figures depend on.
    enum Run {
        static let element = "run"
        static let candidates = "candidates"
        static let answers = "answers"
        static let questions = "questions"
        static let max = "max"
        static let passMark = "pass-mark"
        static let similarityThreshold = "similarity-threshold"
        static let generated = "generated"
    }

    /// `<stage name seconds>` in `<run>`: a stage's time, when profiling was asked for.
    enum StageTime {
        static let element = "stage"
        static let name = "name"
        static let seconds = "seconds"
    }

    /// The attributes of a distribution, on `<totals>`, `<question>`, `<words>` and `<reading-ease>`.
    enum Distribution {
        static let count = "n"
        static let mean = "mean"
        static let sd = "sd"
        static let min = "min"
        static let q1 = "q1"
        static let median = "median"
        static let q3 = "q3"
        static let max = "highest"
    }

    /// `<totals>`: the candidates' totals (a distribution) and the test's reliability.
    enum Totals {
        static let element = "totals"
        static let alpha = "alpha"
    }

    /// `<bin from to count>` in `<totals>`: one tenth of the histogram of totals (percent of the maximum).
    enum Bin {
        static let element = "bin"
        static let from = "from"
        static let to = "to"
        static let count = "count"
    }

    /// `<question>`: a question's item analysis (its scores a distribution).
    enum Question {
        static let element = "question"
        static let id = "id"
        static let max = "max"
        static let facility = "facility"
        static let itemRest = "item-rest"
        static let upperLower = "upper-lower"
        static let missing = "missing"
        static let alphaIfDeleted = "alpha-if-deleted"
        /// Children holding a distribution of the answers' words and reading ease.
        static let words = "words"
        static let readingEase = "reading-ease"
    }

    /// A rule in `<question>`, named by its kind (`criterion`, `element`, `penalty`: `ScoredRule.Kind`).
    enum Rule {
        static let id = "id"
        static let points = "points"
        static let fired = "fired"
        static let restCorrelation = "rest-correlation"
        static let upperLower = "upper-lower"
    }

    /// `<candidate>`: one line of the ranking, best first.
    enum Candidate {
        static let element = "candidate"
        static let rank = "rank"
        static let id = "id"
        static let name = "name"
        static let total = "total"
        static let max = "max"
        static let answered = "answered"
        static let atRisk = "at-risk"
        static let atRiskValue = "true"
    }

    /// `<similar>`: how many candidate pairs were compared, and the similar answer pairs.
    enum Similar {
        static let element = "similar"
        static let pairsCompared = "pairs-compared"
        static let pairsSimilar = "pairs-similar"
        static let comparisonsPerAnswer = "comparisons-per-answer"
        static let answersAtCap = "answers-at-cap"
        static let comparisonsSkipped = "comparisons-skipped"
    }

    /// `<pair>` in `<similar>`: two candidates' similar answers to one question.
    enum Pair {
        static let element = "pair"
        static let question = "question"
        static let first = "first"
        static let second = "second"
        static let similarity = "similarity"
        static let sharedShingles = "shared-shingles"
    }

    /// `<shared candidate>` in `<pair>`: a passage of one candidate's answer the other shares (text).
    enum Shared {
        static let element = "shared"
        static let candidate = "candidate"
    }

    /// `<moderation>`: how people's decisions compared with the rubric's scores.
    enum Moderation {
        static let element = "moderation"
        static let moderated = "moderated"
        static let stale = "stale"
    }

    /// `<question>` in `<moderation>`: one question's decisions.
    enum ModeratedQuestion {
        static let element = "question"
        static let id = "id"
        static let moderated = "moderated"
        static let disagreed = "disagreed"
        static let meanDifference = "mean-difference"
        static let meanAbsoluteDifference = "mean-absolute-difference"
    }
}
