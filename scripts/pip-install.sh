#!/bin/sh
# Installs the named PyPI packages for the python3 on PATH when they are missing.
set -eu
for package in "$@"; do
    python3 -c "import $package" 2>/dev/null && continue
    echo "Installing $package (PyPI)"
    python3 -m pip install --quiet "$package" 2>/dev/null \
        || python3 -m pip install --quiet --break-system-packages "$package"
done
