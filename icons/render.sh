#!/usr/bin/env bash
# Renders every app icon from icon.svg. Needs Debian's librsvg2-bin (rsvg-convert),
# imagemagick (convert, for icon.ico) and icnsutils (png2icns, for icon.icns).
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for size in 16 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" --format png icon.svg -o "$tmp/$size.png"
done

# Tauri 2's bundle set (src-tauri/tauri.conf.json "bundle.icon").
cp "$tmp/32.png" 32x32.png
cp "$tmp/128.png" 128x128.png
cp "$tmp/256.png" 128x128@2x.png
cp "$tmp/512.png" icon.png

# Windows: every size drawn from the vector, not scaled down from one bitmap.
convert "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" "$tmp/128.png" "$tmp/256.png" icon.ico

# macOS.
png2icns icon.icns "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/128.png" "$tmp/256.png" "$tmp/512.png" >/dev/null

file 32x32.png 128x128.png 128x128@2x.png icon.png icon.ico icon.icns
