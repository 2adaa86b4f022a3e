import Foundation

/// A report file's bytes, for the readers of Grader's own XML reports (cohort, moderation,
/// review): an unreadable file is an `InputError` naming it.
package enum ReportBytes {
    package static func read(_ file: String) throws(InputError) -> [UInt8] {
        guard let bytes = try? FileSystem.read(file) else {
            throw InputError(file: file, message: "cannot read the report")
        }
        return bytes
    }
}
