# bytes/bytearray/set parity with CPython 3.11: hex() separators, %b with a '*' width,
# __bytes__ on str subclasses, __index__ falling back to the buffer, atomic extend,
# extended-slice deletion and buffer exports, index side effects, iterator pickling, and
# pickling subclasses with __slots__ (the state comes from __getstate__).
import copy
import pickle


def attempt(label, fn):
    try:
        res = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(res))


for tp in (bytes, bytearray):
    b = tp(b"\xb9\x01\xef")
    name = tp.__name__
    attempt(name + " hex()", lambda: b.hex())
    attempt(name + " hex('')", lambda: b.hex(""))
    attempt(name + " hex('xx')", lambda: b.hex("xx"))
    attempt(name + " hex(':', 0)", lambda: b.hex(":", 0))
    attempt(name + " hex(None, 0)", lambda: b.hex(None, 0))
    attempt(name + " hex('\\xff')", lambda: b.hex("\xff"))
    attempt(name + " hex(b'\\x80')", lambda: b.hex(b"\x80"))
    attempt(name + " hex(b'\\x00')", lambda: b.hex(b"\x00"))
    attempt(name + " hex('\\x00')", lambda: b.hex("\x00"))
    attempt(name + " hex(bytearray)", lambda: b.hex(bytearray(b":")))
    attempt(name + " hex('-', -2)", lambda: tp(b"abcde").hex("-", -2))
    attempt(name + " hex('-', 2)", lambda: tp(b"abcde").hex("-", 2))
    attempt(name + " %*b", lambda: tp(b"%*b|%-*b|") % (5, b"abc", 4, b"d"))
    attempt(name + " %.*b", lambda: tp(b"%.*b") % (2, b"abc"))
    attempt(name + " %(k)b", lambda: tp(b"%(k)b") % {b"k": b"v"})


class StrWithBytes(str):
    def __bytes__(self):
        return b"abc"


class BytesWithBadIndex(bytes):
    def __index__(self):
        raise TypeError("no index")


class Idx:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


attempt("bytes(str sub)", lambda: bytes(StrWithBytes("\u20ac")))
attempt("bytes(str)", lambda: bytes("x"))
attempt("bytes(str, enc)", lambda: bytes("x", "ascii"))
attempt("bytearray(bad index)", lambda: bytearray(BytesWithBadIndex(b"foobar")))
attempt("bytes(bad index)", lambda: bytes(BytesWithBadIndex(b"foo")))
attempt("bytes(Idx)", lambda: bytes(Idx(2)))
attempt("bytearray(-1)", lambda: bytearray(-1))

a = bytearray(b"hello")
a.extend(a)
print("extend self", a)
a = bytearray(b"")
attempt("extend bad", lambda: a.extend([0, 1, 2, 256]))
print("after bad extend", len(a))
attempt("extend neg", lambda: a.extend([0, -1]))
a.extend(x for x in b"ok")
print("extend gen", a)
attempt("extend int", lambda: a.extend(5))

b = bytearray(range(10))
b[1:-1:2] = b""
print("ext slice del", list(b))
b = bytearray(range(10))
del b[::3]
print("del ::3", list(b))
b = bytearray(range(10))
b[::-2] = b""
print("del ::-2", list(b))
b = bytearray(range(10))
attempt("ext slice size", lambda: b.__setitem__(slice(0, 6, 2), b"ab"))
b = bytearray(range(10))
m = memoryview(b)
attempt("export del", lambda: b.__setitem__(slice(1, -1, 2), b""))
attempt("export resize", lambda: b.extend(b"x"))
m.release()
b[1:-1:2] = b""
print("after release", list(b))


class Boom:
    def __index__(self):
        target.clear()
        return 0


target = bytearray(b"Now you see me...")
attempt("mutating index", lambda: target.__setitem__(0, Boom()))
print("target", target)

for obj in (b"abcd", bytearray(b"abcd"), b""):
    it = iter(obj)
    next(it, None)
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        it2 = pickle.loads(pickle.dumps(it, proto))
        print(type(it).__name__, proto, list(it2))
    list(it)
    print("exhausted", it.__reduce__()[1:])
it = iter(b"abc")
it.__setstate__(-3)
print("setstate", list(it))


class BASlots(bytearray):
    __slots__ = ("x", "y", "__dict__")


class SetSlots(set):
    __slots__ = ("x", "__dict__")


class FSSlots(frozenset):
    __slots__ = ("x",)


obj = BASlots(b"data")
obj.x = 1
obj.z = 3
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    back = pickle.loads(pickle.dumps(obj, proto))
    print("ba slots", proto, back, back.x, back.z, hasattr(back, "y"))
dup = copy.copy(obj)
print("ba copy", dup, dup.x, dup.z)
s = SetSlots([1, 2])
s.x = "sx"
s.w = "sw"
back = pickle.loads(pickle.dumps(s, 2))
print("set slots", sorted(back), back.x, back.w)
f = FSSlots([3])
f.x = 9
back = copy.deepcopy(f)
print("frozenset slots", sorted(back), back.x)
print("set reduce", set([1]).__reduce__())
