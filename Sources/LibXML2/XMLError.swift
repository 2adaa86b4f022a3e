internal import CLibXML2

/// One message from libxml2, with the place it points at.
public struct XMLDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(line):\(column): \(message)" }
}

/// A parse, schema or write failure; parse and schema failures carry every diagnostic libxml2 raised.
public struct XMLError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [XMLDiagnostic]

    public init(_ diagnostics: [XMLDiagnostic]) { self.diagnostics = diagnostics }
    public init(line: Int = 0, _ message: String) {
        self.diagnostics = [XMLDiagnostic(line: line, column: 0, message: message)]
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects libxml2's structured errors raised during one synchronous call.
final class DiagnosticCollector {
    var diagnostics: [XMLDiagnostic] = []

    /// Runs `body` with this collector installed as the calling thread's libxml2 error handler.
    func collecting<T>(_ body: () -> T) -> T {
        LibXML.initialise()
        let context = Unmanaged.passUnretained(self).toOpaque()
        xmlSetStructuredErrorFunc(context, collectStructuredError)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return withExtendedLifetime(self) { body() }
    }

    func add(_ error: UnsafePointer<xmlError>) {
        let raw = error.pointee.message.map { String(cString: $0) } ?? "unknown XML error"
        let message = String(raw.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        diagnostics.append(XMLDiagnostic(line: Int(error.pointee.line), column: Int(error.pointee.int2),
                                         message: message))
    }
}

private let collectStructuredError: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    Unmanaged<DiagnosticCollector>.fromOpaque(context).takeUnretainedValue().add(error)
}
