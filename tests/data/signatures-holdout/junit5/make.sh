#!/bin/sh
# Re-creates report.xml for the JUnit 5 holdout project (ConsoleLauncher, legacy XML).
# Needs (Debian): openjdk-17-jdk-headless junit5   (jars in /usr/share/java)
set -u
here=$(cd "$(dirname "$0")" && pwd)
J=/usr/share/java
work=$(mktemp -d /tmp/parlor-build-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/main" "$work/test" "$work/reports"
flock /tmp/jji-cpu.lock javac -d "$work/main" $(find "$here/project/src/main/java" -name '*.java') || exit 1
flock /tmp/jji-cpu.lock javac -d "$work/test" -cp "$work/main:$J/junit-jupiter-api.jar:$J/junit-jupiter-params.jar:$J/apiguardian-api.jar:$J/opentest4j.jar:$J/junit-platform-commons.jar" \
  $(find "$here/project/src/test/java" -name '*.java') || exit 1
java -jar "$J/junit-platform-console-standalone.jar" --disable-banner --details=summary \
  --class-path "$work/main:$work/test" --scan-class-path "$work/test" \
  --reports-dir "$work/reports" >"$work/run.log" 2>&1
rc=$?
grep -E 'tests (successful|failed)' "$work/run.log"
cp "$work/reports/TEST-junit-jupiter.xml" "$here/report.xml"
echo "junit5 exit $rc (failures expected); report: $here/report.xml"
exit 0
