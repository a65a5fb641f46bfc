# Global declarations seen by the module and by nested functions, the __class__ cell
# (filled before mro(), checked by __build_class__), exceptions thrown into generators
# suspended in a handler, and sys.unraisablehook receiving unraisable errors.
import gc
import sys

# ---- a global declaration anywhere makes the module's own name global ----
local_ns, global_ns = {}, {}
exec("""if 1:
    def f():
        y = 1
        def g():
            global y
            return y
        def h():
            return y + 1
        return g, h
    y = 9
    g, h = f()
    result9 = g()
    result2 = h()
    """, local_ns, global_ns)
print("parallel nested", sorted(local_ns), global_ns["result9"], global_ns["result2"])


def outer():
    x = 1

    def g():
        global x

        def i():
            def h():
                return x
            return h()
        return i()
    return g()


x = 7
print("global through nested", outer())


# ---- the __class__ cell ----
seen = []


class Meta(type):
    def mro(cls):
        cls.__dict__["f"]()
        return super().mro()


class A(metaclass=Meta):
    def f():
        seen.append(__class__)


print("cell in mro", seen[0] is A)


class DropCell(type):
    def __new__(mcls, name, bases, ns):
        ns.pop("__classcell__", None)
        return super().__new__(mcls, name, bases, ns)


class Fine(metaclass=DropCell):
    pass


try:
    class Broken(metaclass=DropCell):
        def f(self):
            return __class__
except RuntimeError as e:
    print("RuntimeError", str(e).split(" as ")[0])


class Other(type):
    def __new__(mcls, name, bases, ns):
        cls = super().__new__(mcls, name, bases, ns)
        type("B", (), ns)
        return cls


try:
    class Wrong(metaclass=Other):
        def f(self):
            return __class__
except TypeError as e:
    print("TypeError", type(e).__name__)


# ---- throw() into a generator inside an except clause ----
def in_handler():
    try:
        raise KeyError("a")
    except Exception:
        yield


def sees_context():
    try:
        raise KeyError("b")
    except Exception:
        try:
            yield
        except Exception as exc:
            yield type(exc).__name__, repr(exc.__context__)


def delegating():
    try:
        raise KeyError("c")
    except Exception:
        yield from in_plain()


def in_plain():
    yield


for make in (in_handler, delegating):
    gen = make()
    gen.send(None)
    try:
        gen.throw(ValueError)
    except ValueError as e:
        print(make.__name__, repr(e.__context__))
gen = sees_context()
gen.send(None)
print("inside", gen.throw(ValueError))
plain = in_plain()
plain.send(None)
try:
    plain.throw(ValueError("x"))
except ValueError as e:
    print("no handler", e.__context__)

# ---- sys.unraisablehook ----
records = []


def hook(u):
    records.append((u.exc_type.__name__, str(u.exc_value), u.err_msg,
                    u.exc_traceback is not None, getattr(u.object, "__name__", None)))


class BrokenDel:
    def __del__(self):
        raise ZeroDivisionError("in del")


sys.unraisablehook = hook
obj = BrokenDel()
del obj
gc.collect()


def ignores_exit():
    try:
        yield
    except GeneratorExit:
        yield


g = ignores_exit()
next(g)
del g
gc.collect()
sys.unraisablehook = sys.__unraisablehook__
for r in records:
    print("unraisable", r)


# ---- a class body reads closure variables through its namespace first ----
def class_namespace():
    x = 42

    class X:
        locals()["x"] = 43
        y = x

    class Y:
        locals()["x"] = 43
        del x
        try:
            z = x
        except NameError:
            z = "NameError"

    class Plain:
        w = x

    def unbound_later():
        class C:
            try:
                a = later
            except NameError as e:
                a = type(e).__name__
        later = 1
        return C.a

    return X.y, Y.z, Plain.w, unbound_later()


print("class namespace", class_namespace())
