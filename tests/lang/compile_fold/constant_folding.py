# Constant folding as CPython 3.11's AST optimizer does it: which expressions become
# constants (co_consts shows them), the size limits, operations left to run time because
# they fail, `not` over is/in, list/set displays iterated by for/in, and the literal
# warnings seen through folded constants.
import warnings

def show(c):
    r = repr(c)
    return r if len(r) < 60 else f"<{type(c).__name__} of length {len(c)}>"

def consts(src):
    code = compile(src, "<fold>", "eval")
    return "[" + ", ".join(show(c) for c in code.co_consts if c is not None) + "]"

cases = [
    "(1, 2, (3, 4))", "-5", "+5", "~5", "not 1", "not ()", "2 ** 10", "2 ** 127", "2 ** 200",
    "1 << 127", "1 << 129", "'x' * 3", "3 * 'x'", "'ab' * 2048", "'ab' * 2049", "b'q' * 4",
    "(1, 2) * 128", "(1, 2) * 129", "((1, 2),) * 3", "'abc'[1]", "'abc'[-1]", "(1, 2, 3)[0]",
    "(1, 2)[5]", "1 / 0", "1 // 0", "7 % 3", "'%s' % 5", "2 ** -1", "10 / 4", "7 // 2",
    "6 & 3", "6 | 3", "6 ^ 3", "-7 >> 1", "1.5 + 2j", "'a' + 'b'", "b'a' + b'b'",
    "(1, 2) + (3,)", "'a' + 1", "(-0.0, 0.0)", "(0.0, -0.0)", "(1, 1.0, True)",
    "(True, 1, 1.0)", "x in [1, 2]", "x in {1, 2}", "x not in [a, 2]", "x in (1, [2])",
    "[y for y in [1, 2]]", "{y for y in {3, 4}}", "not x in y", "not x is y",
    "not x == y", "not x < y", "(a, 1)", "(*a, 1)", "[1, 2]", "{1, 2}", "{'k': 1}",
    "2 ** 64 * 2 ** 64", "2 ** 64 * 2 ** 65", "1e308 * 10", "10 ** 39", "(1,) * -1",
    "'' * 100000", "() * 100000", "3 @ 4", "~True", "-True", "--5", "'abc'['x']",
    "frozenset() | {1}", "None + 1",
]
for src in cases:
    try:
        print(f"{src!r:24} -> {consts(src)}")
    except Exception as e:
        print(f"{src!r:24} -> {type(e).__name__}: {e}")

def run_time_errors():
    for src in ("1 / 0", "(1, 2)[5]", "'a' + 1", "1 << -1", "None + 1"):
        try:
            eval(src)
        except Exception as e:
            print(src, "->", type(e).__name__, e)
run_time_errors()

def loop_shapes(x):
    out = []
    for i in [1, 2, 3]:
        out.append(i)
    for i in {7}:
        out.append(i)
    out.append(x in {"a", "b"})
    out.append(x not in ["a", "c"])
    out.append([c * 2 for c in ["p", "q"]])
    out.append(not x in "xyz")
    out.append(not x is None)
    return out
print(loop_shapes("a"), loop_shapes("z"))
print([type(c).__name__ for c in loop_shapes.__code__.co_consts if type(c).__name__ != "code" and c is not None])

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    for src in ("x is (1, 2)", "x is -1", "x is not (1,) * 2", "x is ()", "x is not None",
                "(1, 2)(3)", "(1 + 2)(3)", "'abc'[1.5]", "(1, 2)['a']", "(2 ** 3)[0]",
                "assert (x, 'msg')", "assert ()", "assert (1, 2) * 2"):
        mode = "exec" if src.startswith("assert") else "eval"
        try:
            compile(src, "<w>", mode)
        except SyntaxError as e:
            print("SyntaxError", e)
    for item in w:
        print(item.category.__name__, item.message)

# a str folded from parts is not a docstring, as in CPython
ns = {}
exec(compile("def f():\n    'doc' + 'string'\n    return 1\n", "<d>", "exec"), ns)
print(ns["f"].__doc__, ns["f"]())
