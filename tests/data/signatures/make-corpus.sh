#!/usr/bin/env bash
# Re-creates every runner's report.xml in this folder by running each */make.sh.
# Each make.sh documents the Debian packages it needs and exits 0 even though its
# project's tests fail (the failures are the point). Usage: make-corpus.sh [RUNNER...]
# After a run, check the labels: ./check-labels.py */
set -u
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here" || exit 1
if [ $# -gt 0 ]; then dirs=("$@"); else dirs=(*/); fi
failed=()
for d in "${dirs[@]}"; do
  d="${d%/}"
  [ -x "$d/make.sh" ] || continue
  echo "== $d"
  if ! "$d/make.sh"; then
    echo "!! $d/make.sh failed" >&2
    failed+=("$d")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]}" >&2
  exit 1
fi
# jest/ and mocha/ need their npm packages first: `npm ci` in jest/project and mocha/project
# (their make.sh print a hint and skip otherwise). pytest-*, node-test, rspec, phpunit need only Debian packages.
