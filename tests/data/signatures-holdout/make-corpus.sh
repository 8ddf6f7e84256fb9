#!/bin/sh
# Re-creates every */report.xml of the holdout signature corpus, then checks
# that each failing testcase is labelled in */labels.json.
# Packages: see the header of each */make.sh.
set -u
here=$(cd "$(dirname "$0")" && pwd)
status=0
for m in "$here"/*/make.sh; do
  echo "== $(basename "$(dirname "$m")")"
  sh "$m" || status=1
done
python3 "$here/check-labels.py" || status=1
exit $status
