#!/bin/sh
# Re-creates report.xml for the pytest holdout project.
# Needs (Debian): python3 python3-pytest python3-pytest-timeout
set -u
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/project" || exit 1
log=$(mktemp)
/usr/bin/python3 -m pytest -p no:cacheprovider -q --junitxml="$here/report.xml" >"$log" 2>&1
rc=$?
tail -n 1 "$log"; rm -f "$log"
find "$here/project" -name __pycache__ -type d -prune -exec rm -rf {} +
echo "pytest exit $rc (failures expected); report: $here/report.xml"
exit 0
