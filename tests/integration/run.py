#!/usr/bin/env python3
"""Runs the integration tests: every function named test_* in the modules
tests/integration/test_*.py, in file then name order. `run.py [FILTER]` runs
the tests whose "module.name" contains FILTER. Last line: N passed, N failed."""
import importlib.util
import os
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import aotest  # noqa: E402


def main():
    flt = sys.argv[1] if len(sys.argv) > 1 else ""
    passed = failed = skipped = 0
    for fname in sorted(os.listdir(HERE)):
        if not (fname.startswith("test_") and fname.endswith(".py")):
            continue
        modname = fname[:-3]
        spec = importlib.util.spec_from_file_location(modname, os.path.join(HERE, fname))
        mod = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(mod)
        except Exception:
            failed += 1
            print(f"FAIL {modname} (import)")
            traceback.print_exc()
            continue
        names = sorted(n for n in dir(mod) if n.startswith("test_") and callable(getattr(mod, n)))
        for name in names:
            full = f"{modname}.{name}"
            if flt and flt not in full:
                continue
            t0 = time.monotonic()
            try:
                getattr(mod, name)()
            except aotest.Skip as e:
                skipped += 1
                print(f"skip {full}: {e}")
                continue
            except Exception:
                failed += 1
                print(f"FAIL {full}")
                traceback.print_exc()
                continue
            passed += 1
            print(f"ok   {full} ({time.monotonic() - t0:.1f}s)")
    print(f"integration: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
