#!/usr/bin/env python3
"""Edit-to-page time of `herald serve`, side by side with `hugo server`.

    Benchmarks/serve_bench.py [--sizes 10000] [--edits 15] [--work DIR] [--herald PATH]

For each corpus size (make_corpus.py) it starts `herald serve` on the corpus
(the default theme, the benchmark's site.yml) and, when `hugo` is installed,
`hugo server` on the same corpus (hugo-site/), each on a port of 127.0.0.1.
Once a server answers, it appends a new sentence to one article at a time
and polls that article's page every 2 ms until the sentence shows: the time
from the write to that answer is one edit-to-page figure. The medians are
printed, and Herald's edited page is compared with a clean `herald build`
of the same sources, byte for byte.

Each server gets its own copy of the articles, so that neither sees the
other's edits. Edits are a second apart, more than either watcher needs to
settle. See docs/performance.md.
"""
import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode(errors="replace")
    except Exception:
        return None


def wait_until(predicate, limit, step=0.002):
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if predicate():
            return time.perf_counter() - start
        time.sleep(step)
    return None


def copy_articles(corpus, destination):
    shutil.rmtree(destination, ignore_errors=True)
    shutil.copytree(os.path.join(corpus, "articles"), destination)


def herald_site(work, corpus, size):
    site = os.path.join(work, f"serve-herald-{size}")
    shutil.rmtree(site, ignore_errors=True)
    os.makedirs(os.path.join(site, "Content"))
    shutil.copy(os.path.join(HERE, "herald-site", "site.yml"), site)
    copy_articles(corpus, os.path.join(site, "Content", "articles"))
    os.symlink(os.path.join(ROOT, "Templates"), os.path.join(site, "Templates"))
    return site


def hugo_site(work, corpus, size):
    site = os.path.join(work, f"serve-hugo-{size}")
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(os.path.join(HERE, "hugo-site"), site)
    os.makedirs(os.path.join(site, "content"))
    copy_articles(corpus, os.path.join(site, "content", "articles"))
    return site


def edits(name, articles_dir, page_url, count, start_limit):
    """Appends `count` sentences to articles in turn; returns the seconds each took to show."""
    files = sorted(os.listdir(articles_dir))
    times = []
    for number in range(count):
        file = files[(len(files) // 2 + number * 7) % len(files)]
        sentence = f"Serve bench sentence {name} {number} {time.time_ns()}."
        url = page_url(file[: -len(".md")])
        # A server may answer its home page before it has every page ready.
        if wait_until(lambda: fetch(url) is not None, 120, 0.1) is None:
            sys.exit(f"{name}: {url} does not answer")
        path = os.path.join(articles_dir, file)
        with open(path, "a") as handle:
            start = time.perf_counter()
            handle.write(f"\n{sentence}\n")
        shown = None
        while time.perf_counter() - start < start_limit:
            body = fetch(url)
            if body is not None and sentence in body:
                shown = time.perf_counter() - start
                break
            time.sleep(0.002)
        if shown is None:
            sys.exit(f"{name}: the edit of {file} did not show within {start_limit} s")
        times.append(shown)
        print(f"  {name} edit {number + 1}: {shown * 1000:.0f} ms", flush=True)
        time.sleep(1)
    return times


def run_herald(herald, site, edit_count):
    port = free_port()
    server = subprocess.Popen(
        [herald, "serve", "-s", site, "--port", str(port), "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        started = wait_until(lambda: fetch(f"http://127.0.0.1:{port}/") is not None, 600, 0.05)
        if started is None:
            sys.exit("herald serve did not start")
        print(f"  herald serve answered after {started:.1f} s", flush=True)
        time.sleep(2)
        articles = os.path.join(site, "Content", "articles")
        times = edits("herald", articles, lambda stem: f"http://127.0.0.1:{port}/articles/{stem}/", edit_count, 60)
        served = fetch(f"http://127.0.0.1:{port}/articles/{sorted(os.listdir(articles))[len(os.listdir(articles)) // 2][:-3]}/")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    # The output serve wrote equals a clean build of the same sources.
    clean = site + "-clean"
    shutil.rmtree(clean, ignore_errors=True)
    subprocess.run([herald, "build", "-s", site, "-o", clean, "--quiet"], check=True)
    different = subprocess.run(["diff", "-rq", os.path.join(site, "Public"), clean], capture_output=True, text=True)
    if different.returncode != 0:
        sys.exit("serve's output differs from a clean build:\n" + different.stdout[:2000])
    print("  serve's output is byte-identical to a clean build", flush=True)
    return times, served


def run_hugo(site, edit_count):
    port = free_port()
    server = subprocess.Popen(
        ["hugo", "server", "-s", site, "--port", str(port), "--bind", "127.0.0.1", "--baseURL", f"http://127.0.0.1:{port}/"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        started = wait_until(lambda: fetch(f"http://127.0.0.1:{port}/") is not None, 900, 0.1)
        if started is None:
            sys.exit("hugo server did not start")
        print(f"  hugo server answered after {started:.1f} s", flush=True)
        time.sleep(2)
        return edits("hugo", os.path.join(site, "content", "articles"), lambda stem: f"http://127.0.0.1:{port}/articles/{stem}/", edit_count, 300)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--work", default="/tmp/herald-serve-bench")
    parser.add_argument("--herald", default=os.path.join(ROOT, ".build", "release", "herald"))
    parser.add_argument("--no-hugo", action="store_true")
    arguments = parser.parse_args()
    os.makedirs(arguments.work, exist_ok=True)
    for size in [int(text) for text in arguments.sizes.split(",")]:
        corpus = os.path.join(arguments.work, f"corpus-{size}")
        if not os.path.isdir(os.path.join(corpus, "articles")):
            print(f"generating {size} articles …", flush=True)
            subprocess.run([sys.executable, os.path.join(HERE, "make_corpus.py"), corpus, "--articles", str(size)], check=True)
        print(f"{size} articles", flush=True)
        herald_times, _ = run_herald(arguments.herald, herald_site(arguments.work, corpus, size), arguments.edits)
        line = f"{size} articles: herald serve median edit-to-page {statistics.median(herald_times) * 1000:.0f} ms"
        if not arguments.no_hugo and shutil.which("hugo"):
            hugo_times = run_hugo(hugo_site(arguments.work, corpus, size), arguments.edits)
            median = statistics.median(hugo_times)
            line += f", hugo server {median * 1000:.0f} ms ({statistics.median(herald_times) / median:.2f} x Hugo)"
        print(line, flush=True)


if __name__ == "__main__":
    main()
