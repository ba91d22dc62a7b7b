import CLibXML2

/// Owns one libxml2 `xmlTextWriter` writing into one `xmlBuffer`.
///
/// Both C pointers are created in `init`, never leave this object, and are
/// freed exactly once in `deinit` (the writer first: it flushes into the
/// buffer, which libxml2 leaves to its creator to free). Every string passed in
/// goes through `XMLText.sanitized`, and libxml2 escapes text and attribute
/// values itself, so no caller ever concatenates markup.
///
/// Not thread-safe; one instance per document.
final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    /// The first libxml2 call that reported an error: `finish()` throws it,
    /// so a document libxml2 could not write is never published.
    private(set) var failure: String?

    /// Initializes libxml2 once per process, before the first writer.
    private static let libraryReady: Bool = {
        xmlInitParser()
        return true
    }()

    init(indent: Bool = true) {
        _ = XMLWriter.libraryReady
        guard let buffer = xmlBufferCreate() else { fatalError("libxml2: out of memory (xmlBufferCreate)") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            fatalError("libxml2: out of memory (xmlNewTextWriterMemory)")
        }
        self.buffer = buffer
        self.writer = writer
        if indent {
            check(xmlTextWriterSetIndent(writer, 1), "xmlTextWriterSetIndent")
            check(withXMLString("  ") { xmlTextWriterSetIndentString(writer, $0) }, "xmlTextWriterSetIndentString")
        }
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    // MARK: Document

    func startDocument() {
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument")
    }

    /// A processing instruction; `content` must not contain `?>` (it is dropped if so).
    func processingInstruction(_ target: String, _ content: String) {
        let safe = XMLText.sanitized(content).replacingOccurrences(of: "?>", with: "")
        check(withXMLString(target) { t in withXMLString(safe) { xmlTextWriterWritePI(writer, t, $0) } }, "xmlTextWriterWritePI")
    }

    /// Ends every open element and the document, and returns the bytes
    /// written; throws when any call of this writer failed.
    func finish() throws(XMLWriterFailure) -> [UInt8] {
        check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")
        check(xmlTextWriterFlush(writer), "xmlTextWriterFlush")
        if let failure { throw XMLWriterFailure(call: failure) }
        let count = Int(xmlBufferLength(buffer))
        guard count > 0, let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: count))
    }

    // MARK: Elements

    func start(_ name: String) {
        check(withXMLString(name) { xmlTextWriterStartElement(writer, $0) }, "xmlTextWriterStartElement(\(name))")
    }

    func end() {
        check(xmlTextWriterEndElement(writer), "xmlTextWriterEndElement")
    }

    func attribute(_ name: String, _ value: String) {
        let safe = XMLText.sanitized(value)
        check(withXMLString(name) { n in withXMLString(safe) { xmlTextWriterWriteAttribute(writer, n, $0) } }, "xmlTextWriterWriteAttribute(\(name))")
    }

    func text(_ value: String) {
        let safe = XMLText.sanitized(value)
        check(withXMLString(safe) { xmlTextWriterWriteString(writer, $0) }, "xmlTextWriterWriteString")
    }

    /// Character data the caller already escaped for XML (only `RSSWriter.title`,
    /// which needs hexadecimal character references; see there).
    func raw(_ escaped: String) {
        let safe = XMLText.sanitized(escaped)
        check(withXMLString(safe) { xmlTextWriterWriteRaw(writer, $0) }, "xmlTextWriterWriteRaw")
    }

    /// `<name attr="…">text</name>`.
    func element(_ name: String, _ value: String, attributes: KeyValuePairs<String, String> = [:]) {
        start(name)
        for (key, attributeValue) in attributes { attribute(key, attributeValue) }
        text(value)
        end()
    }

    /// An element with attributes only: `<name attr="…"/>`.
    func empty(_ name: String, attributes: [(String, String)]) {
        start(name)
        for (key, value) in attributes { attribute(key, value) }
        end()
    }

    // MARK: Helpers

    private func check(_ result: Int32, _ call: @autoclosure () -> String) {
        if result < 0, failure == nil { failure = call() }
    }

    private func withXMLString<R>(_ string: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
        string.withCString { chars in
            chars.withMemoryRebound(to: xmlChar.self, capacity: string.utf8.count + 1) { body($0) }
        }
    }
}

/// A libxml2 writer call failed: the document is incomplete and must not be
/// published.
public struct XMLWriterFailure: Error, Sendable {
    /// The libxml2 function that reported the error.
    public var call: String

    /// Runs `write` for the document at site path `path` (`/feed.xml`),
    /// turning a failure into an error that names the document.
    static func located(at path: String, _ write: () throws(XMLWriterFailure) -> [UInt8]) throws(DiagnosticError) -> [UInt8] {
        do {
            return try write()
        } catch {
            throw DiagnosticError([.error(
                "libxml2 could not write \(path) (\(error.call) failed), so nothing was published; this is a bug: please report it with the build's input",
                at: String(path.drop { $0 == "/" }))])
        }
    }
}
