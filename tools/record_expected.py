#!/usr/bin/python3.11
"""The only writer of test expectation files. Runs Debian's CPython 3.11 (the oracle) on each
test program, from the repository root with the program's repository-relative path and
PYTHONHASHSEED=0, and records:
  FILE.exp  its stdout (written for programs outside tests/syntax, even when empty)
  FILE.err  its stderr, then "[exit status N]" when N != 0 (written only when stderr is
            non-empty or the status is nonzero; a stale .err is removed otherwise)
Absolute paths under the repository root are written repository-relative, so recordings do
not depend on where the checkout lives (CPython 3.11 prints the script's absolute path).
The scripts directly in tests/syntax are the runners; the cases live in its subfolders.
In tests/lang only the files directly in an area folder (tests/lang/AREA/NAME.py) are
programs; folders below an area hold the packages and modules those programs import.
Usage: record_expected.py [--check] [PATH...]   (default PATH: tests/syntax tests/lang)
--check records nothing and exits 1 listing every expectation file that is missing or stale."""
import os
import subprocess
import sys

ORACLE = "/usr/bin/python3.11"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def programs(paths):
    for p in paths:
        full = os.path.join(ROOT, p)
        if os.path.isfile(full):
            yield os.path.relpath(full, ROOT)
            continue
        for d, dirs, files in os.walk(full):
            dirs.sort()
            reld = os.path.relpath(d, ROOT)
            top = reld == "tests/syntax"  # the runner scripts, not cases
            # tests/lang/AREA/*.py are the programs; deeper folders hold modules they import
            support = reld.startswith("tests/lang/") and reld.count("/") > 2
            for f in sorted(files):
                if f.endswith(".py") and not top and not support:
                    yield os.path.relpath(os.path.join(d, f), ROOT)


def run_oracle(rel):
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPATH", None)
    proc = subprocess.run([ORACLE, rel], cwd=ROOT, env=env, capture_output=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    prefix = (ROOT + "/").encode()
    out = proc.stdout.replace(prefix, b"")
    err = proc.stderr.replace(prefix, b"")
    if proc.returncode != 0:
        err += b"[exit status %d]\n" % proc.returncode
    return out, err


def expectations(rel):
    """The expectation files a program should have: {path: bytes or None (must not exist)}."""
    out, err = run_oracle(rel)
    full = os.path.join(ROOT, rel)
    want = {full + ".err": err if err else None}
    if not rel.startswith("tests/syntax/"):
        want[full + ".exp"] = out
    return want


def main(argv):
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"] or ["tests/syntax", "tests/lang"]
    stale = []
    count = 0
    for rel in programs(paths):
        count += 1
        for path, data in expectations(rel).items():
            have = open(path, "rb").read() if os.path.exists(path) else None
            if have == data:
                continue
            stale.append(os.path.relpath(path, ROOT))
            if check:
                continue
            if data is None:
                os.remove(path)
            else:
                with open(path, "wb") as f:
                    f.write(data)
    verb = "stale" if check else "updated"
    for s in stale:
        print("%s: %s" % (verb, s))
    print("%d programs, %d expectation files %s" % (count, len(stale), verb))
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
