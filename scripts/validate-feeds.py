#!/usr/bin/env python3
"""Every Atom and RSS document of a built site through the W3C Feed
Validation Service's own code, offline.

    scripts/validate-feeds.py --validator DIR [--output Public] [--base URL] [--level AA]

DIR is a checkout of the validator's source (github.com/w3c/feedvalidator;
its `src/` folder holds the `feedvalidator` package); it needs python3-lxml,
python3-html5lib and python3-rdflib. Each document is validated with its
public address (BASE + its path below OUTPUT) as its base, so that its self
links match, at compatibility level AA (what the web site uses) unless told
otherwise. Prints a line per document with findings, a table of counts per
kind of feed, and exits 1 when any document has an error or warning.
"""
import argparse
import os
import re
import sys
from collections import Counter


def feed_kind(path):
    with open(path, "rb") as handle:
        head = handle.read(4096).decode("utf-8", errors="replace")
    head = re.sub(r"<\?xml[^>]*\?>|<\?xml-stylesheet[^>]*\?>|<!--.*?-->", "", head, flags=re.S)
    match = re.search(r"<([A-Za-z][\w:.-]*)", head)
    if not match:
        return None
    return {"feed": "Atom", "rss": "RSS 2.0"}.get(match.group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--validator", required=True, help="a checkout of github.com/w3c/feedvalidator")
    parser.add_argument("--output", default="Public")
    parser.add_argument("--base", help="the site's address (default: url in site.yml)")
    parser.add_argument("--level", default="AA", choices=["A", "AA", "AAA"])
    options = parser.parse_args()

    sys.path.insert(0, os.path.join(options.validator, "src"))
    import feedvalidator  # noqa: E402
    from feedvalidator import compatibility  # noqa: E402
    from feedvalidator.formatter.text_plain import Formatter  # noqa: E402
    from feedvalidator.logging import Error, Warning as ValidatorWarning  # noqa: E402

    base = options.base
    if not base:
        with open("site.yml", encoding="utf-8") as handle:
            found = re.search(r"^url:\s*(\S+)", handle.read(), flags=re.M)
        base = found.group(1) if found else "https://example.org/"
    base = base.rstrip("/") + "/"

    documents = Counter()
    errors = Counter()
    warnings = Counter()
    for folder, _, files in sorted(os.walk(options.output)):
        for name in sorted(files):
            if not name.endswith(".xml"):
                continue
            path = os.path.join(folder, name)
            kind = feed_kind(path)
            if kind is None:
                continue
            address = base + os.path.relpath(path, options.output).replace(os.sep, "/")
            with open(path, "rb") as handle:
                try:
                    events = feedvalidator.validateString(handle.read(), firstOccurrenceOnly=1, base=address)["loggedEvents"]
                except feedvalidator.logging.ValidationFailure as failure:
                    events = [failure.event]
            events = getattr(compatibility, options.level)(events)
            documents[kind] += 1
            errors[kind] += sum(1 for event in events if isinstance(event, Error))
            warnings[kind] += sum(1 for event in events if isinstance(event, ValidatorWarning))
            if events:
                print(f"{path}:")
                for line in Formatter(events):
                    print(f"  {line}")
    print(f"| feeds | documents | errors | warnings |  (level {options.level}, base {base})")
    for kind in sorted(documents):
        print(f"| {kind} | {documents[kind]} | {errors[kind]} | {warnings[kind]} |")
    if not documents:
        sys.exit(f"no Atom or RSS documents under {options.output}")
    sys.exit(1 if sum(errors.values()) + sum(warnings.values()) else 0)


if __name__ == "__main__":
    main()
