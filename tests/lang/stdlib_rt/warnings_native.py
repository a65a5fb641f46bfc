# _warnings without the warnings module: default filters, the C printer's format and source
# line, registries and "once"/"module"/"always"/"error"/"ignore" actions through
# _warnings.filters, warn_explicit, categories and argument errors.
import sys
import _warnings


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


def flush():
    sys.stdout.flush()
    sys.stderr.flush()


print(_warnings._defaultaction, type(_warnings._onceregistry).__name__)
for f in _warnings.filters:
    print(f)

flush()
_warnings.warn("plain user warning")
_warnings.warn("runtime one", RuntimeWarning)
_warnings.warn(UserWarning("instance message"))
_warnings.warn("deprecated in main", DeprecationWarning)
_warnings.warn("pending", PendingDeprecationWarning)
for i in range(3):
    _warnings.warn("loop warning")
flush()


def inner():
    _warnings.warn("from inner, stacklevel 2", stacklevel=2)


inner()
flush()
print(sorted(k for k in __warningregistry__ if k != "version"))
print(__warningregistry__["version"] >= 0)

show(lambda: _warnings.warn("x", 5))
show(lambda: _warnings.warn("x", int))
show(lambda: _warnings.warn())
show(lambda: _warnings.warn("x", stacklevel="a"))

# filters are read at every warning
_warnings.filters.insert(0, ("error", None, RuntimeWarning, None, 0))
_warnings._filters_mutated()
show(lambda: _warnings.warn("now an error", RuntimeWarning))
_warnings.filters.insert(0, ("ignore", None, Warning, None, 0))
_warnings._filters_mutated()
_warnings.warn("ignored", RuntimeWarning)
del _warnings.filters[:2]
_warnings._filters_mutated()

_warnings.filters.insert(0, ("always", None, UserWarning, None, 0))
_warnings._filters_mutated()
flush()
for i in range(2):
    _warnings.warn("always shown")
flush()
_warnings.filters[0] = ("once", None, UserWarning, None, 0)
_warnings._filters_mutated()
for i in range(2):
    _warnings.warn("once only")
    _warnings.warn_explicit("once only", UserWarning, "elsewhere.py", 99)
flush()
_warnings.filters[0] = ("bogus", None, UserWarning, None, 0)
_warnings._filters_mutated()
show(lambda: _warnings.warn("bad action"))
_warnings.filters[0] = ("x",)
show(lambda: _warnings.warn("bad item"))
_warnings.filters[0] = (1, None, UserWarning, None, 0)
show(lambda: _warnings.warn("bad action type"))
del _warnings.filters[0]
_warnings._filters_mutated()

# warn_explicit
reg = {}
flush()
_warnings.warn_explicit("explicit", UserWarning, "somefile.py", 12)
_warnings.warn_explicit("explicit reg", UserWarning, "somefile.py", 12, "mod", reg)
_warnings.warn_explicit("explicit reg", UserWarning, "somefile.py", 12, "mod", reg)
_warnings.warn_explicit(SyntaxWarning("inst"), None, "x.py", 3)
flush()
print(sorted(k for k in reg if k != "version"))
show(lambda: _warnings.warn_explicit("m", UserWarning, 1, 2))
show(lambda: _warnings.warn_explicit("m", UserWarning, "f", "2"))
show(lambda: _warnings.warn_explicit("m", UserWarning, "f", 2, "mod", 5))
show(lambda: _warnings.warn_explicit("m", UserWarning, "f", 2, module_globals=5))
show(lambda: _warnings.warn_explicit("m", UserWarning))
print("end")
