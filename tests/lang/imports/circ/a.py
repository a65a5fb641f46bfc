print("a starts")
from . import b
A = "a"
print("a done, b.B =", b.B)
