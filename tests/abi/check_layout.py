"""ABI layout check: our headers against Debian's python3.11-dev (DESIGN.md section 2).

Compiles abi_layout.c against both header sets, runs both and compares every
"sizeof T n" / "T.field offset" line. Exit status 1 on any difference or when a struct or
field of abi_fields.def is missing from our headers (each one is located and named).
    /usr/bin/python3.11 tests/abi/check_layout.py --cc clang --ours runtime/include --work DIR
"""
import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Structs whose layout another area has not given CPython's yet: while one is absent from our
# headers it is reported as PENDING (not as checked); once defined it is checked like every
# other struct. Each entry names why it is pending, and docs/STATUS.md lists them. Empty since
# _PyInterpreterFrame became the CPython-visible part of the VM's frames (pyrs/frame.h).
PENDING = {}


def cpython_includes():
    out = subprocess.run(["/usr/bin/python3.11-config", "--includes"], check=True,
                         capture_output=True, text=True).stdout
    return out.split()


def compile_and_run(cc, flags, exe, fields_file=None):
    cmd = [cc, "-std=gnu11", "-w", "-I", HERE] + flags
    if fields_file is not None:
        cmd.append('-DABI_FIELDS_FILE="%s"' % fields_file)
    cmd += [os.path.join(HERE, "abi_layout.c"), "-o", exe]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        return None, res.stderr
    run = subprocess.run([exe], check=True, capture_output=True, text=True)
    return run.stdout.splitlines(), ""


def read_groups():
    """[(struct, [lines of the def file])] in file order."""
    groups = []
    for line in open(os.path.join(HERE, "abi_fields.def")):
        m = re.match(r"ABI_(STRUCT|FIELD|CONST)\((\w+)", line)
        if not m:
            continue
        if m.group(1) != "FIELD":
            groups.append((m.group(2), []))
        groups[-1][1].append(line.rstrip("\n"))
    return groups


def locate_missing(cc, flags, work):
    """Compile ours struct by struct (then field by field) to name what is missing."""
    missing, lines = [], []
    for struct, defs in read_groups():
        path = os.path.join(work, "one.def")
        with open(path, "w") as f:
            f.write("\n".join(defs) + "\n")
        out, _ = compile_and_run(cc, flags, os.path.join(work, "abi_one"), path)
        if out is not None:
            lines += out
            continue
        with open(path, "w") as f:
            f.write(defs[0] + "\n")
        out, _ = compile_and_run(cc, flags, os.path.join(work, "abi_one"), path)
        if out is None:
            kind = "constant" if defs[0].startswith("ABI_CONST") else "struct"
            missing.append("%s %s" % (kind, struct))
            continue
        lines += out
        for d in defs[1:]:
            with open(path, "w") as f:
                f.write(d + "\n")
            out, _ = compile_and_run(cc, flags, os.path.join(work, "abi_one"), path)
            if out is None:
                missing.append("field %s" % d[len("ABI_FIELD("):-1].replace(", ", "."))
            else:
                lines += out
    return lines, missing


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cc", default="clang")
    ap.add_argument("--ours", required=True, help="our include directory")
    ap.add_argument("--work", required=True, help="scratch directory")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    ref, err = compile_and_run(args.cc, ["-DPYRS_ABI_CPYTHON=1"] + cpython_includes(),
                               os.path.join(args.work, "abi_cpython"))
    if ref is None:
        print("cannot build the reference checker against python3.11-dev:\n" + err)
        return 1
    ours_flags = ["-DPYRS_ABI_CPYTHON=0", "-I", args.ours]
    ours, err = compile_and_run(args.cc, ours_flags, os.path.join(args.work, "abi_ours"))
    missing = []
    if ours is None:
        ours, missing = locate_missing(args.cc, ours_flags, args.work)
    ours_map = {l.rsplit(" ", 1)[0]: l for l in ours}
    diffs = 0
    for line in ref:
        key = line.rsplit(" ", 1)[0]
        got = ours_map.get(key)
        if got is None:
            continue  # reported as missing
        if got != line:
            print("DIFF  expected %-50s got %s" % (line, got.rsplit(" ", 1)[1]))
            diffs += 1
    pending = [m for m in missing if m.split(" ", 1)[1] in PENDING and m.startswith("struct ")]
    missing = [m for m in missing if m not in pending]
    for m in missing:
        print("MISSING %s" % m)
    for m in pending:
        print("PENDING %s: %s" % (m, PENDING[m.split(" ", 1)[1]]))
    print("%d lines checked, %d differences, %d missing, %d pending (not checked)"
          % (len(ref), diffs, len(missing), len(pending)))
    return 1 if diffs or missing else 0


if __name__ == "__main__":
    sys.exit(main())
