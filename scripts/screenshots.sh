#!/bin/sh
# Takes the screenshots shown in README.md: the demo site's front page and one
# article, at desktop (1366 px) and phone (390 px) widths, into docs/images/.
#
# Builds the demo site into a temporary folder with a loopback base URL, serves
# it with `python3 -m http.server` on 127.0.0.1 only, and photographs it with
# headless Chromium (Debian's `chromium`); pngquant and optipng shrink the PNGs.
#
#   scripts/screenshots.sh            # uses .build/debug/herald (builds it if missing)
#   HERALD=/path/to/herald scripts/screenshots.sh
set -eu

cd "$(dirname "$0")/.."
root=$(pwd)
scripts/apt-install.sh chromium pngquant optipng

herald=${HERALD:-$root/.build/debug/herald}
if [ ! -x "$herald" ]; then
    swift build --product herald
fi

port=${PORT:-8765}
base="http://127.0.0.1:$port/"
work=$(mktemp -d)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

"$herald" build --source "$root" --output "$work/site" --base-url "$base" --quiet
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/site" >/dev/null 2>&1 &
server_pid=$!
# Wait until the server answers (at most 10 s).
tries=0
until python3 -c "import urllib.request; urllib.request.urlopen('$base')" 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -gt 50 ] && { echo "error: the local server did not start on port $port" >&2; exit 1; }
    sleep 0.2
done

article="${base}2025/07/call-with-putin-no-progress/"
mkdir -p docs/images

# shot NAME URL WIDTH HEIGHT
shot() {
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --force-device-scale-factor=1 --no-first-run --no-default-browser-check \
        --user-data-dir="$work/profile" --virtual-time-budget=3000 \
        --window-size="$3,$4" --screenshot="$work/$1.png" "$2" >/dev/null 2>&1
    pngquant --force --quality=70-90 --strip --output "docs/images/$1.png" "$work/$1.png"
    optipng -quiet -o2 "docs/images/$1.png"
    echo "docs/images/$1.png: $(wc -c < "docs/images/$1.png") bytes"
}

shot front-desktop "$base" 1366 2000
shot article-desktop "$article" 1366 2000
shot front-phone "$base" 390 1800
shot article-phone "$article" 390 1800
