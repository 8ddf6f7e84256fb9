#!/usr/bin/env bash
# Re-creates report.xml (Boost.Test JUNIT logger) from project/.
# Needs (Debian 12): g++ cmake libboost-test-dev
# The project has deliberate bugs: most tests fail; this script still exits 0.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
build="$(mktemp -d /tmp/sig-boost-build-XXXXXX)"
trap 'rm -rf "$build"' EXIT
cmake -S "$here/project" -B "$build" -DCMAKE_BUILD_TYPE=Debug >/dev/null || exit 1
flock /tmp/jji-cpu.lock cmake --build "$build" -j1 >/dev/null || exit 1
( cd "$build" && ./confkit_tests --log_format=JUNIT --log_sink="$here/report.xml" --log_level=all \
    --report_level=no >/dev/null 2>&1 )
rm -rf /tmp/confkit-* 2>/dev/null
test -s "$here/report.xml" || { echo "no report written" >&2; exit 1; }
exit 0
