import GraderEngine

/// The element and attribute names of `tune.xml` (described by `tune.xsd`), defined once:
/// `TuneXMLWriter` writes with them and `TuneReportReader` reads with them, so renaming one
/// renames both. One enum per element; `element` is the element's own name.
package enum TuneReportFormat {
    /// `<tune>`: the document element; its attributes say what was tuned on what.
    package enum Root {
        package static let element = "tune"
        package static let rubric = "rubric"
        package static let rubricFile = "rubric-file"
        package static let rubricSHA256 = "rubric-sha256"
        package static let gradesFile = "grades-file"
        package static let candidates = "candidates"
        package static let answers = "answers"
        /// A number, or `auto` (a step per question).
        package static let weightStep = "weight-step"
        package static let automaticStep = "auto"
        package static let margin = "margin"
    }

    /// The names of the elements holding a set of scores compared with the people's (`Scores`).
    package enum ScoresElement {
        package static let overall = "overall"
        package static let overallTuned = "overall-tuned"
        package static let overallWritten = "overall-written"
        package static let overallSuggested = "overall-suggested"
        package static let current = "current"
        package static let tuned = "tuned"
        package static let suggested = "suggested"
        package static let baseline = "baseline"
    }

    /// The attributes of a set of scores compared with the people's.
    package enum Scores {
        package static let count = "n"
        package static let exact = "exact"
        package static let adjacent = "adjacent"
        package static let meanAbsoluteError = "mae"
        package static let pearson = "pearson"
        package static let spearman = "spearman"
        package static let kappa = "kappa"
        package static let quadraticKappa = "qwk"
    }

    /// `<confusion lowest step>` in a set of scores: its grid.
    package enum Confusion {
        package static let element = "confusion"
        package static let lowest = "lowest"
        package static let step = "step"
    }

    /// `<cell human rubric count>` in `<confusion>`: a non-empty cell.
    package enum Cell {
        package static let element = "cell"
        package static let human = "human"
        package static let rubric = "rubric"
        package static let count = "count"
    }

    /// `<totals>`: candidate totals over the questions people graded.
    package enum Totals {
        package static let element = "totals"
        package static let candidates = "candidates"
        package static let pearson = "pearson"
        package static let spearman = "spearman"
        package static let meanAbsoluteError = "mae"
    }

    /// `<question>`: one question's figures.
    package enum Question {
        package static let element = "question"
        package static let id = "id"
        package static let points = "points"
        package static let highAnswers = "high-answers"
        package static let lowAnswers = "low-answers"
        package static let scaleStep = "scale-step"
    }

    /// `<fit>` in `<question>`: the model fitted to the people's scores.
    package enum Fit {
        package static let element = "fit"
        package static let folds = "folds"
        package static let settings = "settings"
        package static let base = "base"
        package static let inSampleExact = "in-sample-exact"
        package static let inSampleMeanAbsoluteError = "in-sample-mae"
        package static let written = "written"
        package static let withSuggestions = "with-suggestions"
        package static let reason = "reason"
    }

    /// `<band from points>` in `<fit>`: a fitted cut-point.
    package enum Band {
        package static let element = "band"
        package static let from = "from"
        package static let points = "points"
    }

    /// `<fold n settings>` in `<fit>`: the settings an outer fold chose.
    package enum Fold {
        package static let element = "fold"
        package static let number = "n"
        package static let settings = "settings"
    }

    /// A rule in `<question>`, named by its kind (`criterion`, `element`, `penalty`: `ScoredRule.Kind`).
    package enum Rule {
        package static let id = "id"
        package static let points = "points"
        package static let fitted = "fitted"
        package static let firesHigh = "fires-high"
        package static let firesLow = "fires-low"
        package static let pointBiserial = "point-biserial"
        package static let humanMarked = "human-marked"
        package static let precision = "precision"
        package static let recall = "recall"
    }

    /// `<suggestion>` in `<question>`: a criterion or penalty `--suggest` proposes.
    package enum Suggestion {
        package static let element = "suggestion"
        package static let label = "label"
        package static let source = "source"
        package static let kind = "kind"
        package static let points = "points"
        package static let qwkBefore = "cv-qwk-before"
        package static let qwkAfter = "cv-qwk-after"
        package static let firesHigh = "fires-high"
        package static let firesLow = "fires-low"
        /// Children with text: the matcher as rubric XML, and the passages it matched.
        package static let matcher = "matcher"
        package static let example = "example"
    }

    /// `<phrase log-odds high low>` in `<question>`: a phrase of high-scored answers no rule catches (text).
    package enum Phrase {
        package static let element = "phrase"
        package static let logOdds = "log-odds"
        package static let high = "high"
        package static let low = "low"
    }

    /// `<disagreement>`: an answer where the rubric and the person disagree most.
    package enum Disagreement {
        package static let element = "disagreement"
        package static let candidate = "candidate"
        package static let question = "question"
        package static let human = "human"
        package static let rubric = "rubric"
        /// A child with the answer's text.
        package static let answer = "answer"
    }

    /// `<fired rule awarded>` in `<disagreement>`: a rule that fired, with `<match>` children (text).
    package enum Fired {
        package static let element = "fired"
        package static let rule = "rule"
        package static let awarded = "awarded"
        package static let match = "match"
    }

    /// `<answer-scores>` of `<answer-score>`: every answer's rubric, human and fitted score.
    package enum AnswerScore {
        package static let list = "answer-scores"
        package static let element = "answer-score"
        package static let candidate = "candidate"
        package static let question = "question"
        package static let rubric = "rubric"
        package static let human = "human"
        package static let fitted = "fitted"
        package static let answerSHA256 = "answer-sha256"
    }

    /// `<baseline file>`: the baseline rubric's figures (its overall scores) and per-candidate totals.
    package enum Baseline {
        package static let element = "baseline"
        package static let file = "file"
    }

    /// `<candidate>` in `<baseline>`: a candidate's total under the baseline and this rubric.
    package enum CandidateDelta {
        package static let element = "candidate"
        package static let id = "id"
        package static let human = "human"
        package static let old = "old"
        package static let new = "new"
        package static let delta = "delta"
    }

    /// Elements with text only, at the end: warnings, and what writing the tuned rubric changed and `check` found in it.
    package enum Notes {
        package static let warning = "warning"
        package static let tunedRubricChange = "tuned-rubric-change"
        package static let tunedRubricFinding = "tuned-rubric-finding"
    }

    /// The values of yes/no attributes.
    package static let yes = "yes"
    package static let no = "no"
}
