# itertools: product, combinations, combinations_with_replacement, permutations, groupby
# (with _grouper) and tee (with _tee copies), including their argument errors.
import itertools as I


def err(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("   ok", r)


print("product", list(I.product("ab", "xy")), list(I.product()), list(I.product("ab", [])))
print(list(I.product("ab", repeat=2)), list(I.product(range(2), repeat=0)))
print(list(I.product([1, 2], "a", repeat=2)))
print(len(list(I.product(range(3), range(4), range(5)))))
p = I.product("ab", "cd")
held = [next(p), next(p)]
print(held, list(p))
err(lambda: I.product("a", repeat=-1))
err(lambda: I.product("a", foo=1))
err(lambda: I.product(1))
err(lambda: I.product("a", repeat="x"))

print("combinations", list(I.combinations("abcd", 2)), list(I.combinations(range(4), 3)))
print(list(I.combinations("abc", 0)), list(I.combinations("abc", 4)), list(I.combinations("", 0)))
print(list(I.combinations(iterable="abc", r=3)))
print(len(list(I.combinations(range(10), 4))))
err(lambda: I.combinations("abc", -1))
err(lambda: I.combinations("abc"))
err(lambda: I.combinations("abc", "x"))
err(lambda: I.combinations(1, 2))

print("cwr", list(I.combinations_with_replacement("abc", 2)))
print(list(I.combinations_with_replacement("", 2)), list(I.combinations_with_replacement("", 0)))
print(list(I.combinations_with_replacement("ab", 0)), list(I.combinations_with_replacement("a", 3)))
print(len(list(I.combinations_with_replacement(range(5), 3))))
err(lambda: I.combinations_with_replacement("a", -2))

print("permutations", list(I.permutations("abc")), list(I.permutations("abc", 2)))
print(list(I.permutations("ab", 0)), list(I.permutations("ab", 3)), list(I.permutations("")))
print(list(I.permutations(range(3), r=None)))
print(len(list(I.permutations(range(6), 4))))
err(lambda: I.permutations("a", -1))
err(lambda: I.permutations("a", "b"))
err(lambda: I.permutations("a", 1.0))
# the result tuple is rebuilt when the previous one is still held
keep = list(I.permutations(range(4)))
print(keep[:3], keep[-1], len(set(keep)))

print("groupby")
for k, g in I.groupby("aaabbcdddd"):
    print(" ", k, list(g))
for k, g in I.groupby([1, 3, 2, 4, 6, 5], key=lambda x: x % 2):
    print(" ", k, list(g))
print([k for k, g in I.groupby("")], [k for k, g in I.groupby("aAbB", str.lower)])
groups = list(I.groupby("aabbc"))
print([(k, list(g)) for k, g in groups])
gb = I.groupby("xxyy")
k1, g1 = next(gb)
print(k1, next(g1))
k2, g2 = next(gb)
print(k2, list(g1), list(g2))
print(type(g2).__name__, type(g2).__module__)
err(lambda: I.groupby())
err(lambda: I.groupby(1))
err(lambda: list(I.groupby([1, 2], key=len)))
err(lambda: I._grouper(1, 2))


class Bad:
    def __eq__(self, other):
        raise ValueError("no eq")


err(lambda: list(I.groupby([Bad(), Bad()])))

print("tee")
a, b = I.tee("abcdef")
print(next(a), next(a), next(b), list(a), list(b))
a, b, c = I.tee(range(5), 3)
print(list(a), list(b), list(c))
print(I.tee("ab", 0), len(I.tee("ab", 1)), type(I.tee("ab")[0]).__name__)
t1, t2 = I.tee(iter(range(200)))
print(sum(t1), sum(t2))
x, = I.tee(range(3), 1)
y = x.__copy__()
print(next(x), list(y), list(x))
u, v = I.tee(x)
print(type(u) is type(x), list(u), list(v))
err(lambda: I.tee("a", -1))
err(lambda: I.tee(1))
err(lambda: I.tee())
err(lambda: I.tee("a", 2, 3))
err(lambda: I.tee("a", "b"))
err(lambda: I._tee())
print(type(I._tee([1])).__name__, list(I._tee([1, 2])))
import _weakref
t, = I.tee([1], 1)
r = _weakref.ref(t)
print(r() is t)


def gen():
    yield 1
    yield next(reenter[0])


reenter = I.tee(gen())
print(next(reenter[0]))
err(lambda: next(reenter[0]))
