# dataclasses: fields, defaults, ordering, frozen, post-init, inheritance, asdict, replace.
import dataclasses
from dataclasses import dataclass, field, asdict, astuple, replace, fields, KW_ONLY


@dataclass
class Point:
    x: int
    y: int = 0
    tags: list = field(default_factory=list, repr=False)

    def norm2(self):
        return self.x * self.x + self.y * self.y


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    label: str = field(default="", compare=False)


@dataclass
class Point3(Point):
    z: int = 0

    def __post_init__(self):
        self.tags.append("3d")


@dataclass(slots=True)
class Slotted:
    a: int
    _: KW_ONLY
    b: int = 2


p = Point(3, 4)
print(p, p.norm2(), p == Point(3, 4), p != Point(4, 3))
print(Point3(1, 2, z=3), Point3(1, 2, z=3).tags)
print(asdict(Point3(1, 2, z=3)), astuple(Point(5)))
print(sorted([Version(1, 2), Version(1, 0), Version(0, 9, "beta")]))
v = Version(1, 2, "x")
try:
    v.major = 3
except dataclasses.FrozenInstanceError as e:
    print("FrozenInstanceError:", e)
print(replace(v, minor=5), hash(v) == hash(Version(1, 2, "y")))
print([f.name for f in fields(Point3)], dataclasses.is_dataclass(p), dataclasses.is_dataclass(3))
s = Slotted(1, b=5)
print(s, Slotted.__slots__, hasattr(s, "__dict__"))
try:
    Point()
except TypeError as e:
    print("TypeError:", e)
try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError:", e)
Dyn = dataclasses.make_dataclass("Dyn", [("a", int), ("b", str, field(default="x"))])
print(Dyn(1), Dyn.__name__)
print(Point.__match_args__, Version.__lt__(Version(1), Version(2)))
