# NameError / UnboundLocalError / free-variable errors with CPython's messages, including the
# "Did you mean" suggestions printed for an uncaught NameError and AttributeError.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e, getattr(e, "name", None))
    else:
        print(label, "->", repr(r))


def f1():
    return missing_thing


def f2():
    x += 1


def f3():
    def inner():
        return cellvar
    r = inner
    cellvar = 1
    del cellvar
    return r()


class C:
    attr = 1

    def m(self):
        return attr


show("global missing", f1)
show("augmented unbound", f2)
show("free deleted", f3)
show("class attr from method", lambda: C().m())
show("attribute", lambda: C().attrr)
show("module attribute", lambda: __import__("math").sine)
show("builtin typo", lambda: lenn([]))
try:
    del undefined_for_del
except NameError as e:
    print(type(e).__name__, e)
import traceback
try:
    prnt("x")
except NameError as e:
    print("".join(traceback.format_exception_only(type(e), e)).strip())
try:
    C().atr
except AttributeError as e:
    print("".join(traceback.format_exception_only(type(e), e)).strip())
value_one = 1
print(value_one)
raise LookupError("uncaught at the end")
