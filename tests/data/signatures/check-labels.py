#!/usr/bin/env python3
"""Checks <runner>/labels.json against <runner>/report.xml.

Every testcase with a <failure> or <error> child must be labelled, every label
must name a family listed in "families", and every labelled test must exist
and fail. Test names follow the daemon: classname + "." + name (just name when
classname is empty or absent, just classname when name is empty).
Usage: check-labels.py RUNNER_DIR...   (exit 1 on any problem)
"""
import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter


def test_name(tc):
    cls = tc.get("classname") or ""
    name = tc.get("name") or ""
    if cls and name:
        return cls + "." + name
    return cls or name


def check(d):
    problems = []
    labels = json.load(open(f"{d}/labels.json"))
    root = ET.parse(f"{d}/report.xml").getroot()
    failing = Counter()
    for tc in root.iter("testcase"):
        if any(c.tag in ("failure", "error") for c in tc):
            failing[test_name(tc)] += 1
    fams, tests = labels.get("families", {}), labels.get("tests", {})
    for t in failing:
        if t not in tests:
            problems.append(f"unlabelled failing test: {t}")
    for t, f in tests.items():
        if f not in fams:
            problems.append(f"label of {t} names unknown family {f}")
        if t not in failing:
            problems.append(f"labelled test does not fail (or is absent): {t}")
    per_family = Counter(tests[t] for t in failing if t in tests)
    for f in fams:
        if per_family[f] == 0:
            problems.append(f"family {f} has no failing test")
    print(f"{d}: {labels.get('runner')}: {sum(failing.values())} failing testcases, "
          f"{len(failing)} names, {len(fams)} families "
          + " ".join(f"{f}={n}" for f, n in sorted(per_family.items())))
    for p in problems:
        print("  PROBLEM:", p)
    return not problems


ok = all([check(d.rstrip("/")) for d in sys.argv[1:]])
sys.exit(0 if ok else 1)
