# __getattr__ (fallback only), __getattribute__ (every access), __setattr__/__delattr__,
# object.__getattribute__ bypass, AttributeError messages and attribute lookup on classes.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


class Lazy:
    def __init__(self):
        self.real = 1

    def __getattr__(self, name):
        if name.startswith("auto_"):
            value = name[5:].upper()
            setattr(self, name, value)
            return value
        raise AttributeError(f"no {name}")


z = Lazy()
print(z.real, z.auto_x, vars(z), z.auto_x)
show("missing", lambda: z.other)
show("getattr default", lambda: getattr(z, "other", "dflt"))
show("hasattr", lambda: hasattr(z, "other"))


class Logged:
    def __init__(self):
        object.__setattr__(self, "log", [])

    def __getattribute__(self, name):
        if name != "log":
            object.__getattribute__(self, "log").append(("get", name))
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        self.log.append(("set", name, value))
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        self.log.append(("del", name))
        object.__delattr__(self, name)

    def method(self):
        return "method"


g = Logged()
g.a = 1
g.a
g.method()
del g.a
show("deleted", lambda: g.a)
print(g.log)


class Both:
    def __getattribute__(self, name):
        if name == "boom":
            raise AttributeError("from getattribute")
        if name == "other_error":
            raise KeyError(name)
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        return f"fallback:{name}"


b = Both()
print(b.boom, b.missing)
show("non-attribute error", lambda: b.other_error)


class Frozen:
    __slots__ = ("v",)

    def __init__(self, v):
        object.__setattr__(self, "v", v)

    def __setattr__(self, k, v):
        raise AttributeError(f"cannot set {k!r}: frozen")

    def __delattr__(self, k):
        raise AttributeError(f"cannot delete {k!r}: frozen")


f = Frozen(3)
show("set frozen", lambda: setattr(f, "v", 4))
show("del frozen", lambda: delattr(f, "v"))
print(f.v)


class Plain:
    x = 1


p = Plain()
show("instance missing", lambda: p.y)
show("class missing", lambda: Plain.y)
show("del class attr via instance", lambda: delattr(p, "x"))
show("object setattr on int", lambda: object.__setattr__(1, "x", 2))
show("object setattr on type", lambda: object.__setattr__(Plain, "x", 2))
show("type setattr", lambda: (type.__setattr__(Plain, "x", 5), Plain.x)[1])
show("non-str attr", lambda: object.__getattribute__(p, 5))
show("dunder dict assign", lambda: setattr(p, "__dict__", {"q": 9}) or p.q)
show("dunder dict bad", lambda: setattr(p, "__dict__", 5))
show("class assign", lambda: setattr(p, "__class__", Lazy) or type(p).__name__)
show("class assign bad", lambda: setattr(p, "__class__", int))
print(type(p).__name__, p.__dict__)


class Meta(type):
    def __getattr__(cls, name):
        return f"meta:{name}"


class WithMeta(metaclass=Meta):
    pass


print(WithMeta.anything, hasattr(WithMeta(), "anything"))
