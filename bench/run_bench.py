#!/usr/bin/python3.11
"""Side-by-side benchmark runner: CPython 3.11 vs `pyrs` vs `pyrsc`-built executables.

For each program in bench/programs/ it records CPython's output (the checksum), then measures
every implementation that reproduces that output exactly: one warm-up run, then N timed runs
(median, min, max wall time, peak RSS). An implementation that crashes, times out or prints a
different checksum is reported as failing and never timed. Ratios are CPython time divided by
the implementation's time, so above 1 means pyrs is faster. Writes results.md, results.json
and ratios.png into --out.
"""
import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs")
ORACLE = "/usr/bin/python3.11"
GROUPS = ["language", "objects", "numeric", "stdlib", "pandas"]


def run_measured(cmd, timeout, env=None):
    """Runs CMD; returns (exit status, stdout, stderr, wall seconds, peak RSS in KiB)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        except OSError as e:
            return -1, "", str(e), 0.0, 0
        status, rusage = None, None
        deadline = start + timeout
        while status is None:
            pid, st, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                status, rusage = st, ru
                break
            if time.perf_counter() > deadline:
                proc.kill()
                _, st, ru = os.wait4(proc.pid, 0)
                out.seek(0)
                return "timeout", "", f"timed out after {timeout}s", timeout, ru.ru_maxrss
            time.sleep(0.002)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (proc.returncode, out.read().decode("utf-8", "replace"),
                err.read().decode("utf-8", "replace"), wall, rusage.ru_maxrss)


def program_group(path):
    with open(path) as f:
        m = re.match(r"# group: (\w+)", f.readline())
    return m.group(1) if m else "language"


def describe_failure(status, stdout, stderr, expected):
    if status == "timeout":
        return "timeout"
    if status != 0:
        last = [l for l in stderr.strip().splitlines() if l.strip()]
        return f"exit {status}: {last[-1][:80] if last else 'no message'}"
    return f"wrong checksum: {stdout.strip()[:40]!r} != {expected.strip()[:40]!r}"


def measure(cmd, expected, runs, timeout, env=None):
    """Warm-up plus RUNS timed runs; returns a result dict (status 'ok' or 'failing')."""
    status, stdout, stderr, _, _ = run_measured(cmd, timeout, env)
    if status != 0 or stdout != expected:
        return {"status": "failing", "reason": describe_failure(status, stdout, stderr, expected)}
    times, rss = [], []
    for _ in range(runs):
        status, stdout, stderr, wall, maxrss = run_measured(cmd, timeout, env)
        if status != 0 or stdout != expected:
            return {"status": "failing",
                    "reason": describe_failure(status, stdout, stderr, expected)}
        times.append(wall)
        rss.append(maxrss)
    return {"status": "ok", "median": statistics.median(times), "min": min(times),
            "max": max(times), "times": times, "rss_kib": max(rss)}


def build_with_pyrsc(pyrsc, src, exe_dir, timeout):
    """Builds SRC with pyrsc; returns (exe path or None, build seconds, failure reason)."""
    if not pyrsc or not os.path.exists(pyrsc):
        return None, 0.0, "pyrsc not built yet"
    exe = os.path.join(exe_dir, os.path.splitext(os.path.basename(src))[0])
    status, _, stderr, wall, _ = run_measured([pyrsc, src, "-o", exe], timeout)
    if status != 0:
        return None, wall, describe_failure(status, "", stderr, "")
    return exe, wall, None


def fmt_time(r):
    if r.get("status") != "ok":
        return "—"
    return f"{r['median']:.3f} ({r['min']:.3f}–{r['max']:.3f})"


def fmt_ratio(base, r):
    if r.get("status") != "ok":
        return "FAIL: " + r.get("reason", "")
    return f"{base['median'] / r['median']:.2f}×"


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def group_means(results, impl):
    """Geometric mean of CPython/impl ratios per group, over programs where impl passed."""
    out = {}
    for g in GROUPS + ["all"]:
        ratios = [r["cpython"]["median"] / r[impl]["median"] for r in results
                  if (g == "all" or r["group"] == g) and r["cpython"].get("status") == "ok"
                  and r[impl].get("status") == "ok"]
        total = sum(1 for r in results if g == "all" or r["group"] == g)
        out[g] = {"geomean": geomean(ratios), "passing": len(ratios), "total": total}
    return out


def startup(args, pyrsc_hello):
    """Start-up times: `-c pass` for both interpreters, and a hello-world pyrsc binary."""
    res = {"cpython": measure([ORACLE, "-c", "pass"], "", args.runs, 30),
           "pyrs": measure([args.pyrs, "-c", "pass"], "", args.runs, 30)}
    res["pyrsc_hello"] = (measure([pyrsc_hello], "hello\n", args.runs, 30) if pyrsc_hello
                          else {"status": "failing", "reason": "pyrsc not built yet"})
    res["cpython_hello"] = measure([ORACLE, "-c", "print('hello')"], "hello\n", args.runs, 30)
    return res


IMPORT_SET = "import json, re, collections, typing, dataclasses, enum, argparse, pathlib"


def import_set(args):
    """Issue 6's start-up check: a typical import set with warm bytecode caches (the warm-up
    run writes them; PYTHONDONTWRITEBYTECODE is removed for this measurement)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return {"cpython": measure([ORACLE, "-c", IMPORT_SET], "", args.runs, 60, env),
            "pyrs": measure([args.pyrs, "-c", IMPORT_SET], "", args.runs, 60, env)}


def import_pandas(args):
    code = "import pandas"
    return {"cpython": measure([ORACLE, "-c", code], "", args.runs, 120),
            "pyrs": measure([args.pyrs, "-c", code], "", args.runs, 120)}


def markdown(results, means, extra, runs):
    lines = [f"Median wall time in seconds over {runs} runs after a warm-up (min–max); ratio ="
             " CPython time / pyrs time (above 1: pyrs faster). Peak RSS in MiB.", "",
             "| benchmark | group | CPython 3.11 s | RSS CPython / pyrs | pyrs | pyrsc binary |"
             " pyrsc build s |",
             "|---|---|---|---|---|---|---|"]
    for r in results:
        c = r["cpython"]
        rss = " / ".join(f"{r[k]['rss_kib'] / 1024:.0f}" if r[k].get("status") == "ok" else "—"
                         for k in ("cpython", "pyrs"))
        build = f"{r['pyrsc_build_s']:.2f}" if r.get("pyrsc_build_s") else "—"
        lines.append(f"| {r['name']} | {r['group']} | {fmt_time(c)} | {rss} | "
                     f"{fmt_ratio(c, r['pyrs'])} | {fmt_ratio(c, r['pyrsc'])} | {build} |")
    lines += ["", "| group | pyrs geomean | pyrs passing | pyrsc geomean | pyrsc passing |",
              "|---|---|---|---|---|"]
    for g in GROUPS + ["all"]:
        p, b = means["pyrs"][g], means["pyrsc"][g]
        gp = f"{p['geomean']:.2f}×" if p["geomean"] else "—"
        gb = f"{b['geomean']:.2f}×" if b["geomean"] else "—"
        lines.append(f"| {g} | {gp} | {p['passing']}/{p['total']} | {gb} | "
                     f"{b['passing']}/{b['total']} |")
    s = extra["startup"]
    lines += ["", "| start-up | CPython 3.11 | pyrs |", "|---|---|---|",
              f"| `-c pass` | {fmt_time(s['cpython'])} | {fmt_ratio(s['cpython'], s['pyrs'])} |",
              f"| hello world | {fmt_time(s['cpython_hello'])} | pyrsc binary: "
              f"{fmt_ratio(s['cpython_hello'], s['pyrsc_hello'])} |"]
    if "import_set" in extra:
        im = extra["import_set"]
        lines.append(f"| `{IMPORT_SET}` (warm caches) | {fmt_time(im['cpython'])} | "
                     f"{fmt_ratio(im['cpython'], im['pyrs'])} |")
    if "import_pandas" in extra:
        ip = extra["import_pandas"]
        lines.append(f"| `import pandas` | {fmt_time(ip['cpython'])} | "
                     f"{fmt_ratio(ip['cpython'], ip['pyrs'])} |")
    return "\n".join(lines) + "\n"


def chart(results, path):
    """Horizontal bars of log ratios per benchmark; failing ones drawn as empty slots."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib missing (tools/install_deps.sh bench installs python3-matplotlib)"
    names = [r["name"] for r in results]
    fig, ax = plt.subplots(figsize=(9, 0.3 * len(names) + 1.5))
    y = range(len(names))
    for offset, impl, color in ((-0.2, "pyrs", "#3b7dd8"), (0.2, "pyrsc", "#e07b39")):
        vals = [r["cpython"]["median"] / r[impl]["median"] if r[impl].get("status") == "ok"
                and r["cpython"].get("status") == "ok" else 0 for r in results]
        ax.barh([i + offset for i in y], vals, height=0.4, color=color, label=impl)
        for i, v in enumerate(vals):
            if v == 0:
                ax.text(0.02, i + offset, "failing", va="center", fontsize=6, color=color)
    ax.axvline(1.0, color="black", linewidth=0.8)
    ax.set_yticks(list(y))
    ax.set_yticklabels(names, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel("speed vs CPython 3.11 (CPython time / pyrs time)")
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pyrs", required=True, help="the pyrs interpreter")
    ap.add_argument("--pyrsc", help="the pyrsc compiler (default: next to pyrs)")
    ap.add_argument("--build-dir", help="unused; kept for the CMake target")
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("-n", "--runs", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("-k", "--filter", default="", help="only programs whose name contains this")
    args = ap.parse_args()
    args.pyrs = os.path.abspath(args.pyrs)
    pyrsc = args.pyrsc or os.path.join(os.path.dirname(args.pyrs), "pyrsc")
    os.makedirs(args.out, exist_ok=True)
    exe_dir = os.path.join(args.out, "bin")
    os.makedirs(exe_dir, exist_ok=True)

    results = []
    for name in sorted(os.listdir(PROGRAMS)):
        if not name.endswith(".py") or args.filter not in name:
            continue
        src = os.path.join(PROGRAMS, name)
        status, expected, stderr, _, _ = run_measured([ORACLE, src], args.timeout)
        row = {"name": name[:-3], "group": program_group(src)}
        if status != 0:
            row["cpython"] = {"status": "failing", "reason": describe_failure(status, "", stderr, "")}
            row["pyrs"] = row["pyrsc"] = {"status": "failing", "reason": "no CPython baseline"}
        else:
            row["checksum"] = expected.strip()
            row["cpython"] = measure([ORACLE, src], expected, args.runs, args.timeout)
            row["pyrs"] = measure([args.pyrs, src], expected, args.runs, args.timeout)
            exe, build_s, why = build_with_pyrsc(pyrsc, src, exe_dir, args.timeout)
            row["pyrsc_build_s"] = build_s if exe else None
            row["pyrsc"] = (measure([exe], expected, args.runs, args.timeout) if exe
                            else {"status": "failing", "reason": why})
        print(f"{row['name']:22} CPython {fmt_time(row['cpython']):28} "
              f"pyrs {fmt_ratio(row['cpython'], row['pyrs'])[:50]:52} "
              f"pyrsc {fmt_ratio(row['cpython'], row['pyrsc'])[:40]}", flush=True)
        results.append(row)

    hello_src = os.path.join(exe_dir, "hello.py")
    with open(hello_src, "w") as f:
        f.write("print('hello')\n")
    hello_exe, _, _ = build_with_pyrsc(pyrsc, hello_src, exe_dir, args.timeout)
    extra = {"startup": startup(args, hello_exe), "import_set": import_set(args)}
    if not args.filter or "pandas" in args.filter:
        extra["import_pandas"] = import_pandas(args)
    means = {impl: group_means(results, impl) for impl in ("pyrs", "pyrsc")}
    table = markdown(results, means, extra, args.runs)
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write(table)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"python": ORACLE, "pyrs": args.pyrs, "pyrsc": pyrsc, "runs": args.runs,
                   "results": results, "geomeans": means, "extra": extra}, f, indent=1)
    problem = chart(results, os.path.join(args.out, "ratios.png"))
    print()
    print(table)
    print(f"wrote {args.out}/results.md, results.json" +
          (", ratios.png" if not problem else f" (no chart: {problem})"))


if __name__ == "__main__":
    sys.exit(main())
