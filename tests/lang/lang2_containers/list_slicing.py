# Sequence slicing and slice assignment on lists: extended slices, deletion, growth and shrink,
# negative indices, __index__ indices, and the errors.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


base = list(range(10))
for sl in [slice(None), slice(2, 5), slice(-3, None), slice(None, None, -1), slice(1, 8, 3),
           slice(8, 1, -2), slice(100, 200), slice(-100, 3), slice(5, 5), slice(None, None, 4)]:
    print(sl, base[sl], sl.indices(10))
def assign(sl, value):
    a = list(range(10))
    a[sl] = value
    return a
show("grow", lambda: assign(slice(2, 4), "abcde"))
show("shrink", lambda: assign(slice(2, 8), []))
show("insert", lambda: assign(slice(5, 5), [None]))
show("past end", lambda: assign(slice(50, 60), [1, 2]))
show("ext same len", lambda: assign(slice(None, None, 3), "wxyz"))
show("ext wrong len", lambda: assign(slice(None, None, 3), "wx"))
show("ext reverse", lambda: assign(slice(None, None, -1), range(10)))
show("ext empty", lambda: assign(slice(3, 3, 2), []))
show("non-iterable", lambda: assign(slice(1, 2), 5))
show("self", lambda: (lambda a: (a.__setitem__(slice(1, 3), a), a)[1])([1, 2, 3]))
show("generator", lambda: assign(slice(0, 10), (i * i for i in range(3))))
def delete(sl):
    a = list(range(10))
    del a[sl]
    return a
for sl in [slice(None, None, 2), slice(None, None, -3), slice(2, 5), slice(-2, None), slice(5, 2)]:
    show(f"del {sl}", lambda: delete(sl))
class I:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v
print(base[I(2)], base[I(-1)], base[I(1):I(4)], base[:I(3):I(2)])
show("float index", lambda: base[1.0])
show("str index", lambda: base["1"])
show("none index", lambda: base[None])
show("out of range", lambda: base[10])
show("set out", lambda: assign(10, 1))
show("del out", lambda: base.copy().__delitem__(-11))
show("step zero", lambda: base[::0])
show("set step zero", lambda: assign(slice(None, None, 0), []))
show("float slice", lambda: base[1.5:])
show("huge slice", lambda: base[-10**30:10**30:10**20])
show("tuple index", lambda: base[1, 2])
t = tuple(range(6))
print(t[::2], t[::-2], t[4:1:-1], t[:], t[:] is t, t[10:], "abcdef"[1::2], range(10)[2::3])
s = slice(1, 10, 2)
print(s.start, s.stop, s.step, repr(s), s == slice(1, 10, 2), slice(3).indices(2), slice(None, None, -1).indices(4))
show("slice hash", lambda: hash(slice(1, 2)))
show("indices neg", lambda: slice(1).indices(-1))
show("indices zero step", lambda: slice(None, None, 0).indices(5))
