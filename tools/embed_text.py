#!/usr/bin/python3.11
"""Writes a C file defining `const char SYMBOL[]` with the bytes of INPUT (build-time embedding
of Python sources into the runtime). Usage: embed_text.py SYMBOL INPUT OUTPUT"""
import sys

symbol, src, out = sys.argv[1:4]
data = open(src, "rb").read()
lines = [f"/* Generated from {src.rsplit('/', 1)[-1]} by tools/embed_text.py. */",
         f"extern const char {symbol}[];", f"const char {symbol}[] = {{"]
for i in range(0, len(data), 16):
    lines.append("    " + ", ".join(str(b) for b in data[i:i + 16]) + ",")
lines.append("    0};")
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")
