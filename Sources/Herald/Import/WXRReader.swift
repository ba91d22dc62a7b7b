import CLibXML2
import Foundation

/// Reads a WordPress eXtended RSS export (WXR 1.1/1.2) with libxml2's
/// streaming reader (xmlTextReader): one `<item>` at a time is held in
/// memory, so a 500 MB export needs no 500 MB.
final class WXRReader {
    /// The channel's own values (site title, link, …) and each item's, by
    /// element name (`title`, `wp:post_id`, …). Repeated elements
    /// (`category`, `wp:postmeta`) are kept as lists.
    struct Item {
        var fields: [String: String] = [:]
        /// `(domain, nicename, text)` of each `<category>`.
        var categories: [(domain: String, nicename: String, name: String)] = []
        /// `wp:meta_key` → `wp:meta_value`.
        var meta: [String: String] = [:]
        /// The line of the `<item>` in the export, for the report.
        var line: Int = 0
        var comments = 0
    }

    struct Failure: Error {
        var message: String
        var line: Int
    }

    private let reader: OpaquePointer

    init?(path: String) {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_HUGE.rawValue)
        guard let reader = xmlReaderForFile(path, nil, options) else { return nil }
        self.reader = reader
    }

    deinit {
        xmlFreeTextReader(reader)
    }

    /// Reads the whole export: `channel` gets the channel's fields, `item`
    /// each item as it ends, with the authors' display names by login (the
    /// `<wp:author>` elements come before the items).
    func read(channel: (Item) -> Void, item handle: (Item, [String: String]) throws -> Void) throws {
        var authors: [String: String] = [:]
        var stack: [String] = []
        var text = ""
        var channelFields = Item()
        var current: Item?
        var sawRSS = false
        var author: (login: String, name: String) = ("", "")
        var categoryAttributes: (String, String) = ("", "")
        var metaKey = ""
        var channelSent = false
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { break }
            guard status == 1 else {
                throw Failure(message: "the export is not well-formed XML (or is truncated); export it again from WordPress", line: Int(xmlTextReaderGetParserLineNumber(reader)))
            }
            let type = xmlTextReaderNodeType(reader)
            let name = xmlTextReaderConstName(reader).map { String(cString: $0) } ?? ""
            switch type {
            case 1:  // element start
                if stack.isEmpty {
                    guard name == "rss" else {
                        throw Failure(message: "this is not a WordPress export: its root element is <\(name)>, not <rss> (export with Tools → Export in WordPress)", line: Int(xmlTextReaderGetParserLineNumber(reader)))
                    }
                    sawRSS = true
                }
                if name == "item" {
                    if !channelSent { channel(channelFields); channelSent = true }
                    current = Item(line: Int(xmlTextReaderGetParserLineNumber(reader)))
                }
                if name == "category" {
                    categoryAttributes = (attribute("domain"), attribute("nicename"))
                }
                text = ""
                if xmlTextReaderIsEmptyElement(reader) == 1 {
                    end(name, stack: stack, text: "", current: &current, channel: &channelFields, author: &author, authors: &authors, category: categoryAttributes, metaKey: &metaKey)
                    if name == "item", let item = current { try handle(item, authors); current = nil }
                } else {
                    stack.append(name)
                }
            case 3, 4, 14:  // text, CDATA, significant white space
                if let value = xmlTextReaderConstValue(reader) { text += String(cString: value) }
            case 15:  // element end
                stack.removeLast()
                end(name, stack: stack, text: text, current: &current, channel: &channelFields, author: &author, authors: &authors, category: categoryAttributes, metaKey: &metaKey)
                text = ""
                if name == "item", let item = current {
                    try handle(item, authors)
                    current = nil
                }
            default:
                break
            }
        }
        guard sawRSS else { throw Failure(message: "the export is empty", line: 1) }
        if !channelSent { channel(channelFields) }
        guard channelFields.fields["wp:wxr_version"] != nil || channelFields.fields["wp:base_site_url"] != nil else {
            throw Failure(message: "this RSS file is not a WordPress export (it has no <wp:wxr_version>); export with Tools → Export in WordPress", line: 1)
        }
    }

    private func end(
        _ name: String, stack: [String], text: String, current: inout Item?, channel: inout Item,
        author: inout (login: String, name: String), authors: inout [String: String], category: (String, String), metaKey: inout String
    ) {
        let parent = stack.last ?? ""
        if var item = current {
            switch name {
            case "category" where parent == "item":
                item.categories.append((category.0, category.1, text))
            case "wp:meta_key": metaKey = text
            case "wp:meta_value": item.meta[metaKey] = text
            case "wp:comment": item.comments += 1
            default:
                if parent == "item" { item.fields[name] = text }
            }
            current = item
            return
        }
        switch name {
        case "wp:author_login": author.login = text
        case "wp:author_display_name": author.name = text
        case "wp:author":
            if !author.login.isEmpty { authors[author.login] = author.name.isEmpty ? author.login : author.name }
            author = ("", "")
        default:
            if parent == "channel" { channel.fields[name] = text }
        }
    }

    /// An attribute of the current element; read in place (the reader owns
    /// the text), then the reader is moved back to the element.
    private func attribute(_ name: String) -> String {
        guard xmlTextReaderMoveToAttribute(reader, name) == 1 else { return "" }
        defer { xmlTextReaderMoveToElement(reader) }
        return xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
    }
}
