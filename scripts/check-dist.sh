#!/bin/sh
# make dist-check: install the .deb that `make dist` wrote into a clean Debian
# root (debootstrap, minimal variant, no Swift in it) and build a new site
# there with the installed herald. Needs root and Debian's package mirror;
# nothing else from the network.
#
#   sh scripts/check-dist.sh [dist/herald_VERSION_ARCH.deb]
set -eu

deb=${1:-$(ls -t dist/herald_*.deb 2>/dev/null | head -n 1)}
[ -n "$deb" ] && [ -f "$deb" ] || { echo "check-dist: no package; run 'make dist' first" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "check-dist: needs root (debootstrap and chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null 2>&1 || sh scripts/apt-install.sh debootstrap

suite=${SUITE:-$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")}
mirror=${MIRROR:-http://deb.debian.org/debian}
# Downloaded packages are kept between runs; the root itself is always new.
cache=$(pwd)/.build/debootstrap-cache
target=$(mktemp -d /tmp/herald-dist-root.XXXXXX)
mkdir -p "$cache"

cleanup() {
    umount "$target/proc" 2>/dev/null || true
    rm -rf "$target"
}
trap cleanup EXIT INT TERM

echo "check-dist: debootstrap $suite into $target"
debootstrap --variant=minbase --cache-dir="$cache" "$suite" "$target" "$mirror" >/dev/null
mount -t proc proc "$target/proc"
cp /etc/resolv.conf "$target/etc/resolv.conf"

if chroot "$target" sh -c 'command -v swift' >/dev/null 2>&1; then
    echo "check-dist: the clean root has Swift; the check would prove nothing" >&2
    exit 1
fi

cp "$deb" "$target/tmp/herald.deb"
log=$(mktemp /tmp/herald-dist-apt.XXXXXX)
if ! chroot "$target" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/herald.deb' >"$log" 2>&1; then
    cat "$log" >&2
    echo "check-dist: the package did not install" >&2
    exit 1
fi
rm -f "$log"

chroot "$target" sh -ec '
    herald --version
    test -f /usr/share/man/man1/herald.1.gz
    test -f /usr/share/bash-completion/completions/herald
    cd /tmp
    herald init news --quiet
    cd news
    herald build
    for file in index.html feed.xml rss.xml feed.json sitemap.xml; do
        test -s "Public/$file" || { echo "missing Public/$file" >&2; exit 1; }
    done
    herald check
'
echo "check-dist: $(basename "$deb") installs and builds a site in a clean $suite root"
