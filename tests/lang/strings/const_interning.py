# str constants made of ASCII letters, digits and '_' are interned by the compiler (CPython's
# intern_string_constants), so equal constants of different modules are one object; other
# constants are not. Also nested tuples, frozensets, names, compile() and marshal.
import marshal
import sys

from interning_support import consts


def same(a, b):
    return a is b


pairs = [
    ("ROUND_UP", same("ROUND_UP", consts.ROUND_UP)),
    ("abc_123", same("abc_123", consts.IDENT)),
    ("_", same("_", consts.UNDERSCORE)),
    ("2024", same("2024", consts.DIGITS)),
    ("", same("", consts.EMPTY)),
]
for name, r in pairs:
    print("ident", repr(name), r)

# other constants: equal, but separate objects per module
for mine, theirs in (("hello world", consts.SPACED), ("a-b", consts.DASHED),
                     ("a.b", consts.DOTTED), ("café", consts.ACCENT)):
    print("other", repr(mine), mine == theirs, mine is theirs)

# nested tuples: identifier-like items inside are interned too
print(same(consts.NESTED[0], "inner_name"), same(consts.NESTED[1][0], "deeper_name"))
print(consts.NESTED[1][1] == "not an ident", same(consts.NESTED[1][1], "not an ident"))

# dict keys from another module's literal are the same objects as ours
keys = list(consts.KEYS)
print(same(keys[0], "key_a"), same(keys[1], "key b"), consts.KEYS["key_a"], consts.KEYS["key b"])

# strings made at run time are not interned until sys.intern
made = "".join(["ROUND", "_UP"])
print(made == consts.ROUND_UP, made is consts.ROUND_UP, sys.intern(made) is consts.ROUND_UP)
made2 = "-".join(["a", "b"])
print(sys.intern(made2) is sys.intern(consts.DASHED))

# membership in a set display of constants
def member(x):
    return x in {"alpha_set", "beta set"}


print(member("alpha_set"), member("gamma"))

# names, parameter names and attribute names are interned
def f(alpha_param, some_attribute=None):
    return alpha_param


print(f.__code__.co_varnames[0] is consts.PARAM, f.__code__.co_varnames[1] is consts.ATTR)
print(same(f.__code__.co_name, "f"), same(consts.names.__code__.co_name, "names"))
print([n is m for n, m in zip(consts.names(), ["ROUND_UP", "abc_123", "hello world"])])

# compile() at run time interns the same way
ns = {}
exec(compile("a = 'ROUND_UP'\nb = 'hello world'\nc = ('deeper_name',)", "<dyn>", "exec"), ns)
print(ns["a"] is consts.ROUND_UP, ns["b"] is consts.SPACED, same(ns["c"][0], "deeper_name"))
co = compile("'zeta_q', 'zeta q'", "<dyn>", "eval")
v = eval(co)
print(same(v[0], "zeta_q"), same(v[1], "zeta q"), v == ("zeta_q", "zeta q"))

# marshal round trip: loaded identifier constants are the interned ones
data = marshal.dumps(("ROUND_UP", "hello world", ("abc_123",)))
loaded = marshal.loads(data)
print(loaded[0] is consts.ROUND_UP, loaded[1] is consts.SPACED, loaded[2][0] is consts.IDENT)
code2 = marshal.loads(marshal.dumps(compile("x = 'abc_123'", "<m>", "exec")))
ns2 = {}
exec(code2, ns2)
print(ns2["x"] is consts.IDENT)

# identity works as a dict fast path: a key from one module finds the other module's value
table = {consts.ROUND_UP: "up", consts.SPACED: "spaced"}
print(table["ROUND_UP"], table["hello world"], same(getattr(consts, "ROUND_UP"), "ROUND_UP"))
print(len(consts.LONG_IDENT), consts.LONG_IDENT == "x" * 5000)
