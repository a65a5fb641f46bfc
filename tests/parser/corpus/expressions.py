# Precedence, chains, comprehensions, calls, slices, lambdas, walrus, star-expressions.
x = a or b and not c or d
y = a if b else c if d else e
z = a < b <= c == d != e > f >= g is h is not i in j not in k
w = a | b ^ c & d << e >> f + g - h * i @ j / k // l % m ** n ** o
v = lambda: 0
u = lambda a, b=1, *c, d, e=2, **f: a
t = lambda a, /, b, *, c: (a, b, c)
s = lambda *a: a
r = [x for x in y if x if not x for z in x]
q = {x: y for x, y in z}
p = {x for x in y}
o = (x for x in y)
n = f(x for x in y)
m = f(a, *b, c=d, **e, g=h)
l = f(*a, *b, **c, **d)
k = a[1], a[1:2], a[1:2:3], a[:], a[::], a[::2], a[:2], a[1:], a[1:2, 3], a[..., 1]
j = a[b:c, d:e], a[()], a[(1, 2)], a[1,], a[*b], a[*b, c]
i = (y := 10), [z := 1, z + 1]
h = *a, *b
g = [*a, *b], {*a, *b}, {**a, 'k': 1, **b}
f = a.b.c.d(e).f[g].h
e = (((a)))
d = (a
     + b
     - c)
c = a if (b := c) else d
b = not not a
a = -x ** -y
if (n := len(a)) > 10:
    pass
print(*args, sep='')
foo(a)(b)(c)
[a, b] = c, d = e
a, *b = c
(a, b), [c, *d] = e
del a, (b, c), [d]
x = yield
def gen():
    x = yield
    y = yield from z
    await_ = yield a, b
    return (yield)
