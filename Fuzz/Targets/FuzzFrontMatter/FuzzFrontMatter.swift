import Foundation
@testable import Herald

/// Content files and `site.yml`: the front matter splitter, the YAML reader
/// and every typed accessor. The first byte picks the kind of file; the rest
/// is its text (any bytes, invalid UTF-8 included, as `SourceFiles` reads them).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let selector = data[0]
    let bytes = UnsafeBufferPointer(start: data + 1, count: size - 1)
    let text: String
    if let valid = String(validating: bytes, as: UTF8.self) {
        text = valid
    } else {
        // What the loader does with such a file: locate the bad byte.
        let array = Array(bytes)
        if let offset = SourceFiles.firstInvalidUTF8Offset(array) {
            _ = SourceFiles.location(ofByte: offset, in: array)
        }
        return 0
    }
    switch selector % 4 {
    case 0:
        _ = try? SiteConfigLoader.parse(text)
    case 1:
        _ = AuthorProfile.decode(text, path: "Content/authors/a.md")
    default:
        let kind: ContentItem.Kind = selector % 4 == 2 ? .article : .page
        let (draft, diagnostics) = FuzzState.decoder.decode(text, kind: kind, sourcePath: "Content/articles/2025-07-04-a.md")
        for diagnostic in diagnostics {
            precondition(diagnostic.line >= 0 && diagnostic.column >= 0, "bad location \(diagnostic)")
            _ = diagnostic.description
        }
        if let draft {
            precondition(!draft.item.slug.contains("/") && draft.item.slug != ".." , "slug leaves its folder: \(draft.item.slug)")
        }
    }
    return 0
}

enum FuzzState {
    static let decoder = ContentDecoder(config: try! SiteConfigLoader.parse("title: T\nurl: https://example.org/\n"))
}
