# bool, None, NotImplemented and Ellipsis: truthiness rules, operators, reprs, singletons, and
# __bool__/__len__ protocols with their errors.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


for v in [0, 1, -1, 0.0, -0.0, 0j, "", " ", b"", [], [0], (), {}, set(), frozenset(), range(0),
          range(1), None, Ellipsis, NotImplemented, float("nan"), object()]:
    print(type(v).__name__, bool(v), not v)
print(True and 3, 0 and 1 / 0, 0 or "x", "" or [] or None, 1 or 1 / 0, None is None, not None)
print(True == 1, True is True, False < True, True + True, sum([True] * 7), str(True), repr(False))
print(True & True, True | False, True ^ True, type(True & True).__name__, type(True + 1).__name__)
print(repr(None), str(None), type(None).__name__, hash(None) == hash(None), None == 0, None != False)
print(repr(...), Ellipsis is ..., repr(NotImplemented), type(...)().__repr__(), type(None)() is None)
class Truthy:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        return self.v
class Sized:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
class Both:
    def __bool__(self):
        return False
    def __len__(self):
        return 5
show("bool True", lambda: bool(Truthy(True)))
show("bool int", lambda: bool(Truthy(1)))
show("bool str", lambda: not Truthy("yes"))
show("len 0", lambda: bool(Sized(0)))
show("len 3", lambda: bool(Sized(3)))
show("len neg", lambda: bool(Sized(-1)))
show("len float", lambda: bool(Sized(1.5)))
show("len huge", lambda: bool(Sized(2**100)))
show("bool first", lambda: bool(Both()))
show("if raises", lambda: [1 for _ in [0] if Truthy(None)])
show("bool ctor", lambda: (bool(), bool(x=1)))
show("bool subclass", lambda: type("B", (bool,), {}))
show("NoneType attr", lambda: None.foo)
show("NoneType args", lambda: type(None)(1))
show("NotImplemented bool", lambda: bool(NotImplemented))
show("ellipsis ops", lambda: ... + 1)
show("None add", lambda: None + 1)
show("None lt", lambda: None < None)
print(int.__bool__(0), float.__bool__(0.5), bool.__new__(bool, [1]), bool.__or__(True, 2))
