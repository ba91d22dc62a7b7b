#!/bin/sh
# Makes the demo site's photographs from its illustrations: each SVG is
# rendered at 1800 pixels wide, given film-like noise, saved as a JPEG and
# tagged with the EXIF a phone would write (camera, time, GPS position), so
# that the demo shows Herald turning camera files into stripped, resized
# renditions. One is stored sideways with EXIF orientation 6, as phones do.
# Needs libvips-tools and libimage-exiftool-perl. Run from the repository root.
set -eu
out=Content/static/images/photos
mkdir -p "$out"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for name in river-flow harbor-festival woolen-mill snow-plow flood-gauge; do
    vips thumbnail "Content/static/images/$name.svg" "$scratch/$name.v" 1800
    width=$(vipsheader -f width "$scratch/$name.v")
    height=$(vipsheader -f height "$scratch/$name.v")
    vips flatten "$scratch/$name.v" "$scratch/flat.v" --background "255 255 255"
    vips gaussnoise "$scratch/noise.v" "$width" "$height" --sigma 6 --mean 0
    vips add "$scratch/flat.v" "$scratch/noise.v" "$scratch/noisy.v"
    vips cast "$scratch/noisy.v" "$scratch/photo.v" uchar
    if [ "$name" = snow-plow ]; then
        # Stored as a phone held upright stores it: turned, with orientation 6.
        vips rot "$scratch/photo.v" "$scratch/turned.v" d270
        mv "$scratch/turned.v" "$scratch/photo.v"
        orientation=6
    else
        orientation=1
    fi
    vips jpegsave "$scratch/photo.v" "$out/$name.jpg" --Q 76 --optimize-coding
    exiftool -q -overwrite_original -Make="Riverbend Camera Co." -Model="Ledger One" \
        -DateTimeOriginal="2025:06:01 07:30:00" -Orientation#=$orientation \
        -GPSLatitude=44.4759 -GPSLatitudeRef=N -GPSLongitude=73.2121 -GPSLongitudeRef=W \
        -Artist="Riverbend Ledger staff" "$out/$name.jpg"
done
ls -l "$out"
