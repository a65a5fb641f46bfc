# typing: generics, protocols, named tuples, typed dicts, annotations and their introspection.
from typing import (Any, Callable, ClassVar, Dict, Generic, List, Literal, NamedTuple, Optional,
                    Protocol, TypedDict, TypeVar, Union, get_args, get_origin, get_type_hints,
                    runtime_checkable, overload, cast, Annotated, Final, Iterable)
import typing

T = TypeVar("T")
K = TypeVar("K", bound=str)


class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item

    def get(self) -> T:
        return self.item


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


class Resource:
    def close(self):
        pass


class Emp(NamedTuple):
    name: str
    id: int = 3


class Movie(TypedDict, total=False):
    title: str
    year: int


def f(a: int, b: "Optional[str]" = None, *args: float, **kw: Dict[str, int]) -> List[int]:
    return [a]


print(Box[int], Box[int](3).get(), Box.__parameters__, Box[int].__origin__ is Box)
print(isinstance(Resource(), Closer), isinstance(3, Closer))
e = Emp("ann")
print(e, e._fields, e._asdict(), Emp._field_defaults, e._replace(id=9))
m: Movie = {"title": "x"}
print(m, Movie.__total__, sorted(Movie.__annotations__))
print(get_type_hints(f))
print(Optional[int], Union[int, str], Union[int, None] == Optional[int], List[Dict[str, T]])
print(Callable[[int, str], bool], Literal["a", 1], Annotated[int, "meta"], ClassVar[int])
print(get_origin(List[int]), get_args(Dict[str, int]), get_args(Callable[[int], str]))
print(get_origin(Union[int, str]), get_args(Optional[int]), get_origin(Annotated[int, 1]))
print(cast(int, "x"), T, K.__bound__, T.__name__)
print(int | str, list[int], dict[str, list[int]], (int | None) == Optional[int])


@overload
def g(x: int) -> int: ...
@overload
def g(x: str) -> str: ...
def g(x):
    return x


print(g(3), typing.TYPE_CHECKING, typing.Sequence[int], Iterable[str])
try:
    Box[int, str]
except TypeError as e:
    print("TypeError:", e)
print(typing.get_type_hints(Emp), typing.NewType("UserId", int)(5))
