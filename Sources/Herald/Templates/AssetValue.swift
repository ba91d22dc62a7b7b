/// What the `fingerprint` filter gives a template: the URL of the file's
/// hashed copy, which it prints as, and `integrity` for the `integrity`
/// attribute of `<link>` and `<script>`.
struct AssetValue: TemplateObject {
    let url: String
    let integrity: String

    func member(_ name: String) -> Value? {
        switch name {
        case "url": return .string(url)
        case "integrity": return .string(integrity)
        default: return nil
        }
    }

    func member(_ name: MemberName) -> Value? {
        member(name.text)
    }

    var memberNames: [String] { ["url", "integrity"] }

    var text: String? { url }
}
