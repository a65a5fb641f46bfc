# A finder on sys.meta_path and a replaced builtins.__import__ are honoured.
import sys
import builtins


class Loader:
    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.GREETING = "hello from " + module.__name__
        module.ORIGIN = module.__spec__.origin


class Finder:
    def find_spec(self, name, path, target=None):
        if name.startswith("virtual"):
            print("find_spec", name, path is None)
            from_spec = type("Spec", (), {})()
            from_spec.name = name
            from_spec.loader = Loader()
            from_spec.origin = "virtual-origin"
            from_spec.submodule_search_locations = None
            from_spec.loader_state = None
            from_spec.cached = None
            from_spec.parent = name.rpartition(".")[0]
            from_spec.has_location = False
            return from_spec
        return None


sys.meta_path.insert(0, Finder())
import virtual_one
print(virtual_one.GREETING, virtual_one.ORIGIN, virtual_one.__name__)
import virtual_one
from virtual_two import GREETING
print(GREETING)
sys.meta_path.pop(0)
try:
    import virtual_three
except ModuleNotFoundError as e:
    print(e)

import shop.util.money
from shop import fruit
calls = []
real_import = builtins.__import__


def tracing_import(name, globals=None, locals=None, fromlist=(), level=0):
    calls.append((name, tuple(fromlist or ()), level))
    return real_import(name, globals, locals, fromlist, level)


builtins.__import__ = tracing_import
import shop.util.money
from shop import fruit
builtins.__import__ = real_import
print(calls)
