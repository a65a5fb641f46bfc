# Modules, packages and data files imported from a zip archive on sys.path (zipimport as a
# default path hook), and the errors for names the archive does not hold.
import importlib
import importlib.resources
import os
import pkgutil
import sys
import tempfile
import zipfile

tmp = tempfile.mkdtemp()
archive = os.path.join(tmp, "lib.zip")
with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("zmod.py", "VALUE = 42\ndef double(x):\n    return 2 * x\n")
    z.writestr("zpkg/__init__.py", "from .inner import NAME\n")
    z.writestr("zpkg/inner.py", "NAME = 'inner of ' + __name__.split('.')[0]\n")
    z.writestr("zpkg/sub/__init__.py", "")
    z.writestr("zpkg/sub/leaf.py", "import zmod\nLEAF = zmod.double(21)\n")
    z.writestr("zpkg/data.txt", "line one\nline two\n")
    z.writestr("zns/", "")  # a directory entry: what makes zns a namespace portion
    z.writestr("zns/part.py", "WHERE = 'namespace portion'\n")


def rel(path):
    return path.replace(tmp, "<tmp>") if isinstance(path, str) else path


sys.path.insert(0, archive)
import zmod

print("zmod", zmod.VALUE, zmod.double(5))
print("file", rel(zmod.__file__))
print("loader", type(zmod.__loader__).__name__, type(zmod.__spec__.loader).__name__)
print("spec origin", rel(zmod.__spec__.origin), zmod.__spec__.parent == "")

import zpkg
import zpkg.sub.leaf
from zpkg import inner

print("package", zpkg.NAME, rel(zpkg.__path__[0]), zpkg.__package__)
print("subpackage", zpkg.sub.leaf.LEAF, zpkg.sub.leaf.__name__, zpkg.sub.__package__)
print("inner is", inner is sys.modules["zpkg.inner"])

import zns.part

print("namespace", zns.part.WHERE, [rel(p) for p in zns.__path__])

print("get_data", pkgutil.get_data("zpkg", "data.txt"))
print("resources", importlib.resources.files("zpkg").joinpath("data.txt").read_text().split())
print("is_resource", importlib.resources.files(zpkg).joinpath("data.txt").is_file())
print("iter_modules", sorted(m.name for m in pkgutil.iter_modules([archive])))
print("iter_modules pkg", sorted((m.name, m.ispkg) for m in pkgutil.iter_modules(zpkg.__path__)))

finder = sys.path_importer_cache[archive]
print("finder", type(finder).__name__, rel(finder.archive), repr(finder.prefix))
print("hooks", [getattr(h, "__name__", "?") for h in sys.path_hooks][:1])
print("find_spec", importlib.util.find_spec("zpkg.inner").name)
print("source", repr(finder.get_source("zmod").splitlines()[0]))

for name in ["zmissing", "zpkg.missing", "zmod.sub"]:
    try:
        importlib.import_module(name)
    except ImportError as e:
        print(type(e).__name__, e, e.name)
try:
    from zpkg import nothing_here
except ImportError as e:
    print(type(e).__name__, rel(str(e)))

sys.path.remove(archive)
for name in list(sys.modules):
    if name.split(".")[0] in ("zmod", "zpkg", "zns"):
        del sys.modules[name]
try:
    import zmod
except ModuleNotFoundError as e:
    print("after removal:", e)
os.remove(archive)
os.rmdir(tmp)
