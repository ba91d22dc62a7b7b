#!/usr/bin/env python3
"""What Herald's search index costs, beside Pagefind on the same output.

    Benchmarks/search_bench.py [--sizes 10000] [--runs 2] [--work DIR] [--herald PATH] [--no-pagefind]

For each corpus size (make_corpus.py, as bench.py uses) it builds the
benchmark site with the default theme twice per run, each into a fresh
folder: without search and with `search: { engine: herald }`. It reports

- the index's share of the build: the `search` stage of `herald build
  --verbose` against the whole build, and the whole build with search
  against the build without;
- peak memory of both builds;
- the index's size (files, bytes, gzip-compressed bytes);
- what a query downloads: for two-word queries of the corpus's words, the
  manifest, each word's shard (through the word list to its stem's shard)
  and the result files of the ten results shown, plain and gzip-compressed
  (what a server sending gzip transfers);
- an edit rebuild: how many index files it rewrote, and that its index is
  byte for byte a clean build's;
- when Pagefind is installed (`pip install 'pagefind[extended]'`), its
  indexing time, peak memory and index size on the build without search
  (`python3 -m pagefind --site OUTPUT`), which the default theme marks up
  with data-pagefind-body and data-pagefind-filter.
"""
import argparse
import gzip
import json
import math
import os
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench import ROOT, measure, prepare, remove, remove_caches, same_tree  # noqa: E402

QUERIES = ["ferry quarry", "tribunal levy", "harbour grain", "census ballot", "turbine freight",
           "orchard tenant", "canal warden", "clinic relief"]


def build(herald, site, output, verbose=True):
    """A full build into a fresh `output`: (wall seconds, peak MB, search stage seconds)."""
    remove(output)
    for name in os.listdir(os.path.dirname(output)):
        if name.startswith("." + os.path.basename(output) + ".herald-"):
            os.remove(os.path.join(os.path.dirname(output), name))
    os.sync()
    log = output + ".log"
    wall, memory = measure(f"{herald} build --source {site} --output {output} --verbose > {log} 2>&1", shell=True)
    search = 0.0
    with open(log) as text:
        for line in text:
            parts = line.split()
            if len(parts) >= 3 and parts[0] == "search" and parts[2] == "s":
                search = float(parts[1])
    return wall, memory, search


def folder_size(folder):
    files, plain, packed = 0, 0, 0
    for base, _, names in os.walk(folder):
        for name in names:
            with open(os.path.join(base, name), "rb") as handle:
                data = handle.read()
            files += 1
            plain += len(data)
            packed += len(gzip.compress(data, 6))
    return files, plain, packed


class Index:
    """The index files of a build, read as the search page's script reads them."""

    def __init__(self, output):
        self.folder = os.path.join(output, "search", "index")
        self.fetched = {}
        self.manifest = self.fetch("manifest.json")
        self.shards = set(self.manifest["shards"])

    def fetch(self, name):
        if name not in self.fetched:
            with open(os.path.join(self.folder, name), "rb") as handle:
                self.fetched[name] = handle.read()
        return json.loads(self.fetched[name])

    def shard(self, key):
        name = key.encode().hex()
        for length in range(len(name), -1, -2):
            if name[:length] in self.shards:
                return self.fetch("t" + name[:length] + ".json")
        return {"p": {}, "w": {}}

    @staticmethod
    def decode(text):
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        postings, value, shift, last = [], 0, 0, -1
        for char in text:
            digit = alphabet.index(char)
            value |= (digit & 31) << shift
            if digit >= 32:
                shift += 5
                continue
            last += value >> 5
            postings.append((last, value & 31))
            value, shift = 0, 0
        return postings

    def query(self, text):
        """Bytes (plain, gzip) this query downloads, and its number of results."""
        self.fetched = {"manifest.json": self.fetched["manifest.json"]}
        scores = {}
        count = self.manifest["documents"]
        for word in text.lower().split():
            shard = self.shard(word)
            stem = shard["w"].get(word, word)
            postings = self.decode(self.shard(stem)["p"].get(stem, ""))
            if not postings:
                continue
            idf = math.log(1 + (count - len(postings) + 0.5) / (len(postings) + 0.5))
            for document, score in postings:
                hits, total = scores.get(document, (0, 0.0))
                scores[document] = (hits + 1, total + idf * score / 31)
        ranked = sorted(scores, key=lambda d: (-scores[d][0], -scores[d][1], -d))
        for document in ranked[:10]:
            self.fetch("d%d.json" % (document // self.manifest["chunk"]))
        plain = sum(len(data) for data in self.fetched.values())
        packed = sum(len(gzip.compress(data, 6)) for data in self.fetched.values())
        return plain, packed, len(ranked)


def edit_rebuild(herald, site, output, corpus):
    """Edits one article's body, rebuilds, and compares with a clean build."""
    names = sorted(os.listdir(corpus))
    path = os.path.join(corpus, names[len(names) // 2])
    with open(path) as handle:
        original = handle.read()
    index = os.path.join(output, "search", "index")
    before = {name: os.stat(os.path.join(index, name)).st_mtime_ns for name in os.listdir(index)}
    try:
        with open(path, "a") as handle:
            handle.write("\nA xylophonist from the quarry parish spoke at the tribunal.\n")
        wall, _ = measure([herald, "build", "--source", site, "--output", output, "--quiet"])
        after = {name: os.stat(os.path.join(index, name)).st_mtime_ns for name in os.listdir(index)}
        rewritten = sum(1 for name in after if before.get(name) != after[name])
        clean = output + "-clean"
        build(herald, site, clean, verbose=False)
        same = same_tree(os.path.join(output, "search"), os.path.join(clean, "search"))
        remove(clean)
        return wall, rewritten, len(after), same
    finally:
        with open(path, "w") as handle:
            handle.write(original)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--work", default="/tmp/herald-search-bench")
    parser.add_argument("--herald", default=os.path.join(ROOT, ".build", "release", "herald"))
    parser.add_argument("--no-pagefind", action="store_true")
    options = parser.parse_args()
    os.makedirs(options.work, exist_ok=True)
    remove_caches(options.work)
    pagefind = not options.no_pagefind and subprocess.run(
        [sys.executable, "-m", "pagefind", "--version"], capture_output=True).returncode == 0

    for size in [int(s) for s in options.sizes.split(",")]:
        corpus, plain_site, _ = prepare(options.work, size)
        search_site = plain_site + "-search"
        remove(search_site)
        shutil.copytree(plain_site, search_site, symlinks=True)
        with open(os.path.join(search_site, "site.yml"), "a") as handle:
            handle.write("search: { engine: herald }\n")
        plain_out = os.path.join(options.work, f"out-{size}")
        search_out = os.path.join(options.work, f"out-search-{size}")
        without, with_search, stage, memory_without, memory_with = [], [], [], [], []
        for _ in range(options.runs):
            wall, memory, _ = build(options.herald, plain_site, plain_out)
            without.append(wall)
            memory_without.append(memory)
            wall, memory, search = build(options.herald, search_site, search_out)
            with_search.append(wall)
            memory_with.append(memory)
            stage.append(search)
        base, full, index_time = statistics.median(without), statistics.median(with_search), statistics.median(stage)
        print(f"\n{size} articles, {options.runs} runs (medians)")
        print(f"  build without search   {base:7.2f} s   {statistics.median(memory_without):6.0f} MB")
        print(f"  build with search      {full:7.2f} s   {statistics.median(memory_with):6.0f} MB"
              f"   (x{full / base:.2f} time, x{statistics.median(memory_with) / statistics.median(memory_without):.2f} memory)")
        print(f"  search stage           {index_time:7.2f} s   = {100 * index_time / full:.1f}% of the build with search")
        files, plain, packed = folder_size(os.path.join(search_out, "search", "index"))
        print(f"  index                  {files} files, {plain / 1e6:.1f} MB ({packed / 1e6:.1f} MB gzipped)")
        index = Index(search_out)
        downloads = [index.query(q) for q in QUERIES]
        print(f"  two-word query         median {statistics.median(d[0] for d in downloads) / 1e3:.0f} KB"
              f" ({statistics.median(d[1] for d in downloads) / 1e3:.0f} KB gzipped),"
              f" largest {max(d[0] for d in downloads) / 1e3:.0f} KB ({max(d[1] for d in downloads) / 1e3:.0f} KB gzipped),"
              f" {statistics.median(d[2] for d in downloads):.0f} results")
        wall, rewritten, total, same = edit_rebuild(options.herald, search_site, search_out, os.path.join(corpus, "articles"))
        print(f"  edit rebuild           {wall:7.2f} s, {rewritten} of {total} index files rewritten,"
              f" {'identical to' if same else 'DIFFERENT from'} a clean build")
        if pagefind:
            build(options.herald, plain_site, plain_out)
            wall, memory = measure([sys.executable, "-m", "pagefind", "--site", plain_out, "--quiet"])
            files, plain, packed = folder_size(os.path.join(plain_out, "pagefind"))
            print(f"  Pagefind               {wall:7.2f} s   {memory:6.0f} MB   index {files} files,"
                  f" {plain / 1e6:.1f} MB ({packed / 1e6:.1f} MB gzipped; its files are compressed already)")
        else:
            print("  Pagefind               not installed (pip install 'pagefind[extended]')")


if __name__ == "__main__":
    main()
