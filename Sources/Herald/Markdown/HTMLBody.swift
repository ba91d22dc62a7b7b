import CLibXML2

/// The body of an `.html` content file (DESIGN §3): kept as HTML, with
/// scripts, event handlers and `javascript:` URLs removed unless
/// `markdown.unsafe_html`, and read through libxml2's HTML parser for the
/// summary (the part before `<!--more-->`, else the first paragraph) and
/// the word count, as a Markdown body gives them.
struct HTMLBody {
    struct Rendered {
        var html: String
        var summaryHTML: String
        var wordCount: Int
        /// The body split at its `<!--paywall-->` line, when it has one.
        var paywall: PaywallSplit? = nil
        /// The body split at its `<!--update …-->` lines, when it has any.
        var live: LiveSplit? = nil
    }

    static let moreMarker = "<!--more-->"

    /// Renders `body`; `lineOffset` is the number of lines of the file
    /// before it, to locate its paywall markers.
    static func render(_ body: String, unsafe: Bool, lineOffset: Int = 0) -> Rendered {
        var source = body
        var summarySource: String?
        if let marker = body.range(of: moreMarker) {
            summarySource = String(body[..<marker.lowerBound])
            source.removeSubrange(marker)
        }
        // As in Markdown, paywall and update markers are lines of their own;
        // the parts between them are each kept or sanitised on their own.
        let updates = LiveLines(source)
        if let updates { source = updates.blanked }
        let paywall = PaywallLines(source)
        if let paywall { source = paywall.free + paywall.members }
        let document = HTMLFragment(source)
        if !unsafe { document.sanitise() }
        let html = unsafe ? source : document.html()
        func cleaned(_ part: String) -> String {
            guard !unsafe else { return part }
            let fragment = HTMLFragment(part)
            fragment.sanitise()
            return fragment.html()
        }
        let split = paywall.map { lines in
            PaywallSplit(
                freeHTML: cleaned(lines.free), membersHTML: cleaned(lines.members),
                line: lineOffset + lines.line, repeatedLines: lines.repeatedLines.map { lineOffset + $0 })
        }
        let summary: String
        if let summarySource {
            let part = HTMLFragment(summarySource)
            if !unsafe { part.sanitise() }
            summary = unsafe ? summarySource : part.html()
        } else {
            summary = document.firstParagraph() ?? ""
        }
        let words = PlainText.fromHTML(document.html()).split { $0 == " " || $0 == "\n" || $0 == "\u{A0}" }.count
        let live = updates?.split(lineOffset: lineOffset, clean: cleaned)
        return Rendered(html: html, summaryHTML: summary, wordCount: words, paywall: split, live: live)
    }
}

/// The lines `<!--paywall-->` of an HTML body: the text before the first
/// and after it (without any of them), and their line numbers in the body.
struct PaywallLines {
    var free: String
    var members: String
    var line: Int
    var repeatedLines: [Int]

    init?(_ source: String) {
        guard source.contains(PaywallSplit.marker) else { return nil }
        var free = "", members = ""
        var lines: [Int] = []
        for (index, text) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if String(text).trimmingWhitespace() == PaywallSplit.marker {
                lines.append(index + 1)
                continue
            }
            if lines.isEmpty { free += text + "\n" } else { members += text + "\n" }
        }
        guard let first = lines.first else { return nil }
        // The split added a line break after the last line; the body had none.
        if !source.hasSuffix("\n") {
            if members.hasSuffix("\n") { members.removeLast() }
        }
        self.free = free
        self.members = members
        line = first
        repeatedLines = Array(lines.dropFirst())
    }
}

/// A fragment of HTML parsed by libxml2 into a document of its own (the
/// fragment is the body's children); owns the document and frees it once.
final class HTMLFragment {
    private let document: htmlDocPtr?

    init(_ html: String) {
        let wrapped = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>"
        let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let length = Int32(clamping: wrapped.utf8.count)
        document = wrapped.withCString { text in
            htmlReadMemory(text, length, nil, "UTF-8", options)
        }
    }

    deinit {
        if let document { xmlFreeDoc(document) }
    }

    /// The `body` element.
    private var body: xmlNodePtr? {
        guard let document, let root = xmlDocGetRootElement(document) else { return nil }
        var child = root.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE, Self.name(of: node) == "body" { return node }
            child = node.pointee.next
        }
        return nil
    }

    /// Removes what could run code in a reader's browser: `script`
    /// elements (and `style`, which can hide or fake content), attributes
    /// named `on…`, and links or sources that are `javascript:`,
    /// `vbscript:` or (other than images) `data:` URLs.
    func sanitise() {
        guard let body else { return }
        Self.clean(children: body)
    }

    private static let unsafeElements: Set<String> = ["script", "style", "iframe", "object", "embed", "frame", "frameset", "base", "meta", "link"]
    private static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data"]

    private static func clean(children parent: xmlNodePtr) {
        var child = parent.pointee.children
        while let node = child {
            child = node.pointee.next
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                if unsafeElements.contains(name(of: node)) {
                    xmlUnlinkNode(node)
                    xmlFreeNode(node)
                    continue
                }
                cleanAttributes(of: node)
                clean(children: node)
            case XML_COMMENT_NODE:
                // Comments are kept, as a Markdown body's HTML comments are;
                // conditional comments could carry markup, so those go.
                // The comment's text belongs to the node: nothing to free.
                if let content = node.pointee.content, String(cString: content).hasPrefix("[if") {
                    xmlUnlinkNode(node)
                    xmlFreeNode(node)
                }
            default:
                break
            }
        }
    }

    private static func cleanAttributes(of element: xmlNodePtr) {
        var attribute = element.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            let attributeName = current.pointee.name.map { String(cString: $0) }?.lowercased() ?? ""
            var remove = attributeName.hasPrefix("on")
            if !remove, urlAttributes.contains(attributeName) {
                // The value is the attribute's text children, owned by the document.
                var value = ""
                var text = current.pointee.children
                while let node = text {
                    if let content = node.pointee.content { value += String(cString: content) }
                    text = node.pointee.next
                }
                // Browsers skip white space and control characters inside a scheme.
                let url = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value > 0x20 })).lowercased()
                remove = url.hasPrefix("javascript:") || url.hasPrefix("vbscript:") || (url.hasPrefix("data:") && !(attributeName == "src" && url.hasPrefix("data:image/") && !url.hasPrefix("data:image/svg")))
            }
            if remove { xmlRemoveProp(current) }
        }
    }

    /// The body's children as HTML.
    func html() -> String {
        guard let document, let body else { return "" }
        return Self.serialize(children: body, document: document)
    }

    /// The first top-level `p` element, as HTML.
    func firstParagraph() -> String? {
        guard let document, let body else { return nil }
        var child = body.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE, Self.name(of: node) == "p" {
                return Self.serialize(node, document: document)
            }
            child = node.pointee.next
        }
        return nil
    }

    private static func serialize(children parent: xmlNodePtr, document: htmlDocPtr) -> String {
        var text = ""
        var child = parent.pointee.children
        while let node = child {
            text += serialize(node, document: document)
            child = node.pointee.next
        }
        return text
    }

    private static func serialize(_ node: xmlNodePtr, document: htmlDocPtr) -> String {
        guard let buffer = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buffer) }
        htmlNodeDump(buffer, document, node)
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }

    private static func name(of node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) }?.lowercased() ?? ""
    }
}
