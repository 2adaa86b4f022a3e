import GraderFoundation
import UTF8Proc

/// Makes candidate ids safe as file names and unique in a run.
enum CandidateIDs {
    static let maximumLength = 64

    /// ASCII letters, digits, `-`, `_` and `.` only; accents dropped ("Zoë" gives "Zoe");
    /// anything else becomes `-`; never starting with `.` or `-`, never empty.
    package static func safe(_ raw: String) -> String {
        let stripped = (try? UnicodeFolding.apply([.nfkc, .stripMarks, .dropIgnorable], to: raw)) ?? raw
        var result = ""
        for scalar in stripped.unicodeScalars {
            let allowed = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                                             || scalar == "-" || scalar == "_" || scalar == ".")
            let character: Character = allowed ? Character(scalar) : "-"
            if character == "-", result.last == "-" { continue }
            result.append(character)
            if result.count >= maximumLength { break }
        }
        while let first = result.first, first == "." || first == "-" { result.removeFirst() }
        while let last = result.last, last == "-" || last == "." { result.removeLast() }
        return result.isEmpty ? "candidate" : result
    }

    /// Assigns each unit a unique safe id, in the order given (discovery order is sorted,
    /// so the same folder always gives the same ids). Comparison ignores case, because
    /// `Ann.xml` and `ann.xml` are one file on some file systems.
    static func assign(_ units: inout SubmissionUnits) -> [Diagnostic] {
        var taken = Set<String>()
        taken.reserveCapacity(units.count)
        var warnings: [Diagnostic] = []
        for index in units.indices {
            let claimed = units.claimedID(at: index)
            let base = safe(claimed)
            var id = base
            var suffix = 2
            while taken.contains(id.lowercased()) {
                id = "\(base)-\(suffix)"
                suffix += 1
            }
            taken.insert(id.lowercased())
            units.setID(id, at: index)
            if id != claimed {
                let why = base == claimed ? "is already used by another submission" : "is not safe as a file name"
                warnings.append(Diagnostic(.warning, file: units[index].source,
                                           "candidate id '\(claimed)' \(why); reported as '\(id)'"))
            }
        }
        return warnings
    }
}
