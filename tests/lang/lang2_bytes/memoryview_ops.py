# memoryview: attributes, slicing, casting, comparison, release, tolist/tobytes/hex, errors.
import array


def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


m = memoryview(b"abcdef")
print(m.format, m.itemsize, m.ndim, m.shape, m.strides, m.readonly, m.nbytes, m.contiguous,
      m.c_contiguous, m.f_contiguous, m.suboffsets, m.obj)
print(m[0], m[-1], bytes(m[1:4]), bytes(m[::2]), m[::-1].tobytes(), m.tolist(), m.hex(), m.hex(":"))
print(len(m), m == b"abcdef", m == bytearray(b"abcdef"), m == b"x", m[2:2].tobytes())
ba = bytearray(b"0123456789")
w = memoryview(ba)
w[0] = 65
w[1:3] = b"BC"
w[-1:] = b"Z"
print(ba, w.readonly, w.toreadonly().readonly)
c = w.cast("H")
print(c.format, c.itemsize, c.shape, c.tolist()[:2], c.nbytes)
c2 = w.cast("B", (2, 5))
print(c2.shape, c2.strides, c2.tolist(), c2.ndim)
arr = array.array("i", [1, -2, 3])
am = memoryview(arr)
print(am.format, am.itemsize, am.tolist(), am[1], am.cast("B").nbytes)
fm = memoryview(array.array("d", [1.5, 2.5]))
print(fm.tolist(), fm[0], fm.format)
show("setitem readonly", lambda: m.__setitem__(0, 1))
show("setitem wrong size", lambda: w.__setitem__(slice(0, 2), b"xyz"))
show("setitem big", lambda: w.__setitem__(0, 256))
show("index out", lambda: m[10])
show("index float", lambda: m[1.0])
show("cast bad", lambda: m.cast("Q"))
show("cast bad fmt", lambda: m.cast("?x"))
show("cast shape mismatch", lambda: w.cast("B", (3, 3)))
show("hash ro", lambda: hash(memoryview(b"abc")) == hash(b"abc"))
show("hash rw", lambda: hash(w))
show("ctor int", lambda: memoryview(5))
show("ctor str", lambda: memoryview("abc"))
show("2d index", lambda: c2[1, 2])
show("2d single", lambda: c2[1])
show("del item", lambda: w.__delitem__(0))
with memoryview(b"ctx") as cm:
    print(cm.tobytes())
show("after release", lambda: cm[0])
show("after release len", lambda: len(cm))
r = memoryview(b"rel")
r.release()
r.release()
print(repr(r)[:20].startswith("<released memory"))
show("released tobytes", lambda: r.tobytes())
show("tobytes order", lambda: memoryview(b"ab").tobytes("A"))
show("compare lt", lambda: memoryview(b"a") < memoryview(b"b"))
print(bytes(memoryview(b"abc")[1:]), bytearray(memoryview(b"xy")), list(memoryview(b"\x01\x02")))
