# sys.modules is the cache: replacing, deleting and planting entries.
import sys
import shop.util.money as m1
del sys.modules["shop.util.money"]
import shop.util.money as m2
print(m1 is m2, m1.cents(1) == m2.cents(1))


class Fake:
    answer = 42


sys.modules["fake_mod"] = Fake()
import fake_mod
from fake_mod import answer
print(type(fake_mod).__name__, answer)
print(type(sys.modules).__name__, "sys" in sys.modules, "builtins" in sys.modules)
print(sys.modules["__main__"].__name__, __name__)
import shop
print(sys.modules["shop"] is shop)
