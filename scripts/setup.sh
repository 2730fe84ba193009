#!/usr/bin/env bash
# Installs everything `make run` and `make test` need, on a fresh Debian 12 machine, and does
# nothing (in a few seconds) when it is all there already. Safe to run again at any time.
set -euo pipefail
cd "$(dirname "$0")/.."

TAURI_DRIVER_VERSION=2.1.0
DEBIAN_PACKAGES=(
  build-essential pkg-config curl file libssl-dev
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev
  xvfb xauth webkit2gtk-driver dbus dbus-x11 gnome-keyring libsecret-1-dev libsecret-tools libdbus-1-dev
  python3-venv nodejs npm
  # A desktop notification daemon, started by D-Bus activation in the e2e tests' session bus,
  # so they can read back the notifications the app shows (dunstctl history).
  dunst
)

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- Debian packages -------------------------------------------------------------------------
missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  # A tool the machine already has from elsewhere (node from nodesource, python from pyenv)
  # counts as present.
  case "$pkg" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
    python3-venv) python3 -c 'import venv, ensurepip' 2>/dev/null && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing Debian packages: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- Rust tools ------------------------------------------------------------------------------
command -v cargo >/dev/null || { echo "setup: cargo is missing; install Rust with rustup first" >&2; exit 1; }
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
command -v cargo-nextest >/dev/null || { step "installing cargo-nextest"; cargo install --locked cargo-nextest; }
CARGO_DENY_VERSION=0.20.2
if ! .tools/bin/cargo-deny --version 2>/dev/null | grep -q "$CARGO_DENY_VERSION"; then
  step "installing cargo-deny $CARGO_DENY_VERSION into .tools/ (a few minutes, once)"
  cargo install --locked --quiet --root .tools cargo-deny --version "$CARGO_DENY_VERSION"
fi
if ! [ -x .tools/bin/tauri-driver ] || ! .tools/bin/tauri-driver --help 2>&1 | grep -q .; then
  step "installing tauri-driver $TAURI_DRIVER_VERSION into .tools/"
  cargo install --locked --quiet --root .tools tauri-driver --version "$TAURI_DRIVER_VERSION"
fi

# --- Python: the AWS emulator ----------------------------------------------------------------
# The pinned closure of requirements-emulator.txt: the same code the installed app carries.
req=scripts/emulator-lock.txt
stamp=.venv/.installed-$(sha256sum "$req" | cut -c1-16)
if ! [ -f "$stamp" ]; then
  step "installing the AWS emulator (moto) into .venv/"
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r "$req"
  touch "$stamp"
fi

# --- npm: the UI and the end-to-end tests, from their lockfiles ------------------------------
for dir in ui tests/e2e; do
  [ -f "$dir/package-lock.json" ] || continue
  stamp="$dir/node_modules/.installed-$(sha256sum "$dir/package-lock.json" | cut -c1-16)"
  if ! [ -f "$stamp" ]; then
    step "installing npm packages of $dir/"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
    touch "$stamp"
  fi
done
