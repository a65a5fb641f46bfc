"""run_mutants.py: pyrs and CPython 3.11 must agree on mutated stdlib snippets.

Run by /usr/bin/python3.11 (the oracle). Takes windows of stdlib files, applies seeded random
edits (delete, insert or duplicate a character, bracket or quote; join, split or re-indent a
line), writes each mutant to a temporary directory and checks it with the same rules as
run_stdlib_parse.py: pyrs never crashes, accepts exactly what CPython accepts, and dumps the
accepted ones identically. Deterministic for a given --seed.

  run_mutants.py --pyrs PATH [--seed N] [--count N] [--keep DIR] [--source-dir DIR ...]
"""
import argparse
import concurrent.futures
import os
import random
import sys
import tempfile
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_stdlib_parse as rsp  # noqa: E402

NOISE = list("()[]{}:;,.'\"\\#=+-*/%@<>!~^&|\t ") + ["\n", "    ", "lambda", "if", "else",
                                                     "f'", "b'", "'''", '"""', "\\\n", "\r\n",
                                                     "yield", "await", "*", "**", ":=", "0x",
                                                     "1_", "1e", "é", "\x0c", "\x00"]


def mutate(rng, text):
    lines = text.split("\n")
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        if not lines:
            break
        i = rng.randrange(len(lines))
        line = lines[i]
        op = rng.randrange(7)
        pos = rng.randint(0, len(line))
        if op == 0 and line:
            pos = min(pos, len(line) - 1)
            lines[i] = line[:pos] + line[pos + 1:]
        elif op == 1:
            lines[i] = line[:pos] + rng.choice(NOISE) + line[pos:]
        elif op == 2 and line:
            pos = min(pos, len(line) - 1)
            lines[i] = line[:pos] + line[pos] + line[pos:]
        elif op == 3 and i + 1 < len(lines):
            lines[i:i + 2] = [line + lines[i + 1]]
        elif op == 4:
            lines[i:i + 1] = [line[:pos], line[pos:]]
        elif op == 5:
            lines[i] = " " * rng.choice([1, 2, 4, 8]) + line
        else:
            lines[i] = line.lstrip()
    return "\n".join(lines)


def make_mutants(rng, count, outdir, source_dirs):
    files = [f for d in source_dirs for f in rsp.all_py_files(d)]
    made = []
    while len(made) < count:
        path = rng.choice(files)
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
        lines = text.split("\n")
        # Windows start and end at top-level statements, so that most unmutated windows
        # parse and the edits, not the cut, decide acceptance.
        tops = [i for i, l in enumerate(lines) if l[:1].isalpha() or l[:1] in "@_"]
        if len(tops) < 2:
            continue
        k = rng.randrange(len(tops) - 1)
        start, end = tops[k], tops[min(len(tops) - 1, k + rng.randint(1, 4))]
        window = "\n".join(lines[start:end][:150])
        name = os.path.join(outdir, "m%04d_%s" % (len(made), os.path.basename(path)))
        with open(name, "w", encoding="utf-8", newline="") as f:
            f.write(mutate(rng, window))
        made.append(name)
    return made


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pyrs", required=True)
    ap.add_argument("--seed", type=int, default=311)
    ap.add_argument("--count", type=int, default=400)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--keep", help="write the mutants here instead of a temporary directory")
    ap.add_argument("--source-dir", nargs="+", help="mutate these files (default: the stdlib)")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    rng = random.Random(args.seed)
    t0 = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        outdir = args.keep or tmp
        os.makedirs(outdir, exist_ok=True)
        files = make_mutants(rng, args.count, outdir, args.source_dir or [rsp.stdlib_dir()])
        tally = rsp.Tally(60)
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            futures = {pool.submit(rsp.pyrs_both, args.pyrs, f, args.timeout): f for f in files}
            for fut in concurrent.futures.as_completed(futures):
                path = futures[fut]
                tally.check(path, rsp.oracle(path), fut.result())
        tally.reports = [r for r in tally.reports if r[0] != "reject-message"]
        tally.reports.sort(key=lambda r: (r[0], r[1]))
        for kind, path, text in tally.reports[:60]:
            with open(path, encoding="utf-8", errors="replace") as f:
                src = f.read()
            print("%s: %s (seed %d)\n  %s\n  source:\n    %s" % (
                kind.upper(), os.path.basename(path), args.seed, text,
                "\n    ".join(src.split("\n")[:80])))
        tally.reports = []  # already shown with their sources
        tally.print(outdir, sys.stdout)
    print("time %.1fs; %s" % (time.time() - t0, "FAIL" if tally.failed() else "PASS"))
    return 1 if tally.failed() else 0


if __name__ == "__main__":
    sys.exit(main())
