#!/usr/bin/env bash
# Renders the app icons from icon.svg (needs Debian's librsvg2-bin and imagemagick).
set -euo pipefail
cd "$(dirname "$0")"
for size in 32 128 256 512; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "icon-$size.png"
done
mv icon-32.png 32x32.png
mv icon-128.png 128x128.png
mv icon-256.png 128x128@2x.png
mv icon-512.png icon.png
convert icon.png -define icon:auto-resize=256,128,64,48,32,16 icon.ico
