# sys.tracebacklimit keeps only the most recent entries of a printed traceback (0 or less:
# none, not even the header); the uncaught exception at the end prints through it.
import sys
import traceback


def f1():
    1 / 0


def f2():
    f1()


def f3():
    f2()


for limit in (10, 2, 1, 0, -5, 1 << 1000, -(1 << 1000), None, "x"):
    sys.tracebacklimit = limit
    try:
        f3()
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    print("--", repr(limit)[:10], file=sys.stderr)
del sys.tracebacklimit
print(traceback.format_exc(limit=1) if False else "done")
sys.tracebacklimit = 2
f3()
