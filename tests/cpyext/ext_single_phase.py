# cpyext: single-phase init (PyModule_Create) inside a package, the extension cache a re-import
# copies from, PyState_FindModule, and the ImportError/SystemError of broken extensions.
import glob
import os
import sys


def _ext_dir():
    """The built test extensions: $PYRS_CPYEXT_DIR (CTest), else the newest build*/ tree."""
    d = os.environ.get("PYRS_CPYEXT_DIR")
    if d:
        return d
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    found = glob.glob(os.path.join(root, "build*", "tests", "cpyext", "mods", "cxtest.*.so"))
    if not found:
        raise SystemExit("build the cpyext test modules first (cmake --build BUILD)")
    return os.path.dirname(max(found, key=os.path.getmtime))


EXT_DIR = _ext_dir()
sys.path.insert(0, EXT_DIR)

import importlib
import importlib.machinery
import importlib.util

from cxpkg import cxsingle

print(cxsingle.__name__, cxsingle.__doc__, cxsingle.VERSION, cxsingle.init_calls())
print(os.path.relpath(cxsingle.__file__, EXT_DIR), cxsingle.__spec__.name)
print(cxsingle.Counter.__module__, cxsingle.Counter.__name__, cxsingle.Counter().incr())
print(cxsingle.find_self() is cxsingle, sys.modules["cxpkg.cxsingle"] is cxsingle)

# a re-import after removal from sys.modules does not run PyInit again (m_size == -1): the
# new module gets a copy of the first one's dict
cxsingle.added_later = 1
first = cxsingle
del sys.modules["cxpkg.cxsingle"]
import cxpkg.cxsingle as second
print(second is first, second.init_calls(), hasattr(second, "added_later"),
      second.Counter is first.Counter, second.VERSION)
print(importlib.reload(second) is second, second.init_calls())

# broken extensions
def attempt(name):
    try:
        importlib.import_module(name)
        print(name, "imported")
    except ImportError as e:
        msg = str(e).replace(EXT_DIR, "<dir>")
        print(name, type(e).__name__, msg, e.name, (e.path or "").replace(EXT_DIR, "<dir>"))
    except Exception as e:
        print(name, type(e).__name__, e, type(e.__cause__).__name__)

for name in ("cxraise", "cxnull", "cxmissing", "cxnoinit", "cxraise"):
    attempt(name)

# a file that is not a shared object at all
import tempfile
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "cxjunk" + importlib.machinery.EXTENSION_SUFFIXES[0])
    with open(path, "w") as f:
        f.write("not an ELF file\n")
    spec = importlib.util.spec_from_file_location("cxjunk", path)
    print(type(spec.loader).__name__)
    try:
        importlib.util.module_from_spec(spec)
    except ImportError as e:
        print("ImportError", "invalid ELF header" in str(e) or "file too short" in str(e),
              e.name, e.path == path)
    # the same module under another name: PyInit_<name> is looked up by the last component
    spec = importlib.util.spec_from_file_location(
        "pkg.cxtest", os.path.join(EXT_DIR, "cxtest" + importlib.machinery.EXTENSION_SUFFIXES[0]))
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    print(m.__name__, m.ANSWER, m.Vec.__module__)
    spec = importlib.util.spec_from_file_location(
        "renamed", os.path.join(EXT_DIR, "cxtest" + importlib.machinery.EXTENSION_SUFFIXES[0]))
    try:
        importlib.util.module_from_spec(spec)
    except ImportError as e:
        print("ImportError", e.msg, e.name)

# the standard machinery sees extension modules as CPython does
import cxtest
print(importlib.machinery.EXTENSION_SUFFIXES)
print(type(cxtest.__loader__).__name__, cxtest.__loader__.is_package("cxtest"),
      cxtest.__spec__.has_location, cxtest.__spec__.cached)
print(importlib.util.find_spec("cxpkg.cxsingle").origin.replace(EXT_DIR, "<dir>"))
