#!/usr/bin/env python3
"""Print Odoo's requirements with, for each package, the pin meant for the newest Python.

Odoo 18's requirements.txt pins, for Python 3.11, versions that only come as source
and no longer build; the pins it gives for Python >= 3.12 come as wheels for 3.11 too
and work. Windows-only packages and python-ldap (needs system headers) are left out.
"""

import re
import sys

SKIP = {"python-ldap", "pypiwin32", "rl-renderpm"}


def newest_pins(lines):
    chosen = {}
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        spec, _, marker = (part.strip() for part in line.partition(";"))
        name = re.split(r"[=<>!~ \[]", spec, maxsplit=1)[0].lower()
        if name in SKIP or ("win32" in marker and "!=" not in marker):
            continue
        # Rank a line by the lowest Python version it applies to; unconditioned lines win.
        rank = 99.0
        bounds = re.findall(r"python_version\s*([<>=!]+)\s*'([\d.]+)'", marker)
        if bounds:
            rank = max(
                (
                    float(v) + (0.001 if op == ">" else 0)
                    for op, v in bounds
                    if op in (">", ">=", "==")
                ),
                default=-1.0,
            )
        if name not in chosen or rank > chosen[name][0]:
            chosen[name] = (rank, spec)
    return [spec for _, spec in chosen.values()]


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        print("\n".join(newest_pins(handle)))
