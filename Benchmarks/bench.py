#!/usr/bin/env python3
"""Herald against Hugo and the I/O floor, as ratios measured in one run.

    Benchmarks/bench.py [--sizes 1000,10000] [--runs 3] [--work DIR] [--herald PATH]

For each corpus size it generates a corpus (make_corpus.py), then alternates
full builds of Herald (release binary, default theme, every page and feed of
every format, sitemaps) and of Hugo (when `hugo` is installed; the equivalent
page set in hugo-site/), each into a fresh folder, and measures wall time and
peak memory. The floor is libcmark's `cmark` over every article plus copying
Herald's output (`cp -r`). It also times Herald rebuilding with nothing
changed and after editing one article, and checks that the edited rebuild is
byte-identical to a clean full build. Medians are printed with the ratios.

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


def bench(size, runs, work, herald, hugo, leftovers):
    """Measures one corpus size; appends what it leaves on disk to `leftovers`."""
    corpus, herald_site, hugo_site = prepare(work, size)
    articles = os.path.join(corpus, "articles")
    results = {"herald": [], "hugo": [], "floor": [], "unchanged": [], "edited": []}
    memory = {"herald": [], "hugo": []}
    for run in range(runs):
        out = os.path.join(work, f"out-herald-{size}-{run}")
        wall, rss = measure([herald, "build", "-s", herald_site, "-o", out, "--quiet"])
        results["herald"].append(wall)
        memory["herald"].append(rss)
        cmark, _ = measure(f"find '{articles}/' -name '*.md' -print0 | xargs -0 cat | cmark > /dev/null", shell=True)
        copy, _ = measure(["cp", "-r", out, out + "-copy"])
        results["floor"].append(cmark + copy)
        leftovers += [out, out + "-copy"]
        # Without its cache, the next full build cannot take anything from this one.
        os.remove(os.path.join(work, f".out-herald-{size}-{run}.herald-cache"))
        if hugo:
            hugo_out = os.path.join(work, f"out-hugo-{size}-{run}")
            wall, rss = measure([hugo, "--quiet", "-s", hugo_site, "-d", hugo_out])
            results["hugo"].append(wall)
            memory["hugo"].append(rss)
            leftovers.append(hugo_out)

    # Rebuilds: one persistent output, then nothing changed, then one edit.
    out = os.path.join(work, f"out-herald-{size}-incremental")
    clean = os.path.join(work, f"out-herald-{size}-clean")
    leftovers += [out, clean]
    measure([herald, "build", "-s", herald_site, "-o", out, "--quiet"])
    time.sleep(2.5)
    for _ in range(runs):
        results["unchanged"].append(measure([herald, "build", "-s", herald_site, "-o", out, "--quiet"])[0])
    edited = sorted(os.listdir(articles))[5]
    path = os.path.join(articles, edited)
    with open(path, encoding="utf-8") as handle:
        original = handle.read()
    identical = True
    try:
        for run in range(runs):
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(f"\nA correction, number {run + 1}, was appended to this article.\n")
            results["edited"].append(measure([herald, "build", "-s", herald_site, "-o", out, "--quiet"])[0])
        measure([herald, "build", "-s", herald_site, "-o", clean, "--quiet"])
        identical = same_tree(out, clean)
    finally:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(original)
    return results, memory, identical


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default=os.path.join(HERE, "work"))
    parser.add_argument("--herald", default=os.path.join(ROOT, ".build", "release", "herald"))
    arguments = parser.parse_args()
    if not os.path.exists(arguments.herald):
        sys.exit("build Herald first: swift build -c release --product herald")
    hugo = shutil.which("hugo")
    os.makedirs(arguments.work, exist_ok=True)
    median = statistics.median
    print(f"Herald {arguments.herald}; Hugo {'found' if hugo else 'not installed: skipped'}; {os.cpu_count()} cores; medians of {arguments.runs} runs")
    header = f"{'articles':>9} {'herald s':>9} {'hugo s':>8} {'floor s':>8} {'herald MB':>10} {'hugo MB':>8} {'÷hugo':>6} {'÷floor':>7} {'mem÷hugo':>9} {'unchanged÷full':>15} {'edit÷full':>10} {'edit = clean':>12}"
    stale = [os.path.join(arguments.work, name) for name in os.listdir(arguments.work) if name.startswith("out-")]
    remove_caches(arguments.work)
    if stale:
        # Left by an interrupted run: deleted and synced, then a minute for
        # ext4 to stop skipping their inodes (six while their blocks are dirty).
        for path in stale:
            remove(path)
        subprocess.run(["sync"], check=False)
        time.sleep(65)
    rows = []
    leftovers = []
    for size in (int(s) for s in arguments.sizes.split(",")):
        results, memory, identical = bench(size, arguments.runs, arguments.work, arguments.herald, hugo, leftovers)
        full = median(results["herald"])
        hugo_time = median(results["hugo"]) if results["hugo"] else float("nan")
        hugo_memory = median(memory["hugo"]) if memory["hugo"] else float("nan")
        rows.append(
            f"{size:>9} {full:>9.2f} {hugo_time:>8.2f} {median(results['floor']):>8.2f} {median(memory['herald']):>10.0f} {hugo_memory:>8.0f}"
            f" {full / hugo_time:>6.2f} {full / median(results['floor']):>7.2f} {median(memory['herald']) / hugo_memory:>9.2f}"
            f" {median(results['unchanged']) / full:>15.2f} {median(results['edited']) / full:>10.2f} {'yes' if identical else 'NO':>12}"
            f"   (per article {full / size * 1000:.3f} ms)")
        print(rows[-1], flush=True)
        for name, values in results.items():
            print(f"{'':>9} {name} runs: " + ", ".join(f"{value:.2f}" for value in values), flush=True)
    for path in leftovers:
        remove(path)
    remove_caches(arguments.work)
    print()
    print(header)
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
