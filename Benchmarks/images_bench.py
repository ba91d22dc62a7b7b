#!/usr/bin/env python3
"""Herald's image processing against Hugo's, as ratios measured in one run.

    Benchmarks/images_bench.py [--count 500] [--width 3000] [--height 2000]
                               [--work DIR] [--herald PATH]

Generates COUNT photographs (WIDTH x HEIGHT JPEGs of noise over a gradient,
which compress like photographs, made with `vips`) and two sites that show
one per article:

- Herald (release binary, default theme) with the default settings
  (widths 480/800/1200/1600, JPEG + AVIF + WebP, share crops), and again with
  `formats: [webp]`, whose outputs are a superset of Hugo's (the same widths
  in WebP, plus the JPEG renditions and the three share crops Herald always
  makes);
- Hugo (`apt-get install hugo`), whose article template calls
  `.Resize "480x webp q75"`, `"800x …"`, `"1200x …"`, `"1600x …"` on the
  article's image.

Each cold build starts without any cache (`.herald/`, Hugo's `resources/`).
Then the warm rebuild: a full Herald build (a template edited) with the
image cache filled, against the same full build of the site with the images'
front matter removed ("a build without images").

Requires: libvips-tools (vips), hugo. Targets (docs/images.md): Herald
<= 0.5 x Hugo's time for the same outputs; the warm rebuild <= 1.05 x a build
without images.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WIDTHS = [480, 800, 1200, 1600]


def run(command, cwd=None):
    """Runs a command; returns its wall time in seconds."""
    subprocess.run(["sync"])
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr.decode(errors='replace')[-2000:]}")
    return wall


def make_photos(folder, count, width, height):
    os.makedirs(folder, exist_ok=True)
    base = os.path.join(folder, "base.jpg")
    if not os.path.exists(base):
        subprocess.run(["vips", "gaussnoise", folder + "/noise.v", str(width), str(height), "--sigma", "40"], check=True)
        subprocess.run(["vips", "xyz", folder + "/xyz.v", str(width), str(height)], check=True)
        subprocess.run(["vips", "bandjoin", folder + "/noise.v " + folder + "/xyz.v", folder + "/joined.v"], check=True)
        subprocess.run(["vips", "cast", folder + "/joined.v", folder + "/cast.v", "uchar"], check=True)
        subprocess.run(["vips", "extract_band", folder + "/cast.v", folder + "/rgb.v", "0", "--n", "3"], check=True)
        subprocess.run(["vips", "jpegsave", folder + "/rgb.v", base, "--Q", "90"], check=True)
        for scratch in ["noise.v", "xyz.v", "joined.v", "cast.v", "rgb.v"]:
            os.remove(os.path.join(folder, scratch))
    data = open(base, "rb").read()
    names = []
    for index in range(count):
        name = f"photo-{index:04d}.jpg"
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            # Each file differs (a comment segment after SOI), so no tool can
            # recognise one as another; the pixels are the same.
            comment = f"photo {index}".encode()
            segment = b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment
            with open(path, "wb") as out:
                out.write(data[:2] + segment + data[2:])
        names.append(name)
    return names


def herald_site(folder, names, formats, with_images=True):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder + "/Content/articles")
    shutil.copytree(os.path.join(ROOT, "Templates"), folder + "/Templates")
    settings = "" if formats is None else f"images:\n  formats: [{', '.join(formats)}]\n"
    with open(folder + "/site.yml", "w") as out:
        out.write("title: Image Bench\nurl: https://bench.example.org/\ntimezone: UTC\n" + settings)
    for index, name in enumerate(names):
        image = f"image: /images/{name}\nimage_alt: Photo {index}\n" if with_images else ""
        with open(f"{folder}/Content/articles/story-{index:04d}.md", "w") as out:
            out.write(f"---\ntitle: Story {index}\ndate: 2025-01-01 10:{index % 60:02d}\n{image}---\nA story with a photograph.\n")


def link_photos(folder, photos, names):
    os.makedirs(folder, exist_ok=True)
    for name in names:
        target = os.path.join(folder, name)
        if not os.path.exists(target):
            os.link(os.path.join(photos, name), target)


def hugo_site(folder, photos, names):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder + "/content/posts")
    os.makedirs(folder + "/layouts/_default")
    link_photos(folder + "/assets/images", photos, names)
    with open(folder + "/hugo.toml", "w") as out:
        out.write('baseURL = "https://bench.example.org/"\ntitle = "Image Bench"\n'
                  'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
                  '[imaging]\nquality = 75\n')
    resize = "".join(
        f'{{{{ with $img.Resize "{width}x webp q75" }}}}<img src="{{{{ .RelPermalink }}}}" width="{{{{ .Width }}}}">{{{{ end }}}}'
        for width in WIDTHS)
    with open(folder + "/layouts/_default/single.html", "w") as out:
        out.write('<!doctype html><title>{{ .Title }}</title>\n'
                  '{{ $img := resources.Get (printf "images/%s" .Params.image) }}' + resize + '\n{{ .Content }}\n')
    with open(folder + "/layouts/_default/list.html", "w") as out:
        out.write("<!doctype html><title>{{ .Title }}</title>\n")
    with open(folder + "/layouts/index.html", "w") as out:
        out.write("<!doctype html><title>{{ .Title }}</title>\n")
    for index, name in enumerate(names):
        with open(f"{folder}/content/posts/story-{index:04d}.md", "w") as out:
            out.write(f'---\ntitle: Story {index}\ndate: 2025-01-01\nimage: {name}\n---\nA story with a photograph.\n')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--width", type=int, default=3000)
    parser.add_argument("--height", type=int, default=2000)
    parser.add_argument("--work", default=os.path.join(HERE, "work", "images"))
    parser.add_argument("--herald", default=os.path.join(ROOT, ".build", "release", "herald"))
    args = parser.parse_args()
    herald = os.path.abspath(args.herald)
    if not os.path.exists(herald):
        sys.exit(f"no {herald}: build it with 'swift build -c release --product herald'")
    work = os.path.abspath(args.work)
    photos = os.path.join(work, f"photos-{args.width}x{args.height}")
    names = make_photos(photos, args.count, args.width, args.height)
    print(f"{args.count} photographs of {args.width} x {args.height} on {os.cpu_count()} cores")

    results = {}
    for label, formats in [("herald (jpeg+webp)", ["webp"]), ("herald (defaults: jpeg+avif+webp)", None)]:
        site = os.path.join(work, "herald-" + ("webp" if formats else "default"))
        herald_site(site, names, formats)
        link_photos(site + "/Content/static/images", photos, names)
        results[label] = run([herald, "build", "-s", site, "--quiet"])
        print(f"{label:38} cold {results[label]:8.2f} s")
        if formats is None:
            # Warm: a full build (a template edited) with every image cached.
            with open(site + "/Templates/article.html", "a") as out:
                out.write("\n")
            warm = run([herald, "build", "-s", site, "--quiet"])
            bare = os.path.join(work, "herald-without-images")
            herald_site(bare, names, formats, with_images=False)
            run([herald, "build", "-s", bare, "--quiet"])
            with open(bare + "/Templates/article.html", "a") as out:
                out.write("\n")
            without = run([herald, "build", "-s", bare, "--quiet"])
            print(f"{'warm full rebuild':38} {warm:8.2f} s against {without:.2f} s without images: {warm / without:.2f} x (target <= 1.05)")

    if shutil.which("hugo"):
        site = os.path.join(work, "hugo")
        hugo_site(site, photos, names)
        hugo = run(["hugo", "--quiet", "--ignoreCache", "-s", site, "-d", site + "/public"])
        print(f"{'hugo (webp)':38} cold {hugo:8.2f} s")
        for label, seconds in results.items():
            print(f"ratio {label} / hugo: {seconds / hugo:.2f} (target <= 0.5 for the same outputs)")
    else:
        print("hugo is not installed (apt-get install hugo): no ratio")


if __name__ == "__main__":
    main()
