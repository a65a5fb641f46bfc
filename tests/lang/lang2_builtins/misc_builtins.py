# Less common builtins: globals/locals/vars in functions and classes, id/hash stability,
# callable on classes and instances, __build_class__, __import__ with fromlist, slice(),
# property/staticmethod/classmethod objects, object(), memoryview/bytearray via builtins,
# issubclass with abstract classes, breakpoint-free, and builtins module attributes.
import builtins


def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


def f(a, b=2):
    c = a + b
    return sorted(locals().items())


print(f(1), "f" in globals(), globals()["__name__"])


class K:
    x = 1
    names = sorted(k for k in locals() if not k.startswith("__"))


print(K.names)
o = object()
print(type(o).__name__, id(o) == id(o), hash(o) == hash(o), o != object(), o.__class__ is object)
show("object attr", lambda: setattr(o, "x", 1))
show("object args", lambda: object(1))
math = __import__("math")
path = __import__("os.path", fromlist=["join"])
print(math.floor(2.5), path.__name__, __import__("os").__name__)
show("import missing", lambda: __import__("no_such_module_xyz"))
show("import relative no package", lambda: __import__("x", globals(), None, [], 1))
show("import empty", lambda: __import__(""))
print(builtins.len is len, builtins.__name__, hasattr(builtins, "__build_class__"), type(builtins.print).__name__)
C = builtins.__build_class__(lambda: None, "Built")
print(C.__name__, type(C).__name__)
show("build_class non-func", lambda: builtins.__build_class__(1, "X"))
show("build_class no name", lambda: builtins.__build_class__(lambda: None))
s = slice(1, 10, 2)
print(s, [0, 1, 2, 3, 4, 5, 6][slice(2)], "abcdef"[slice(None, None, -2)], slice(1, 2) == slice(1, 2))
p = property(lambda self: 1, doc="documented")
print(p.__doc__, p.fget(None), p.fset, type(staticmethod(len)).__name__, classmethod(len).__func__ is len)
print(isinstance(len, type(print)), type(len).__name__, len.__name__, len.__self__ is builtins, print.__qualname__)
print(sorted(n for n in dir(builtins) if n.startswith("is")), "open" in dir(builtins))
print(abs.__name__, callable(type), callable(type(None)), type(NotImplemented).__name__)
print(iter([]).__class__.__name__, type(iter("")).__name__, type(iter({})).__name__, type(reversed([])).__name__)
print(type(zip()).__name__, type(map(len, [])).__name__, type(filter(None, [])).__name__, type(enumerate([])).__name__)
print(bin(0), oct(-0), hex(2**32), round(0.5), round(1.5), round(-1.5), pow(0, 0), divmod(0, 5))
