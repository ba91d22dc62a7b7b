import Foundation

/// Files copied as they are: `Content/static/` to the output root and
/// `Templates/assets/` to `/assets/` (DESIGN §1).
enum StaticFiles {
    /// `processed` tells the raster images published processed instead (see `ImageCatalog`).
    static func plan(root: URL, into plan: inout OutputPlan, processed: (String) -> Bool = { _ in false }) {
        for (folder, prefix) in [("Content/static", ""), ("Templates/assets", "assets/")] {
            for path in SourceFiles.files(under: root, folder: folder) where !processed(path) {
                let relative = prefix + path.dropFirst(folder.count + 1)
                plan.add(PlannedOutput(
                    path: relative, origin: path, source: .file(root.appendingPathComponent(path)), kind: .other,
                    dependencies: [path]))
            }
        }
    }
}
