# atexit (register/unregister/_run_exitfuncs/_clear/_ncallbacks, LIFO order, arguments,
# and _weakref (ref, proxy, counts, lists, dead entries).
import atexit
import _weakref


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


log = []


def f(*args, **kwargs):
    log.append(("f", args, sorted(kwargs.items())))


def g():
    log.append("g")


print(atexit._ncallbacks())
print(atexit.register(f, 1, 2, k=3) is f)
atexit.register(g)
atexit.register(f)
atexit.register(log.append, "boom")
print(atexit._ncallbacks())
atexit.unregister(f)
print(atexit._ncallbacks())
atexit.register(f, "again")
atexit._run_exitfuncs()
print(log)
print(atexit._ncallbacks())
atexit.register(g)
atexit.register(g)
atexit._clear()
print(atexit._ncallbacks())
atexit.unregister(g)
show(lambda: atexit.register())
show(lambda: atexit.register(1))
print(atexit.register(print, "at", "exit", sep="-") is print)
atexit._run_exitfuncs()
atexit._clear()

# _weakref
class Obj:
    pass


o = Obj()
print(_weakref.getweakrefcount(o), _weakref.getweakrefs(o))
r1 = _weakref.ref(o)
r2 = _weakref.ref(o, lambda r: None)
p = _weakref.proxy(o)
print(_weakref.getweakrefcount(o), len(_weakref.getweakrefs(o)))
print(r1() is o, type(r1) is _weakref.ReferenceType, _weakref.ref is _weakref.ReferenceType)
print(type(p) is _weakref.ProxyType)
cp = _weakref.proxy(lambda: 7)
print(type(cp) is _weakref.CallableProxyType)
print(_weakref.getweakrefcount(1), _weakref.getweakrefs(1))
show(lambda: _weakref.proxy())
show(lambda: _weakref.proxy(1))
show(lambda: _weakref.ref(1))
o.attr = 5
print(p.attr)
d = {"a": r1, "b": 3}
_weakref._remove_dead_weakref(d, "a")
print(sorted(d))
del o
print(r1(), sorted(d))
show(lambda: p.attr)
_weakref._remove_dead_weakref(d, "a")
_weakref._remove_dead_weakref(d, "zz")
print(sorted(d))
show(lambda: _weakref._remove_dead_weakref(d, "b"))
show(lambda: _weakref._remove_dead_weakref([], "b"))
show(lambda: _weakref._remove_dead_weakref(d))
