import CLibXML2

/// A read-only element tree of one XML document, parsed with libxml2 for
/// `herald check`: local names, namespace URIs, attribute values, the
/// element's own text and its line in the file.
///
/// The libxml2 document lives only inside `parse`; the tree is plain Swift
/// values. The parser never reads the network or a DTD and does not expand
/// entities.
struct FeedDocument {
    struct Element: Sendable {
        var name: String
        var namespace: String?
        /// Attribute values by name; a namespaced attribute is keyed by its
        /// prefix and local name (`xml:base`).
        var attributes: [String: String]
        /// The text of the element's own text and CDATA children.
        var text: String
        var line: Int
        var children: [Element]

        func all(_ name: String, in namespace: String?) -> [Element] {
            children.filter { $0.name == name && $0.namespace == namespace }
        }

        func first(_ name: String, in namespace: String?) -> Element? {
            children.first { $0.name == name && $0.namespace == namespace }
        }
    }

    /// Where the error callback keeps the first error of one parse.
    private final class FirstError {
        var message: String?
        var line = 0
    }

    struct ParseError: Error {
        var message: String
        var line: Int
    }

    /// Parses `bytes`; a document that is not well-formed throws libxml2's
    /// first error with its line.
    static func parse(_ bytes: [UInt8]) throws(ParseError) -> Element {
        guard !bytes.isEmpty else { throw ParseError(message: "the file is empty", line: 0) }
        guard let context = xmlNewParserCtxt() else { throw ParseError(message: "libxml2: out of memory", line: 0) }
        defer { xmlFreeParserCtxt(context) }
        // libxml2 goes on after the first error and keeps only the last one in
        // the context; the first is the one that explains the problem.
        let firstError = FirstError()
        context.pointee._private = Unmanaged.passUnretained(firstError).toOpaque()
        context.pointee.sax.pointee.serror = { userData, error in
            guard let userData, let error,
                  let box = userData.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return }
            let first = Unmanaged<FirstError>.fromOpaque(box).takeUnretainedValue()
            guard first.message == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            first.message = error.pointee.message.map { String(cString: $0) } ?? "not well-formed"
            first.line = Int(error.pointee.line)
        }
        let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = withExtendedLifetime(firstError) {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, nil, options)
                }
            }
        }
        context.pointee._private = nil
        guard let document, context.pointee.wellFormed != 0, firstError.message == nil else {
            if let document { xmlFreeDoc(document) }
            let message = (firstError.message ?? context.pointee.lastError.message.map { String(cString: $0) } ?? "not well-formed")
                .trimmingTrailingWhitespace()
            throw ParseError(message: "not well-formed XML: \(message)", line: firstError.message == nil ? Int(context.pointee.lastError.line) : firstError.line)
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw ParseError(message: "the document has no root element", line: 0) }
        return element(root)
    }

    private static func element(_ node: xmlNodePtr) -> Element {
        var attributes: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            var name = String(cString: current.pointee.name)
            if let prefix = current.pointee.ns?.pointee.prefix { name = String(cString: prefix) + ":" + name }
            attributes[name] = text(of: current.pointee.children)
            attribute = current.pointee.next
        }
        var children: [Element] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { children.append(element(current)) }
            child = current.pointee.next
        }
        return Element(
            name: String(cString: node.pointee.name),
            namespace: node.pointee.ns?.pointee.href.map { String(cString: $0) },
            attributes: attributes,
            text: text(of: node.pointee.children),
            line: Int(xmlGetLineNo(node)),
            children: children
        )
    }

    /// The concatenated content of the text and CDATA nodes in a sibling list.
    private static func text(of first: xmlNodePtr?) -> String {
        var text = ""
        var node = first
        while let current = node {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE,
               let content = current.pointee.content {
                text += String(cString: content)
            }
            node = current.pointee.next
        }
        return text
    }
}

private extension String {
    func trimmingTrailingWhitespace() -> String {
        var result = self
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return result
    }
}
