import Foundation
import Herald

// Renders pages many times and prints pages per second: first the default
// theme's article.html over the demo site's articles (loaded as a build loads
// them), then a self-contained article-like page (extends + include +
// filters). Run with: swift run -c release TemplateBenchmark

let sources: [String: String] = [
    "base.html": """
        <!doctype html>
        <html lang="{{ site.language }}">
        <head>
          <meta charset="utf-8">
          <title>{% block title %}{{ site.title }}{% endblock %}</title>
          <link rel="stylesheet" href="{{ '/assets/site.css' | relative_url }}">
          {%- for feed in site.feeds %}
          <link rel="alternate" type="{{ feed.type }}" title="{{ feed.title }}" href="{{ feed.url }}">
          {%- endfor %}
          {% block head %}{% endblock %}
        </head>
        <body>
          <header><a href="{{ '/' | relative_url }}">{{ site.title | upper }}</a></header>
          <main>{% block content %}{% endblock %}</main>
          <footer>© {{ site.copyright | default(site.title) }} · {{ site.generator.name }}</footer>
        </body>
        </html>
        """,
    "article.html": """
        {% extends "base.html" %}
        {% block title %}{{ page.title }} · {{ super() }}{% endblock %}
        {% block head %}
          <meta name="description" content="{{ page.description | truncate(160) }}">
          <link rel="canonical" href="{{ page.permalink }}">
          <script type="application/ld+json">{{ page.ld | json }}</script>
        {% endblock %}
        {% block content %}
        <article>
          <h1>{{ page.title }}</h1>
          {% include "partials/byline.html" %}
          {% if page.image %}<img src="{{ page.image }}" alt="{{ page.image_alt | default('') }}">{% endif %}
          <div class="summary">{{ page.summary }}</div>
          {{ page.content }}
          <ul class="tags">
          {%- for tag in page.tags | sort("name") %}
            <li><a href="{{ tag.url }}">{{ tag.name | title }}</a>{% if not loop.last %},{% endif %}</li>
          {%- endfor %}
          </ul>
          <p>{{ page.word_count }} words · {{ page.reading_time }} min</p>
          {% if page.related %}<h2>Related</h2><ul>
          {%- for other in page.related | limit(4) %}<li><a href="{{ other.url }}">{{ other.title }}</a> {{ other.date | date("%-d %b %Y") }}</li>{% endfor %}
          </ul>{% endif %}
        </article>
        {% endblock %}
        """,
    "partials/byline.html": """
        <p class="byline">By {% for author in page.authors %}<a href="{{ author.url }}">{{ author.name }}</a>{% if not loop.last %} and {% endif %}{% endfor %}
        on <time datetime="{{ page.date | rfc3339 }}">{{ page.date | date("%A %-d %B %Y, %-I:%M %p") }}</time></p>
        """,
]

let environment = TemplateEnvironment(timeZone: TimeZone(identifier: "America/New_York")!, siteURL: SiteURL("https://news.example.org/")!)
let library: TemplateLibrary
do {
    library = try TemplateLibrary(sources: sources, environment: environment)
} catch {
    print(error)
    exit(1)
}

let date = Date(timeIntervalSince1970: 1_751_634_845)
let paragraph = "<p>" + String(repeating: "The council voted on Tuesday to extend the harbour &amp; rail plan. ", count: 12) + "</p>\n"
let related: [Value] = (0..<6).map { index in
    ["title": .string("Related story \(index)"), "url": .string("/2025/07/related-\(index)/"), "date": .date(date.addingTimeInterval(Double(-index) * 86_400))]
}
let page: Value = [
    "title": "Harbour <plan> gets \"final\" approval",
    "description": .string(String(repeating: "A long description of the article for meta tags. ", count: 6)),
    "permalink": "https://news.example.org/2025/07/harbour-plan/",
    "url": "/2025/07/harbour-plan/",
    "summary": .html("<p>The plan was <em>approved</em>.</p>"),
    "content": .html(String(repeating: paragraph, count: 10)),
    "date": .date(date),
    "image": "/media/harbour.jpg",
    "image_alt": nil,
    "authors": [["name": "Ann Lee", "url": "/authors/ann-lee/"], ["name": "Bo Chen", "url": "/authors/bo-chen/"]],
    "tags": [["name": "transport", "url": "/tags/transport/"], ["name": "city hall", "url": "/tags/city-hall/"], ["name": "economy", "url": "/tags/economy/"]],
    "word_count": 1234,
    "reading_time": 6,
    "related": .list(related),
    "ld": ["@type": "NewsArticle", "headline": "Harbour <plan>", "datePublished": .date(date)],
]
let site: Value = [
    "title": "Example News", "language": "en", "copyright": nil,
    "feeds": [["type": "application/atom+xml", "title": "Atom", "url": "/feed.xml"], ["type": "application/feed+json", "title": "JSON", "url": "/feed.json"]],
    "generator": ["name": "Herald"],
]
let context: [String: Value] = ["site": site, "page": page]

let iterations = 10_000
var bytes = 0
do {
    // The repository root, two folders above this file.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let theme = try TemplateThroughput.renderArticles(siteRoot: root, count: iterations)
    print("default theme: rendered \(iterations) article pages (last \(theme.bytes) bytes) in \(String(format: "%.3f", theme.seconds)) s: \(Int(Double(iterations) / theme.seconds)) pages/s")
    let cores = ProcessInfo.processInfo.activeProcessorCount
    if cores > 1 {
        let parallel = try TemplateThroughput.renderArticles(siteRoot: root, count: iterations, threads: cores)
        print("default theme on \(cores) threads: \(Int(Double(iterations) / parallel.seconds)) pages/s (\(String(format: "%.2f", theme.seconds / parallel.seconds))× one thread)")
    }

    bytes = try library.render("article.html", context: context).utf8.count
    let start = ContinuousClock.now
    for _ in 0..<iterations {
        bytes = try library.render("article.html", context: context).utf8.count
    }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("article-like page: rendered \(iterations) pages of \(bytes) bytes in \(String(format: "%.3f", seconds)) s: \(Int(Double(iterations) / seconds)) pages/s")
} catch {
    print(error)
    exit(1)
}
