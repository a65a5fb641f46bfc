# map() and filter(): lazy, several iterables for map, None as filter's predicate.
print(list(map(str, [1, 2, 3])))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])))
m = map(abs, [-1, -2])
print(type(m).__name__, next(m), list(m), list(m))
print(list(filter(None, [0, 1, "", "a", None, [], [0]])))
print(list(filter(lambda x: x % 2, range(10))))
print(sum(map(len, ["ab", "cde"])))
try:
    map(str)
except TypeError as e:
    print("TypeError:", e)
try:
    filter(None)
except TypeError as e:
    print("TypeError:", e)
try:
    list(map(int, ["1", "x"]))
except ValueError as e:
    print("ValueError:", e)


class Evens(filter):
    pass


print(list(Evens(lambda v: v % 2 == 0, range(7))))
