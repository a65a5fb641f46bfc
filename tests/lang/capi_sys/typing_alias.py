# types.GenericAlias and types.UnionType with typing's TypeVar, ParamSpec and TypeVarTuple
# (substitution goes through __typing_subst__ / __typing_prepare_subst__ as in CPython 3.11).
import typing
from typing import TypeVar, ParamSpec, TypeVarTuple, Unpack, Generic
import collections.abc as cabc

T = TypeVar("T")
S = TypeVar("S")
P = ParamSpec("P")
Ts = TypeVarTuple("Ts")


def show(f):
    try:
        print("ok", repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


print(list[T], dict[T, S], list[T].__parameters__, dict[str, list[T]].__parameters__)
print(list[T][int], dict[T, S][str, int], dict[str, list[T]][bytes])
print((list[T] | None)[int], (list[T] | dict[S, T]).__parameters__)
print(tuple[T, ...][int], tuple[T, S][int, str], tuple[T][tuple[int, ...]])
show(lambda: list[T][int, str])
show(lambda: dict[T, S][int])

# typing's own aliases mixed with builtin ones
print(list[typing.List[T]][int], dict[str, typing.Optional[T]][int])
print(typing.Union[list[T], None][int], list[T] | typing.Any)

# TypeVarTuple: *Ts takes any number of arguments
print(tuple[Unpack[Ts]].__parameters__, tuple[int, Unpack[Ts]][str, bytes])
print(tuple[T, Unpack[Ts]][int, str, float], tuple[Unpack[Ts]][()])
print(tuple[*Ts][int, str] if hasattr(Ts, "__iter__") else "")

# ParamSpec through collections.abc.Callable
C = cabc.Callable[P, T]
print(C.__parameters__, C[[int, str], bytes], C[..., int])

# user generics
class Box(Generic[T]):
    pass


print(Box[int], Box[list[T]][str], list[Box[T]][int])
print(isinstance(Box[int](), Box), type(Box[int]()).__name__)
