#!/bin/sh
# make dist: a release binary with the Swift runtime linked in (no Swift
# needed where it runs) and a Debian package that installs it with its man
# page and shell completions. Output: dist/herald-VERSION-linux-ARCH.tar.gz
# and dist/herald_VERSION_ARCH.deb.
#
# The package's Depends line is computed by dpkg-shlibdeps from the libraries
# the binary really links (libcmark, libxml2, libvips, libstemmer, curl, ...),
# so it stays true when a dependency is added.
set -eu

SWIFT=${SWIFT:-swift}
root=$(pwd)
stage=$root/.build/dist
out=$root/dist

command -v dpkg-shlibdeps >/dev/null 2>&1 || sh scripts/apt-install.sh dpkg-dev

# The man pages first: the plugin builds herald in release mode with the
# default (shared) runtime, so the static link below must come after it.
$SWIFT package --disable-sandbox plugin generate-manual --multi-page --configuration release >/dev/null
manuals=$root/.build/plugins/GenerateManual/outputs/herald

$SWIFT build -c release --product herald --static-swift-stdlib
binary=$($SWIFT build -c release --product herald --static-swift-stdlib --show-bin-path)/herald

version=$("$binary" --version)
arch=$(dpkg --print-architecture)

rm -rf "$stage"
package=$stage/package
mkdir -p "$package/DEBIAN" "$package/usr/bin" "$package/usr/share/man/man1" \
    "$package/usr/share/bash-completion/completions" \
    "$package/usr/share/zsh/vendor-completions" \
    "$package/usr/share/fish/vendor_completions.d" \
    "$package/usr/share/doc/herald"

install -m 0755 "$binary" "$package/usr/bin/herald"
strip --strip-unneeded "$package/usr/bin/herald"
for page in "$manuals"/*.1; do
    gzip -9n < "$page" > "$package/usr/share/man/man1/$(basename "$page").gz"
done
"$binary" --generate-completion-script bash > "$package/usr/share/bash-completion/completions/herald"
"$binary" --generate-completion-script zsh > "$package/usr/share/zsh/vendor-completions/_herald"
"$binary" --generate-completion-script fish > "$package/usr/share/fish/vendor_completions.d/herald.fish"
install -m 0644 README.md "$package/usr/share/doc/herald/README.md"

# dpkg-shlibdeps reads the source package's control file; a minimal one in a
# scratch folder is enough.
mkdir -p "$stage/shlibs/debian"
printf 'Source: herald\n\nPackage: herald\nArchitecture: any\n' > "$stage/shlibs/debian/control"
depends=$(cd "$stage/shlibs" && dpkg-shlibdeps -O "$package/usr/bin/herald" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "make dist: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

size=$(du -sk "$package/usr" | cut -f1)
cat > "$package/DEBIAN/control" <<EOF
Package: herald
Version: $version
Architecture: $arch
Maintainer: Herald developers <herald@localhost>
Installed-Size: $size
Depends: $depends
Section: web
Priority: optional
Description: static news-site and feed builder
 Herald builds a news site from Markdown articles with front matter:
 HTML pages through its own template language, Atom, RSS and JSON feeds,
 sitemaps, responsive images and a search index, into a folder any web
 host can serve.
EOF

mkdir -p "$out"
deb=$out/herald_${version}_${arch}.deb
dpkg-deb --root-owner-group -Zxz --build "$package" "$deb" >/dev/null
tarball=$out/herald-$version-linux-$(uname -m).tar.gz
tar -C "$package/usr" -czf "$tarball" bin share
echo "$deb"
echo "$tarball"
