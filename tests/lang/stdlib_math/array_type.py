# array: construction from every initializer, every typecode's item conversion and its
# OverflowError/TypeError messages, sequence and slice operations, comparisons, methods,
# buffers, pickling support (__reduce_ex__, _array_reconstructor) and the iterator.
import array
from array import array as A


def show(label, f, *args):
    try:
        r = f(*args)
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


class Idx:
    def __index__(self):
        return 3

    def __repr__(self):
        return "Idx()"


print(array.typecodes, array.ArrayType is A, A.__name__, A.__module__)
print([A(c).itemsize for c in array.typecodes], [A(c).typecode for c in array.typecodes])

ITEMS = {"b": [127, -128, 128, -129, 40000, 1.5, "x", Idx(), True],
         "B": [255, 0, 256, -1, 1.5], "h": [32767, -32768, 32768, -32769, 1.5],
         "H": [65535, 0, 65536, -1, 2**31, 1.5], "i": [2**31 - 1, -2**31, 2**31, -2**31 - 1, 1.5],
         "I": [2**32 - 1, 2**32, -1, 2**70, 1.5, "x"], "l": [2**63 - 1, -2**63, 2**63, -2**63 - 1],
         "L": [2**64 - 1, 2**64, -1], "q": [2**63 - 1, 2**63, -2**63 - 1],
         "Q": [2**64 - 1, 2**64, -1, 1.5], "f": [1.5, 1e300, 10**400, "x", None, 3, 0.1],
         "d": [0.1, -0.0, 10**400, "x", 7, float("inf")], "u": ["a", "\U0001f600", "ab", "", 1]}
for tc, vals in ITEMS.items():
    for v in vals:
        show("%s %r" % (tc, v), A, tc, [v])

# constructors
for args in [("z",), (5,), ("ii",), ("i", "abc"), ("u", A("i")), ("i", A("u", "x")),
             ("i", A("d", [1.5])), ("d", A("i", [1, 2])), ("b", b"\x01\xff"), ("i", b"\x01\xff"),
             ("h", bytearray(b"\x01\x00\x02\x00")), ("u", "hi"), ("i", range(5)), ("i",),
             ("f", (1, 2.5)), ("i", [1, "x"]), ("i", 5), ()]:
    show("A%r" % (args,), A, *args)
show("kw", lambda: A("i", [1], x=2))
print(A("i", iter([4, 5])))

a = A("i", [1, 2, 3, 4, 5])
print(len(a), a[0], a[-1], a[1:3], a[::2], a[::-1], a[10:], a[-2:], 3 in a, 9 in a)
show("a[5]", lambda: a[5])
show("a[-6]", lambda: a[-6])
show("a['x']", lambda: a["x"])
print(a[Idx()], a + A("i", [9]), a * 2, 2 * a, a * 0, a * -1)
show("a + d", lambda: a + A("d"))
show("a + list", lambda: a + [1])


def assign(target, key, value):
    target[key] = value
    return target


def delete(target, key):
    del target[key]
    return target


for key, value in [(0, 10), (-1, 50), (5, 1), (slice(0, 2), A("i", [7, 8, 9])),
                   (slice(0, 2), [1]), (slice(0, 2), A("d", [1.0])), (slice(None, None, 2), A("i", [0, 0, 0])),
                   (slice(None, None, 2), A("i", [0])), (slice(1, 1), A("i", [6, 6])),
                   (slice(None, None, -1), A("i", range(5))), ("x", 1), (0, "x"), (0, 2**40)]:
    show("set %r %r" % (key, value), assign, A("i", range(5)), key, value)
for key in [0, -1, 9, slice(1, 3), slice(None, None, 2), slice(None, None, -2), slice(4, 0, -3),
            slice(0, 0)]:
    show("del %r" % (key,), delete, A("i", range(7)), key)
b = A("i", range(6))
b[1:4] = b
print(b)
b = A("i", range(6))
b[::2] = b[1::2]
print(b)

# comparisons
for x, y in [(A("i", [1, 2]), A("i", [1, 3])), (A("i", [1, 2]), A("d", [1.0, 2.0])),
             (A("i", [1, 2]), A("i", [1, 2, 0])), (A("u", "ab"), A("u", "ac")), (A("i"), A("i"))]:
    print(x == y, x != y, x < y, x <= y, x > y, x >= y)
print(A("i", [1, 2]) == [1, 2], A("i", [1, 2]) != (1, 2))
show("lt list", lambda: A("i", [1, 2]) < [1, 2])
show("hash", hash, a)

# methods
a = A("i", [3, 1, 4, 1, 5])
a.append(9)
a.extend([2, 6])
a.extend(A("i", [5]))
a.extend(x for x in (3, 5))
a.insert(0, 100)
a.insert(-2, 200)
a.insert(100, 300)
a.insert(-100, 400)
print(a, a.count(1), a.count(7), a.index(1), a.index(1, 4), a.index(5, -4))
show("index missing", a.index, 42)
show("index range", a.index, 100, 2, 5)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(1)
print(a)
show("remove missing", a.remove, 42)
show("pop empty", A("i").pop)
show("pop range", a.pop, 100)
show("extend kind", a.extend, A("d"))
show("extend bad item", a.extend, [1, "x"])
print(a)
show("extend int", a.extend, 5)
show("append str", a.append, "x")
a.reverse()
print(a, a.tolist(), a.buffer_info()[1], type(a.buffer_info()[0]))
c = A("h", [1, 256, -2])
c.byteswap()
print(c, c.tobytes())
d = A("d", [1.5])
d.byteswap()
print(d.tobytes().hex())
d.byteswap()
print(d)
e = A("b")
e.frombytes(b"\x01\x02\xff")
e.frombytes(bytearray(b"\x7f"))
print(e)
show("frombytes odd", A("i").frombytes, b"123")
show("frombytes str", A("i").frombytes, "abc")
f = A("i", [1])
f.fromlist([2, 3])
print(f)
show("fromlist tuple", f.fromlist, (1,))
show("fromlist bad", f.fromlist, [4, "x"])
print(f, f.__sizeof__() >= 64)
u = A("u", "hello")
u.fromunicode(" world")
print(u, u.tounicode(), u[0], u[-1], list(u)[:3])
show("fromunicode on i", A("i").fromunicode, "x")
show("tounicode on i", A("i").tounicode)
show("fromunicode bytes", u.fromunicode, b"x")
print(a.__copy__(), a.__deepcopy__({}), a.__copy__() is a)

# in-place operators
g = A("i", [1, 2])
h = g
g += A("i", [3])
g *= 2
print(g, h is g)
show("iadd list", lambda: A("i").__iadd__([1]))
show("iadd kind", lambda: A("i").__iadd__(A("d")))
g *= 0
print(g, len(g))

# repr
for x in [A("i"), A("u"), A("u", "a'b"), A("f", [1.5, 0.1]), A("d", [float("nan")]), A("b", [-1]),
          A("Q", [2**64 - 1])]:
    print(repr(x), str(x))

# buffers
m = memoryview(A("i", [1, 2, 3]))
print(m.format, m.itemsize, m.nbytes, m.tolist(), m.readonly)
m.release()
arr = A("d", [1.0, 2.0])
m = memoryview(arr)
show("append while exported", arr.append, 3.0)
show("extend while exported", arr.extend, [3.0])
show("pop while exported", arr.pop)
arr[0] = 9.5
print(m[0], m.format)
m.release()
arr.append(3.0)
print(arr, bytes(A("B", [65, 66])), bytearray(A("h", [1])))
print(A("u", "ab").tobytes() == "ab".encode("utf-32-le"))
for tc in array.typecodes:
    mv = memoryview(A(tc))
    print(tc, mv.format, mv.itemsize, mv.ndim, mv.shape, mv.strides, mv.contiguous)
    mv.release()

# pickling support
for x in [A("i", [1, 2, 3]), A("u", "ab"), A("d", [1.5]), A("b"), A("Q", [5])]:
    print(x.__reduce_ex__(2), x.__reduce_ex__(3)[1], x.__reduce_ex__(4)[2])
    fn, args, state = x.__reduce_ex__(4)
    print(fn(*args) == x, fn.__name__)
R = array._array_reconstructor
for args in [(A, "i", 8, b"\x01\x00\x00\x00"), (A, "i", 9, b"\x00\x00\x00\x01"),
             (A, "l", 8, b"\x01\x00\x00\x00"), (A, "u", 18, "hi".encode("utf-16-le")),
             (A, "u", 21, "hi".encode("utf-32-be")), (A, "d", 15, b"\x3f\x80\x00\x00"),
             (A, "H", 3, b"\x01\x02"), (A, "b", 0, b"\xff"), (A, "q", 13, b"\xff" * 8),
             (list, "i", 8, b""), (5, "i", 8, b""), (A, "z", 8, b""), (A, "i", 99, b""),
             (A, "i", 8, "x"), (A, "i", 8, b"123")]:
    show("reconstruct %r" % (args[1:],), R, *args)

# iterators
it = iter(A("i", [1, 2, 3]))
print(type(it).__name__, next(it), list(it), list(it))
it = iter(A("i", [7, 8, 9]))
next(it)
fn, args, index = it.__reduce__()
print(fn.__name__, args, index)
it2 = fn(*args)
it2.__setstate__(index)
print(list(it2))


class MyArray(A):
    def total(self):
        return sum(self)


ma = MyArray("i", [1, 2, 3])
ma.extra = "x"
print(type(ma).__name__, ma.total(), ma, ma.extra, type(ma[0:2]).__name__, ma.__reduce_ex__(2)[2])
show("MyArray kw", lambda: MyArray("i", x=1))


class F:
    def __init__(self):
        self.data = b""

    def write(self, b):
        self.data += b

    def read(self, n):
        r, self.data = self.data[:n], self.data[n:]
        return r


fobj = F()
A("h", [1, 2, 3]).tofile(fobj)
print(fobj.data)
r = A("h")
r.fromfile(fobj, 2)
print(r)
show("fromfile short", r.fromfile, fobj, 5)
print(r)
show("fromfile negative", r.fromfile, fobj, -1)
