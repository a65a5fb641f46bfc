# Comparisons of exact ints, floats and strs through the containers' fast compare (list
# search, index, count, sort, min/max) next to subclasses, bools and NaN.
nan = float("nan")


class MyInt(int):
    def __eq__(self, other):
        print("MyInt.__eq__", int(self), other)
        return int(self) == other

    __hash__ = int.__hash__


class MyStr(str):
    def __eq__(self, other):
        print("MyStr.__eq__")
        return str.__eq__(self, other)

    __hash__ = str.__hash__


values = [0, 1, -1, 2 ** 29, -(2 ** 30) + 1, 2 ** 30, 2 ** 40, 1.0, -0.0, 0.0, nan, True, False,
          "a", "\xe9", "\u20ac", "", "ab", 3.5, -3.5]
for v in values:
    row = []
    for w in values:
        try:
            row.append("".join("1" if r else "0" for r in (v < w, v <= w, v == w, v != w, v > w, v >= w)))
        except TypeError:
            row.append("T")
    print(repr(v), " ".join(row))

lst = [5, 7, 2 ** 35, "x", 3.0, nan, MyInt(9), MyStr("q")]
print(7 in lst, 7.0 in lst, 3 in lst, 2 ** 35 in lst, "x" in lst, nan in lst, lst.index(3), lst.count(5))
print(9 in lst, "q" in lst, lst.index(MyInt(9)) if False else lst.index(9))
print(sorted([3, -1, 2 ** 31, -2 ** 40, 0, 7, -1, 5.5]), sorted(["b", "a", "\xe9", "\u20ac", "ab"]))
print(min([4, 2, 9]), max([1.5, -2.0, 1.25]), max(["x", "xy", "\xe9"]), [1, 2] == [1, 2.0])
print(sorted([nan, 1.0, 0.5]) != [0.5, 1.0, nan] or True, (1, "a") < (1, "b"), [0.0] == [-0.0])
try:
    print(1 < "a")
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted([1, "a"])
except TypeError as e:
    print(type(e).__name__, e)
