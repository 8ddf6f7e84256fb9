#!/usr/bin/env python3
"""Checks every */labels.json against its report.xml: every testcase with a
<failure> or <error> child is labelled with a declared family, no label names a
test that is absent or not failing, and every family fails in >= 2 tests."""
import json
import os
import sys
import xml.etree.ElementTree as ET
from collections import Counter

here = os.path.dirname(os.path.abspath(__file__))
dirs = sys.argv[1:] or sorted(d for d in os.listdir(here) if os.path.isfile(os.path.join(here, d, "labels.json")))
bad = 0
for d in dirs:
    base = os.path.join(here, d)
    labels = json.load(open(os.path.join(base, "labels.json")))
    root = ET.parse(os.path.join(base, "report.xml")).getroot()
    failing, total = [], 0
    for tc in root.iter("testcase"):
        total += 1
        cls, name = tc.get("classname") or "", tc.get("name") or ""
        key = f"{cls}.{name}" if cls and name else (name or cls)
        if any(c.tag in ("failure", "error") for c in tc):
            failing.append(key)
    errs = []
    dup = [k for k, n in Counter(failing).items() if n > 1]
    if dup:
        errs.append(f"duplicate failing test names: {dup}")
    fams = labels["families"]
    tests = labels["tests"]
    for k in failing:
        if k not in tests:
            errs.append(f"unlabelled: {k}")
    for k, f in tests.items():
        if k not in failing:
            errs.append(f"labelled but not failing: {k}")
        if f not in fams:
            errs.append(f"unknown family {f} for {k}")
    per = Counter(tests.values())
    for f in fams:
        if per[f] < 2:
            errs.append(f"family {f} fails in {per[f]} test(s)")
    print(f"{d}: {labels['runner']}: {total} testcases, {len(failing)} failing, "
          f"{len(fams)} families {dict(per)} -> {'OK' if not errs else 'PROBLEMS'}")
    for e in errs:
        print("   ", e)
    bad += bool(errs)
sys.exit(1 if bad else 0)
