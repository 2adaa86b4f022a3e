import GraderFoundation

/// Who a submission belongs to. `id` is unique in the run and safe as a file name.
public struct Candidate: Sendable, Equatable {
    public let id: String
    public let name: String?
    public let email: String?
}

/// One answer as the candidate wrote it, with where it came from.
public struct Answer: Sendable, Equatable {
    /// Decoded text, line endings made LF, surrounding blank lines removed.
    public let text: String
    /// The file it was read from, as shown to the user.
    public let file: String
    /// 1-based line in that file where the answer starts.
    public let line: Int

    package init(text: String, file: String, line: Int) {
        self.text = text
        self.file = file
        self.line = line
    }
}

/// A candidate's answers, keyed by rubric question id, with whatever was odd about reading them.
public struct Submission: Sendable {
    public let candidate: Candidate
    /// The file or folder it was read from, as shown to the user.
    public let source: String
    public let answers: [String: Answer]
    public let warnings: [Diagnostic]
}

/// A file or folder found in the submissions folder, with the unique id it will be reported under.
public struct SubmissionUnit: Sendable, Equatable {
    /// Path as shown to the user (the submissions folder joined with the entry's name).
    public let source: String
    public let isFolder: Bool
    /// The id the candidate claimed (front matter) or the name implies, before making it unique.
    public let claimedID: String
    /// The unique, file-name-safe id.
    public var id: String
    /// For a row of a form or LMS export: the row itself, already read.
    public var exportRow: ExportRow? {
        get { exportBox?.row }
        set { exportBox = newValue.map(ExportBox.init) }
    }
    /// Held by reference: a unit is kept for every candidate until the run ends, and most are
    /// files, which would otherwise each carry room for a whole row inline.
    private var exportBox: ExportBox?

    public init(source: String, isFolder: Bool, claimedID: String, id: String, exportRow: ExportRow? = nil) {
        self.source = source
        self.isFolder = isFolder
        self.claimedID = claimedID
        self.id = id
        self.exportRow = exportRow
    }

    public static func == (lhs: SubmissionUnit, rhs: SubmissionUnit) -> Bool {
        lhs.source == rhs.source && lhs.isFolder == rhs.isFolder && lhs.claimedID == rhs.claimedID && lhs.id == rhs.id
            && lhs.exportRow == rhs.exportRow
    }
}

private final class ExportBox: Sendable {
    let row: ExportRow
    init(_ row: ExportRow) { self.row = row }
}
