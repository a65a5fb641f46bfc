# itertools: the single-input iterators, their reprs, length hints and argument errors.
import itertools as I


def err(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("   ok", r if not hasattr(r, "__next__") else type(r).__name__)


print("chain", list(I.chain("ab", [1, 2], (), range(2))), list(I.chain()))
print("from_iterable", list(I.chain.from_iterable(["xy", [3], []])))
c = I.chain([1], 5)
print(next(c))
err(lambda: next(c))
err(lambda: next(c))
err(lambda: I.chain(x=1))
err(lambda: I.chain.from_iterable(1))
print("chain[int]", hasattr(I.chain, "__class_getitem__"), hasattr(I.count, "__class_getitem__"))

print("islice", list(I.islice("abcdefg", 3)), list(I.islice("abcdefg", 2, 5)))
print(list(I.islice("abcdefg", 1, None, 2)), list(I.islice("abcdefg", None)))
print(list(I.islice(range(10), 2, 8, 3)), list(I.islice(range(10), 5, 2)))
print(list(I.islice(range(10), None, None, None)), list(I.islice(iter(range(5)), 10)))
it = iter(range(10))
print(list(I.islice(it, 2, 4)), next(it))
for args in [(), ([1],), ([1], -1), ([1], "a"), ([1], -1, 2), ([1], "a", 2), ([1], 1, 2, 0),
             ([1], 1, 2, "x"), ([1], 1, 2, 3, 4), (1, 2), ([1], 1.5)]:
    err(lambda: I.islice(*args))
err(lambda: I.islice([1], stop=2))
for args in [(2**100,), (2**100, None), (1, 5, 2**100), (-2**100, None), (1, -2**100)]:
    err(lambda: list(I.islice(range(5), *args)))

print("accumulate", list(I.accumulate([1, 2, 3, 4])), list(I.accumulate([])))
print(list(I.accumulate([3, 1, 4, 1, 5], max)), list(I.accumulate("abc")))
print(list(I.accumulate([1, 2], initial=10)), list(I.accumulate([], initial=None)))
print(list(I.accumulate([2, 3, 4], lambda a, b: a * b, initial=1)))
print(list(I.accumulate([1, 2, 3], func=None)))
err(lambda: I.accumulate())
err(lambda: I.accumulate([1], lambda a, b: a, 3))
err(lambda: I.accumulate([1], x=1))
err(lambda: list(I.accumulate([1, "a"])))

print("compress", list(I.compress("abcdef", [1, 0, 1, 0, 1, 1])), list(I.compress("ab", [1])))
print(list(I.compress(data="abc", selectors=[0, 1, 1])))
err(lambda: I.compress("a"))
err(lambda: I.compress(1, [1]))

print("count", list(I.islice(I.count(), 3)), list(I.islice(I.count(5, 2), 3)))
print(list(I.islice(I.count(1.5, 0.5), 3)), list(I.islice(I.count(10, -3), 3)))
print(list(I.islice(I.count(1j, 1j), 2)), list(I.islice(I.count(2**65), 2)))
print(list(I.islice(I.count(start=3, step=-1), 4)))
print(repr(I.count()), repr(I.count(5, 2)), repr(I.count(1.5)), repr(I.count(1, 1.0)))
print(repr(I.count(2**70)), repr(I.count(0.5, 2)), repr(I.count(-3)), repr(I.count(1j)))
c = I.count(7)
next(c)
print(repr(c))
c = I.count(2**63 - 2)
print(next(c), next(c), next(c), repr(c))
for args in [("a",), (1, "b"), (1, 2, 3)]:
    err(lambda: I.count(*args))
err(lambda: I.count(x=1))

print("cycle", list(I.islice(I.cycle("abc"), 7)), list(I.cycle("")))
err(lambda: I.cycle())
err(lambda: I.cycle(1))
err(lambda: I.cycle(x=1))
cy = I.cycle(iter([1, 2]))
print([next(cy) for i in range(5)])

print("dropwhile", list(I.dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print("takewhile", list(I.takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
tw = I.takewhile(lambda x: x < 2, [1, 2, 1])
print(list(tw), list(tw))
print("filterfalse", list(I.filterfalse(lambda x: x % 2, range(10))), list(I.filterfalse(None, [0, 1, "", "a", None])))
print("starmap", list(I.starmap(pow, [(2, 5), (3, 2), [10, 3]])), list(I.starmap(max, ["ab", "zq"])))
err(lambda: I.dropwhile(bool))
err(lambda: I.takewhile())
err(lambda: I.filterfalse(None))
err(lambda: I.starmap())
err(lambda: I.dropwhile(bool, [], x=1))
err(lambda: next(I.starmap(pow, [1])))
err(lambda: next(I.dropwhile(1, [1])))
err(lambda: next(I.takewhile(None, [1])))
err(lambda: I.takewhile(bool, 5))

print("repeat", list(I.repeat("a", 3)), list(I.islice(I.repeat(0), 4)), list(I.repeat(1, -5)))
r = I.repeat("x", 3)
print(repr(r), r.__length_hint__(), next(r), repr(r), r.__length_hint__())
print(repr(I.repeat(1)), repr(I.repeat(1, -1)), repr(I.repeat(object=[1], times=2)))
err(lambda: I.repeat(1).__length_hint__())
err(lambda: I.repeat())
err(lambda: I.repeat(1, None))
err(lambda: I.repeat(1, x=2))
err(lambda: I.repeat(1, 2, 3))
import operator
print(operator.length_hint(I.repeat(None, 7)) if hasattr(operator, "length_hint") else 7)

print("pairwise", list(I.pairwise("abcd")), list(I.pairwise("a")), list(I.pairwise([])))
err(lambda: I.pairwise())
err(lambda: I.pairwise(1))
err(lambda: I.pairwise("a", "b"))

print("zip_longest", list(I.zip_longest("abc", [1])), list(I.zip_longest("ab", "c", fillvalue="-")))
print(list(I.zip_longest()), list(I.zip_longest("", "")), list(I.zip_longest("ab")))
err(lambda: I.zip_longest("a", foo=1))
err(lambda: I.zip_longest("a", fillvalue=1, foo=2))
err(lambda: I.zip_longest(1))


class Sub(I.chain):
    pass


s = Sub("ab", "c")
print(type(s).__name__, list(s), isinstance(s, I.chain))


class C(I.count):
    pass


print(repr(C(3)))
print(sorted(n for n in dir(I) if not n.startswith("__")))
print(I.chain.__module__, I.islice.__name__, type(I.count()).__qualname__)
