/// The element and attribute names of `tune.xml` (described by `tune.xsd`), defined once:
/// `TuneXMLWriter` writes with them and `TuneReportReader` reads with them, so renaming one
/// renames both. One enum per element; `element` is the element's own name.
enum TuneReportFormat {
    /// `<tune>`: the document element; its attributes say what was tuned on what.
    enum Root {
        static let element = "tune"
        static let rubric = "rubric"
        static let rubricFile = "rubric-file"
        static let rubricSHA256 = "rubric-sha256"
        static let gradesFile = "grades-file"
        static let candidates = "candidates"
        static let answers = "answers"
        /// A number, or `auto` (a step per question).
        static let weightStep = "weight-step"
        static let automaticStep = "auto"
        static let margin = "margin"
    }

    /// The names of the elements holding a set of scores compared with the people's (`Scores`).
    enum ScoresElement {
        static let overall = "overall"
        static let overallTuned = "overall-tuned"
        static let overallWritten = "overall-written"
        static let overallSuggested = "overall-suggested"
        static let current = "current"
        static let tuned = "tuned"
        static let suggested = "suggested"
        static let baseline = "baseline"
    }

    /// The attributes of a set of scores compared with the people's.
    enum Scores {
        static let count = "n"
        static let exact = "exact"
        static let adjacent = "adjacent"
        static let meanAbsoluteError = "mae"
        static let pearson = "pearson"
        static let spearman = "spearman"
        static let kappa = "kappa"
        static let quadraticKappa = "qwk"
    }

    /// `<confusion lowest step>` in a set of scores: its grid.
    enum Confusion {
        static let element = "confusion"
        static let lowest = "lowest"
        static let step = "step"
    }

    /// `<cell human rubric count>` in `<confusion>`: a non-empty cell.
    enum Cell {
        static let element = "cell"
        static let human = "human"
        static let rubric = "rubric"
        static let count = "count"
    }

    /// `<totals>`: candidate totals over the questions people graded.
    enum Totals {
        static let element = "totals"
        static let candidates = "candidates"
        static let pearson = "pearson"
        static let spearman = "spearman"
        static let meanAbsoluteError = "mae"
    }

    /// `<question>`: one question's figures.
    enum Question {
        static let element = "question"
        static let id = "id"
        static let points = "points"
        static let highAnswers = "high-answers"
        static let lowAnswers = "low-answers"
        static let scaleStep = "scale-step"
    }

    /// `<fit>` in `<question>`: the model fitted to the people's scores.
    enum Fit {
        static let element = "fit"
        static let folds = "folds"
        static let settings = "settings"
        static let base = "base"
        static let inSampleExact = "in-sample-exact"
        static let inSampleMeanAbsoluteError = "in-sample-mae"
        static let written = "written"
        static let withSuggestions = "with-suggestions"
        static let reason = "reason"
    }

    /// `<band from points>` in `<fit>`: a fitted cut-point.
    enum Band {
        static let element = "band"
        static let from = "from"
        static let points = "points"
    }

    /// `<fold n settings>` in `<fit>`: the settings an outer fold chose.
    enum Fold {
        static let element = "fold"
        static let number = "n"
        static let settings = "settings"
    }

    /// A rule in `<question>`, named by its kind (`criterion`, `element`, `penalty`: `ScoredRule.Kind`).
    enum Rule {
        static let id = "id"
        static let points = "points"
        static let fitted = "fitted"
        static let firesHigh = "fires-high"
        static let firesLow = "fires-low"
        static let pointBiserial = "point-biserial"
        static let humanMarked = "human-marked"
        static let precision = "precision"
        static let recall = "recall"
    }

    /// `<suggestion>` in `<question>`: a criterion or penalty `--suggest` proposes.
    enum Suggestion {
        static let element = "suggestion"
        static let label = "label"
        static let source = "source"
        static let kind = "kind"
        static let points = "points"
        static let qwkBefore = "cv-qwk-before"
        static let qwkAfter = "cv-qwk-after"
        static let firesHigh = "fires-high"
        static let firesLow = "fires-low"
        /// Children with text: the matcher as rubric XML, and the passages it matched.
        static let matcher = "matcher"
        static let example = "example"
    }

    /// `<phrase log-odds high low>` in `<question>`: a phrase of high-scored answers no rule catches (text).
    enum Phrase {
        static let element = "phrase"
        static let logOdds = "log-odds"
        static let high = "high"
        static let low = "low"
    }

    /// `<disagreement>`: an answer where the rubric and the person disagree most.
    enum Disagreement {
        static let element = "disagreement"
        static let candidate = "candidate"
        static let question = "question"
        static let human = "human"
        static let rubric = "rubric"
        /// A child with the answer's text.
        static let answer = "answer"
    }

    /// `<fired rule awarded>` in `<disagreement>`: a rule that fired, with `<match>` children (text).
    enum Fired {
        static let element = "fired"
        static let rule = "rule"
        static let awarded = "awarded"
        static let match = "match"
    }

    /// `<answer-scores>` of `<answer-score>`: every answer's rubric, human and fitted score.
    enum AnswerScore {
        static let list = "answer-scores"
        static let element = "answer-score"
        static let candidate = "candidate"
        static let question = "question"
        static let rubric = "rubric"
        static let human = "human"
        static let fitted = "fitted"
    }

    /// `<baseline file>`: the baseline rubric's figures (its overall scores) and per-candidate totals.
    enum Baseline {
        static let element = "baseline"
        static let file = "file"
    }

    /// `<candidate>` in `<baseline>`: a candidate's total under the baseline and this rubric.
    enum CandidateDelta {
        static let element = "candidate"
        static let id = "id"
        static let human = "human"
        static let old = "old"
        static let new = "new"
        static let delta = "delta"
    }

    /// Elements with text only, at the end: warnings, and what writing the tuned rubric changed and `check` found in it.
    enum Notes {
        static let warning = "warning"
        static let tunedRubricChange = "tuned-rubric-change"
        static let tunedRubricFinding = "tuned-rubric-finding"
    }

    /// The values of yes/no attributes.
    static let yes = "yes"
    static let no = "no"
}
