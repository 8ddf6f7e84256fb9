#!/usr/bin/env bash
# Re-creates report.xml (Maven Surefire 2.22.3 + JUnit 4.13.2) from project/.
# Needs (Debian 12): maven maven-debian-helper libsurefire-java junit4 (openjdk-17-jdk)
# Runs Maven without network against Debian's /usr/share/maven-repo (project/settings.xml);
# the local repository and target/ are throwaway. The per-class TEST-*.xml files are
# merged, unchanged, under one <testsuites> root.
# The project has deliberate bugs: most tests fail; this script still exits 0.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d /tmp/sig-surefire4-XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
cp -r "$here/project" "$tmp/project"
rm -rf "$tmp/project/target"
export SIG_M2="$tmp/m2"
( cd "$tmp/project" && flock /tmp/jji-cpu.lock mvn -B -q -s settings.xml test >"$tmp/mvn.log" 2>&1 )
ls "$tmp"/project/target/surefire-reports/TEST-*.xml >/dev/null 2>&1 \
  || { echo "no surefire reports; see mvn output:" >&2; tail -30 "$tmp/mvn.log" >&2; exit 1; }
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<testsuites>'
  for f in "$tmp"/project/target/surefire-reports/TEST-*.xml; do
    sed '1{/^<?xml/d}' "$f"
  done
  echo '</testsuites>'
} > "$here/report.xml"
exit 0
