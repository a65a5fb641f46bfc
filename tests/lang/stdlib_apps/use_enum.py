# enum: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique, members, lookups, formatting.
import enum
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1


class Prio(IntEnum):
    LOW = auto()
    HIGH = auto()


class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()
    RW = R | W


class Bits(IntFlag):
    A = 1
    B = 2


class Shape(enum.StrEnum):
    SQUARE = auto()
    CIRCLE = "round"


print(Color.RED, repr(Color.GREEN), Color(2), Color["BLUE"], Color.CRIMSON is Color.RED)
print(list(Color), len(Color), Color.RED.name, Color.RED.value, list(Color.__members__))
print(Prio.HIGH > Prio.LOW, Prio.HIGH + 1, int(Prio.LOW), f"{Prio.HIGH}", str(Prio.HIGH))
print(Perm.R | Perm.W, Perm.RW, Perm.R in Perm.RW, Perm(7), ~Perm.R, list(Perm.RW), bool(Perm(0)))
print(Bits.A | Bits.B, Bits(3), Bits.A | 4, repr(Bits(3)))
print(Shape.SQUARE, Shape.CIRCLE.upper(), repr(Shape.SQUARE))
try:
    Color(9)
except ValueError as e:
    print("ValueError:", e)
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print("ValueError:", e)
Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value)
print(isinstance(Color.RED, Color), type(Color.RED), Color.__members__["CRIMSON"])


class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def gravity(self):
        return round(6.673e-11 * self.mass / (self.radius * self.radius), 3)


print(Planet.EARTH.gravity, Planet.MERCURY.value)
print(Color.RED.__class__.__name__, hash(Color.RED) == hash(Color.RED), Color.RED == 1)
