# zip(): shortest wins, laziness, strict=True errors naming the arguments.
print(list(zip([1, 2, 3], "ab")))
print(list(zip()), list(zip([1])))
z = zip(range(3), range(10, 13), "xyz")
print(type(z).__name__, next(z), list(z))
print(dict(zip("abc", range(3))))
print(list(zip([1, 2], [3, 4], strict=True)))
for args in (([1, 2], [3]), ([1], [2, 3]), ([1], [2], [3, 4]), ([1, 2], [3, 4], [5])):
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as e:
        print("ValueError:", e)
try:
    zip(1, [2])
except TypeError as e:
    print("TypeError:", e)
try:
    zip([1], bogus=True)
except TypeError as e:
    print("TypeError:", e)
a, b = zip(*[(1, "x"), (2, "y")])
print(a, b)
