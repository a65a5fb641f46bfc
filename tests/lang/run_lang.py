#!/usr/bin/python3.11
"""Runs one tests/lang program and compares it with the oracle's recording.
Usage: run_lang.py ROOT PROGRAM (pyrs RELPATH | aot PYRSC BUILD_DIR RELPATH)
  pyrs:  runs `pyrs RELPATH` from ROOT;
  aot:   builds RELPATH with `pyrsc` into BUILD_DIR, then runs the executable from ROOT.
         The executable (~10 MB, ~25 MB under ASan) is deleted after a passing run so that
         hundreds of them do not fill the disk; a failing one is kept for debugging.
stdout must equal RELPATH.exp; stderr plus "[exit status N]" (when N != 0) must equal
RELPATH.err (empty when that file is absent). Prints what differs; exit 0 only on a match."""
import os
import subprocess
import sys


def expected(root, rel):
    with open(os.path.join(root, rel + ".exp"), "rb") as f:
        out = f.read()
    err_path = os.path.join(root, rel + ".err")
    err = b""
    if os.path.exists(err_path):
        with open(err_path, "rb") as f:
            err = f.read()
    return out, err


def run(cmd, root):
    env = dict(os.environ, PYTHONHASHSEED="0")
    proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    # absolute paths under the root are written root-relative, as tools/record_expected.py
    # writes the oracle's
    prefix = (os.path.realpath(root) + "/").encode()
    out = proc.stdout.replace(prefix, b"")
    err = proc.stderr.replace(prefix, b"")
    if proc.returncode < 0:
        return out, err, f"killed by signal {-proc.returncode}"
    if proc.returncode != 0:
        err += b"[exit status %d]\n" % proc.returncode
    return out, err, None


def show_diff(what, got, want):
    import difflib
    for line in difflib.unified_diff(want.decode("utf-8", "replace").splitlines(),
                                     got.decode("utf-8", "replace").splitlines(),
                                     f"expected {what}", f"pyrs {what}", lineterm="", n=2):
        print(line)


def main(argv):
    root, mode = argv[1], argv[2]
    if mode == "pyrs":
        rel = argv[4]
        cmd = [argv[3], rel]
    else:
        pyrsc, build_dir, rel = argv[3], argv[4], argv[5]
        exe = os.path.join(build_dir, rel.replace("/", "_")[:-3])
        os.makedirs(build_dir, exist_ok=True)
        b = subprocess.run([pyrsc, rel, "-o", exe], cwd=root, capture_output=True, timeout=300)
        if b.returncode != 0:
            print("pyrsc failed:", b.stderr.decode("utf-8", "replace"))
            return 1
        cmd = [exe]
    want_out, want_err = expected(root, rel)
    out, err, crash = run(cmd, root)
    if crash:
        print(f"{rel}: {crash}")
        print(err.decode("utf-8", "replace")[-2000:])
        return 1
    ok = compare(rel, out, err, want_out, want_err)
    if ok and mode == "aot":
        os.unlink(cmd[0])
    return 0 if ok else 1


def compare(rel, out, err, want_out, want_err):
    ok = True
    if out != want_out:
        ok = False
        show_diff("stdout", out, want_out)
    if err != want_err:
        ok = False
        show_diff("stderr", err, want_err)
    print(f"{rel}: {'ok' if ok else 'DIFFERENT'}")
    return ok


if __name__ == "__main__":
    sys.exit(main(sys.argv))
