import Foundation

/// Photographs for image tests, made with Debian's `vips` and `exiftool`
/// (libvips-tools and libimage-exiftool-perl, installed by `make test`):
/// a camera JPEG with an EXIF orientation and a GPS position.
enum TestPhotos {
    static func tool(_ name: String) throws -> String {
        guard let path = FeedFiles.which(name) else { throw Missing(tool: name) }
        return path
    }

    struct Missing: Error { var tool: String }
    struct Failed: Error { var output: String }

    @discardableResult
    static func run(_ name: String, _ arguments: [String]) throws -> String {
        let result = try FeedFiles.run(try tool(name), arguments)
        guard result.status == 0 else { throw Failed(output: result.output) }
        return result.output
    }

    /// A JPEG of `width` × `height` stored pixels (a gradient with noise, so
    /// it compresses like a photograph) at `path`, with EXIF orientation `orientation` and a GPS tag.
    static func jpeg(width: Int, height: Int, at path: String, orientation: Int = 1, format: String = "jpg") throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let scratch = path + ".v"
        try run("vips", ["gaussnoise", scratch, String(width), String(height)])
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let colour = path + ".colour.v"
        try run("vips", ["bandjoin_const", scratch, colour, "64 128"])
        defer { try? FileManager.default.removeItem(atPath: colour) }
        let cast = path + ".cast.v"
        try run("vips", ["cast", colour, cast, "uchar"])
        defer { try? FileManager.default.removeItem(atPath: cast) }
        try run("vips", ["copy", cast, path + (format == "jpg" ? "[Q=90]" : "")])
        if format == "jpg" {
            try run("exiftool", [
                "-q", "-overwrite_original", "-Orientation#=\(orientation)", "-Make=Herald Test Camera",
                "-GPSLatitude=40.7128", "-GPSLatitudeRef=N", "-GPSLongitude=74.0060", "-GPSLongitudeRef=W", path,
            ])
        }
    }

    /// Width and height as libvips reads them.
    static func size(of path: String) throws -> (Int, Int) {
        // Warnings (such as libheif's about colour profiles) come on other lines.
        func field(_ name: String) throws -> Int {
            try run("vipsheader", ["-f", name, path]).split(whereSeparator: \.isNewline).compactMap { Int($0) }.first ?? -1
        }
        return (try field("width"), try field("height"))
    }

    /// Every metadata tag exiftool finds in EXIF, GPS, XMP, IPTC and ICC groups.
    static func metadata(of path: String) throws -> String {
        try run("exiftool", ["-s", "-EXIF:all", "-GPS:all", "-XMP:all", "-IPTC:all", "-ICC_Profile:all", path])
    }
}
