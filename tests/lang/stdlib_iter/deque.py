# _collections.deque: every method, maxlen trimming, indexing, comparisons, arithmetic,
# mutation during iteration, repr (recursive and subclassed), reduce/copy, iterators, errors.
from _collections import deque, _deque_iterator, _deque_reverse_iterator


def err(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("   ok", r)


d = deque()
print(d, len(d), bool(d), d.maxlen)
d = deque("abc")
d.append("d")
d.appendleft("z")
print(d, d.pop(), d.popleft(), d)
d.extend([1, 2])
d.extendleft([8, 9])
print(d, len(d), d[0], d[-1], d[3])
d.rotate()
print(d)
d.rotate(-2)
print(d)
d.rotate(9)
print(d)
d.rotate(0)
d.rotate(-13)
print(d)
d.reverse()
print(d, d.count("a"), d.count(42), d.index("c"))
d.insert(2, "X")
d.insert(-1, "Y")
d.insert(100, "end")
d.insert(-100, "start")
print(d)
d.remove("X")
print(d, "c" in d, "X" in d)
d[1] = "one"
del d[0]
del d[-1]
print(d)
print(d.index("b", 1), d.index(2, -8, -1), d.index(1, 0, 100), d.index("a", -100))
err(lambda: d.index("b", 0, 1))
err(lambda: d.index("nope"))
err(lambda: d.index("b", "a"))
err(lambda: d.remove("nope"))
err(lambda: deque().pop())
err(lambda: deque().popleft())
err(lambda: d[100])
err(lambda: d[-100])
err(lambda: d["a"])
err(lambda: d[1:2])
err(lambda: d.__setitem__(50, 1))
err(lambda: d.__delitem__(50))
err(lambda: d.rotate("a"))
err(lambda: d.insert("a", 1))
err(lambda: hash(d))
c = d.copy()
c2 = d.__copy__()
print(c == d, c is d, c2, type(c).__name__)
d.clear()
print(d, c)

print("maxlen")
m = deque(range(5), maxlen=3)
print(m, m.maxlen)
m.append(5)
m.appendleft(-1)
print(m)
m.extend(range(10, 14))
print(m)
m.extendleft("ab")
print(m)
err(lambda: m.insert(0, "x"))
z = deque([1, 2], maxlen=0)
z.append(1)
z.extend(range(5))
print(z, z.maxlen)
print(repr(deque([1], maxlen=2)), repr(deque(maxlen=None)), deque(iterable=[1, 2], maxlen=5))
err(lambda: deque([1], -1))
err(lambda: deque([1], "a"))
err(lambda: deque(x=1))
err(lambda: deque(1, 2, 3))
err(lambda: deque(5))
e = deque([1, 2, 3], 3)
e.__init__([7])
print(e, e.maxlen)
e.__init__("ab", 1)
print(e)

print("compare")
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) != deque([1, 3]), deque([1]) == [1])
print(deque([1, 2]) < deque([1, 3]), deque([1, 2]) <= deque([1, 2]), deque([2]) > deque([1, 9]))
print(deque([1, 2, 3]) >= deque([1, 2]), deque() < deque([0]), deque("ab") > deque("a"))
err(lambda: deque([1]) < [1])
err(lambda: deque([1]) < deque(["a"]))

print("arith")
a = deque([1, 2])
print(a + deque([3]), a * 3, 2 * a, a * 0, a * -1)
err(lambda: a + [1])
err(lambda: a * "a")
a += [9, 8]
print(a)
a *= 2
print(a)
b = deque("xy", maxlen=3)
b *= 3
print(b)
b += "pq"
print(b, deque("ab", 3) + deque("cd"))
aa = deque([1, 2])
aa.extend(aa)
print(aa)
aa += aa
print(aa)

print("iteration")
it = iter(deque("abc"))
print(type(it).__name__, it.__length_hint__(), next(it), it.__length_hint__(), list(it))
r = reversed(deque("abc"))
print(type(r).__name__, r.__length_hint__(), list(r))
dd = deque([1, 2, 3])
it = iter(dd)
next(it)
dd.append(4)
err(lambda: next(it))
err(lambda: next(it))
it = reversed(dd)
dd.pop()
err(lambda: next(it))
it = iter(dd)
dd[0] = 100
print(list(it))


class Mut:
    def __eq__(self, other):
        mutme.append(1)
        return False


mutme = deque([1, 2, 3])
err(lambda: mutme.count(Mut()))
mutme = deque([1, 2, 3])
err(lambda: mutme.index(Mut()))
mutme = deque([1, 2, 3])
err(lambda: Mut() in mutme)
mutme = deque([1, 2, 3])
err(lambda: mutme.remove(Mut()))

print("reduce")
print(deque([1, 2]).__reduce__()[:3], deque([1], 4).__reduce__()[:3])
src = deque("abcd")
it = iter(src)
next(it)
cls, args = it.__reduce__()
print(cls.__name__, args[1], list(cls(*args)))
print(list(_deque_iterator(src, 2)), list(_deque_reverse_iterator(src, 1)))
print(list(_deque_iterator(src, 10)), list(_deque_reverse_iterator(src)))
err(lambda: _deque_iterator([1]))

print("repr")
rec = deque([1])
rec.append(rec)
print(rec)


class Sub(deque):
    pass


s = Sub([1, 2], 5)
print(repr(s), type(s.copy()).__name__, s.copy(), type(s + s).__name__)
s.attr = 1
print(s.__reduce__()[0].__name__, s.__reduce__()[1], s.__reduce__()[2])
s2 = Sub("ab")
print(repr(s2), s2 == deque("ab"))


class BadCopy(deque):
    def __new__(cls, *a):
        return 5


err(lambda: deque.copy(BadCopy.__new__(BadCopy) if False else deque.__new__(BadCopy)))
import _weakref
w = deque([1])
ref = _weakref.ref(w)
print(ref() is w)
print(deque.__class_getitem__ is not None, deque.__len__(deque("abc")), deque("ab").__sizeof__() > 0)
print(deque.__name__, deque.__module__, deque.__hash__)
