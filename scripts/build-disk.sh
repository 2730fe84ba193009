#!/usr/bin/env bash
# How much disk a clean, CI-like build of everything `make test` compiles takes, step by step:
# clones REV (default HEAD) beside this checkout, builds there as CI does (no incremental
# caches), prints each step's time and `du` of its target directory, and removes the clone.
# Usage: scripts/build-disk.sh [REV]   (the UI is copied from this checkout's ui/dist)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rev="${1:-HEAD}"
work="$(mktemp -d "$(dirname "$here")/build-disk.XXXXXX")"
trap 'rm -rf "$work"' EXIT
git clone -q "$here" "$work/main"
git -C "$work/main" checkout -q "$rev"
cp -r "$here/ui/dist" "$work/main/ui/"
cd "$work/main"
export CARGO_INCREMENTAL=0
step() {
  local t0
  t0=$(date +%s)
  "$@" >/dev/null 2>&1
  echo "$(($(date +%s) - t0))s $(du -sh target | cut -f1) :: $*"
}
step cargo clippy --workspace --all-targets --locked -- -D warnings
step cargo test --no-run --workspace --locked
step cargo build --workspace --bins --tests --locked
