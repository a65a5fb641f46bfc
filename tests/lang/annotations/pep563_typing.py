# PEP 563 with the libraries that read annotations: typing.get_type_hints resolves the
# strings, dataclasses recognises ClassVar/InitVar from them, inspect shows them, and
# functools.singledispatch registers by them.
from __future__ import annotations

import dataclasses
import functools
import inspect
import typing
from dataclasses import InitVar, dataclass, field
from typing import ClassVar, NamedTuple, Optional, TypedDict


@dataclass
class Point:
    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)
    origin: ClassVar[Point]
    scale: InitVar[float] = 1.0
    parent: Optional[Point] = None

    def __post_init__(self, scale: float) -> None:
        self.x = int(self.x * scale)

    def moved(self, dx: int) -> Point:
        return Point(self.x + dx, self.y)


p = Point(3, 4, scale=2.0)
print(p, p.moved(1))
print("fields", [(f.name, f.type) for f in dataclasses.fields(Point)])
print("annotations", Point.__annotations__)
print("hints", typing.get_type_hints(Point))
print("method hints", typing.get_type_hints(Point.moved))
print("signature", inspect.signature(Point.moved))
print("init signature", inspect.signature(Point.__init__))


@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int = 0

    def bump(self) -> Version:
        return Version(self.major, self.minor + 1)


print(sorted([Version(2), Version(1, 5), Version(1)]), Version(1).bump())


class Pair(NamedTuple):
    left: Tree
    right: Tree | None = None


class Tree:
    children: list[Tree]


print(Pair.__annotations__, Pair._fields, Pair(1))
print("pair hints", typing.get_type_hints(Pair, globals()))


class Movie(TypedDict, total=False):
    title: str
    year: int


print(Movie.__annotations__, sorted(Movie.__optional_keys__))
print("movie hints", typing.get_type_hints(Movie))


@functools.singledispatch
def describe(obj) -> str:
    return "object"


@describe.register
def _(obj: int) -> str:
    return "int"


try:
    @describe.register
    def _(obj: list[int] | None.__class__) -> str:
        return "unreachable"
except TypeError as e:
    print(type(e).__name__, e)


@describe.register
def _(obj: str | bytes) -> str:
    return "text"


print(describe(1), describe("s"), describe(b"b"), describe(1.5))


def forward(a: Later, b: "Later") -> list[Later]:
    pass


class Later:
    pass


print(forward.__annotations__)
print(typing.get_type_hints(forward))
try:
    typing.get_type_hints(lambda: None)
    def broken(x: Missing) -> None:
        pass
    typing.get_type_hints(broken)
except NameError as e:
    print(type(e).__name__, e)
print(inspect.get_annotations(forward, eval_str=True))
print(inspect.signature(forward))
