#!/usr/bin/env bash
# Builds Hangar's Linux packages from the binaries cargo already built, so packaging never
# compiles anything again:
#   scripts/package.sh release        make package: the .deb and the .rpm of the release build
#   scripts/package.sh debug deb      the install test's .deb, from the debug build `make test` made
# The bundles land in target/<profile>/bundle/{deb,rpm}/.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:?usage: scripts/package.sh debug|release [deb,rpm]}
bundles=${2:-deb,rpm}
case "$profile" in debug | release) ;; *) echo "package: unknown profile $profile" >&2; exit 2 ;; esac
for bin in hangar hangar-app; do
  [ -x "target/$profile/$bin" ] || { echo "package: target/$profile/$bin is missing: build it first" >&2; exit 1; }
done

# What tauri.conf.json's bundle.linux.*.files take from target/package/stage.
stage=target/package/stage
rm -rf "$stage"
mkdir -p "$stage"
install -m 755 "target/$profile/hangar" "$stage/hangar"

# The emulator, carried as wheels and installed by the package's postinst (packaging/postinst.sh)
# into a virtualenv: pinned by the lock, offline at install time, for the CPython of Debian 12
# (3.11), Ubuntu 24.04 (3.12) and Debian 13 / Fedora 41 (3.13). Downloaded once per lock.
lock=scripts/emulator-lock.txt
wheels=target/package/wheels-$(sha256sum "$lock" | cut -c1-16)
if ! [ -d "$wheels" ]; then
  rm -rf "$wheels.partial"
  for version in 3.11 3.12 3.13; do
    .venv/bin/python -m pip download --quiet --disable-pip-version-check --only-binary=:all: \
      --implementation cp --python-version "$version" \
      --platform manylinux2014_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux_2_28_x86_64 \
      -r "$lock" -d "$wheels.partial"
  done
  mv "$wheels.partial" "$wheels"
fi
cp -r "$wheels" "$stage/emulator-wheels"
grep -v '^#' "$lock" > "$stage/emulator-wheels/requirements.txt"

flags=(--ci --bundles "$bundles")
[ "$profile" = debug ] && flags+=(--debug)
ui/node_modules/.bin/tauri bundle "${flags[@]}"
