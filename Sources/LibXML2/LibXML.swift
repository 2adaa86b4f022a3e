internal import CLibXML2

/// Process-wide libxml2 set-up, done once: initialise the parser and install an
/// external entity loader that refuses everything, so no document we read can
/// make libxml2 open a file or a URL.
enum LibXML {
    private static let setUp: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader(refuseExternalEntity)
    }()

    static func initialise() { _ = setUp }

    /// Parse options for untrusted input: no network, no entity substitution,
    /// no DTD loading or default attributes from a DTD, no "huge" relaxation.
    static let safeParseOptions: Int32 = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue)
    /// `XMLTree(lean:)`: no blank text nodes between elements, short texts inside their nodes.
    static let leanParseOptions: Int32 = Int32(bitPattern: XML_PARSE_NOBLANKS.rawValue | XML_PARSE_COMPACT.rawValue)
}

private let refuseExternalEntity: xmlExternalEntityLoader = { _, _, _ in nil }
