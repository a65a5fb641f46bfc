# "Did you mean" hints on NameError/AttributeError reports, AttributeError.name/.obj, and
# sys.excepthook writing to a replaced sys.stderr.
import io
import sys


class Point:
    horizontal = 1
    vertical = 2

    def distance(self):
        return 0


def report(fn):
    saved = sys.stderr
    sys.stderr = buf = io.StringIO()
    try:
        fn()
    except Exception:
        sys.excepthook(*sys.exc_info())
    finally:
        sys.stderr = saved
    print(buf.getvalue().splitlines()[-1])


report(lambda: Point().horizontl)
report(lambda: Point().Distance)
report(lambda: Point().xyzzy)
report(lambda: Point.vertcal)
report(lambda: prnt)
report(lambda: lenn([]))


def local_names():
    counter_value = 3
    return counter_valeu


report(local_names)
report(lambda: __import__("collections").OrderDict)
report(lambda: "abc".uper())
report(lambda: [].apend)
try:
    object.__getattribute__(Point(), "vertcal")
except AttributeError as e:
    print(e.name, type(e.obj).__name__)
try:
    getattr(Point(), "nothing_here")
except AttributeError as e:
    print(e.name, type(e.obj).__name__, e)
long_name = "a" * 50
report(lambda: Point().__getattribute__(long_name))
ValueError_ = 1
Point().verticall
