internal import CLibXML2

/// A parsed XML document, read with options that are safe for untrusted input.
/// Documents with a DTD are refused outright: rubrics and reports never need one,
/// and refusing it closes the door on entity expansion attacks (billion laughs, XXE).
public final class XMLTree {
    let document: xmlDocPtr

    /// Parses `bytes`; `name` is used in diagnostics only. `lean` is for documents Grader wrote
    /// itself and reads back in bulk (the candidate reports): whitespace between elements is not
    /// kept as text nodes (libxml2 keeps a blank that is an element's whole content) and short
    /// texts are stored inside their nodes, so a report is half the nodes to build and free.
    public init(bytes: [UInt8], name: String, lean: Bool = false) throws(XMLError) {
        // Refuse a DTD before libxml2 sees it, so not even its internal subset is processed.
        if let line = XMLTree.doctypeLine(bytes) {
            throw XMLError(line: line, "a DTD (<!DOCTYPE ...>) is not allowed: entities are never loaded or expanded")
        }
        let collector = DiagnosticCollector()
        let parsed: xmlDocPtr? = collector.collecting {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    xmlReadMemory($0.baseAddress, Int32(clamping: $0.count), name, nil,
                                  lean ? LibXML.safeParseOptions | LibXML.leanParseOptions : LibXML.safeParseOptions)
                }
            }
        }
        guard let parsed else {
            throw XMLError(collector.diagnostics.isEmpty ? [XMLDiagnostic(line: 0, column: 0, message: "not well-formed XML")]
                                                         : collector.diagnostics)
        }
        if parsed.pointee.intSubset != nil || parsed.pointee.extSubset != nil {
            let line = parsed.pointee.intSubset.map { Int(xmlGetLineNo(UnsafeMutableRawPointer($0).assumingMemoryBound(to: xmlNode.self))) } ?? 1
            xmlFreeDoc(parsed)
            throw XMLError(line: max(line, 1), "a DTD (<!DOCTYPE ...>) is not allowed: entities are never loaded or expanded")
        }
        document = parsed
    }

    deinit { xmlFreeDoc(document) }

    /// The 1-based line of a `<!DOCTYPE` declaration, if the bytes hold one. A DOCTYPE can
    /// only stand in the prolog, so the scan stops at the first element's start tag.
    static func doctypeLine(_ bytes: [UInt8]) -> Int? {
        let marker = Array("<!DOCTYPE".utf8)
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            var line = 1
            var index = 0
            while index < buffer.count {
                let byte = buffer[index]
                if byte == 0x0A {
                    line += 1
                } else if byte == 0x3C, index + 1 < buffer.count {
                    let next = buffer[index + 1]
                    if next == 0x21, index + marker.count <= buffer.count,
                       buffer[index..<(index + marker.count)].elementsEqual(marker) {
                        return line
                    }
                    // `<` then a name character opens the root element: the prolog is over.
                    if next != 0x21 && next != 0x3F { return nil }
                }
                index += 1
            }
            return nil
        }
    }

    /// The document element.
    public var root: Node? {
        xmlDocGetRootElement(document).map { Node(pointer: $0, tree: self) }
    }

    /// An element of the tree; it keeps the tree alive while it is held.
    public struct Node {
        let pointer: xmlNodePtr
        let tree: XMLTree

        public var name: String { String(cString: pointer.pointee.name) }

        /// The line the element starts on in the parsed text.
        public var line: Int { Int(xmlGetLineNo(pointer)) }

        /// The value of attribute `name`, as `xmlGetProp` gives it (trees never have a DTD, so no
        /// defaulted attribute), but read in place: `xmlGetProp` copies each value into a buffer of
        /// its own, and report readers look up hundreds of attributes per file.
        public func attribute(_ name: String) -> String? {
            XMLWriter.withXMLChars(name) { wanted -> String? in
                var attribute = pointer.pointee.properties
                while let current = attribute {
                    if xmlStrEqual(current.pointee.name, wanted) != 0 { return Self.value(of: current, in: pointer) }
                    attribute = current.pointee.next
                }
                return nil
            }
        }

        /// An attribute's value: its one text child's content where it has one (the usual case), else
        /// libxml2's concatenation of its children.
        private static func value(of attribute: xmlAttrPtr, in element: xmlNodePtr) -> String {
            guard let child = attribute.pointee.children else { return "" }
            if child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE,
               let content = child.pointee.content {
                return String(cString: content)
            }
            guard let value = xmlNodeListGetString(element.pointee.doc, child, 1) else { return "" }
            defer { cxml_free(value) }
            return String(cString: value)
        }

        /// Names of every attribute present on this element.
        public var attributeNames: [String] {
            var names: [String] = []
            var attribute = pointer.pointee.properties
            while let current = attribute {
                names.append(String(cString: current.pointee.name))
                attribute = current.pointee.next
            }
            return names
        }

        /// Child elements in document order (text and comments skipped).
        public var children: [Node] {
            var result: [Node] = []
            var child = pointer.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { result.append(Node(pointer: current, tree: tree)) }
                child = current.pointee.next
            }
            return result
        }

        public func children(named name: String) -> [Node] { children.filter { $0.name == name } }
        public func firstChild(named name: String) -> Node? { children.first { $0.name == name } }

        /// The concatenated text of this element and its descendants.
        public var text: String {
            guard let content = xmlNodeGetContent(pointer) else { return "" }
            defer { cxml_free(content) }
            return String(cString: content)
        }
    }
}
