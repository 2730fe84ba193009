#!/bin/sh
# Removes the emulator's virtualenv, which dpkg and rpm do not know of (postinst.sh made it).
# On an upgrade the new package's postinst makes it again; RPM runs that before this script,
# so an RPM upgrade (a count of 1) leaves it alone. The user's history is never touched: it
# lives in their data directory, not here.
set -e
case "$1" in upgrade | failed-upgrade | 1) exit 0 ;; esac
rm -rf /usr/lib/hangar/emulator
exit 0
