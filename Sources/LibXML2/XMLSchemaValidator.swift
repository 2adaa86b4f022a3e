internal import CLibXML2

/// A compiled XSD schema. Compiling happens once; each `validate` call uses its
/// own validation context, so one validator may serve several threads.
public final class XMLSchemaValidator: @unchecked Sendable {
    let schema: xmlSchemaPtr

    /// Compiles the schema held in `bytes`; `name` is used in diagnostics only.
    public init(bytes: [UInt8], name: String) throws(XMLError) {
        let collector = DiagnosticCollector()
        let compiled: xmlSchemaPtr? = collector.collecting {
            bytes.withUnsafeBufferPointer { buffer -> xmlSchemaPtr? in
                buffer.withMemoryRebound(to: CChar.self) { chars -> xmlSchemaPtr? in
                    guard let parser = xmlSchemaNewMemParserCtxt(chars.baseAddress, Int32(clamping: chars.count)) else { return nil }
                    defer { xmlSchemaFreeParserCtxt(parser) }
                    return xmlSchemaParse(parser)
                }
            }
        }
        guard let compiled else {
            throw XMLError(collector.diagnostics.isEmpty ? [XMLDiagnostic(line: 0, column: 0, message: "\(name): invalid schema")]
                                                         : collector.diagnostics)
        }
        schema = compiled
    }

    deinit { xmlSchemaFree(schema) }

    /// Throws every validity error of `tree`, each with its line.
    public func validate(_ tree: XMLTree) throws(XMLError) {
        let collector = DiagnosticCollector()
        let status: Int32 = collector.collecting {
            guard let context = xmlSchemaNewValidCtxt(schema) else { return -1 }
            defer { xmlSchemaFreeValidCtxt(context) }
            let handle = Unmanaged.passUnretained(collector).toOpaque()
            xmlSchemaSetValidStructuredErrors(context, collectValidityError, handle)
            return xmlSchemaValidateDoc(context, tree.document)
        }
        guard status == 0 else {
            throw XMLError(collector.diagnostics.isEmpty ? [XMLDiagnostic(line: 0, column: 0, message: "schema validation failed (\(status))")]
                                                         : collector.diagnostics)
        }
    }

    /// Parses and validates `bytes` in one step.
    public func validate(bytes: [UInt8], name: String) throws(XMLError) {
        try validate(XMLTree(bytes: bytes, name: name))
    }
}

private let collectValidityError: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    Unmanaged<DiagnosticCollector>.fromOpaque(context).takeUnretainedValue().add(error)
}
