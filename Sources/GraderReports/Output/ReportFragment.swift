import Foundation

/// One rubric string, escaped for a page.
package final class ReportFragment: Sendable {
    package let source: String
    /// Escaped as `HTMLText.text` does (the same escaping serves text and attributes).
    package let html: [UInt8]

    init(_ source: String) {
        self.source = source
        var html = HTMLText(capacity: source.utf8.count)
        html.text(source)
        self.html = html.bytes
    }

    /// Whether `value` is this fragment's text, byte for byte. `String ==` is not enough:
    /// it equates canonically equivalent strings (precomposed "é" and "e" + accent), whose
    /// escaped bytes differ. Strings taken from the rubric share its storage, so the
    /// usual answer is a pointer comparison.
    func holds(_ value: String) -> Bool {
        // Borrowed, not copied: a copy is a retain, contended between the workers sharing the rubric.
        let compared = source.utf8.withContiguousStorageIfAvailable { expected in
            value.utf8.withContiguousStorageIfAvailable { actual in Self.sameBytes(expected, actual) }
        }
        if let compared, let same = compared { return same }
        return source.utf8.elementsEqual(value.utf8)
    }

    private static func sameBytes(_ expected: UnsafeBufferPointer<UInt8>, _ actual: UnsafeBufferPointer<UInt8>) -> Bool {
        guard expected.count == actual.count else { return false }
        guard let expectedBase = expected.baseAddress, let actualBase = actual.baseAddress else { return true }
        return expectedBase == actualBase || memcmp(expectedBase, actualBase, expected.count) == 0
    }

    /// The HTML-escaped bytes, if they are those of `value`.
    package func html(for value: String) -> [UInt8]? { holds(value) ? html : nil }
}
