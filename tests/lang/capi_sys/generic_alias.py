# types.GenericAlias: list[int] and friends, as CPython 3.11 builds, prints and compares them.
import sys

GA = type(list[int])
print(GA, GA.__name__, GA.__module__, GA.__qualname__)


def show(f, *args):
    try:
        print("ok", repr(f(*args)))
    except Exception as e:
        print(type(e).__name__ + ":", e)


# repr
print(list[int], dict[str, list[int]], tuple[()], tuple[int, ...])
print(tuple[int, str], type[int], set[frozenset[bytes]], list[list[list[int]]])
print(list[None], list[...], list["X"], list[3], list[[int, str]])


class Local:
    pass


print(list[Local], dict[Local, Local])
print(repr(list[sys.float_info.__class__]))

# attributes
a = dict[str, list[int]]
print(a.__origin__, a.__args__, a.__parameters__, a.__unpacked__)
print(list[int].__args__, list[int, str].__args__, tuple[()].__args__)
print(a.__class__ is GA, isinstance(a, GA), type(a) is GA)
print(list[int].__name__ if hasattr(list[int], "__name__") else "no __name__")
print(list[int].append is list.append, list[int].__mro__ == list.__mro__)
print(list[int].__typing_unpacked_tuple_args__, tuple[int].__typing_unpacked_tuple_args__)
show(getattr, list[int], "nonexistent")

# equality and hashing
print(list[int] == list[int], list[int] != list[int], list[int] == list[str])
print(list[int] == list, list[int] == tuple[int], dict[str, int] == dict[str, int])
print(hash(list[int]) == hash(list[int]), len({list[int], list[int], list[str]}))
print(list[int] == GA(list, int), GA(list, (int,)) == list[int], GA(dict, (str, int)))

# calling creates an origin instance
x = list[int]([1, 2, 3])
print(x, type(x))
print(dict[str, int](a=1), tuple[int, ...]((1, 2)))


class Box:
    def __class_getitem__(cls, item):
        return GA(cls, item)


b = Box[int]
inst = b()
print(b, type(inst).__name__, inst.__orig_class__ is b)

# __mro_entries__: subclassing an alias subclasses the origin
class MyList(list[int]):
    pass


print(MyList.__bases__, MyList.__orig_bases__, MyList.__mro__[1], MyList([1]) + [2])
print(list[int].__mro_entries__((list[int],)))

# isinstance / issubclass refuse parameterized generics
show(isinstance, [], list[int])
show(issubclass, list, list[int])
show(isinstance, [], (int, list[int]))

# pickling support
print(list[int].__reduce__())
print(dict[str, int].__reduce__()[1])

# star unpacking
st = [*tuple[int, str]]
print(st, st[0].__unpacked__, st[0] == tuple[int, str], st[0].__typing_unpacked_tuple_args__)
print(tuple[*tuple[int, str]] if False else "skip star in subscript")
it = iter(tuple[int])
print(next(it))
show(next, it)
print(st[0] == st[0], st[0] != tuple[int, str])

# dir: the origin's names plus the alias's own
d = dir(list[int])
print(all(n in d for n in dir(list)), "__origin__" in d, "__args__" in d, "__parameters__" in d)
print(len(d) - len(dir(list)))

# constructor errors
show(GA, list)
show(GA, list, int, str)
show(lambda: GA(list, int, x=1))

# subscript errors without type variables
show(lambda: list[int][str])
show(lambda: dict[str, int][int])

# union with |
print(list[int] | None, None | list[int], list[int] | dict[str, int])
print(type(list[int] | None).__name__)

# subclassing GenericAlias itself
class MyAlias(GA):
    pass


m = MyAlias(list, int)
print(type(m).__name__, m, m == list[int], m.__origin__)
