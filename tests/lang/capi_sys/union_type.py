# types.UnionType: int | str, as CPython 3.11 builds, flattens, prints and compares it.
U = int | str
UT = type(U)
print(UT, UT.__name__, UT.__module__, UT.__qualname__)


def show(f, *args):
    try:
        print("ok", repr(f(*args)))
    except Exception as e:
        print(type(e).__name__ + ":", e)


# repr and args
print(U, U.__args__, U.__parameters__, U.__module__)
print(int | None, None | int, type(None) | int, int | str | None)
print(int | int, int | int | int, (int | str) | (str | float), int | (str | int))
print(int | list[int], list[int] | int, dict[str, int] | None)
print((int | str).__args__, (int | None).__args__, (int | str | int).__args__)
print(list[int] | list[int], (list[int] | list[int]).__args__ if False else "dedup")


class Local:
    pass


print(Local | None, int | Local)

# equality and hash (order-insensitive)
print(int | str == str | int, int | str == int | float, int | str != str | int)
print(hash(int | str) == hash(str | int), len({int | str, str | int, int | bytes}))
print((int | str) == int, (int | None) == (None | int))

# isinstance and issubclass
print(isinstance(1, int | str), isinstance("a", int | str), isinstance(1.0, int | str))
print(isinstance(None, int | None), issubclass(bool, int | str), issubclass(float, int | str))
print(isinstance(1, (float, int | str)))
show(isinstance, 1, str | list[int])
show(issubclass, 1, int | str)

# unsupported operands
show(lambda: int | 3)
show(lambda: 3 | int)
show(lambda: int | "str")
show(UT)

# type(None) normalisation and nesting
u = int | None
print(u.__args__[1] is type(None), len((int | str | bytes | None).__args__))

# member access
show(getattr, U, "nonexistent")
print(type(U.__args__).__name__)
