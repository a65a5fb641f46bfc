# _pickle and user classes: __reduce__, __reduce_ex__, __getnewargs(_ex)__, __getstate__,
# __setstate__, slots, copyreg, dispatch tables, reducer_override, persistent ids.
import copyreg
import io
import pickle
import _pickle


class Plain:
    def __init__(self, a, b):
        self.a = a
        self.b = b

    def __eq__(self, other):
        return type(other) is type(self) and vars(other) == vars(self)


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self, x):
        self.x = x


class Both(Plain):
    __slots__ = ("z",)


class Reducer:
    def __init__(self, v):
        self.v = v

    def __reduce__(self):
        return (Reducer, (self.v * 2,))


class ReduceEx:
    def __reduce_ex__(self, proto):
        return (str, ("proto %d" % proto,))


class NewArgs(int):
    def __new__(cls, v, extra=0):
        self = super().__new__(cls, v)
        self.extra = extra
        return self

    def __getnewargs__(self):
        return (int(self), self.extra)


class NewArgsEx:
    def __new__(cls, *args, **kwargs):
        self = object.__new__(cls)
        self.args = args
        self.kwargs = kwargs
        return self

    def __getnewargs_ex__(self):
        return self.args, self.kwargs


class State:
    def __init__(self):
        self.items = [1, 2]

    def __getstate__(self):
        return {"items": self.items, "extra": "from getstate"}

    def __setstate__(self, state):
        state["restored"] = True
        self.__dict__.update(state)


class ListLike(list):
    pass


class DictLike(dict):
    pass


class WithItems:
    def __init__(self):
        self.seen = []

    def __reduce__(self):
        return (WithItems, (), None, iter([1, 2, 3]), iter([("k", "v")]))

    def append(self, x):
        self.seen.append(x)

    def extend(self, xs):
        self.seen.extend(xs)

    def __setitem__(self, k, v):
        self.seen.append((k, v))


def set_state(obj, state):
    obj.v = ("setter", state)


class WithSetter:
    def __reduce__(self):
        return (WithSetter, (), "st", None, None, set_state)


def show(label, obj, protos=range(6)):
    for proto in protos:
        try:
            data = _pickle.dumps(obj, proto)
            back = _pickle.loads(data)
        except Exception as e:
            print(label, proto, "error", type(e).__name__, e)
            continue
        print(label, proto, data)
        yield back


for b in show("plain", Plain(1, "x")):
    print("   ", b == Plain(1, "x"))
for b in show("slotted", Slotted(5)):
    print("   ", b.x, hasattr(b, "y"))
both = Both(1, 2)
both.z = 3
for b in show("both", both):
    print("   ", b.a, b.b, b.z)
for b in show("reducer", Reducer(21)):
    print("   ", b.v)
for b in show("reduce_ex", ReduceEx()):
    print("   ", b)
for b in show("newargs", NewArgs(7, extra=9), range(2, 6)):
    print("   ", b, b.extra, type(b).__name__)
for b in show("newargs_ex", NewArgsEx(1, 2, k=3)):
    print("   ", b.args, b.kwargs)
for b in show("state", State()):
    print("   ", sorted(vars(b).items()))
for b in show("listlike", ListLike([1, 2, 3])):
    print("   ", b, type(b).__name__)
for b in show("dictlike", DictLike(a=1)):
    print("   ", b, type(b).__name__)
for b in show("withitems", WithItems(), (0, 2)):
    print("   ", b.seen)
for b in show("setter", WithSetter(), (2, 4)):
    print("   ", b.v)
for b in show("nested class", Plain.__eq__, (4,)):
    print("   ", b is Plain.__eq__)


# copyreg.dispatch_table and a private dispatch_table
class Point:
    def __init__(self, x):
        self.x = x


def reduce_point(p):
    return (Point, (p.x + 100,))


copyreg.pickle(Point, reduce_point)
print(_pickle.loads(_pickle.dumps(Point(1))).x)
del copyreg.dispatch_table[Point]
print(_pickle.loads(_pickle.dumps(Point(1))).x)

f = io.BytesIO()
p = _pickle.Pickler(f, 2)
p.dispatch_table = {Point: lambda pt: (Point, (-pt.x,))}
p.dump(Point(5))
print(_pickle.loads(f.getvalue()).x, f.getvalue())


class TablePickler(_pickle.Pickler):
    dispatch_table = {complex: lambda c: (complex, (c.imag, c.real))}


f = io.BytesIO()
TablePickler(f, 0).dump(1 + 2j)
print(f.getvalue(), _pickle.loads(f.getvalue()))


# reducer_override
class Override(_pickle.Pickler):
    def reducer_override(self, obj):
        if obj is int:
            return (str, ("int was here",))
        if isinstance(obj, Point):
            return (Point, (obj.x * 10,))
        return NotImplemented


f = io.BytesIO()
Override(f, 4).dump([int, Point(3), str, 5])
back = _pickle.loads(f.getvalue())
print(back[0], back[1].x, back[2], back[3])


# persistent ids, as methods and as attributes
class PersPickler(_pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, str) and obj.startswith("db:"):
            return obj[3:]
        return None


class PersUnpickler(_pickle.Unpickler):
    def persistent_load(self, pid):
        return "loaded " + pid


for proto in (0, 1, 4):
    f = io.BytesIO()
    PersPickler(f, proto).dump(["db:one", "plain", ("db:two",)])
    print(proto, f.getvalue())
    f.seek(0)
    print(PersUnpickler(f).load())

f = io.BytesIO()
p = _pickle.Pickler(f, 2)
p.persistent_id = lambda obj: "X" if obj == 42 else None
p.dump([42, 43])
u = _pickle.Unpickler(io.BytesIO(f.getvalue()))
u.persistent_load = lambda pid: pid * 3
print(u.load(), u.persistent_load("y"))

# the extension registry
copyreg.add_extension(__name__, "Plain", 240)
copyreg.add_extension(__name__, "Point", 0x1234)
copyreg.add_extension(__name__, "Reducer", 0x123456)
for proto in (1, 2, 4):
    data = _pickle.dumps([Plain, Point, Reducer], proto)
    print(proto, data, _pickle.loads(data) == [Plain, Point, Reducer])
copyreg.remove_extension(__name__, "Plain", 240)
copyreg.remove_extension(__name__, "Point", 0x1234)
copyreg.remove_extension(__name__, "Reducer", 0x123456)
try:
    _pickle.loads(b"\x80\x02\x82\xf0.")
except ValueError as e:
    print("ValueError", e)
