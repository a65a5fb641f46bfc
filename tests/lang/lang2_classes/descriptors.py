# The descriptor protocol: data vs non-data precedence, __get__ with None instance, __set__,
# __delete__, property (getter/setter/deleter/doc), classmethod/staticmethod wrapping, and
# functions as descriptors (bound methods).
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


class NonData:
    def __get__(self, obj, objtype=None):
        return ("nondata", obj is None, objtype.__name__)


class Data:
    def __get__(self, obj, objtype=None):
        return ("data", obj is None)

    def __set__(self, obj, value):
        print("Data.__set__", value)

    def __delete__(self, obj):
        print("Data.__delete__")


class Host:
    nd = NonData()
    d = Data()


h = Host()
print(h.nd, Host.nd, h.d, Host.d)
h.__dict__["nd"] = "instance wins"
h.__dict__["d"] = "instance loses"
print(h.nd, h.d)
h.d = 5
del h.d
Host.d = "replaced on class"
print(h.d, Host.__dict__["d"])


class Temp:
    def __init__(self):
        self._c = 0

    @property
    def celsius(self):
        "temperature in C"
        return self._c

    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("too cold")
        self._c = v

    @celsius.deleter
    def celsius(self):
        print("deleting")
        self._c = None

    ro = property(lambda self: "read only")


t = Temp()
t.celsius = 25
print(t.celsius, Temp.celsius.__doc__, type(Temp.celsius).__name__)
show("too cold", lambda: setattr(t, "celsius", -300))
del t.celsius
print(t.celsius)
show("set ro", lambda: setattr(t, "ro", 1))
show("del ro", lambda: delattr(t, "ro"))
p = property()
show("unreadable", lambda: p.__get__(t, Temp))


class K:
    count = 0

    @classmethod
    def make(cls, *a):
        return (cls.__name__, a)

    @staticmethod
    def util(x):
        return x * 2

    def inst(self, y):
        return (type(self).__name__, y)


class KK(K):
    pass


print(K.make(1), KK.make(), KK().make(2), K.util(3), KK().util(4), K.inst(K(), 5))
bound = KK().inst
print(type(bound).__name__, bound(6), bound.__func__ is K.inst, type(bound.__self__).__name__)
print(type(K.__dict__["make"]).__name__, K.__dict__["util"].__func__(7), type(K.inst).__name__)
f = lambda self: ("lambda bound", type(self).__name__)
print(f.__get__(K(), K)(), f.__get__(None, K) is f)
show("unbound call", lambda: K.inst(5))
show("missing self", lambda: K().inst())


class Counter:
    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        obj.__dict__.setdefault("_hits", 0)
        obj.__dict__["_hits"] += 1
        return obj.__dict__["_hits"]


class UsesCounter:
    hits = Counter()


u = UsesCounter()
print(u.hits, u.hits, u.hits, UsesCounter.hits.name)
print(property.__get__(Temp.celsius, t), classmethod(len).__func__ is len, staticmethod(len)("abc"))
