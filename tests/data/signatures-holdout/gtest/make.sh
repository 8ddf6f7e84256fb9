#!/bin/sh
# Re-creates report.xml for the GoogleTest holdout project.
# Needs (Debian): g++ cmake make libgtest-dev
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=$(mktemp -d /tmp/geotrack-build-XXXXXX)
trap 'rm -rf "$build"' EXIT
cmake -S "$here/project" -B "$build" -DCMAKE_BUILD_TYPE=Debug >/dev/null || exit 1
flock /tmp/jji-cpu.lock cmake --build "$build" -j1 >/dev/null || { echo "build failed" >&2; exit 1; }
"$build/geotrack_tests" --gtest_output="xml:$here/report.xml" >"$build/run.log" 2>&1
rc=$?
grep -E '^\[  (PASSED|FAILED)  \]' "$build/run.log" | head -2
echo "gtest exit $rc (failures expected); report: $here/report.xml"
exit 0
