#!/bin/sh
# Re-creates report.xml for the jest holdout project.
# Needs: nodejs (>= 18) and npm; npm packages from project/package-lock.json
# (jest 29, jest-junit 16), installed with `npm ci` from the npm registry.
set -u
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/project" || exit 1
if [ ! -x node_modules/.bin/jest ]; then
  npm ci --no-audit --no-fund >/dev/null 2>&1 || { echo "npm ci failed" >&2; exit 1; }
fi
log=$(mktemp)
JEST_JUNIT_OUTPUT_DIR="$here" JEST_JUNIT_OUTPUT_NAME=report.xml \
  node_modules/.bin/jest --ci --runInBand --forceExit >"$log" 2>&1
rc=$?
grep -E '^Tests:' "$log"; rm -f "$log"
# keep the project tree small: dependencies are re-installed by `npm ci` next time
[ "${KEEP_NODE_MODULES:-0}" = 1 ] || rm -rf "$here/project/node_modules"
echo "jest exit $rc (failures expected); report: $here/report.xml"
exit 0
