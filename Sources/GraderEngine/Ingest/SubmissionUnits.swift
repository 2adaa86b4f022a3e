import GraderFoundation

/// Every submission unit of a run, in discovery order, kept small: the list lives for the
/// whole run, so at 20,000 candidates an array of `SubmissionUnit`s (each with its full path
/// as a string of its own) cost about 3 MB, a tenth of the run's memory growth with the
/// cohort. Here a file or folder is its folder's index and its name, the names in one byte
/// buffer, about 20 bytes a candidate; the claimed id and the unique id are kept only where
/// they differ from what the name implies (a front-matter id of another name, a clash), and a
/// row of an export, which carries its answers anyway, is kept whole. Elements are made on
/// demand, one per candidate as the workers take them.
public struct SubmissionUnits: RandomAccessCollection, Sendable {
    /// Folders the entries were listed from, and paths named on their own.
    private var roots: [String] = []
    /// The entries' names, one after another (UTF-8).
    private var names: [UInt8] = []
    private var records: [Record] = []
    /// Claimed ids that differ from the default (`Record.defaultClaimedID`), by position.
    private var claimedIDs: [Int32: String] = [:]
    /// Unique ids that differ from the claimed id, by position.
    private var ids: [Int32: String] = [:]
    /// Rows of exports, whole.
    private var rows: [SubmissionUnit] = []

    private struct Record: Sendable {
        enum Kind: UInt8 {
            /// An entry of the folder `roots[root]`: its source is the folder joined with the name.
            case file, folder
            /// A path named on its own: its source is `roots[root]`, its name that path's last component.
            case namedFile, namedFolder
            /// `rows[root]`.
            case row
        }
        let root: UInt32
        let nameStart: UInt32
        let nameLength: UInt16
        let kind: Kind

        var isFolder: Bool { kind == .folder || kind == .namedFolder }
    }

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { records.count }

    public subscript(position: Int) -> SubmissionUnit {
        let record = records[position]
        if record.kind == .row {
            var unit = rows[Int(record.root)]
            unit.id = id(at: position)
            return unit
        }
        let named = record.kind == .namedFile || record.kind == .namedFolder
        let source = named ? roots[Int(record.root)] : Path.join(roots[Int(record.root)], name(of: record))
        return SubmissionUnit(source: source, isFolder: record.isFolder, claimedID: claimedID(at: position), id: id(at: position))
    }

    /// The id the unit at `position` claims, before it is made unique.
    func claimedID(at position: Int) -> String {
        if let claimed = claimedIDs[Int32(position)] { return claimed }
        let record = records[position]
        if record.kind == .row { return rows[Int(record.root)].claimedID }
        return Self.defaultClaimedID(name: name(of: record), isFolder: record.isFolder)
    }

    /// The unique id of the unit at `position` (its claimed id until `setID` says otherwise).
    package func id(at position: Int) -> String {
        ids[Int32(position)] ?? claimedID(at: position)
    }

    mutating func setID(_ id: String, at position: Int) {
        ids[Int32(position)] = id == claimedID(at: position) ? nil : id
    }

    /// What a file's or folder's name implies its candidate is called, when no front matter says.
    static func defaultClaimedID(name: String, isFolder: Bool) -> String {
        isFolder ? name : Path.stem(name)
    }

    /// Starts a folder of `entries` entries; returns the folder's number for `append(entry:)`.
    mutating func addFolder(_ path: String, entries: [String]) -> Int {
        records.reserveCapacity(records.count + entries.count)
        names.reserveCapacity(names.count + entries.reduce(0) { $0 + $1.utf8.count })
        roots.append(path)
        return roots.count - 1
    }

    /// Adds a file or folder `name` of the folder numbered `folder`, claiming `claimedID`.
    package mutating func append(entry name: String, in folder: Int, isFolder: Bool, claimedID: String) {
        append(name: name, root: folder, kind: isFolder ? .folder : .file, claimedID: claimedID)
    }

    /// Adds a file (or folder) named on its own: its source is `path`, its name `path`'s last component.
    package mutating func append(namedPath path: String, name: String, isFolder: Bool, claimedID: String) {
        roots.append(path)
        append(name: name, root: roots.count - 1, kind: isFolder ? .namedFolder : .namedFile, claimedID: claimedID)
    }

    /// Adds a row of an export, kept whole (its unique id is set later, by `setID`).
    package mutating func append(row unit: SubmissionUnit) {
        rows.append(unit)
        records.append(Record(root: UInt32(rows.count - 1), nameStart: 0, nameLength: 0, kind: .row))
    }

    private mutating func append(name: String, root: Int, kind: Record.Kind, claimedID: String) {
        // A file name is at most 255 bytes on the file systems Linux and macOS use.
        let bytes = name.utf8.prefix(Int(UInt16.max))
        records.append(Record(root: UInt32(root), nameStart: UInt32(names.count), nameLength: UInt16(bytes.count), kind: kind))
        names.append(contentsOf: bytes)
        if claimedID != Self.defaultClaimedID(name: name, isFolder: kind == .folder || kind == .namedFolder) { claimedIDs[Int32(records.count - 1)] = claimedID }
    }

    private func name(of record: Record) -> String {
        let start = Int(record.nameStart)
        return String(decoding: names[start..<(start + Int(record.nameLength))], as: UTF8.self)
    }

    /// The units `isIncluded` accepts (a shard's), kept as compactly.
    package func filtered(_ isIncluded: (SubmissionUnit) -> Bool) -> SubmissionUnits {
        var kept = SubmissionUnits()
        kept.roots = roots
        kept.names = names
        kept.rows = rows
        for position in indices where isIncluded(self[position]) {
            let from = Int32(position), to = Int32(kept.records.count)
            kept.records.append(records[position])
            if let claimed = claimedIDs[from] { kept.claimedIDs[to] = claimed }
            if let id = ids[from] { kept.ids[to] = id }
        }
        return kept
    }
}
