#!/usr/bin/env bash
# Installs what is missing, then runs every check and test: formatting, lints, the
# dependency rule, Rust tests, UI type check and unit tests, and the end-to-end tests
# of the real app window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1;32m== %s\033[0m\n' "$*"; }
start=$(date +%s)

step "setup"
scripts/setup.sh test

step "cargo fmt --check"
cargo fmt --all -- --check

step "UI build (the app embeds ui/dist)"
(cd ui && npm run build --silent)

step "only src-tauri depends on tauri"
scripts/check-tauri-deps.py

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests (nextest)"
cargo nextest run --workspace --locked --no-fail-fast

step "IPC bindings are current"
# The Rust tests regenerate ui/src/lib/bindings; a difference means the committed
# TypeScript no longer matches the Rust boundary types.
git diff --exit-code --stat -- ui/src/lib/bindings
untracked=$(git ls-files --others --exclude-standard -- ui/src/lib/bindings)
if [ -n "$untracked" ]; then
  echo "new bindings not committed: $untracked" >&2
  exit 1
fi

step "UI type check and unit tests"
(cd ui && npm run check && npm test)

step "build the app and CLI for the end-to-end tests"
cargo build --locked -p motcua-desk -p motcua

step "end-to-end tests (real window, Xvfb, tauri-driver)"
(cd tests && xvfb-run -a -s "-screen 0 1366x768x24" npm run e2e)

step "all checks passed in $(( $(date +%s) - start )) s"
