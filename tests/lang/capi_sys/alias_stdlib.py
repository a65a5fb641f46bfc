# types.GenericAlias, UnionType and SimpleNamespace seen through the pure-Python stdlib: types.py
# takes them from sys and from list[int] / int | str; collections.abc subclasses GenericAlias.
import types
import collections.abc as cabc

print(types.GenericAlias is type(list[int]), types.UnionType is type(int | str))
print(types.SimpleNamespace is type(__import__("sys").implementation))
print(types.GenericAlias(dict, (str, int)), types.NoneType | int)

C = cabc.Callable[[int, str], bytes]
print(C, type(C).__name__, type(C).__mro__[1] is types.GenericAlias)
print(C.__origin__, C.__args__, C.__parameters__)
print(cabc.Callable[..., int], cabc.Callable[[], None].__args__)
print(cabc.Iterable[int], cabc.Mapping[str, list[int]], cabc.Iterator[int] | None)
print(isinstance(len, cabc.Callable), issubclass(list, cabc.Sequence))
print(list[int] == types.GenericAlias(list, int), C == cabc.Callable[[int, str], bytes])

ns = types.SimpleNamespace(x=1, y=[2])
ns.z = ns.x + 1
print(ns, ns == types.SimpleNamespace(x=1, y=[2], z=2))
