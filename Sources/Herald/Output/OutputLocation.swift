import Foundation

/// Refuses output folders whose replacement would destroy sources
/// (DESIGN §10): the site root, `/`, `Content/`, `Templates/` or any folder
/// holding them.
enum OutputLocation {
    static func check(output: URL, root: URL) throws(DiagnosticError) {
        let out = output.standardizedFileURL.resolvingSymlinksInPath().path
        let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
        let protected = [rootPath, rootPath + "/Content", rootPath + "/Templates", rootPath + "/site.yml"]
        func contains(_ folder: String, _ path: String) -> Bool {
            folder == "/" || path == folder || path.hasPrefix(folder + "/")
        }
        if out == "/" || protected.contains(where: { contains(out, $0) }) || contains(rootPath + "/Content", out) || contains(rootPath + "/Templates", out) {
            throw DiagnosticError([.error(
                "refusing to build into \(output.path): the output folder is replaced on every build, so it may not be the site root, '/', Content/, Templates/ or a folder holding them; use -o with another folder such as Public",
                at: output.path)])
        }
    }
}
