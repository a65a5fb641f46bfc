# Import errors: messages, .name, relative imports without a package, sys.modules None.
import sys


def show(stmt):
    try:
        exec(stmt, {"__name__": "__main__"})
        print("ok:", stmt)
    except ImportError as e:
        print(type(e).__name__ + ":", e, "| name =", e.name)
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__ + ":", e)


show("import no_such_module_xyz")
show("import shop.no_such")
show("from shop import no_such_name")
show("import shop.VERSION")
show("from . import x")
show("from .. import x")
show("from .shop import x")
show("import shop.util.money.deeper")
sys.modules["blocked_mod"] = None
show("import blocked_mod")
show("from blocked_mod import x")
show("__import__('')")
show("__import__('x', level=-1)")
show("__import__(5)")
show("__import__('shop', fromlist=[5])")
show("__import__('x', globals={}, level=1)")
show("__import__('x', globals={'__package__': 5}, level=1)")
show("__import__('x', globals={'__package__': 'shop'}, level=3)")
show("import circ.c")
