"""parse_stdlib.py: front-end speed, pyrs vs CPython 3.11, parsing the installed stdlib.

Run with /usr/bin/python3.11:  parse_stdlib.py --pyrs build/driver/pyrs [--runs 3]

Both sides parse the same files (every .py under the stdlib that CPython accepts, as in
tests/parser/run_stdlib_parse.py) in one process each, including start-up and reading:
  CPython: compile(src, path, 'exec', ast.PyCF_ONLY_AST) for each file in one python3.11
  pyrs:    pyrs --parse-only FILES...
Each is run RUNS times, alternating; the best wall time is kept. Prints both times and the ratio
CPython time / pyrs time (above 1 means pyrs is faster), and the same for CPU time (user + sys),
which a loaded machine disturbs less.
"""
import argparse
import ast
import os
import resource
import subprocess
import sys
import sysconfig
import time

ORACLE = "/usr/bin/python3.11"
EXCLUDED_DIRS = {"site-packages", "dist-packages", "__pycache__"}

CPYTHON_PARSER = r"""
import ast, sys
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        compile(f.read(), path, "exec", ast.PyCF_ONLY_AST)
"""


def stdlib_files():
    top = sysconfig.get_path("stdlib")
    out = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if d not in EXCLUDED_DIRS)
        out.extend(os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".py"))
    return out


def accepted(files):
    ok = []
    for path in files:
        with open(path, "rb") as f:
            src = f.read()
        try:
            compile(src, path, "exec", ast.PyCF_ONLY_AST)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        ok.append(path)
    return ok


def children_cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def timed_run(cmd, allow_syntax_errors=False):
    """(wall seconds, CPU seconds) of one run of CMD."""
    c0 = children_cpu()
    t0 = time.perf_counter()
    res = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t0
    cpu = children_cpu() - c0
    if res.returncode == 1 and allow_syntax_errors:
        # pyrs rejected a file CPython accepts: a parser bug, reported by the parser tests;
        # the timing still covers every file, so it stays meaningful.
        rejected = res.stderr.decode(errors="replace").count("Error:")
        print("warning: pyrs rejected %d file(s) CPython accepts" % rejected)
    elif res.returncode != 0:
        sys.exit("failed (exit %d): %s ...\n%s" % (res.returncode, " ".join(cmd[:3]),
                                                   res.stderr.decode(errors="replace")[-2000:]))
    return elapsed, cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pyrs", required=True)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    files = accepted(stdlib_files())
    size = sum(os.path.getsize(f) for f in files)
    print("files: %d (%.1f MB)" % (len(files), size / 1e6))
    # Runs alternate so that a load change on the machine affects both sides alike.
    cp = py = (float("inf"), float("inf"))
    for _ in range(args.runs):
        run = timed_run([ORACLE, "-c", CPYTHON_PARSER] + files)
        cp = (min(cp[0], run[0]), min(cp[1], run[1]))
        run = timed_run([args.pyrs, "--parse-only"] + files, True)
        py = (min(py[0], run[0]), min(py[1], run[1]))
    print("cpython: %.3f s wall, %.3f s cpu (best of %d)" % (cp[0], cp[1], args.runs))
    print("pyrs:    %.3f s wall, %.3f s cpu (best of %d)" % (py[0], py[1], args.runs))
    # CPU time is printed too because wall time on a loaded machine is noisy.
    print("ratio (cpython/pyrs): %.2f (wall), %.2f (cpu)" % (cp[0] / py[0], cp[1] / py[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
