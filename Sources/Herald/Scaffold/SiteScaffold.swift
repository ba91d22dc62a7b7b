import Foundation

/// `herald init`: a new site that builds as it is, with the default theme,
/// one sample article and an about page.
public enum SiteScaffold {
    /// Entries that do not make a folder "non-empty" for `herald init`:
    /// a freshly made git repository or a Finder droppings file.
    static let ignorableEntries: Set<String> = [".git", ".DS_Store"]

    /// Writes a new site into `folder` (created when missing) and returns the
    /// paths written, relative to it. A folder holding anything but `.git`
    /// is refused unless `force`, which overwrites the files `init` writes and
    /// leaves every other file alone.
    @discardableResult
    public static func create(at folder: URL, force: Bool = false, theme: [(path: String, bytes: [UInt8])]? = nil) throws(DiagnosticError) -> [String] {
        let manager = FileManager.default
        let display = folder.path
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw DiagnosticError([.error("a file is in the way: 'herald init' needs a folder here", at: display)])
            }
            let entries = ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !ignorableEntries.contains($0) }
            if !entries.isEmpty && !force {
                throw DiagnosticError([.error("the folder is not empty (it holds \(entries.sorted().prefix(3).joined(separator: ", "))\(entries.count > 3 ? ", …" : "")); choose an empty or new folder, or pass --force to write the new site's files over it", at: display)])
            }
        }

        var files: [(path: String, bytes: [UInt8])] = [
            ("site.yml", Array(sampleSiteConfig.utf8)),
            ("Content/articles/\(sampleArticleFileName)", Array(sampleArticle.utf8)),
            ("Content/pages/about.md", Array(sampleAboutPage.utf8)),
            ("Content/static/.gitkeep", []),
            ("Public/.gitkeep", []),
            (".gitignore", Array(sampleGitignore.utf8)),
        ]
        for file in theme ?? embeddedTheme() {
            files.append(("Templates/" + file.path, file.bytes))
        }
        var written: [String] = []
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.bytes).write(to: url, options: .atomic)
            } catch {
                throw DiagnosticError([.error("cannot write the file: \(error.localizedDescription)", at: url.path)])
            }
            written.append(file.path)
        }
        return written
    }

    /// The default theme carried inside the binary (see scripts/embed-theme.sh).
    public static func embeddedTheme() -> [(path: String, bytes: [UInt8])] {
        DefaultTheme.files.map { file in
            (file.path, Array(Data(base64Encoded: file.base64) ?? Data()))
        }
    }

    static let sampleArticleFileName = "2025-07-04-river-ferry-returns.md"

    static let sampleSiteConfig = """
        # The configuration of your site: see the Herald documentation for every key.
        title: Valley Ledger
        url: https://news.example.org/        # where the site will live; may carry a subpath
        description: Independent reporting from the river valley
        language: en
        timezone: America/New_York            # dates without an offset are read in this zone
        author:
          name: Newsroom
          email: desk@example.org
        paginate: 10
        permalinks:
          article: /:year/:month/:slug/
          page: /:slug/
        taxonomies: [tags, categories, authors]
        feeds:
          formats: [atom, rss, json]
          limit: 20
          content: full
        markdown:
          smart: true
          unsafe_html: false

        """

    static let sampleArticle = """
        ---
        title: The river ferry returns after a two-year pause
        date: 2025-07-04T09:14:00-04:00
        author: Ada Park
        tags: [transport, riverside]
        categories: [Local]
        summary: >-
          The crossing between Millbrook and Eastbank reopens on Monday with a
          new electric boat and a timetable built around school hours.
        ---

        The ferry that linked Millbrook and Eastbank for ninety years will carry
        passengers again from Monday, two years after its diesel boat was retired.

        <!--more-->

        The new vessel runs on batteries charged overnight at the Millbrook
        landing. It carries forty passengers and twelve bicycles, and the crossing
        takes eight minutes.

        ## A timetable for school days

        Departures every twenty minutes from 6:40 a.m. to 7:20 p.m. on weekdays,
        with extra crossings at the start and end of the school day. Weekend
        service is hourly.

        > "Half of our riders are students," said the harbour master. "The
        > timetable starts with them."

        Read [about this site](../pages/about.md) for how we report.

        """

    static let sampleAboutPage = """
        ---
        title: About
        ---

        Valley Ledger is an independent newsroom covering the river valley.

        Write to desk@example.org with tips and corrections. Every correction is
        noted at the end of the article it concerns.

        """

    static let sampleGitignore = """
        # The built site: 'herald build' writes it, so it is not kept in git.
        Public/*
        !Public/.gitkeep
        # Herald's build cache and staging, kept beside the output folder.
        .Public.herald-*
        # Processed images, kept to make rebuilds cheap (docs/images.md).
        .herald/
        .DS_Store

        """
}
