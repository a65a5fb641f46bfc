# list slicing paths: fast unpacking of slices of None and small ints (falling back for big
# ints, bools and __index__), strided copies, and same-size slice assignment in place,
# including destructor order and lists assigned into themselves.
a = list(range(10))
cases = [(None, None, None), (2, 8, None), (None, None, -1), (8, 2, -2), (-3, None, None), (None, -3, None),
         (5, None, -1), (100, -100, -1), (-100, 100, 3), (3, 3, None), (0, 10, 2**40), (2**40, None, -1),
         (None, None, 2**31), (True, False, None), (-2**62, 2**62, None)]
for c in cases:
    s = slice(*c)
    print(c, a[s])
    b = a[:]
    try:
        b[s] = list(reversed(b[s]))
        print(" assigned", b)
    except ValueError as e:
        print(" ValueError", e)
    b = a[:]
    del b[s]
    print(" deleted", b)
try:
    a[::0]
except ValueError as e:
    print(type(e).__name__, e)
try:
    a[1:2:0] = []
except ValueError as e:
    print(type(e).__name__, e)
class I:
    def __index__(self): return 2
print(a[I():I()+5 if False else 7], a[slice(I(), None, I())])
try:
    a["x":]
except TypeError as e:
    print(type(e).__name__, e)
p = list(range(9))
for k in range(8, 0, -1):
    p[:k+1] = p[k::-1]
print(p)
p[:3] = p[1:4]
print(p, p[::-3], p[-1:-8:-2])


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  del", self.name)


q = [Noisy("a"), Noisy("b"), Noisy("c"), 4]
q[0:3] = [1, 2, 3]
print(q)
q[1:3] = [Noisy("x"), Noisy("y")]
q[1:3] = q[2:4]
print([getattr(v, "name", v) for v in q])
r = list(range(20))
r[2:18] = r[3:19]
print(r)
r[:] = r
r[1:4] = r[0:3]
print(r)
r[5:5] = []
r[0:0] = [99]
print(r[:6], len(r))
t = list(range(5))
t[1:3] = (7, 8)
t[0:2] = "ab"
print(t)
