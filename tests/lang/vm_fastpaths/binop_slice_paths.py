# The VM's inline paths for int arithmetic (results written over a dead int in place), list
# slices without a slice object, and `s += t` growing a string in place, against the generic
# protocol: values, identities of small ints, aliasing and error messages.


def int_ops(n):
    acc = 0
    prod = 1
    out = []
    for i in range(-n, n):
        acc += i * i - 3
        prod = (prod * (i or 1)) % 1000003
        x = i + 1
        y = x * 7 - i
        out.append((x, y, i & 5, i | 9, i ^ 12, i // 3, i % 5, i << 2, i >> 1))
    return acc, prod, out[:3], out[-3:]


print(int_ops(40))


def boundaries():
    big = 2**30
    vals = [big - 1, big, -big, -big + 1, 2**31, 2**62, -(2**62), 2**63 - 1]
    res = []
    for a in vals:
        for b in (1, -1, 2, big - 1):
            res.append((a + b, a - b, a * b))
    return res


r = boundaries()
print(len(r), r[:4], r[-4:])


def keeps_aliases():
    a = 1000
    b = a
    a += 1  # b still holds the old value
    c = a
    a = a * 2
    lst = [a, b, c]
    a -= 5
    return a, b, c, lst


print(keeps_aliases())


def small_int_identity():
    x = 250
    y = x + 6  # 256: the cached small int
    z = 200 + 56
    w = x - 255  # -5
    return y is z, w is int("-5"), y == 256


print(small_int_identity())


def mixed_numbers():
    out = []
    for v in (3, -3, 2.5, True, 10**20, 7):
        out.append((v + 1, v * 2, v - 0.5, v / 2, v // 2 if not isinstance(v, float) else v))
    return out


print(mixed_numbers())
try:
    print(1 // 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    print(5 % 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    print(1 + "a")
except TypeError as e:
    print(type(e).__name__, e)


def slices(a, k):
    out = [a[:], a[k:], a[:k], a[k::-1], a[::2], a[::-3], a[-100:100], a[5:2], a[5:2:-1]]
    out.append(a[None:None:None])
    out.append(a[k : k + 2])
    a[: k + 1] = a[k::-1]
    out.append(list(a))
    a[1:1] = (9, 9)
    a[:] = a
    a[-1:] = range(3)
    a[k:k] = []
    out.append(list(a))
    a[1:3] += [7]
    out.append(list(a))
    return out


for row in slices(list(range(9)), 3):
    print(row)
lst = list(range(6))
for bad in (lambda: lst.__setitem__(slice(None, 1), 5), lambda: lst[::0]):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    lst[::2] = [1]
except ValueError as e:
    print(type(e).__name__, e)
try:
    lst["a":]
except TypeError as e:
    print(type(e).__name__, e)
print(lst[True:3], lst[2**40:], lst[-(2**62) : 2], (1, 2, 3, 4)[1:3], "abcdef"[2::2])


class Seq(list):
    def __getitem__(self, item):
        return ("sub", item)


print(Seq([1, 2])[0:1])


def concat():
    s = ""
    for i in range(30):
        s += str(i)
    t = s
    s += "x"
    u = "ab"
    u += u
    u = u + u
    v = "é"
    v += "ß"
    v += "x€"
    v += "😀"
    w = ""
    w += ""
    w += "a"
    k = "key"
    d = {k + "1": 1}
    k += "1"
    out = [len(s), len(t), s[-3:], t[-3:], u, v, len(v), repr(w), hash(w) == hash("a"), d[k]]
    try:
        k += 5
    except TypeError as e:
        out.append((type(e).__name__, str(e)))
    return out


print(concat())


def div_mod_signs():
    vals = [0, 1, -1, 2, -2, 3, -3, 7, -7, 2**30 - 1, -(2**30 - 1), 2**30, 12345, -12345]
    out = []
    for a in vals:
        for b in vals:
            if b != 0:
                out.append((a % b, a // b))
    x = 7
    x %= 3
    y = -7
    y //= 2
    return out[:12], out[-12:], sum(m for m, _ in out), sum(q for _, q in out), x, y


print(div_mod_signs())
