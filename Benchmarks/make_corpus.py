#!/usr/bin/env python3
"""Generate a deterministic corpus of news articles for benchmarks.

    make_corpus.py OUT --articles N [--seed S] [--words W]

Writes OUT/articles/NNNNN-slug.md: YAML front matter (title, date with an
offset, authors, categories, tags, summary, lead image with caption and
credit) and a Markdown body with headings, quotations, lists, links, a table,
emphasis and a <!--more--> marker. Standard library only; the same arguments
always give the same files.
"""
import argparse
import os
import random
from datetime import datetime, timedelta, timezone

VOCABULARY = """
ferry quarry orchard tribunal levy aqueduct mill depot clinic harbour grain
tenant borough steward tram kiln parish ledger fund census pantry crane vessel
warden canal pasture audit ballot charter convoy meadow turbine freight relief
""".split()
ACTIONS = "stated declared admitted conceded insisted recalled estimated".split()
TAGS = ("transit budget courts schools housing weather health farming "
        "energy sport arts science jobs water roads").split()
SECTIONS = ("Local", "Region", "Business", "Opinion", "Features")
WRITERS = ("Mara Quint", "Tobias Lerner", "Inès Caron", "Yusuf Demir",
           "Hanna Vik", "Oren Blau", "Lucía Ferro", "Kenji Arai")
ZONE = timezone(timedelta(hours=-5))


def words(rng, low, high):
    return " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(low, high)))


def sentence(rng):
    text = words(rng, 7, 20)
    if rng.random() < 0.2:
        parts = text.split()
        at = rng.randrange(len(parts))
        parts[at] = f"**{parts[at]}**"
        text = " ".join(parts)
    return text[0].upper() + text[1:] + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def body(rng, target):
    blocks, count = [], 0
    for index in range(10_000):
        if count >= target:
            break
        if index == 2:
            blocks.append("<!--more-->")
        kind = rng.random()
        if index > 2 and kind < 0.12:
            blocks.append("## " + words(rng, 2, 5).capitalize())
        elif kind < 0.22:
            quote = sentence(rng)
            blocks.append(f"> “{quote}” {rng.choice(WRITERS)} {rng.choice(ACTIONS)}.")
            count += len(quote.split())
        elif kind < 0.30:
            items = [words(rng, 3, 8) for _ in range(rng.randint(3, 5))]
            blocks.append("\n".join("- " + item for item in items))
            count += sum(len(item.split()) for item in items)
        elif kind < 0.34:
            rows = [f"| {rng.choice(VOCABULARY)} | {rng.randint(10, 9999)} |" for _ in range(4)]
            blocks.append("| Item | Count |\n| --- | ---: |\n" + "\n".join(rows))
        else:
            text = paragraph(rng)
            if rng.random() < 0.15:
                text += f" See [the record](https://records.example.net/{rng.randint(1, 999)})."
            blocks.append(text)
            count += len(text.split())
    return "\n\n".join(blocks) + "\n"


def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--words", type=int, default=1100)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    folder = os.path.join(arguments.out, "articles")
    os.makedirs(folder, exist_ok=True)
    start = datetime(2026, 6, 30, 18, 0, tzinfo=ZONE)
    for number in range(arguments.articles):
        title = words(rng, 4, 10).capitalize()
        slug = "-".join(title.lower().split()[:6])
        date = start - timedelta(minutes=47 * number + rng.randint(0, 30))
        authors = rng.sample(WRITERS, rng.choice((1, 1, 1, 2)))
        tags = rng.sample(TAGS, rng.randint(2, 4))
        front = [
            "---",
            f"title: {quoted(title)}",
            f"date: {date.isoformat()}",
            "authors: [" + ", ".join(quoted(a) for a in authors) + "]",
            f"categories: [{rng.choice(SECTIONS)}]",
            "tags: [" + ", ".join(tags) + "]",
            f"summary: {quoted(sentence(rng))}",
            f"image: /images/lead-{number % 40:02d}.jpg",
            f"image_alt: {quoted(words(rng, 4, 9))}",
            f"image_caption: {quoted(sentence(rng))}",
            f"image_credit: {quoted(rng.choice(WRITERS) + ' / Bench Wire')}",
            "---",
        ]
        path = os.path.join(folder, f"{number:05d}-{slug}.md")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("\n".join(front) + "\n" + body(rng, rng.randint(arguments.words // 2, arguments.words)))


if __name__ == "__main__":
    main()
