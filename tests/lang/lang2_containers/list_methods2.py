# list: every method with edge and bad arguments, and in-place operators.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


a = [3, 1, 4, 1, 5, 9, 2, 6]
a.append(5)
a.extend(range(2))
a.extend("xy")
a.insert(0, "first")
a.insert(-1, "pen")
a.insert(100, "last")
a.insert(-100, "zero")
print(a)
print(a.index(1), a.index(1, 4), a.index(5, -8), a.count(1), a.count("x"), a.count(99))
print(a.pop(), a.pop(0), a.pop(-3), a.pop(2), a)
a.remove(1)
print(a)
b = a.copy()
b.reverse()
print(b, b is not a, b == a[::-1])
nums = [x for x in a if isinstance(x, int)]
nums.sort()
print(nums)
nums.sort(reverse=True)
print(nums)
words = ["pear", "Apple", "fig", "banana", "apple", "Fig"]
words.sort(key=str.lower)
print(words)
words.sort(key=len, reverse=True)
print(words)
show("index missing", lambda: [1, 2].index(3))
show("index range", lambda: [1, 2, 3].index(3, 0, 2))
show("index bad start", lambda: [1].index(1, "a"))
show("remove missing", lambda: [1].remove(2))
show("pop empty", lambda: [].pop())
show("pop range", lambda: [1].pop(5))
show("pop str", lambda: [1].pop("0"))
show("insert str", lambda: [].insert("0", 1))
show("extend int", lambda: [].extend(3))
show("sort mixed", lambda: [1, "a"].sort())
show("sort positional", lambda: [1].sort(None))
show("sort bad key", lambda: [1, 2].sort(key=5))
show("count no arg", lambda: [].count())
show("clear", lambda: ([1, 2].clear(), [1].copy()))
c = [1, 2]
c += (3, 4)
c += "ab"
c *= 2
print(c)
d = [0]
d *= 0
print(d)
show("iadd int", lambda: [].__iadd__(5))
show("add tuple", lambda: [1] + (2,))
show("mul float", lambda: [1] * 2.0)
show("mul neg", lambda: [1, 2] * -1)
show("mul huge", lambda: [1, 2] * (2**62))
e = [1, 2, 3]
e.extend(e)
print(e)
f = [5, 3, 1]
def key(x):
    f.append(0)
    return x
show("mutate during sort", lambda: f.sort(key=key))
g = [1]
g.append(g)
print(g, repr(g), str([g, g]))
print(list(), list("ab"), list(range(3)), list({"k": 1}), list((1,)), [] == [], [1, [2]] == [1, [2]])
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9], [] < [0], [1, 2] <= [1, 2], [[1]] < [[2]])
show("lt mixed", lambda: [1] < ["a"])
