#!/usr/bin/env bash
# Installs what building, running and testing MotCua needs on a fresh Debian 12 machine.
# Idempotent: every step checks first and skips what is already there.
#
#   scripts/setup.sh run    what `make run` needs (build deps, npm packages of ui/)
#   scripts/setup.sh test   also Xvfb, WebKitWebDriver, tauri-driver, e2e npm packages
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-run}

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_packages=(
  build-essential pkg-config libssl-dev curl file
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev
  fonts-dejavu-core fonts-noto-core
)
if [ "$mode" = test ]; then
  # poppler-utils: motcua-print's tests read the printouts back (pdftotext, pdftoppm).
  apt_packages+=(webkit2gtk-driver xvfb xauth imagemagick poppler-utils)
fi

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  sudo_if_needed apt-get update -qq
  sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "apt: all ${#apt_packages[@]} packages present"
fi

npm_install() {
  local dir=$1
  # The stamp records the lock file the node_modules were installed from.
  local stamp="$dir/node_modules/.motcua-lock-sha"
  local want
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    say "npm: $dir up to date"
    return
  fi
  say "npm: installing in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
}

npm_install ui

if [ "$mode" = test ]; then
  npm_install tests
  if ! command -v tauri-driver >/dev/null 2>&1; then
    say "cargo: installing tauri-driver"
    cargo install tauri-driver --version '^2' --locked --quiet
  else
    say "tauri-driver present"
  fi
  if ! command -v cargo-nextest >/dev/null 2>&1; then
    say "cargo: installing cargo-nextest"
    cargo install cargo-nextest --locked --quiet
  fi
fi
