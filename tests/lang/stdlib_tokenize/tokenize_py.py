# The pure-Python tokenize module: generate_tokens, tokenize over bytes (encoding detection),
# untokenize round trips, and its errors (TokenError, IndentationError).
import io
import token
import tokenize

SOURCES = [
    "a = 1\n",
    "def f(x, *a, **k) -> int:\n    '''doc'''\n    return x ** 2  # square\n",
    "if x:\n    y = [\n        1,\n        2,\n    ]\n\n# trailing comment\n",
    "s = f'{a!r}' + rb'\\x00' + '''multi\nline''' + \"q\"\n",
    "x = 1 + \\\n    2\n",
    "async def g():\n    await h()\n    async with a as b:\n        pass\n",
    "x = 0xff + 0o7 + 0b1 + 1_000 + 1.5e-3j + .5\n",
    "class A:\n\tdef m(self): return self\n",
    "a @= b; c //= d; e **= f; g := 1\n",
    "x = 1",
    "\n\n  # just a comment\n",
    "print('é', \"ü\")\n",
    "a <> b\n",
    "x = $y\n",
]


def dump(tokens):
    for t in tokens:
        print("  ", token.tok_name[t.type], token.tok_name[t.exact_type], repr(t.string),
              t.start, t.end, repr(t.line))


for src in SOURCES:
    print(repr(src))
    try:
        toks = list(tokenize.generate_tokens(io.StringIO(src).readline))
    except (tokenize.TokenError, SyntaxError) as e:
        print("   error", type(e).__name__, e.args)
        continue
    dump(toks)
    print("   untokenize full:", tokenize.untokenize(toks) == src)
    print("   untokenize pairs:", repr(tokenize.untokenize((t.type, t.string) for t in toks)))

# bytes input: ENCODING token, cookies, BOM
for data in [b"x = 1\n", b"# -*- coding: latin-1 -*-\nx = '\xe9'\n", b"\xef\xbb\xbfy = 2\n",
             b"#!/usr/bin/env python\n# coding=utf-8\nz = 3\n"]:
    print(repr(data))
    toks = list(tokenize.tokenize(io.BytesIO(data).readline))
    dump(toks)
    print("   detect_encoding:", tokenize.detect_encoding(io.BytesIO(data).readline))
    print("   round trip:", tokenize.untokenize(toks) == data)

for data in [b"# coding: nope\n", b"\xef\xbb\xbf# coding: latin-1\n", b"x = '\xff'\n"]:
    try:
        print(tokenize.detect_encoding(io.BytesIO(data).readline))
        list(tokenize.tokenize(io.BytesIO(data).readline))
    except SyntaxError as e:
        print(type(e).__name__, e)

# errors of the pure tokenizer
for src in ["x = (1,\n", "s = '''abc\n", "if x:\n    a\n  b\n", "x = \\\n"]:
    try:
        dump(tokenize.generate_tokens(io.StringIO(src).readline))
    except (tokenize.TokenError, IndentationError) as e:
        print("   error", type(e).__name__, e.args)

# TokenInfo and helpers
t = tokenize.TokenInfo(tokenize.OP, "+=", (1, 2), (1, 4), "a += 1\n")
print(t, t.exact_type == token.PLUSEQUAL, t._replace(string="-=").exact_type == token.MINEQUAL)
print(tokenize.ISTERMINAL(token.NAME), tokenize.ISNONTERMINAL(300), tokenize.ISEOF(0))
print(sorted(tokenize.EXACT_TOKEN_TYPES.items())[:5])
print(len(tokenize.EXACT_TOKEN_TYPES), tokenize.COMMENT, tokenize.NL, tokenize.ENCODING)
with open(tokenize.__file__, "rb") as f:
    enc, lines = tokenize.detect_encoding(f.readline)
print(enc, len(lines))
with tokenize.open(tokenize.__file__) as f:
    print(f.encoding, f.readline().startswith('"""'))
