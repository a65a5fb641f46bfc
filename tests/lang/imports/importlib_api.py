# importlib on top of the native import system: import_module, reload, find_spec,
# spec_from_file_location, resources, metadata, pkgutil.
import importlib
import importlib.machinery
import importlib.resources as res
import importlib.util
import pkgutil
import sys

m = importlib.import_module("json.decoder")
print(m.__name__, m.__spec__.name, m.__spec__.parent)
rel = importlib.import_module(".money", "shop.util")
print(rel.__name__, rel.cents(5))
spec = importlib.util.find_spec("json")
print(spec.name, spec.origin, spec.submodule_search_locations, spec.has_location)
print(importlib.util.find_spec("nonexistent_mod_x"), importlib.util.find_spec("sys").origin)
import shop.util.money as money
money.cents.marker = 1
again = importlib.reload(money)
print(again is money, hasattr(money.cents, "marker"))
here = sys.path[0]
spec = importlib.util.spec_from_file_location("loose_money", here + "/shop/util/money.py")
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
print(mod.__name__, mod.cents(250), "loose_money" in sys.modules)
print(sorted(p.name for p in res.files("json").iterdir() if p.name.endswith(".py")))
print(res.files("shop").joinpath("__init__.py").read_text().splitlines()[0])
print(sorted(m.name for m in pkgutil.iter_modules([here + "/shop"])))
print(sorted(m.name for m in pkgutil.iter_modules([here + "/shop/goods"])))
import importlib.metadata as md
print(len(list(md.distributions())) > 0)
print(importlib.machinery.SOURCE_SUFFIXES, importlib.machinery.EXTENSION_SUFFIXES[-1])
try:
    importlib.import_module(".x")
except TypeError as e:
    print("TypeError:", e)
importlib.invalidate_caches()
print("json" in sys.modules)
