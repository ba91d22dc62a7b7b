#!/usr/bin/env python3
"""Writes a synthetic WordPress export (WXR 1.2) of N posts, for measuring
`herald import wordpress` (docs/import.md). Usage:
    python3 Benchmarks/wordpress_export.py 20000 /tmp/export.xml
Each post has a classic-editor body of five paragraphs (with a [caption] in
every tenth), two categories, three tags and an author; every twentieth is
a draft. Deterministic: the same N writes the same file."""
import random
import sys

WORDS = ("river council budget ferry school market harbor vote mayor street "
         "library bridge farm rain winter summer festival road rail museum").split()


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def main():
    count, path = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(18)
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
                  'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
                  'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                  'xmlns:dc="http://purl.org/dc/elements/1.1/" '
                  'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
                  '<title>Benchmark Gazette</title><link>https://gazette.example.net</link>\n'
                  '<description>Synthetic export</description><language>en-US</language>\n'
                  '<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://gazette.example.net</wp:base_site_url>\n')
        for author in range(12):
            out.write(f"<wp:author><wp:author_login>{cdata(f'writer{author}')}</wp:author_login>"
                      f"<wp:author_display_name>{cdata(f'Writer Number {author}')}</wp:author_display_name></wp:author>\n")
        for n in range(1, count + 1):
            year = 2010 + n * 15 // count
            month = rng.randint(1, 12)
            day = rng.randint(1, 28)
            title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
            slug = title.lower().replace(" ", "-") + f"-{n}"
            paragraphs = []
            for p in range(5):
                sentence = " ".join(rng.choice(WORDS) for _ in range(40))
                paragraphs.append(sentence.capitalize() + ".\nSecond line of the paragraph.")
            if n % 10 == 0:
                paragraphs.insert(1, f'[caption id="attachment_{n}" width="800"]<img src="https://gazette.example.net/wp-content/uploads/{year}/{month:02d}/p{n}.jpg" alt="Photo {n}" /> Caption {n}.[/caption]')
            status = "draft" if n % 20 == 0 else "publish"
            out.write("<item>\n"
                      f"<title>{cdata(title)}</title>\n"
                      f"<link>https://gazette.example.net/{year}/{month:02d}/{day:02d}/{slug}/</link>\n"
                      f"<dc:creator>{cdata('writer' + str(n % 12))}</dc:creator>\n"
                      f"<content:encoded>{cdata(chr(10).join(p + chr(10) for p in paragraphs))}</content:encoded>\n"
                      f"<excerpt:encoded>{cdata('')}</excerpt:encoded>\n"
                      f"<wp:post_id>{n}</wp:post_id>\n"
                      f"<wp:post_date>{cdata(f'{year}-{month:02d}-{day:02d} 10:00:00')}</wp:post_date>\n"
                      f"<wp:post_date_gmt>{cdata(f'{year}-{month:02d}-{day:02d} 15:00:00')}</wp:post_date_gmt>\n"
                      f"<wp:post_name>{cdata(slug)}</wp:post_name>\n"
                      f"<wp:status>{cdata(status)}</wp:status>\n"
                      f"<wp:post_type>{cdata('post')}</wp:post_type>\n"
                      f'<category domain="category" nicename="c{n % 8}">{cdata(f"Section {n % 8}")}</category>\n'
                      f'<category domain="category" nicename="c{n % 5 + 10}">{cdata(f"Desk {n % 5}")}</category>\n'
                      + "".join(f'<category domain="post_tag" nicename="t{t}">{cdata(f"Topic {t}")}</category>\n'
                                for t in {n % 40, n % 13 + 40, n % 7 + 60})
                      + "</item>\n")
        out.write("</channel>\n</rss>\n")


if __name__ == "__main__":
    main()
