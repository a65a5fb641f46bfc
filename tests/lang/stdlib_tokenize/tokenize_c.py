# _tokenize.TokenizerIter (CPython 3.11's C tokenizer as a module): tokens, positions, the
# `line` buffer, token numbers, errors that raise and errors that end the iteration.
import _tokenize
import token
import tokenize
import warnings

CASES = [
    "a = 1\n",
    "a",
    "",
    "\n\n",
    "# only a comment",
    "x = 1 # c",
    "if x:\n    y = 1 # c\n\n  # comment\n    z = \"é\" + f\"{a}\"\nasync def f(): await x\n",
    "if x:\n  a\n b\n",
    "x = (1,\n  2)\n",
    "x = 1 + \\\n  2\n",
    "a = '''x\ny''' + 1\n",
    "a = 'x\\\ny' + 1\nb\n",
    "a\r\nb\r\n",
    "a\rb\r",
    "if x:\n    y",
    "\tif x:\n        \ty\n",
    "x = $\n",
    "x = ? ! `\n",
    "a <> b != c\n",
    "x = é\n",
    "Örter = u'places'\ngrün = U'green'",
    "def f():\n    pass\n\n\n",
    "if x:\n    y = '''a\nb'''\n",
    "x = 1_000j + 0x_ff + 1.5e-3 + .5 + 1. + 0o17 + 0b101 + 1E5J\n",
    "print(a , b)\n",
    "a = b'\\xff' + rb'x' + Rb\"y\" + BR'''z''' + f'{x!r:>{w}}' + rf\"{y}\"\n",
    "x = 'é'\n  # c\n",
    "\x0cx\n",
    "x = 1;\n",
    "@decorator\nclass A: ...\n",
    "x = (\n# c\n1)\n",
    "x = [\n  1,\n\n  2,\n]\n",
    "def f(a, *, b=1, **k) -> int:\n    return a ** b // 2 @ m\n",
    "a += 1; b -= 2; c *= 3; d /= 4; e //= 5; f %= 6; g @= 7\n",
    "h **= 2; i >>= 1; j <<= 1; k &= 1; l |= 1; m ^= 1; n := 5\n",
    "x = a if b else c\nlambda: (yield)\n",
    "match x:\n    case [1, *rest]:\n        pass\n    case _:\n        pass\n",
    "class async(Bar): pass\nawait = 1\n",
    "if a:\n    if b:\n        pass\n  \n    # c\n    x\ny\n",
    "def fib(n):\n    \\\n'''doc'''\n    \\\na, b = 0, 1\n",
    "pass\n    \\\n\npass\n",
    "if x:\n    y = 1\n    \\\n            \\\n        \\\n    \\\n    foo = 1\n",
    "x = \\\n",
    "x = 1 \\ 2\n",
    "if x:\n\tpass\n        pass\n",
    "f(\n",
    "0xff <= 255\n",
    "1if x else 2\n",
    "x = ~1 - -2 + +3\n",
    "a.b.c[1:2, ::3]\n",
    "\u00a0x\n",
    "x\x0b= 1\n",
]

ERRORS = [
    "s = 'abc\n", 's = """abc\nde\n', "x = 1e\n", "x = 0b2\n", "x = )\n", "x = (]\n",
    "0777\n", "(1+2]", "(1+2}", "{1+2]", "1_", "1.2_", "1e2_", "1e+", "\xa0", "€", "0b12",
    "0b1_2", "0b1_", "0b", "0o18", "0o1_8", "0o8", "0o1_", "0o", "0x1_", "0x", "012",
    "'sdfsdf", "'''sdfsdf''", "(" * 1000 + "a" + ")" * 1000, "]", "x = (\n1]\n",
    "a = 1\nb = 'x\n", "1__0\n", "x = 5y\n", "1.e\n", "0x1g\n", "ab€c = 1\n",
]


def show(src):
    print(repr(src))
    try:
        for tok in _tokenize.TokenizerIter(src):
            s, typ, l1, l2, c1, c2, line = tok
            print("  ", token.tok_name[typ], repr(s), (l1, c1), (l2, c2), repr(line))
    except SyntaxError as e:
        print("   error", type(e).__name__, e.args)


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for src in CASES + ERRORS:
        show(src)
    for w in caught:
        print("warning", w.category.__name__, w.message, w.filename, w.lineno)

with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        list(_tokenize.TokenizerIter("1if x else 2\n"))
    except SyntaxError as e:
        print("warning as error:", type(e).__name__, e.args)

# the module and the iterator protocol
T = _tokenize.TokenizerIter
print(T.__name__, T.__module__, [n for n in dir(_tokenize) if not n.startswith("__")])
it = T(source="a")
print(iter(it) is it, next(it), next(it))
for _ in range(2):
    try:
        next(it)
    except StopIteration as e:
        print("StopIteration", e.args)
it = T("x = )\n")
try:
    list(it)
except SyntaxError as e:
    print("raised:", e.msg)
for args, kw in [((), {}), ((1,), {}), (("a\0b",), {}), (("\ud800",), {}), (("a", "b"), {}),
                 ((), {"src": "x"})]:
    try:
        print(list(T(*args, **kw)))
    except Exception as e:
        print(type(e).__name__, e)
try:
    class S(T):
        pass
except TypeError as e:
    print("TypeError", e)

# tokenize's wrapper over it
for info in tokenize._generate_tokens_from_c_tokenizer("def f(x):\n    return x  # id\n"):
    print(info)
