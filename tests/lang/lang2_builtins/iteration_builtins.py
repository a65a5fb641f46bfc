# iter (with sentinel), next (with default), enumerate, zip (strict), map, filter, reversed,
# all/any, and the iterator protocol errors they raise.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


counter = iter(range(10))
print(list(iter(lambda: next(counter), 5)))
print(list(enumerate("abc", 1)), list(enumerate([], 5)), list(enumerate("xy", start=-2)))
print(list(zip("abc", range(5))), list(zip()), list(zip([1])), list(zip("ab", "cd", "ef")))
print(list(map(pow, [2, 3], [3, 2])), list(map(str.upper, "ab")), list(filter(None, [0, 1, "", "a", None])))
print(list(filter(lambda x: x % 2, range(7))), list(reversed([1, 2, 3])), list(reversed("ab")), list(reversed(range(3))))
print(all([]), any([]), all([1, [], 2]), any([0, "", None, 3]), all(x > 0 for x in [1, 2]), any(iter([0, 0])))
print(next(iter([]), "dflt"), next(iter("a")), next(iter({}), None))
show("zip strict", lambda: list(zip([1, 2], [1], strict=True)))
show("zip strict 2", lambda: list(zip([1], [1, 2], strict=True)))
show("zip strict ok", lambda: list(zip([1], [2], strict=True)))
show("zip non-iterable", lambda: zip(1))
show("zip arg 2", lambda: zip([1], 2))
show("map non-callable", lambda: list(map(5, [1])))
show("map no iterable", lambda: map(str))
show("filter args", lambda: filter(None))
show("iter int", lambda: iter(5))
show("iter sentinel non-callable", lambda: iter(5, 1))
show("next non-iterator", lambda: next([1]))
show("next exhausted", lambda: next(iter([])))
show("reversed set", lambda: reversed({1}))
show("reversed gen", lambda: reversed(x for x in []))
show("enumerate bad start", lambda: enumerate([], "1"))
show("all int", lambda: all(5))
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10
    def __len__(self):
        return 3
print(list(Seq()), list(reversed(Seq())), 20 in Seq(), list(enumerate(Seq())))
class It:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n
print(list(It()), sum(It()), max(It()), sorted(It(), reverse=True), dict(zip(It(), "abc")))
class BadIter:
    def __iter__(self):
        return 5
show("iter returns int", lambda: iter(BadIter()))
class Reversible:
    def __reversed__(self):
        return iter("cba")
print(list(reversed(Reversible())))
class NoneRev:
    __reversed__ = None
    def __getitem__(self, i):
        return i
    def __len__(self):
        return 1
show("__reversed__ None", lambda: reversed(NoneRev()))
z = zip([1, 2], "ab")
print(next(z), list(z), list(z))
e = enumerate("xy")
print(iter(e) is e, next(e), e.__next__())
m = map(lambda x, y: x + y, [1, 2, 3], [10, 20])
print(list(m))
print(list(zip(*[(1, "a"), (2, "b")])), list(map(lambda *a: a, "ab", "cd", "ef")))
