# tuple: construction, count/index, comparisons, hashing, concatenation, repetition, packing and
# unpacking corners, and the errors.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


t = (1, "a", 2.5, None, (1, 2), [3], 1, 1.0, True)
print(len(t), t.count(1), t.count("a"), t.count((1, 2)), t.index(None), t.index(1, 1), t.index(1.0, 2))
show("index missing", lambda: t.index("z"))
show("index range", lambda: t.index(1, 2, 5))
show("count no arg", lambda: t.count())
print(tuple(), tuple("ab"), tuple([1, 2]), tuple(range(3)), tuple({"a": 1}), tuple(x * 2 for x in (1, 2)))
print((1,) + (2,), (1, 2) * 2, 0 * (1,), (1,) * -1, () == (), (1, 2) < (1, 3), (1, 2) < (1, 2, -1))
print((1, 2) == (1.0, 2.0), (1, (2, 3)) > (1, (2, 2)), ((),) > (), max((1, 2), (1, 3)), sorted([(2, "b"), (1, "z"), (2, "a")]))
print(hash((1, 2)) == hash((1, 2)), hash(()) == hash(tuple()), hash((1,)) != hash((2,)))
show("hash list inside", lambda: hash((1, [2])))
show("add list", lambda: (1,) + [2])
show("mul str", lambda: (1,) * "2")
show("setitem", lambda: t.__setitem__(0, 1))
show("lt mixed", lambda: (1, "a") < (1, 2))
show("tuple int", lambda: tuple(5))
show("tuple kw", lambda: tuple(iterable=[1]))
x = 1, 2, 3
y = x,
z = ()
print(x, y, z, type(y).__name__, len(y))
a, *b = x
*c, d = x
e, = [9]
print(a, b, c, d, e)
(f, g), h = (1, 2), 3
print(f, g, h)
show("unpack too many", lambda: exec("p, q = 1, 2, 3"))
show("unpack too few", lambda: exec("p, q, r = 1, 2"))
show("unpack star few", lambda: exec("p, q, *r = [1]"))
show("unpack non-iterable", lambda: exec("p, q = 5"))
class T(tuple):
    def __new__(cls, *args):
        return super().__new__(cls, args)
    def first(self):
        return self[0]
tt = T(4, 5)
print(tt, tt.first(), type(tt).__name__, type(tt + (6,)).__name__, tt == (4, 5), isinstance(tt, tuple))
print(repr((1,)), repr(((1,),)), str(("a", 'b"c')), ((1, 2),)[0][1])
big = tuple(range(100000))
print(big.index(99999), big.count(5), big[-1], len(big[::7]))
