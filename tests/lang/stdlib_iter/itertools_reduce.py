# itertools: __reduce__ / __setstate__ as CPython 3.11 has them (what pickle and copy use):
# each partly consumed iterator is rebuilt from its reduce value and must continue the same.
import itertools as I


def shape(v):
    if isinstance(v, tuple):
        return "(" + ", ".join(shape(x) for x in v) + ")"
    if isinstance(v, list):
        return "[" + ", ".join(shape(x) for x in v) + "]"
    if isinstance(v, type):
        return v.__name__
    if callable(v):
        return "<callable>"
    if type(v).__name__.startswith("_tee_data"):
        return "<_tee_dataobject>"
    if hasattr(v, "__next__"):
        return "<" + type(v).__name__ + ">"
    return repr(v)


def rebuild(it):
    red = it.__reduce__()
    cls, args = red[0], red[1]
    new = cls(*args)
    if len(red) > 2 and red[2] is not None:
        new.__setstate__(red[2])
    return new


def check(name, make, skip, take=8):
    it = make()
    for _ in range(skip):
        next(it)
    print(name, shape(it.__reduce__()))
    clone = rebuild(it)
    print("   ", shape(list(I.islice(clone, take))), shape(list(I.islice(it, take))))


check("count", lambda: I.count(5), 2)
check("count2", lambda: I.count(5, 3), 2)
check("countf", lambda: I.count(1.5), 1)
check("repeat", lambda: I.repeat("a", 5), 2)
check("repeat_inf", lambda: I.repeat("a"), 2, 3)
check("chain", lambda: I.chain("abc", "de"), 1)
check("chain_fresh", lambda: I.chain("abc", "de"), 0)
check("chain_done", lambda: I.chain("a"), 1)
check("accumulate", lambda: I.accumulate([1, 2, 3, 4]), 2)
check("accumulate_fresh", lambda: I.accumulate([1, 2, 3, 4]), 0)
check("accumulate_init", lambda: I.accumulate([1, 2, 3], initial=100), 0)
check("accumulate_func", lambda: I.accumulate([1, 2, 3, 4], lambda a, b: a * b), 2)
check("compress", lambda: I.compress("abcdef", [1, 0, 1, 1, 0, 1]), 1)
check("cycle", lambda: I.cycle("abc"), 1)
check("cycle_wrapped", lambda: I.cycle("abc"), 4)
check("dropwhile", lambda: I.dropwhile(lambda x: x < 3, [1, 2, 3, 1, 5]), 1)
check("takewhile", lambda: I.takewhile(lambda x: x < 3, [1, 2, 3, 1]), 1)
check("filterfalse", lambda: I.filterfalse(None, [0, 1, 0, 2]), 1)
check("starmap", lambda: I.starmap(pow, [(2, 2), (2, 3), (3, 3)]), 1)
check("islice", lambda: I.islice("abcdefgh", 1, 7, 2), 1)
check("islice_stop", lambda: I.islice("abcdefgh", 4), 4)
check("zip_longest", lambda: I.zip_longest("ab", "cdef", fillvalue="-"), 3)
check("groupby", lambda: I.groupby("aabbbc"), 1)
check("product", lambda: I.product("ab", "cd"), 1)
check("product_fresh", lambda: I.product("ab", repeat=2), 0)
check("product_done", lambda: I.product("a"), 1)
check("combinations", lambda: I.combinations("abcd", 2), 2)
check("combinations_done", lambda: I.combinations("ab", 2), 1)
check("cwr", lambda: I.combinations_with_replacement("abc", 2), 3)
check("permutations", lambda: I.permutations("abc", 2), 2)
check("permutations_r", lambda: I.permutations("abcd"), 5)

g = I.groupby("aabb")
k, grp = next(g)
print(shape(grp.__reduce__()))
next(g)
print(shape(grp.__reduce__()))

t1, t2 = I.tee("abcdef")
next(t1)
red = t1.__reduce__()
print(shape(red), shape(red[2][0].__reduce__()))
clone = rebuild(t1)
print(list(clone), list(t1), list(t2))
d = I._tee_dataobject(iter("xyz"), ["a", "b"], None)
t = I._tee(())
t.__setstate__((d, 1))
print(list(t))


def err(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("   ok", shape(r))


err(lambda: I.chain().__setstate__(1))
err(lambda: I.chain().__setstate__((1,)))
err(lambda: I.chain().__setstate__((iter([]), 2)))
err(lambda: I.cycle("a").__setstate__(([1], 1, 2)))
err(lambda: I.cycle("a").__setstate__("x"))
err(lambda: I.product("ab").__setstate__((0, 0)))
err(lambda: I.combinations("ab", 1).__setstate__(()))
err(lambda: I.combinations_with_replacement("ab", 1).__setstate__([0]))
err(lambda: I.permutations("ab").__setstate__(((0, 1), (1,))))
err(lambda: I.permutations("ab").__setstate__(1))
err(lambda: I.groupby("a").__setstate__((1, 2)))
err(lambda: I._tee(()).__setstate__((1, 2)))
err(lambda: I._tee(()).__setstate__((I._tee_dataobject(iter(()), [], None), 99)))
err(lambda: I._tee_dataobject(iter(()), list(range(58)), None))
err(lambda: I._tee_dataobject(iter(()), [], 5))
err(lambda: I.islice("abc", 1).__setstate__("x"))
err(lambda: I.dropwhile(bool, []).__setstate__(Bad()) if False else I.dropwhile(bool, []).__setstate__(0))
p = I.product("ab", "xyz")
p.__setstate__((5, -3))
print(list(p))
c = I.combinations("abcde", 3)
c.__setstate__((1, 9, 9))
print(list(c))
pe = I.permutations("abc")
pe.__setstate__(((2, 1, 0), (1, 1, 1)))
print(list(pe))
