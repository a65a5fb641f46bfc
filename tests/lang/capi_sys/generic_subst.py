# TypeVar substitution in types.GenericAlias and types.UnionType. typing.TypeVar is duck-typed
# through __typing_subst__ (as CPython 3.11 does), so a small stand-in class is enough here.


class TV:
    def __init__(self, name):
        self.__name__ = name

    def __typing_subst__(self, arg):
        if arg == "bad":
            raise TypeError(f"{self.__name__} cannot take {arg!r}")
        return arg

    def __repr__(self):
        return "~" + self.__name__


class Unpacked(TV):
    # stands in for *Ts: substituting it splices a tuple of types
    __typing_is_unpacked_typevartuple__ = True

    def __typing_subst__(self, arg):
        return arg


T, S = TV("T"), TV("S")


def show(f, *args):
    try:
        print("ok", repr(f(*args)))
    except Exception as e:
        print(type(e).__name__ + ":", e)


# __parameters__ collects the type variables, each once, in order of appearance
print(list[T].__parameters__, dict[T, S].__parameters__, dict[T, T].__parameters__)
print(dict[str, list[T]].__parameters__, tuple[T, list[S], T].__parameters__)
print(list[int].__parameters__, (int | list[T]).__parameters__,
      (list[T] | dict[S, T] | int).__parameters__)

# substitution
print(list[T][int], dict[T, S][str, bytes], dict[str, list[T]][bytes])
print(tuple[T, list[S], T][int, str], dict[T, list[dict[S, T]]][int, float])
print(list[T][list[S]], list[T][list[S]].__parameters__, list[T][list[S]][int])
print(list[T][T], list[T][(int,)], dict[T, S][(int, str)])
print((int | list[T])[str], (list[T] | dict[S, T])[int, bytes], (list[T] | None)[int])
print((list[T] | list[S])[int, int], type((list[T] | list[S])[int, int]).__name__)
print((list[T] | int)[int], (list[T] | set[T]).__args__)

# errors
show(lambda: list[T][int, str])
show(lambda: dict[T, S][int])
show(lambda: list[int][str])
show(lambda: (int | str)[int])
show(lambda: (list[T] | int)[int, str])
show(lambda: list[T]["bad"])
show(lambda: dict[T, S][()])

# unpacked tuple arguments splice into the argument list
star = next(iter(tuple[int, str]))
print(tuple[T, S][star], dict[T, S][star], tuple[T, S, T][bytes, star] if False else "")
print(tuple[T][tuple[int, str]])
show(lambda: tuple[T, S][tuple[int, str]])
Ts = Unpacked("Ts")
print(tuple[Ts].__parameters__, tuple[int, Ts].__parameters__)

# the starred flag survives substitution
st = next(iter(tuple[T]))
print(st, st[int], st[int].__unpacked__)
