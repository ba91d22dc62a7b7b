import Testing
@testable import Herald

/// A document libxml2 could not write is an error naming the document, in
/// release builds too, never bytes published as if complete.
@Suite struct XMLWriterFailureTests {
    @Test func aFailedCallMakesFinishThrowNamingTheCall() {
        let writer = XMLWriter()
        writer.startDocument()
        // libxml2 refuses an element without a name.
        writer.start("")
        #expect(throws: XMLWriterFailure.self) { try writer.finish() }
        do {
            _ = try writer.finish()
        } catch {
            #expect(error.call.hasPrefix("xmlTextWriterStartElement"), "\(error.call)")
        }
    }

    @Test func aWriterWithoutFailuresFinishes() throws {
        let writer = XMLWriter()
        writer.startDocument()
        writer.element("a", "b")
        let bytes = try writer.finish()
        #expect(String(decoding: bytes, as: UTF8.self).contains("<a>b</a>"))
    }

    @Test func theBuildErrorNamesTheDocument() {
        do {
            _ = try XMLWriterFailure.located(at: "/tags/x/feed.xml") { () throws(XMLWriterFailure) -> [UInt8] in
                throw XMLWriterFailure(call: "xmlTextWriterWriteString")
            }
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics.first?.path == "tags/x/feed.xml")
            #expect(error.diagnostics.first?.message.contains("could not write /tags/x/feed.xml (xmlTextWriterWriteString failed)") == true)
        }
    }
}
