#!/usr/bin/env bash
# Installs what is missing, builds, and starts MotCua on the demo ward.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh run
echo "[run] building the UI"
(cd ui && npm run build --silent)
echo "[run] building the app (the first build takes a few minutes)"
cargo build -p motcua-desk

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "[run] no display found: start MotCua from a desktop session, or under Xvfb with: xvfb-run -a make run" >&2
  exit 1
fi
echo "[run] starting MotCua (the demo ward is created on first start)"
exec target/debug/motcua-desk
