#!/usr/bin/env bash
# Re-creates report.xml (CTest --output-junit) from project/.
# Needs (Debian 12): g++ cmake (>= 3.21 for --output-junit)
# The project has deliberate bugs: most tests fail; this script still exits 0.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
build="$(mktemp -d /tmp/sig-ctest-build-XXXXXX)"
trap 'rm -rf "$build"' EXIT
cmake -S "$here/project" -B "$build" -DCMAKE_BUILD_TYPE=Debug >/dev/null || exit 1
flock /tmp/jji-cpu.lock cmake --build "$build" -j1 >/dev/null || exit 1
( cd "$build" && ctest -j1 --output-junit "$here/report.xml" >/dev/null 2>&1 )
rm -rf /tmp/ledger-snap-* /tmp/ledger-export-* 2>/dev/null
test -s "$here/report.xml" || { echo "no report written" >&2; exit 1; }
exit 0
