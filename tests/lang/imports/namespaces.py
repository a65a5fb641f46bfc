# PEP 420 namespace packages spread over two sys.path entries.
import sys
here = sys.path[0]
sys.path.append(here + "/nsroot1")
sys.path.append(here + "/nsroot2")
import nspkg.a
import nspkg.b
print(nspkg.a.WHO, nspkg.b.WHO)
print(type(nspkg.__path__).__name__, len(list(nspkg.__path__)))
print(nspkg.__spec__.origin, nspkg.__file__ if hasattr(nspkg, "__file__") else "no __file__")
print(nspkg.__spec__.submodule_search_locations is not None)
