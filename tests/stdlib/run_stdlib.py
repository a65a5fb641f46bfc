#!/usr/bin/python3.11
"""Runs CPython 3.11's own regression tests (Debian's libpython3.11-testsuite) under pyrs, one
module per process in a fresh temporary directory with a timeout, and counts passed, failed,
errored and skipped cases (tests/stdlib/regrtest_pyrs.py does the counting inside pyrs).

  run_stdlib.py check PYRS MODULE     one CTest: fails when pyrs crashes, times out, prints no
                                      result, or passes fewer cases than tests/stdlib/baseline.tsv
  run_stdlib.py report PYRS [--update-baseline] [--jobs N] [MODULE...]
                                      every module of modules.txt (or those named): a Markdown
                                      table with pyrs's counts next to CPython's (cpython_counts.tsv)
  run_stdlib.py record-cpython [MODULE...]
                                      runs every module (or those named, keeping the other
                                      rows) under the oracle into cpython_counts.tsv
"""
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE = "/usr/bin/python3.11"
DRIVER = os.path.join(HERE, "regrtest_pyrs.py")
TIMEOUT = 300


def modules():
    with open(os.path.join(HERE, "modules.txt")) as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def read_tsv(name):
    path = os.path.join(HERE, name)
    table = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    parts = line.rstrip("\n").split("\t")
                    table[parts[0]] = parts[1:]
    return table


def run_module(exe, module, timeout=TIMEOUT):
    """(result dict or None, problem string or None, stderr tail)."""
    with tempfile.TemporaryDirectory(prefix="pyrs-stdlib-") as cwd:
        env = dict(os.environ)
        env.pop("PYTHONPATH", None)
        try:
            proc = subprocess.run([exe, DRIVER, module], cwd=cwd, env=env, capture_output=True,
                                  timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return None, f"timed out after {timeout} s", ""
    tail = proc.stderr.decode("utf-8", "replace")[-3000:]
    if proc.returncode < 0:
        return None, f"killed by signal {-proc.returncode}", tail
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        # a test that failed mid-line (test_threaded_import's "Trying 20 threads ... ") leaves
        # the result line behind its text
        marker = line.find("PYRS-STDLIB-RESULT ")
        if marker >= 0:
            return json.loads(line[marker + len("PYRS-STDLIB-RESULT "):]), None, tail
    return None, f"no result (exit status {proc.returncode})", tail


def passed(r):
    return max(0, r["run"] - r["failures"] - r["errors"] - r["skipped"]
               - r["unexpected_successes"]) if r else 0


def check(exe, module):
    result, problem, tail = run_module(exe, module)
    base = int(read_tsv("baseline.tsv").get(module, ["0"])[0])
    if problem:
        print(f"{module}: {problem}\n{tail}")
        return 1
    print(f"{module}: run {result['run']}, passed {passed(result)}, failures {result['failures']}, "
          f"errors {result['errors']}, skipped {result['skipped']} (baseline: {base} passed)")
    for kind, name in result["failed"][:50]:
        print(f"  {kind}: {name}")
    if passed(result) < base:
        print(f"{module}: REGRESSION: {passed(result)} passed < baseline {base}")
        return 1
    return 0


def report(exe, names, update, jobs):
    cpy = read_tsv("cpython_counts.tsv")
    rows = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for module, (result, problem, _) in zip(names, pool.map(lambda m: run_module(exe, m), names)):
            rows.append((module, result, problem))
    total_cases = total_passed = whole = 0
    lines = ["| module | CPython run/skipped | pyrs passed | failed | errors | skipped | state |",
             "|---|---|---|---|---|---|---|"]
    baseline = {}
    for module, r, problem in rows:
        c_run, c_skip = (int(x) for x in cpy.get(module, ["0", "0"])[:2])
        cases = c_run - c_skip
        p = passed(r)
        total_cases += cases
        total_passed += min(p, cases) if cases else p
        ok = r is not None and r["failures"] == 0 and r["errors"] == 0 and r["run"] > 0 \
            and r["unexpected_successes"] == 0
        whole += ok
        state = "pass" if ok else (problem or "failing")
        if r:
            lines.append(f"| {module} | {c_run}/{c_skip} | {p} | {r['failures']} | {r['errors']} | "
                         f"{r['skipped']} | {state} |")
        else:
            lines.append(f"| {module} | {c_run}/{c_skip} | 0 | - | - | - | {state} |")
        baseline[module] = p
    pct = 100.0 * total_passed / total_cases if total_cases else 0.0
    print("\n".join(lines))
    print(f"\n{len(rows)} modules; {whole} pass entirely; {total_passed} of {total_cases} "
          f"CPython-run cases pass ({pct:.1f}%)")
    if update:
        with open(os.path.join(HERE, "baseline.tsv"), "w") as f:
            f.write("# module\tpassed cases (a CTest fails below this); written by run_stdlib.py "
                    "report --update-baseline\n")
            for module in names:
                f.write(f"{module}\t{baseline[module]}\n")
    return 0


def record_cpython(only=None):
    """Runs the modules of modules.txt (or just ONLY, keeping the other rows) under the oracle
    and writes cpython_counts.tsv in modules.txt order."""
    names = modules()
    todo = only or names
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(todo, pool.map(lambda m: run_module(ORACLE, m, 900), todo)))
    old = {}
    path = os.path.join(HERE, "cpython_counts.tsv")
    if only and os.path.exists(path):
        for line in open(path):
            if not line.startswith("#") and line.strip():
                old[line.split("\t")[0]] = line
    with open(path, "w") as f:
        f.write("# module\trun\tskipped\tfailures+errors: CPython 3.11 (the oracle) running "
                "regrtest_pyrs.py; written by run_stdlib.py record-cpython\n")
        for module in names:
            if module not in results:
                if module in old:
                    f.write(old[module])
                continue
            r, problem, _ = results[module]
            if r is None:
                f.write(f"{module}\t0\t0\t{problem}\n")
            else:
                f.write(f"{module}\t{r['run']}\t{r['skipped']}\t{r['failures'] + r['errors']}\n")
    return 0


def main(argv):
    if len(argv) >= 3 and argv[0] == "check":
        return check(argv[1], argv[2])
    if len(argv) >= 2 and argv[0] == "report":
        update = "--update-baseline" in argv
        jobs = 2
        rest = [a for a in argv[2:] if a != "--update-baseline"]
        if "--jobs" in rest:
            i = rest.index("--jobs")
            jobs = int(rest[i + 1])
            del rest[i:i + 2]
        return report(argv[1], rest or modules(), update, jobs)
    if argv[:1] == ["record-cpython"]:
        return record_cpython(argv[1:])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
