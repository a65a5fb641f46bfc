# PEP 646: `*args: *Ts` stores the one item that unpacking the annotation gives.
from typing import TypeVarTuple, get_type_hints

Ts = TypeVarTuple("Ts")


def f(*args: *Ts):
    pass


def g(*args: *(1,), **kw: int) -> None:
    pass


print(f.__annotations__, get_type_hints(f))
print(g.__annotations__)
try:
    def h(*args: *(1, 2)):
        pass
except ValueError as e:
    print("ValueError:", e)
