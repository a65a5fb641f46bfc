# bytearray: the mutating methods, slice assignment, resizing rules and their errors.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


a = bytearray(b"hello")
a.append(33)
a.extend(b" world")
a.extend([65, 66])
a.extend(bytearray(b"C"))
a.insert(0, 62)
a.insert(-1, 95)
a.insert(100, 90)
print(a, len(a))
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(ord("l"))
print(a)
a.reverse()
print(a)
a[0] = 120
a[1:3] = b"XYZW"
a[-2:] = []
print(a)
a[::2] = b"*" * len(a[::2])
print(a)
del a[1:4]
del a[::3]
print(a)
b = a.copy()
b += b"++"
b *= 2
print(b, a == b, b.count(b"+"))
a.clear()
print(a, len(a))
c = bytearray(b"abcdef")
c[2:4] = memoryview(b"XY")
c[0:0] = b"__"
print(c, c.find(b"XY"), c.index(99), c.upper(), c.title(), c.hex())
show("append big", lambda: bytearray().append(256))
show("append str", lambda: bytearray().append("a"))
show("extend int", lambda: bytearray().extend(5))
show("extend str", lambda: bytearray().extend("ab"))
show("extend bad elems", lambda: bytearray().extend([1, -1]))
show("insert bad", lambda: bytearray().insert(0, 300))
show("pop empty", lambda: bytearray().pop())
show("pop out", lambda: bytearray(b"a").pop(5))
show("remove missing", lambda: bytearray(b"a").remove(98))
show("remove big", lambda: bytearray(b"a").remove(999))
def setitem(x, k, v):
    x[k] = v
    return x
show("set big", lambda: setitem(bytearray(b"ab"), 0, 256))
show("set out", lambda: setitem(bytearray(b"ab"), 5, 1))
show("set ext slice wrong len", lambda: setitem(bytearray(b"abcd"), slice(None, None, 2), b"xyz"))
show("set slice int", lambda: setitem(bytearray(b"ab"), slice(0, 1), 5))
show("set slice str", lambda: setitem(bytearray(b"ab"), slice(0, 1), "x"))
show("set slice list", lambda: setitem(bytearray(b"ab"), slice(0, 1), [1, 2, 3]))
show("self-assign", lambda: setitem(bytearray(b"abc"), slice(1, 2), bytearray(b"abc")))
show("ctor", lambda: (bytearray(2), bytearray("é", "latin-1"), bytearray([1, 2]), bytearray(b"x")))
show("ctor bad", lambda: bytearray("x"))
show("fromhex", lambda: bytearray.fromhex("01 ff"))
show("hash", lambda: hash(bytearray()))
show("mul neg", lambda: bytearray(b"ab") * -1)
show("iadd str", lambda: setitem(bytearray(), slice(None), b"a") + "x")
x = bytearray(b"resize")
m = memoryview(x)
show("resize exported", lambda: x.append(1))
show("write through view", lambda: (m.__setitem__(0, 82), x)[1])
m.release()
x.append(33)
print(x)
print(bytearray(b"  pad ").strip(), bytearray(b"a,b").split(b","), bytearray(b"ab").center(6, b"."))
print(bytearray(b"abc") + b"def", b"x" + bytearray(b"y"), type(b"x" + bytearray(b"y")).__name__)
print(bytearray(b"AbC").lower(), bytearray(b"abc").replace(b"b", b"BB"), bytearray(b"a") < b"b")
