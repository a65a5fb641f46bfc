# The C-API Cython modules (pandas._libs, numpy.random) lean on beyond plain calls: traceback
# entries for Cython functions (PyCode_NewEmpty, PyFrame_New, PyTraceBack_Here), code objects
# filled by code.replace(), tracemalloc tracking of numpy's data (PyTraceMalloc_Track), type
# size checks at import (bool, datetime) and tp_call of METH_FASTCALL builtins. Compared with
# CPython 3.11; skipped (tests/cpyext/CMakeLists.txt) only when pandas is not installed.
import inspect
import sys
import traceback
import tracemalloc

import numpy as np
import pandas as pd


def show(f):
    try:
        r = f()
        print("ok", r)
    except Exception as e:
        print(type(e).__name__, str(e))


# tracebacks through Cython frames
try:
    np.random.RandomState(-1)
except ValueError as e:
    tb = e.__traceback__
    while tb is not None:
        co = tb.tb_frame.f_code
        print(co.co_filename, co.co_name, tb.tb_lineno, type(tb.tb_frame.f_globals).__name__)
        tb = tb.tb_next
    print(traceback.format_exception_only(type(e), e))
    traceback.print_exc(file=sys.stdout)
try:
    pd.Timestamp("garbage")
except ValueError:
    traceback.print_exc(file=sys.stdout)
try:
    np.random.default_rng(0).integers(5, 1)
except ValueError:
    traceback.print_exc(file=sys.stdout)

# code objects of Cython functions
new = pd.Timestamp.__new__
code = new.__code__
print(type(new).__name__, code.co_name, code.co_argcount, code.co_kwonlyargcount)
print(code.co_varnames[:5], code.co_filename, code.co_flags, code.co_firstlineno > 0)
print(list(inspect.signature(new).parameters)[:8])
show(lambda: inspect.signature(pd._libs.lib.is_scalar))

# builtins (METH_FASTCALL) called with keywords from Cython code
rng = np.random.RandomState(5)
print(rng.randint(0, 10, size=5), rng.choice(["a", "b"], 3), rng.rand(2).round(4))
g = np.random.default_rng(1)
print(g.integers(0, 100, 4), g.normal(size=2).round(4), g.permutation(5))

# tracemalloc sees numpy's array data
tracemalloc.start()
a = np.ones(10**6)
cur, peak = tracemalloc.get_traced_memory()
print(cur >= 8 * 10**6, peak >= cur)
snap = tracemalloc.take_snapshot()
dom = snap.filter_traces([tracemalloc.DomainFilter(True, np.lib.tracemalloc_domain)])
stats = dom.statistics("lineno")
print(len(stats), stats[0].size)
del a
tracemalloc.stop()

# sizes Cython checks at import, and bool's layout
print(bool.__basicsize__, bool.__itemsize__, sys.getsizeof(True), True.__sizeof__())
print(pd.Timestamp("2024-02-29") - pd.Timestamp("2023-02-28"), pd.Timedelta("1h30m").seconds)
print(isinstance(pd.Timestamp("2020-01-01"), __import__("datetime").datetime))

# an uncaught error from Cython code: traceback printed on stderr
pd.Timestamp("still garbage")
