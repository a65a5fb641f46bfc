# PyCapsule seen from Python: unicodedata publishes its C API as one (as in CPython).
import unicodedata

c = unicodedata._ucnhash_CAPI
T = type(c)
print(T, T.__name__, T.__module__, T.__qualname__)
print(repr(c).split(" at 0x")[0], repr(c).endswith(">"))
try:
    T()
except TypeError as e:
    print("TypeError:", e)
print(c == c, c != c, hash(c) == hash(c), bool(c))
try:
    c.x
except AttributeError as e:
    print("AttributeError:", e)
try:
    c.x = 1
except AttributeError as e:
    print("AttributeError:", e)
print(T.__doc__ is None or isinstance(T.__doc__, str))
