// TEMPORARY: stands in for the template engine until its branch is merged.
import Foundation

public struct TemplateEnvironment: Sendable {
    public var timeZone: TimeZone
    public var siteURL: SiteURL
    public var markdown: @Sendable (String) -> String
    public init(timeZone: TimeZone, siteURL: SiteURL, markdown: @escaping @Sendable (String) -> String = { HTMLEscaping.escape($0) }) {
        self.timeZone = timeZone
        self.siteURL = siteURL
        self.markdown = markdown
    }
}

public final class TemplateLibrary: Sendable {
    let names: Set<String>
    public init(directory: URL, displayPrefix: String, environment: TemplateEnvironment) throws(DiagnosticError) {
        names = Set(SourceFiles.files(under: directory.deletingLastPathComponent(), folder: directory.lastPathComponent).map { String($0.dropFirst(directory.lastPathComponent.count + 1)) })
    }
    public func contains(_ name: String) -> Bool { names.contains(name) }
    public func render(_ name: String, context: [String: Value]) throws(DiagnosticError) -> String {
        "<!doctype html><title>\(name)</title>"
    }
}
