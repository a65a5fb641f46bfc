# The interpreter's fast paths must give exactly the generic results: int/float arithmetic
# with floor semantics, shifts, mixed operands, in-place reuse of int results, comparisons
# feeding branches, list/tuple/dict subscripts, and parallel assignment.
import sys

def arith(xs, ys):
    out = []
    for x in xs:
        for y in ys:
            row = [x + y, x - y, x * y, x & y, x | y, x ^ y]
            for op in ("//", "%", "/", "<<", ">>"):
                try:
                    if op == "//":
                        row.append(x // y)
                    elif op == "%":
                        row.append(x % y)
                    elif op == "/":
                        row.append(x / y)
                    elif op == "<<":
                        row.append(x << y)
                    else:
                        row.append(x >> y)
                except (ZeroDivisionError, ValueError, OverflowError) as e:
                    row.append(type(e).__name__ + ": " + str(e))
            out.append(row)
    return out

for row in arith([0, 1, -1, 7, -7, 2**29, -(2**29), 2**30 - 1, 1000000007],
                 [0, 1, -1, 3, -3, 17, 31, 40]):
    print(row)

def floats(xs, ys):
    for x in xs:
        for y in ys:
            r = []
            for f in (lambda: x + y, lambda: x - y, lambda: x * y, lambda: x / y,
                      lambda: x < y, lambda: x == y, lambda: x >= y):
                try:
                    r.append(f())
                except ZeroDivisionError as e:
                    r.append("ZeroDivisionError: " + str(e))
            print(x, y, r)

floats([0.0, -0.0, 1.5, -2.25, float("inf"), 3], [0.0, 2.0, -0.5, 4, float("nan")])

# results stay distinct objects, small ints stay the cached ones
def accumulate(n):
    acc = 0
    seen = []
    for i in range(n):
        acc += i * 1000
        seen.append(acc)
    small = 0
    for i in range(5):
        small = small + 1
    five = 5
    return seen[-3:], small is five, len(set(map(id, seen[-3:])))

print(accumulate(10))
a = 10**6
b = a
a += 1
print(a, b, a is b)
x = 2.5
y = x
x *= 2
print(x, y)
t = 1000
u = [t]
t = t + 1
print(t, u)

# comparisons used as branch conditions and as values
def classify(v):
    if v < 0:
        return "neg"
    elif v == 0:
        return "zero"
    elif v >= 100:
        return "big"
    return "small"

print([classify(v) for v in (-5, 0, 5, 100, -0.5, 0.0, 250.0)])
print([(v < 3) for v in (1, 3, 5)], [3 <= v for v in (1.0, 3.0)])

# subscripts
lst = [10, 20, 30]
tup = (1, 2, 3)
d = {1: "one", "k": "v", (1, 2): "pair"}
print(lst[0], lst[-1], lst[2], tup[-3], d[1], d["k"], d[1, 2])
for bad in (lambda: lst[3], lambda: lst[-4], lambda: tup[5], lambda: d[2], lambda: lst["x"],
            lambda: d[[1]]):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
lst[1] = 99
lst[-1] += 1
print(lst)
try:
    lst[5] = 1
except IndexError as e:
    print("IndexError", e)

class D(dict):
    def __missing__(self, key):
        return "missing " + repr(key)

print(D()[4], D(a=1)["a"])

# parallel assignment evaluates every value before storing
p, q = 1, 2
p, q = q, p
print(p, q)
a1 = [0, 0]
i = 0
i, a1[i] = 1, 5
print(i, a1)
m, n, o = "abc"
print(m, n, o)
try:
    m, n = 1, 2, 3
except ValueError as e:
    print("ValueError", e)
try:
    m, n, o = [1, 2]
except ValueError as e:
    print("ValueError", e)
first, *rest, last = (1, 2, 3, 4, 5)
print(first, rest, last)
first, *rest, last = [1, 2]
print(first, rest, last)
try:
    first, *rest, last = [1]
except ValueError as e:
    print("ValueError", e)

# in-place operators on other types are not specialised away
s = "ab"
s += "cd"
l2 = [1]
l3 = l2
l2 += [2]
print(s, l2, l3, l2 is l3)
print(True + True, True & False, 5 - True, 2 ** -1, -7 // 2.0, 7 % -3.0)
print(sys.maxsize + 1 > sys.maxsize, (2**62) * 4)

# two-digit ints (up to 2**60) take the fast paths too; overflow and precision fall back
big = [2**30, -(2**30), 2**40 + 7, -(2**45) - 3, 2**59, 2**60 - 1, 2**53 + 1, 0xFFFFFFFF]
for p in big:
    for q in big[:4] + [3, -7]:
        print(p + q, p - q, p * q, p & q, p | q, p ^ q, p // q, p % q, p / q, p < q, p == q,
              p >= q, p << 3, p >> 5)
print((2**53 + 1) / 1, (2**53 + 1) * 1.0, (2**60 - 1) + 0.5, 2**59 * 2**59, 2**61 // 3)
mask = 0xFFFFFFFF
h = 0
for ch in "hash me please":
    h = (h * 31 + ord(ch)) & mask
print(h)
