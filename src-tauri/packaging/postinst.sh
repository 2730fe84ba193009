#!/bin/sh
# The Sandbox's emulator (moto) lives in a virtualenv the package builds from the wheels it
# carries, offline and pinned (scripts/emulator-lock.txt). A virtualenv holds absolute paths, so
# it is made here, in place, rather than shipped ready-made. The app finds it beside itself
# (crates/sandbox/src/locate.rs). Debian passes `configure`; RPM passes a count. The system's
# Python, by its path: root's PATH may lead to a Python of root's own (pyenv), which no other
# user can run.
set -e
case "$1" in abort-*) exit 0 ;; esac
lib=/usr/lib/hangar
rm -rf "$lib/emulator"
if ! /usr/bin/python3 -m venv "$lib/emulator" ||
  ! "$lib/emulator/bin/python" -m pip install --quiet --disable-pip-version-check --no-index \
    --find-links "$lib/emulator-wheels" -r "$lib/emulator-wheels/requirements.txt"; then
  rm -rf "$lib/emulator"
  echo "hangar: the Sandbox's emulator could not be installed; the app works without it" >&2
fi
exit 0
