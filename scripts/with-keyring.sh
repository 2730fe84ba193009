#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service: a private D-Bus session with
# gnome-keyring in it, whose login keyring lives in a throwaway directory and is unlocked by a
# throwaway password. Nothing touches the user's own keyring.
set -euo pipefail
if [ -z "${HANGAR_IN_KEYRING_SESSION:-}" ]; then
  export HANGAR_IN_KEYRING_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# --unlock reads the password on stdin and creates the login keyring with it when it is new.
eval "$(printf 'hangar-test-only' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
