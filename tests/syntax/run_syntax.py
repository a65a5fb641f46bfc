#!/usr/bin/python3.11
"""CTest syntax/corpus: runs `pyrs --dump-ast FILE` on every invalid program in tests/syntax
(from the repository root, repository-relative paths, as tools/record_expected.py ran the
oracle) and compares the reported error with the recorded FILE.err: exception type, message,
line number, the shown source line and the caret line. Prints each mismatch and the match
rate. Fails when any run crashes (signal, sanitizer report, timeout) or exits 0, or when the
match rate is below the threshold (default 90%).
Usage: run_syntax.py PYRS [--min-rate PCT] [FILES...]"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
HEADER = re.compile(r'^  File "(.*)", line (\d+)$')
FINAL = re.compile(r"^(\w+): (.*)$")
CRASH_MARKS = ("AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime error:",
               "LeakSanitizer", "Segmentation fault", "Assertion")


def parse_report(text):
    """(type, message, line, source, carets) of the last SyntaxError-style report in TEXT."""
    lines = [l for l in text.split("\n") if not l.startswith("[exit status")]
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return None
    m = FINAL.match(lines[-1])
    if not m:
        return None
    etype, msg = m.group(1), m.group(2)
    lineno, source, carets = None, None, None
    for i in range(len(lines) - 2, -1, -1):
        h = HEADER.match(lines[i])
        if h:
            lineno = int(h.group(2))
            body = lines[i + 1:-1]
            if body:
                source = body[0]
            if len(body) > 1:
                carets = body[1].rstrip()
            break
    return (etype, msg, lineno, source, carets)


def corpus(args):
    if args:
        return [os.path.relpath(os.path.abspath(a), ROOT) for a in args]
    out = []
    for d, dirs, files in os.walk(HERE):
        dirs.sort()
        out += [os.path.relpath(os.path.join(d, f), ROOT) for f in sorted(files)
                if f.endswith(".py") and os.path.exists(os.path.join(d, f + ".err"))]
    return out


def run_one(pyrs, rel):
    """(report, crash reason or None)."""
    try:
        proc = subprocess.run([pyrs, "--dump-ast", rel], cwd=ROOT, capture_output=True,
                              timeout=30, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode < 0:
        return None, "signal %d" % -proc.returncode
    if any(m in err for m in CRASH_MARKS):
        return None, "sanitizer/assertion report:\n" + err
    if proc.returncode == 0:
        return None, "exit status 0 (the program was accepted)"
    return parse_report(err), None


def main(argv):
    min_rate = 90.0
    if "--min-rate" in argv:
        i = argv.index("--min-rate")
        min_rate = float(argv[i + 1])
        del argv[i:i + 2]
    pyrs, files = argv[0], argv[1:]
    crashes, matched, total = [], 0, 0
    for rel in corpus(files):
        total += 1
        with open(os.path.join(ROOT, rel + ".err"), encoding="utf-8", errors="replace") as f:
            want = parse_report(f.read())
        got, crash = run_one(pyrs, rel)
        if crash:
            crashes.append(rel)
            print("CRASH %s: %s" % (rel, crash))
            continue
        if got == want:
            matched += 1
            continue
        print("MISMATCH %s" % rel)
        names = ("type", "message", "line", "source", "carets")
        for name, g, w in zip(names, got or (None,) * 5, want or (None,) * 5):
            if g != w:
                print("    %-8s pyrs:   %r\n    %-8s oracle: %r" % (name, g, "", w))
    rate = 100.0 * matched / total if total else 0.0
    print("syntax corpus: %d/%d match (%.1f%%), %d crashes" % (matched, total, rate,
                                                               len(crashes)))
    return 0 if total and not crashes and rate >= min_rate else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
