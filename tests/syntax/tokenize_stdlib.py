#!/usr/bin/python3.11
"""CTest tokenize/stdlib: tokenizes every .py of the oracle's installed stdlib with pyrs's
tokenizer (tok_dump) and with the oracle's tokenize module, and compares the kind and the
start/end positions of every NAME/NUMBER/STRING/OP token (keywords count as NAME, operators
as OP). Prints each mismatching file's first difference and the agreement rate; fails on any
crash, or when fewer than 99.5% of the files agree exactly.
Usage: tokenize_stdlib.py TOK_DUMP [FILES...]"""
import io
import os
import subprocess
import sys
import sysconfig
import tokenize

KEEP = {tokenize.NAME, tokenize.NUMBER, tokenize.STRING, tokenize.OP}


def oracle_tokens(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        toks = list(tokenize.tokenize(io.BytesIO(data).readline))
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError):
        return None
    out = []
    for t in toks:
        if t.type in KEEP:
            kind = {tokenize.NAME: "NAME", tokenize.NUMBER: "NUMBER",
                    tokenize.STRING: "STRING"}.get(t.type, "OP")
            out.append((kind, t.start, t.end))
    return out


def byte_cols(path):
    # tokenize reports character columns; tok_dump reports UTF-8 byte columns.
    with open(path, "rb") as f:
        data = f.read()
    enc, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    text = data.decode(enc).replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def pyrs_tokens(tok_dump, paths):
    proc = subprocess.run([tok_dump] + paths, capture_output=True)
    if proc.returncode < 0:
        return None, "crashed with signal %d" % -proc.returncode
    res, cur = {}, None
    for line in proc.stdout.decode("utf-8", "replace").split("\n"):
        if line.startswith("FILE "):
            cur = line[5:]
            res[cur] = []
            continue
        parts = line.split(" ", 5)
        if cur is None or len(parts) < 5 or not all(x.isdigit() for x in parts[1:5]):
            if cur is not None and line.strip():
                res[cur].append(("ERROR", line))
            continue
        kind = parts[0]
        if kind in ("NEWLINE", "INDENT", "DEDENT", "ENDMARKER"):
            continue
        if kind.startswith("KW_"):
            kind = "NAME"
        elif kind not in ("NAME", "NUMBER", "STRING"):
            kind = "OP"
        res[cur].append((kind, (int(parts[1]), int(parts[2])), (int(parts[3]), int(parts[4]))))
    return res, None


def to_bytes(lines, pos):
    line, col = pos
    if 0 < line <= len(lines):
        return (line, len(lines[line - 1][:col].encode("utf-8")))
    return pos


def main():
    tok_dump = sys.argv[1]
    paths = sys.argv[2:]
    if not paths:
        root = sysconfig.get_paths()["stdlib"]
        for d, dirs, files in os.walk(root):
            dirs[:] = sorted(x for x in dirs if x not in ("site-packages", "dist-packages"))
            paths += [os.path.join(d, f) for f in sorted(files) if f.endswith(".py")]
    good = bad = skipped = 0
    for i in range(0, len(paths), 200):
        chunk = paths[i:i + 200]
        got, crash = pyrs_tokens(tok_dump, chunk)
        if crash:
            print("FAIL: tok_dump %s on one of %s ..." % (crash, chunk[0]))
            return 1
        for p in chunk:
            exp = oracle_tokens(p)
            if exp is None:
                skipped += 1
                continue
            lines = byte_cols(p)
            exp = [(k, to_bytes(lines, s), to_bytes(lines, e)) for k, s, e in exp]
            have = got.get(p, [])
            if have == exp:
                good += 1
                continue
            bad += 1
            for j, (a, b) in enumerate(zip(have + [None] * len(exp), exp + [None] * len(have))):
                if a != b:
                    print("MISMATCH %s token %d: pyrs %s, oracle %s" % (p, j, a, b))
                    break
    total = good + bad
    rate = 100.0 * good / total if total else 0.0
    print("tokenize/stdlib: %d/%d files agree (%.2f%%), %d not tokenizable by the oracle"
          % (good, total, rate, skipped))
    return 0 if total and rate >= 99.5 else 1


if __name__ == "__main__":
    sys.exit(main())
