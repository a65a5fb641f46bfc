# Packages, subpackages, relative imports, __all__, import forms and their bindings.
import sys
import shop
print(shop.VERSION, shop.price_of("apple"), shop.fruit.PRICES)
import shop.goods.fruit
print(shop.goods.fruit is shop.fruit, "shop.util.money" in sys.modules)
import shop.util.money as m
print(m.__name__, m.cents(250))
from shop.util import money
print(money is m)
from shop import *
print(sorted(k for k in dir() if not k.startswith("_")))
from shop.util import *
print("_hidden" in dir())
print(shop.__name__, shop.__package__, shop.goods.__package__, m.__package__)
print(shop.__spec__.name, shop.__spec__.parent, m.__spec__.parent)
print(shop.__doc__)
print(hasattr(shop, "__path__"), hasattr(m, "__path__"))
import shop.lazy as lazy
print(lazy.computed_value, lazy.plain, dir(lazy))
try:
    lazy.other
except AttributeError as e:
    print("AttributeError:", e)
from shop.lazy import computed_thing
print(computed_thing)
mod = __import__("shop.util.money")
print(mod.__name__)
mod = __import__("shop.util.money", fromlist=["cents"])
print(mod.__name__)
mod = __import__("money", globals={"__package__": "shop.util", "__name__": "shop.util.x"},
                 fromlist=["cents"], level=1)
print(mod.__name__)
print(sorted(n for n in sys.modules if n.startswith("shop")))
