#!/usr/bin/env python3
"""Herald against Hugo and the I/O floor, as ratios measured in one run.

    Benchmarks/bench.py [--sizes 1000,10000,100000] [--runs 3] [--hugo-max 10000]
                        [--work DIR] [--herald PATH]

For each corpus size it generates a corpus (make_corpus.py). Each run then
goes through every size in turn, so that all sizes see the same machine:
a full build of Herald (release binary, default theme, every page and feed of
every format, sitemaps) and of Hugo (when `hugo` is installed and the size is
at most --hugo-max; the equivalent page set in hugo-site/), each into a fresh
folder, measuring wall time and peak memory. The floor is libcmark's `cmark`
over every article plus copying Herald's output (`cp -r`). Afterwards it times
Herald rebuilding with nothing changed and after editing one article, and
checks that the edited rebuild is byte-identical to a clean full build.
Medians are printed with the ratios, and the time per article at each size
against that at 10,000 articles (the linearity target).

Before each timed command the disk's pending writes are flushed (`sync`,
not timed), so that no tool pays for writing back the one before it.
Nothing is deleted until every size has been measured: on ext4 without a
journal, creating files within a minute (six, while the inode tables are
dirty) of deleting many others is several times slower, because the
allocator skips recently freed inodes, which would charge one tool for the
clean-up of the run before it. See docs/performance.md.
"""
import argparse
import filecmp
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def measure(command, cwd=None, shell=False):
    """Runs a command; returns (wall seconds, peak resident memory in MB)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, shell=shell, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    error = process.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {command}\n{error[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def remove(path):
    shutil.rmtree(path, ignore_errors=True)


def remove_caches(work):
    """Herald's cache files beside outputs in `work` (from this or an earlier run)."""
    for name in os.listdir(work):
        if ".herald-" in name:
            path = os.path.join(work, name)
            remove(path) if os.path.isdir(path) else os.remove(path)


def prepare(work, size):
    corpus = os.path.join(work, f"corpus-{size}")
    if not os.path.isdir(os.path.join(corpus, "articles")):
        print(f"generating {size} articles …", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "make_corpus.py"), corpus, "--articles", str(size)], check=True)
    herald_site = os.path.join(work, f"herald-site-{size}")
    remove(herald_site)
    os.makedirs(os.path.join(herald_site, "Content"))
    shutil.copy(os.path.join(HERE, "herald-site", "site.yml"), herald_site)
    os.symlink(os.path.join(corpus, "articles"), os.path.join(herald_site, "Content", "articles"))
    os.symlink(os.path.join(ROOT, "Templates"), os.path.join(herald_site, "Templates"))
    hugo_site = os.path.join(work, f"hugo-site-{size}")
    remove(hugo_site)
    shutil.copytree(os.path.join(HERE, "hugo-site"), hugo_site)
    os.makedirs(os.path.join(hugo_site, "content"))
    os.symlink(os.path.join(corpus, "articles"), os.path.join(hugo_site, "content", "articles"))
    return corpus, herald_site, hugo_site


def same_tree(left, right):
    """Whether two folders hold the same files with the same bytes."""
    comparison = filecmp.dircmp(left, right, ignore=[])
    if comparison.left_only or comparison.right_only or comparison.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    if mismatch or errors:
        return False
    return all(same_tree(os.path.join(left, d), os.path.join(right, d)) for d in comparison.common_dirs)


def timed(command, **options):
    """`measure`, after flushing the disk's pending writes (not timed)."""
    os.sync()
    return measure(command, **options)


class Size:
    """One corpus size: its sites and everything measured on it."""

    def __init__(self, size, work, hugo):
        self.size = size
        self.work = work
        self.corpus, self.herald_site, self.hugo_site = prepare(work, size)
        self.articles = os.path.join(self.corpus, "articles")
        self.hugo = hugo
        self.results = {"herald": [], "hugo": [], "floor": [], "unchanged": [], "edited": []}
        self.memory = {"herald": [], "hugo": []}
        self.identical = True

    def full_builds(self, run, herald, leftovers):
        """One full build of each tool into a fresh folder, and the floor."""
        out = os.path.join(self.work, f"out-herald-{self.size}-{run}")
        wall, rss = timed([herald, "build", "-s", self.herald_site, "-o", out, "--quiet"])
        self.results["herald"].append(wall)
        self.memory["herald"].append(rss)
        cmark, _ = timed(f"find '{self.articles}/' -name '*.md' -print0 | xargs -0 cat | cmark > /dev/null", shell=True)
        copy, _ = timed(["cp", "-r", out, out + "-copy"])
        self.results["floor"].append(cmark + copy)
        leftovers += [out, out + "-copy"]
        # Without its cache, the next full build cannot take anything from this one.
        os.remove(os.path.join(self.work, f".out-herald-{self.size}-{run}.herald-cache"))
        if self.hugo:
            hugo_out = os.path.join(self.work, f"out-hugo-{self.size}-{run}")
            wall, rss = timed([self.hugo, "--quiet", "-s", self.hugo_site, "-d", hugo_out])
            self.results["hugo"].append(wall)
            self.memory["hugo"].append(rss)
            leftovers.append(hugo_out)

    def rebuilds(self, runs, herald, leftovers):
        """One persistent output, then rebuilds with nothing changed, then after one edit."""
        out = os.path.join(self.work, f"out-herald-{self.size}-incremental")
        clean = os.path.join(self.work, f"out-herald-{self.size}-clean")
        leftovers += [out, clean]
        measure([herald, "build", "-s", self.herald_site, "-o", out, "--quiet"])
        time.sleep(2.5)
        for _ in range(runs):
            self.results["unchanged"].append(timed([herald, "build", "-s", self.herald_site, "-o", out, "--quiet"])[0])
        edited = sorted(os.listdir(self.articles))[5]
        path = os.path.join(self.articles, edited)
        with open(path, encoding="utf-8") as handle:
            original = handle.read()
        try:
            for run in range(runs):
                with open(path, "a", encoding="utf-8") as handle:
                    handle.write(f"\nA correction, number {run + 1}, was appended to this article.\n")
                self.results["edited"].append(timed([herald, "build", "-s", self.herald_site, "-o", out, "--quiet"])[0])
            measure([herald, "build", "-s", self.herald_site, "-o", clean, "--quiet"])
            self.identical = same_tree(out, clean)
        finally:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(original)

    def per_article(self):
        """Median full-build wall time per article, in milliseconds."""
        return statistics.median(self.results["herald"]) / self.size * 1000

    def row(self, reference):
        median = statistics.median
        nan = float("nan")
        full = median(self.results["herald"])
        floor = median(self.results["floor"])
        hugo_time = median(self.results["hugo"]) if self.results["hugo"] else nan
        hugo_memory = median(self.memory["hugo"]) if self.memory["hugo"] else nan
        memory = median(self.memory["herald"])
        linear = self.per_article() / reference.per_article() if reference else nan
        return (
            f"{self.size:>9} {full:>9.2f} {hugo_time:>8.2f} {floor:>8.2f} {memory:>10.0f} {hugo_memory:>8.0f}"
            f" {full / hugo_time:>6.2f} {full / floor:>7.2f} {memory / hugo_memory:>9.2f}"
            f" {median(self.results['unchanged']) / full:>15.2f} {median(self.results['edited']) / full:>10.2f}"
            f" {'yes' if self.identical else 'NO':>12} {self.per_article():>9.3f} {linear:>10.2f}")


HEADER = (f"{'articles':>9} {'herald s':>9} {'hugo s':>8} {'floor s':>8} {'herald MB':>10} {'hugo MB':>8}"
          f" {'÷hugo':>6} {'÷floor':>7} {'mem÷hugo':>9} {'unchanged÷full':>15} {'edit÷full':>10} {'edit = clean':>12}"
          f" {'ms/article':>9} {'÷10k/article':>10}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hugo-max", type=int, default=10000,
                        help="largest size Hugo builds (at 100,000 articles it needs about 20 GB and minutes)")
    parser.add_argument("--work", default=os.path.join(HERE, "work"))
    parser.add_argument("--herald", default=os.path.join(ROOT, ".build", "release", "herald"))
    arguments = parser.parse_args()
    if not os.path.exists(arguments.herald):
        sys.exit("build Herald first: swift build -c release --product herald")
    hugo = shutil.which("hugo")
    os.makedirs(arguments.work, exist_ok=True)
    print(f"Herald {arguments.herald}; Hugo {'found' if hugo else 'not installed: skipped'}"
          f" (up to {arguments.hugo_max} articles); {os.cpu_count()} cores; medians of {arguments.runs} runs")
    stale = [os.path.join(arguments.work, name) for name in os.listdir(arguments.work) if name.startswith("out-")]
    remove_caches(arguments.work)
    if stale:
        # Left by an interrupted run: deleted and synced, then a minute for
        # ext4 to stop skipping their inodes (six while their blocks are dirty).
        for path in stale:
            remove(path)
        subprocess.run(["sync"], check=False)
        time.sleep(65)
    sizes = [Size(int(s), arguments.work, hugo if int(s) <= arguments.hugo_max else None)
             for s in arguments.sizes.split(",")]
    leftovers = []
    for run in range(arguments.runs):
        for size in sizes:
            size.full_builds(run, arguments.herald, leftovers)
        print(f"run {run + 1} of {arguments.runs}: "
              + "; ".join(f"{s.size}: Herald {s.results['herald'][-1]:.2f} s" for s in sizes), flush=True)
    for size in sizes:
        size.rebuilds(arguments.runs, arguments.herald, leftovers)
    reference = next((s for s in sizes if s.size == 10000), None)
    print()
    for size in sizes:
        for name, values in size.results.items():
            if values:
                print(f"{size.size:>9} {name} runs: " + ", ".join(f"{value:.2f}" for value in values))
    print()
    print(HEADER)
    for size in sizes:
        print(size.row(reference))
    if reference:
        # The same ratio within each run, from builds minutes apart: steadier
        # than the ratio of medians when the machine's speed drifts.
        print()
        for size in sizes:
            if size is not reference:
                paired = [(mine / size.size) / (theirs / reference.size)
                          for mine, theirs in zip(size.results["herald"], reference.results["herald"])]
                print(f"time per article at {size.size} ÷ at 10000, run by run: "
                      + ", ".join(f"{ratio:.2f}" for ratio in paired)
                      + f" (median {statistics.median(paired):.2f})")
    print("\ndeleting the outputs …", flush=True)
    for path in leftovers:
        remove(path)
    remove_caches(arguments.work)


if __name__ == "__main__":
    main()
