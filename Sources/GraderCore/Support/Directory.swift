import Foundation

/// Reads a folder's entries one at a time (POSIX readdir), for folders that grow with the
/// cohort, where a list of every name would cost memory in proportion.
enum Directory {
    /// Calls `body` with the name of every entry but `.` and `..`; nothing when the folder cannot be read.
    static func forEachName(in folder: String, _ body: (String) -> Void) {
        guard let stream = opendir(folder) else { return }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { body(name) }
        }
    }
}
