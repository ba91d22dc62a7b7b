import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small namespace-aware element tree, parsed with Foundation's XMLParser,
/// for asserting on generated feeds.
final class FeedXMLNode {
    let name: String          // local name
    let namespace: String?
    let attributes: [String: String]
    var children: [FeedXMLNode] = []
    var text = ""

    init(name: String, namespace: String?, attributes: [String: String]) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
    }

    func all(_ name: String, ns: String? = nil) -> [FeedXMLNode] {
        children.filter { $0.name == name && (ns == nil || $0.namespace == ns) }
    }

    func first(_ name: String, ns: String? = nil) -> FeedXMLNode? {
        all(name, ns: ns).first
    }

    /// Parses a document; nil (with the parser's error) when it is not well-formed.
    static func parse(_ bytes: [UInt8]) throws -> FeedXMLNode {
        let builder = Builder()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = true
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw ParseError(message: parser.parserError.map { "\($0)" } ?? "no root element")
        }
        return root
    }

    struct ParseError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: FeedXMLNode?
        var stack: [FeedXMLNode] = []
        /// Declared namespace prefixes (prefix → URI), as reported by the parser.
        var prefixes: [String: String] = [:]

        func parser(_ parser: XMLParser, didStartMappingPrefix prefix: String, toURI namespaceURI: String) {
            prefixes[prefix] = namespaceURI
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            var attributes = attributeDict
            if stack.isEmpty {
                for (prefix, uri) in prefixes { attributes[prefix.isEmpty ? "xmlns" : "xmlns:\(prefix)"] = uri }
            }
            let node = FeedXMLNode(name: elementName, namespace: namespaceURI, attributes: attributes)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
