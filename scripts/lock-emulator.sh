#!/usr/bin/env bash
# Re-resolves scripts/emulator-lock.txt from scripts/requirements-emulator.txt, for each CPython
# the package carries wheels for, in a throwaway virtualenv. Run it after changing moto's version.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for version in 3.11 3.12 3.13; do
  python3 -m pip download --quiet --disable-pip-version-check --only-binary=:all: \
    --implementation cp --python-version "$version" \
    --platform manylinux2014_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux_2_28_x86_64 \
    -r scripts/requirements-emulator.txt -d "$work/$version"
done
python3 - "$work" > "$work/lock" <<'PY'
import collections, pathlib, re, sys
found = collections.defaultdict(set)
for wheel in pathlib.Path(sys.argv[1]).glob("*/*.whl"):
    name, version = wheel.name.split("-")[:2]
    found[re.sub(r"[-_.]+", "-", name).lower(), version].add(wheel.parent.name)
every = {"3.11", "3.12", "3.13"}
for (name, version), pythons in sorted(found.items()):
    if pythons == every:
        print(f"{name}=={version}")
    else:
        # A version some of the Pythons cannot take: pinned with a marker for those that do.
        low, high = min(pythons), max(pythons)
        marker = f'python_version >= "{low}"' if high == max(every) else f'python_version < "{sorted(every - pythons)[0]}"'
        print(f"{name}=={version}; {marker}")
PY
{ sed -n '1,/^[a-z]/p' scripts/emulator-lock.txt | grep '^#'; cat "$work/lock"; } > scripts/emulator-lock.txt.new
mv scripts/emulator-lock.txt.new scripts/emulator-lock.txt
