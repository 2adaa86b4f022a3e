import GraderFoundation

/// The candidate pages' stylesheet, written once per reports folder as `candidate.css` and linked
/// by every page in `candidates/` (`../candidate.css`), as the pages link `rubric.html`: inline, the
/// same 4 KB of style was repeated on each of a cohort's pages. `grader grade` and `grader cohort`
/// write it with the rubric's copy (`RubricCopy`), atomically, so a folder of pages always has it.
///
/// A page copied alone out of its folder loses its style, not its content: it opens as a plain,
/// readable document (the answers, their highlights as the browser's own `<mark>`, the checklist,
/// the scores), as its links to `rubric.html` already needed the folder. To keep the look, copy the
/// page with the folder's `candidate.css` beside its parent, or copy the folder. The student pages
/// (`students/`), which are handed out one by one, keep their style inline.
public enum CandidateStylesheet {
    /// The file's name in a reports folder.
    package static let fileName = "candidate.css"
    /// The file as a candidate page (in `candidates/`) links to it.
    static let fromCandidatePage: StaticString = "../candidate.css"

    /// `Resources/candidate.css`, as the pages inlined it before (any `<` dropped).
    package static var bytes: [UInt8] { HTMLText.stylesheet(fileName) }

    /// Writes `candidate.css` into the reports folder `folder`.
    package static func write(to folder: String) throws(OutputError) {
        try AtomicFile.write(bytes, to: Path.join(folder, fileName))
    }
}
