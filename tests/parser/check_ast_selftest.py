"""check_ast_selftest.py: checks the AST library (compiler/ast*.c) without the parser.

Run by /usr/bin/python3.11 (the oracle) with the path of the ast_selftest program:
  - arena and sequences: alignment, zeroing, growth; the printer's depth limit (ast_selftest
    arena);
  - hand-built trees: each must dump exactly as ast.dump(ast.parse(SOURCE)) does, plain and
    with include_attributes=True;
  - constants: number literals (pyrs_const_number), every code point in str reprs, every
    byte in bytes reprs, quote choices: each repr must equal CPython's repr().
Prints a summary and exits 1 on any mismatch.
"""
import ast
import random
import struct
import subprocess
import sys

TREES = {
    "assign": "x = 1 + 2.5",
    "def": "def f(a, /, b=1, *c, d, e=2, **g):\n    return a",
    "import": "from . import a as b",
    "match": "match x:\n    case {1: a, **r} | [*_]: pass",
    "dict_cmp": 'd = {**a, 1: u"x"}\nif a < b <= c: del x.y, z[1:2]',
    "try": "try:\n    pass\nexcept E as e:\n    raise\nfinally:\n    global g",
    "lambda": "lambda: (yield)",
}

# Singleton classes ast.walk yields but which are plain enums in pyrs.
ENUM_CLASSES = (ast.expr_context, ast.boolop, ast.operator, ast.unaryop, ast.cmpop)

NUMBERS = [
    "0", "00", "0_0", "7", "1_000", "0x_FF", "0XdeadBEEF", "0o17", "0O7_7", "0b1010", "0B1",
    "123456789012345678901234567890", "9223372036854775807", "9223372036854775808",
    "0x" + "f" * 200, "0b" + "1" * 300, "0o" + "7" * 100, "1" * 4300, "1" * 4301, "2" * 5000,
    "1.0", "1e16", "1e15", "1e-5", "1e-4", "0.0001", "0.00001", "1.5e300", "1e400", "1e-400",
    ".5", "5.", "1_0.0_1e1_0", "1E5", "123456789.123456789", "0.1", "1e22", "1e23", "2e-7",
    "4.9e-324", "2.2250738585072014e-308", "1.7976931348623157e308", "9007199254740993.0",
    "1j", "1.5j", "1e16j", "0j", "1e400j", "100j", "3.14J", "1_2j", "0.000001j", "1e-7j",
    "12345678901234567j", "1234567890123456.0", "12345678901234567.0", "0e0", "00.0",
]


def random_numbers(rng):
    out = []
    for _ in range(3000):
        bits = rng.getrandbits(64) & ~(1 << 63)
        x = struct.unpack("<d", struct.pack("<Q", bits))[0]
        if x != x or x == float("inf"):
            continue
        out.append(repr(x))
        out.append("%.*e" % (rng.randint(0, 25), x))
    # Powers of two have a lopsided round-trip interval (the shortest repr is not always the
    # correctly rounded one); subnormals have few significant bits.
    for e in range(1, 2047):
        out.append(repr(struct.unpack("<d", struct.pack("<Q", e << 52))[0]))
    for _ in range(1000):
        out.append(repr(struct.unpack("<d", struct.pack("<Q", rng.getrandbits(52)))[0]))
    for _ in range(500):
        x = rng.random() * 10 ** rng.randint(-30, 30)
        out.append(repr(x))
        out.append(repr(x) + "j")
        out.append(str(rng.getrandbits(rng.randint(1, 400))))
        out.append(hex(rng.getrandbits(rng.randint(1, 400))))
    return out


def expected_number(text):
    try:
        return repr(eval(compile(text, "<num>", "eval")))
    except SyntaxError as e:
        return "ERROR " + e.msg


def str_samples(rng):
    out = []
    for base in range(0, 0x110000, 256):
        out.append("".join(map(chr, range(base, base + 256))))
    for q in ["'", '"', "'\"", "a'b", 'a"b', "\\", "", "it's \"q\"", "\x7f\x80\xa0\xad"]:
        out.append(q)
    for _ in range(200):
        out.append("".join(chr(rng.randint(0, 0x2FFFF)) for _ in range(rng.randint(0, 20))))
    return out


def bytes_samples():
    return [bytes(range(256)), b"'", b'"', b"'\"", b"a'b", b'a"b', b"", b"\\x"]


def run(prog, mode, stdin=b""):
    res = subprocess.run([prog, mode], input=stdin, stdout=subprocess.PIPE, timeout=120)
    if res.returncode != 0:
        print("FAIL: %s %s exited with %d" % (prog, mode, res.returncode))
        sys.exit(1)
    return res.stdout.decode("utf-8").split("\n")[:-1]


def check_trees(prog):
    bad = 0
    lines = run(prog, "trees")
    for line in lines:
        case, attrs, nodes, got = line.split("\t", 3)
        tree = ast.parse(TREES[case])
        want = ast.dump(tree, include_attributes=attrs == "1")
        if got != want:
            bad += 1
            print("tree %s attrs=%s differs:\n  got:  %s\n  want: %s" % (case, attrs, got, want))
        want_nodes = sum(1 for n in ast.walk(tree) if not isinstance(n, ENUM_CLASSES))
        if int(nodes) != want_nodes:
            bad += 1
            print("tree %s: pyrs_ast_children reached %s nodes, ast.walk %d" % (case, nodes, want_nodes))
    if len(lines) != 2 * len(TREES):
        bad += 1
        print("expected %d tree dumps, got %d" % (2 * len(TREES), len(lines)))
    print("trees: %d dumps, %d different" % (len(lines), bad))
    return bad


def check_consts(prog):
    rng = random.Random(311)
    items = [("num", t.encode(), expected_number(t)) for t in NUMBERS + random_numbers(rng)]
    items += [("str", s.encode("utf-8", "surrogatepass"), repr(s)) for s in str_samples(rng)]
    items += [("bytes", b, repr(b)) for b in bytes_samples()]
    parts = [0.0, -0.0, 1.0, -1.0, 2.5, 1e16, -1e-5, 1e300, float("inf"), -float("inf"),
             float("nan"), 123456.789]
    items += [("complex", ("%r %r" % (r, i)).encode(), repr(complex(r, i)))
              for r in parts for i in parts]
    stdin = "".join("%s\t%s\n" % (kind, payload.hex()) for kind, payload, _ in items)
    got = run(prog, "const", stdin.encode())
    bad = 0
    for (kind, payload, want), line in zip(items, got):
        if line != want:
            bad += 1
            if bad <= 20:
                shown = payload[:60].decode("utf-8", "backslashreplace")
                print("%s %r:\n  got:  %.300s\n  want: %.300s" % (kind, shown, line, want))
    if len(got) != len(items):
        bad += 1
        print("expected %d reprs, got %d" % (len(items), len(got)))
    print("constants: %d checked, %d different" % (len(items), bad))
    return bad


def check_arena(prog):
    lines = run(prog, "arena")
    print("arena: %s" % (lines[-1] if lines else "no output"))
    return 0 if lines == ["arena ok"] else 1


def main():
    prog = sys.argv[1]
    bad = check_arena(prog) + check_trees(prog) + check_consts(prog)
    print("PASS" if bad == 0 else "FAIL")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
