"""A package with subpackages, relative imports and __all__."""
print("init", __name__, __package__)
from .goods import fruit
from . import util
__all__ = ["fruit", "price_of", "VERSION"]
VERSION = (1, 2)


def price_of(name):
    return fruit.PRICES[name]
