"""run_stdlib_parse.py: `pyrs --dump-ast` against CPython 3.11's ast.dump over the stdlib.

Run by /usr/bin/python3.11, which is also the oracle: this process parses every file itself
(compile(..., PyCF_ONLY_AST) on the raw bytes, so PEP 263 and BOMs apply) while 2 workers run
pyrs on the same files, plain and with --include-attributes. A file CPython parses must dump
identically; a file CPython rejects must make pyrs exit 1 with a SyntaxError (or its
IndentationError/TabError subclasses) on stderr. Prints a summary and the first lines of each
difference; exits 1 unless everything matches.

  run_stdlib_parse.py --pyrs PATH --group NAME        one group of the installed stdlib
  run_stdlib_parse.py --pyrs PATH --files F [F ...]    given files
  run_stdlib_parse.py --pyrs PATH --smoke              the smoke test (a dozen files)
  run_stdlib_parse.py --pyrs PATH --dir D [D ...]      every .py file of the directories
                                                       (tests/parser/corpus and invalid)
  run_stdlib_parse.py --list-groups                    the groups and their file counts
"""
import argparse
import ast
import concurrent.futures
import os
import re
import subprocess
import sys
import sysconfig
import time
import warnings

EXCLUDED_DIRS = {"site-packages", "dist-packages", "__pycache__"}

# Groups of the stdlib by top-level entry, sized so that each runs in a few minutes on one
# core; "rest" takes every package not named elsewhere, so new packages are never missed.
GROUPS = {
    "root": None,  # the .py files directly in the stdlib directory
    "test": ["test", "idlelib"],
    "lib2to3": ["lib2to3", "distutils", "encodings"],
    "rest": [],
}


# The smoke test: a dozen files covering most of the grammar (decorators, async, match,
# f-strings, walrus, star-expressions, unusual literals, encodings declarations).
SMOKE = [
    "ast.py", "argparse.py", "dataclasses.py", "typing.py", "enum.py", "_pydecimal.py",
    "asyncio/tasks.py", "json/decoder.py", "re/_parser.py", "email/_header_value_parser.py",
    "collections/__init__.py", "test/ann_module.py", "encodings/cp1252.py",
    "lib2to3/pytree.py", "pydoc_data/topics.py",
]


def stdlib_dir():
    return sysconfig.get_path("stdlib")


def all_py_files(top):
    out = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if d not in EXCLUDED_DIRS)
        out.extend(os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".py"))
    return out


def group_files(name):
    top = stdlib_dir()
    files = all_py_files(top)
    named = {p for g in GROUPS.values() if g for p in g}

    def first_part(path):
        rel = os.path.relpath(path, top)
        return rel.split(os.sep)[0] if os.sep in rel else None

    if name == "root":
        return [f for f in files if first_part(f) is None]
    if name == "rest":
        return [f for f in files if first_part(f) is not None and first_part(f) not in named]
    return [f for f in files if first_part(f) in GROUPS[name]]


def oracle(path, src=None):
    """(status, plain, attrs, message): status 'ok', 'rejected' or 'unprintable'.
    No test file comes near ast.parse's nesting limit (2991 levels at the top of a script,
    "maximum recursion depth exceeded during ast construction"; pyrs: PYRS_AST_MAX_DEPTH):
    here it would shift with the Python stack depth and, in 3.11.2, drifts upwards after some
    syntax errors (e.g. `x = $`) in the same process, so this oracle cannot judge it."""
    if src is None:
        with open(path, "rb") as f:
            src = f.read()
    try:
        tree = compile(src, path or "<string>", "exec", ast.PyCF_ONLY_AST)
    except SyntaxError as e:
        return "rejected", None, None, "%s: %s" % (type(e).__name__, e.msg)
    except (ValueError, RecursionError, MemoryError) as e:
        return "rejected", None, None, "%s: %s" % (type(e).__name__, e)
    # ast.dump recurses in Python, about 3 frames per level: give it room for the deepest
    # trees compile() builds, then restore the limit.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(limit + 36000)
    try:
        return "ok", ast.dump(tree), ast.dump(tree, include_attributes=True), None
    except (ValueError, RecursionError) as e:  # e.g. an int too large for repr()
        return "unprintable", None, None, str(e)
    finally:
        sys.setrecursionlimit(limit)


def run_pyrs(pyrs, path, attrs, timeout):
    cmd = [pyrs, "--dump-ast"] + (["--include-attributes"] if attrs else []) + [path]
    try:
        res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout", "", ""
    out = res.stdout.decode("utf-8", "replace")
    err = res.stderr.decode("utf-8", "replace")
    return res.returncode, out, err


def pyrs_both(pyrs, path, timeout):
    return run_pyrs(pyrs, path, False, timeout), run_pyrs(pyrs, path, True, timeout)


def first_difference(got, want, width=160):
    i = 0
    n = min(len(got), len(want))
    while i < n and got[i] == want[i]:
        i += 1
    start = max(0, i - width // 2)
    return i, got[start:i + width // 2], want[start:i + width // 2]


def near_line(path, dump, pos):
    """The source line of the last node opened before POS in an attributes dump."""
    linenos = re.findall(r"lineno=(\d+), col_offset=", dump[:pos])
    if not linenos:
        return ""
    n = int(linenos[-1])
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    text = lines[n - 1].decode("utf-8", "replace").strip() if n <= len(lines) else ""
    return "\n    near line %d: %s" % (n, text[:150])


def last_error_line(err):
    lines = [l for l in err.strip().splitlines() if l.strip()]
    return lines[-1] if lines else "(no stderr)"


class Tally:
    def __init__(self, max_show):
        self.counts = dict(files=0, identical=0, different=0, crashed=0,
                           rejected_correctly=0, same_message=0, wrongly_rejected=0,
                           wrongly_accepted=0, oracle_unprintable=0)
        self.reports = []
        self.max_show = max_show

    def report(self, kind, path, text):
        self.reports.append((kind, path, text))

    def check(self, path, ora, results):
        status, plain, attrs, msg = ora
        self.counts["files"] += 1
        (rc0, out0, err0), (rc1, out1, err1) = results
        crashed = [r for r in (rc0, rc1) if r not in (0, 1)]
        if status == "unprintable":
            self.counts["oracle_unprintable"] += 1
            return
        if crashed:
            self.counts["crashed"] += 1
            self.report("crashed", path, "exit %s; stderr: %s" % (crashed[0], last_error_line(err0 or err1)))
            return
        if status == "rejected":
            if rc0 == 1 and rc1 == 1 and ("SyntaxError" in err0 or "Error:" in err0):
                self.counts["rejected_correctly"] += 1
                got = last_error_line(err0)
                if got != msg:
                    self.report("reject-message", path, "pyrs: %s\n    python: %s" % (got, msg))
                else:
                    self.counts["same_message"] += 1
            else:
                self.counts["wrongly_accepted"] += 1
                self.report("wrongly-accepted", path, "CPython: %s" % msg)
            return
        if rc0 != 0 or rc1 != 0:
            self.counts["wrongly_rejected"] += 1
            self.report("wrongly-rejected", path, last_error_line(err0 or err1))
            return
        bad = []
        for label, got, want in (("plain", out0, plain), ("attributes", out1, attrs)):
            got = got.rstrip("\n")
            if got != want:
                pos, g, w = first_difference(got, want)
                where = near_line(path, want, pos) if label == "attributes" else ""
                bad.append("%s dump differs at char %d:\n    pyrs:   %s\n    python: %s%s"
                           % (label, pos, g, w, where))
        if bad:
            self.counts["different"] += 1
            self.report("different", path, "\n  ".join(bad))
        else:
            self.counts["identical"] += 1

    def failed(self):
        c = self.counts
        return c["different"] or c["crashed"] or c["wrongly_rejected"] or c["wrongly_accepted"]

    def print(self, top, out):
        shown = 0
        for kind, path, text in self.reports:
            if shown < self.max_show:
                shown_path = os.path.relpath(path, top) if path.startswith(top) else path
                out.write("%s: %s\n  %s\n" % (kind.upper(), shown_path, text))
            shown += 1
        if shown > self.max_show:
            out.write("... %d more reports not shown\n" % (shown - self.max_show))
        c = self.counts
        out.write("summary: files %(files)d, identical %(identical)d, different %(different)d, "
                  "pyrs-crashed %(crashed)d, rejected-correctly %(rejected_correctly)d "
                  "(same message as compile() %(same_message)d), "
                  "wrongly-rejected %(wrongly_rejected)d, wrongly-accepted %(wrongly_accepted)d, "
                  "oracle-unprintable %(oracle_unprintable)d\n" % c)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pyrs")
    ap.add_argument("--group", choices=sorted(GROUPS))
    ap.add_argument("--files", nargs="+")
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--dir", nargs="+", help="every .py file in these directories")
    ap.add_argument("--list-groups", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--max-show", type=int, default=60)
    args = ap.parse_args()
    # Invalid escapes etc. make compile() warn; the dumps are what is compared.
    warnings.simplefilter("ignore")
    if args.list_groups:
        for g in GROUPS:
            print(g, len(group_files(g)))
        return 0
    if args.smoke:
        files = [os.path.join(stdlib_dir(), f) for f in SMOKE]
        files = [f for f in files if os.path.exists(f)]
    elif args.dir:
        files = [os.path.join(d, f) for d in args.dir for f in sorted(os.listdir(d))
                 if f.endswith(".py")]
    else:
        files = args.files if args.files else group_files(args.group)
    if not files:
        print("FAIL: no files selected")
        return 1
    top = stdlib_dir()
    tally = Tally(args.max_show)
    t0 = time.time()
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {pool.submit(pyrs_both, args.pyrs, f, args.timeout): f for f in files}
        for fut in concurrent.futures.as_completed(futures):
            path = futures[fut]
            tally.check(path, oracle(path), fut.result())
    tally.reports.sort(key=lambda r: (r[0], r[1]))
    tally.print(top, sys.stdout)
    print("time %.1fs; %s" % (time.time() - t0, "FAIL" if tally.failed() else "PASS"))
    return 1 if tally.failed() else 0


if __name__ == "__main__":
    sys.exit(main())
