print("b starts")
from . import a
B = "b"
try:
    print(a.A)
except AttributeError as e:
    print("partial:", e)
