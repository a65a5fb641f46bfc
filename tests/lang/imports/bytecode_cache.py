# Modules imported from the bytecode cache behave as when compiled from source: a package
# with classes, closures, comprehensions, exceptions and repeated names is imported, dropped
# from sys.modules and imported again from its cache; marshal round-trips code objects (names
# come back interned); atomic tuples are untracked by a collection; ABCs compute their
# abstract methods.
import abc
import gc
import importlib
import importlib.util
import marshal
import os
import sys
import tempfile

MOD_A = '''
import collections
from . import b
Point = collections.namedtuple("Point", "x y")
class Shape:
    sides = 0
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return f"{type(self).__name__}({self.name!r}, sides={self.sides})"
class Square(Shape):
    sides = 4
    def area(self, side):
        return side * side
def counter():
    n = 0
    def bump(k=1):
        nonlocal n
        n += k
        return n
    return bump
TABLE = {name: len(name) for name in ("alpha", "beta", "gamma")}
SQUARES = [i * i for i in range(6)]
CONST = ("alpha", "beta", (1, 2.5, None), b"raw", 10**20, -7, 1j)
def fail(kind):
    try:
        if kind == 0:
            return {}["missing"]
        raise b.Custom("bad", kind)
    except KeyError as e:
        return "KeyError " + repr(e.args)
    finally:
        TABLE["calls"] = TABLE.get("calls", 0) + 1
'''

MOD_B = '''
class Custom(Exception):
    def __str__(self):
        return f"custom {self.args}"
def gen(n):
    for i in range(n):
        yield i, "alpha" * (i % 2)
'''


def exercise(pkg):
    a = importlib.import_module(pkg + ".a")
    b = importlib.import_module(pkg + ".b")
    out = [repr(a.Square("sq")), a.Square("s").area(3), a.Point(1, 2), a.TABLE, a.SQUARES,
           a.CONST, list(b.gen(3))]
    bump = a.counter()
    out.append((bump(), bump(5)))
    out.append(a.fail(0))
    try:
        a.fail(1)
    except b.Custom as e:
        out.append(f"{type(e).__name__}: {e}")
    out.append(a.TABLE["calls"])
    names = [n for f in (a.Shape.__init__, a.Square.area, a.fail) for n in f.__code__.co_varnames]
    out.append(all(sys.intern(n) is n for n in names))
    return out


def cache_round(tmp):
    pkg = os.path.join(tmp, "cachepkg")
    os.mkdir(pkg)
    for name, text in (("__init__", ""), ("a", MOD_A), ("b", MOD_B)):
        with open(os.path.join(pkg, name + ".py"), "w") as f:
            f.write(text)
    sys.path.insert(0, tmp)
    sys.dont_write_bytecode = False
    try:
        first = exercise("cachepkg")
        cached = importlib.util.cache_from_source(os.path.join(pkg, "a.py"))
        print("cache written:", os.path.exists(cached))
        for name in [m for m in sys.modules if m.startswith("cachepkg")]:
            del sys.modules[name]
        importlib.invalidate_caches()
        second = exercise("cachepkg")
        print("same from cache:", first == second)
        for item in second:
            print("  ", item)
    finally:
        sys.path.remove(tmp)
        sys.dont_write_bytecode = True


def marshal_code():
    src = "def f(alpha, beta=2):\n    gamma = [alpha * k for k in range(beta)]\n" \
          "    return {'alpha': gamma, 'beta': beta, 'sum': sum(gamma)}\nRESULT = f(3)\n"
    code = compile(src, "<marshalled>", "exec")
    data = marshal.dumps(code)
    again = marshal.loads(data)
    ns = {}
    exec(again, ns)
    print("marshalled code:", ns["RESULT"], ns["f"](2, 3))
    inner = ns["f"].__code__
    print("names interned:", all(sys.intern(n) is n for n in inner.co_varnames + inner.co_names))
    for cut in (3, len(data) // 2):
        try:
            marshal.loads(data[:-cut])
        except (EOFError, ValueError, TypeError) as e:
            print("truncated:", type(e).__name__)


def gc_tuples():
    atomic = tuple(["x", 1, (2.5, None)])
    holder = tuple([[], 1])
    print("tracked before:", gc.is_tracked(atomic), gc.is_tracked(holder))
    gc.collect()
    print("tracked after:", gc.is_tracked(atomic), gc.is_tracked(atomic[2]), gc.is_tracked(holder))
    d = {"k": 1, "j": 2}
    pairs = [p for p in d.items()]
    print("items:", pairs, [gc.is_tracked(p) for p in pairs])


def abcs():
    class Base(abc.ABC):
        @abc.abstractmethod
        def run(self): ...
        @property
        @abc.abstractmethod
        def size(self): ...
        def helper(self):
            return "helper"

    class Half(Base):
        def run(self):
            return "run"

    class Full(Half):
        size = 3

    print("abstract:", sorted(Base.__abstractmethods__), sorted(Half.__abstractmethods__),
          sorted(Full.__abstractmethods__))
    for cls in (Base, Half, Full):
        try:
            obj = cls()
            print("made", type(obj).__name__, obj.run(), obj.size, obj.helper())
        except TypeError as e:
            print("TypeError:", e)
    print("isinstance:", isinstance(Full(), Base), issubclass(int, Base))


with tempfile.TemporaryDirectory() as tmp:
    cache_round(tmp)
    marshal_code()
    gc_tuples()
    abcs()
