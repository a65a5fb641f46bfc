# symtable.symtable over programs exercising every kind of scope: block types, names, lines,
# nesting, parameters, locals/globals/nonlocals/frees, methods, and each Symbol predicate.
import symtable
import _symtable

SOURCES = {
    "basic": """
import sys, os.path as osp
from collections import OrderedDict as OD, deque
glob = 42
x: int = 3
y: "str"
(z): int = 1
class Mine:
    instance_var = 24
    __private = 1
    def a_method(self, p1, p2=lambda q: q):
        return self.__private + p1
    @staticmethod
    def __smethod(*args, **kw):
        return super().__init__
    class Inner:
        pass

def spam(a, b, /, c, *var, d, e=1, **kw):
    global bar
    bar = 47
    some_var = 10
    x = 23
    def internal():
        return x
    def other_internal():
        nonlocal some_var
        some_var = 3
        return some_var
    return internal, glob

async def coro(n):
    async for i in n:
        await i
    return [j async for j in n]
""",
    "comprehensions": """
def f(seq):
    a = [x * y for x in seq for y in range(x) if y]
    b = {k: v for k, v in seq}
    c = {s for s in seq}
    d = (g for g in seq)
    e = [[w for w in row] for row in seq]
    if (n := len(seq)) > 1:
        return [m for m in seq if (last := m)], last, n
    return a, b, c, d, e
total = [t for t in range(3) if (found := t)]
lam = lambda p, *q, r=2, **s: (p, q, r, s, lam)
""",
    "closures": """
def outer():
    cell = 1
    shadow = 2
    def middle():
        def inner():
            nonlocal cell
            cell += 1
            return cell, shadow
        return inner
    class K:
        shadow = 3
        def meth(self):
            return shadow, cell, __class__
    return middle, K

def user_of_super():
    class A:
        def m(self):
            return super().m()
    return A
""",
    "globals": """
counter = 0
def bump():
    global counter, fresh
    counter += 1
    fresh = 1
    del counter
def reader():
    return counter + undefined_name
try:
    pass
except ValueError as err:
    pass
for i, (j, *k) in []:
    pass
with open('f') as fh, open('g') as (gh):
    pass
match counter:
    case [1, *rest]: pass
    case {'a': av, **others}: pass
    case Point(x=px) | Point(y=px) as whole: pass
""",
    "postponed": """
from __future__ import annotations
def f(a: int, *b: L, c: K = 1, **d: M) -> R:
    v: list = 1
    (w): T
    z.q: U = 2
    return [x for x in v]
class C:
    z: lambda: 1
    y: int = 3
""",
}


def describe_symbol(sym):
    preds = ["referenced", "imported", "parameter", "global", "declared_global", "local",
             "annotated", "free", "assigned", "namespace", "nonlocal"]
    on = [p for p in preds if getattr(sym, "is_" + p)()]
    return f"{sym.get_name()}: {' '.join(on)}"


def walk(table, depth=0):
    pad = "  " * depth
    print(f"{pad}{table.get_type()} {table.get_name()!r} line={table.get_lineno()} "
          f"optimized={table.is_optimized()} nested={table.is_nested()} "
          f"children={table.has_children()} repr={str(table)!r}")
    print(f"{pad}  ids: {sorted(table.get_identifiers())}")
    for name in sorted(table.get_identifiers()):
        sym = table.lookup(name)
        ns = len(sym.get_namespaces())
        print(f"{pad}    {describe_symbol(sym)} ns={ns}")
    if isinstance(table, symtable.Function):
        print(f"{pad}  params={table.get_parameters()} locals={sorted(table.get_locals())}")
        print(f"{pad}  globals={sorted(table.get_globals())} nonlocals={table.get_nonlocals()} "
              f"frees={sorted(table.get_frees())}")
    if isinstance(table, symtable.Class):
        print(f"{pad}  methods={table.get_methods()}")
    for child in table.get_children():
        walk(child, depth + 1)


def raw(entry, depth=0):
    syms = entry.symbols
    passing = sorted(k for k, v in syms.items() if v == _symtable.FREE << _symtable.SCOPE_OFF)
    fixed = [(k, v) for k, v in syms.items() if k not in passing]
    print("  " * depth + f"{entry.type} {entry.name} {entry.lineno} {entry.nested} "
          f"{entry.varnames} {fixed} passing={passing}")
    for c in entry.children:
        raw(c, depth + 1)


for label, src in SOURCES.items():
    print("=====", label)
    top = symtable.symtable(src, label + ".py", "exec")
    walk(top)
    raw(_symtable.symtable(src, label + ".py", "exec"))

for mode, src in [("eval", "a + (lambda b: b)(c)"), ("single", "for q in r: print(q)\n")]:
    top = symtable.symtable(src, "<" + mode + ">", mode)
    print(mode, top.get_type(), sorted(top.get_identifiers()), len(top.get_children()))

entry = _symtable.symtable("def f(): pass", "e.py", "exec")
print(type(entry).__name__, repr(entry).split("(")[0], entry.children[0].name)
print(sorted(k for k in dir(_symtable) if k.isupper()))
print([getattr(_symtable, k) for k in sorted(dir(_symtable)) if k.isupper()])
