# Objects are released as soon as their last reference goes, as CPython's stack-based VM
# releases them: no dead temporary register of the frame may keep a value alive.
import gc
import weakref
from collections import OrderedDict

log = []


class Tracked:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        log.append(self.name)


def make_pair():
    return Tracked("p1"), [Tracked("p2")]


class Holder:
    __slots__ = ("a", "b", "c")


def statements():
    x = Tracked("call")
    del x
    print("after del x:", log)
    h = Holder()
    h.a = Tracked("slot a")
    h.b = Tracked("slot b")
    h.c = Tracked("slot c")
    del h
    print("after del h:", log)
    d = {}
    d["k"] = Tracked("item")
    d["k2"] = [Tracked("in list")]
    del d
    print("after del d:", log)
    a, b = make_pair()
    del a, b
    print("after unpack:", log)
    items = [Tracked("l0"), Tracked("l1")]
    del items[0]
    print("after del items[0]:", log)
    del items
    t = (Tracked("t0"), Tracked("t1"))
    s = {"s": Tracked("d0")}
    del t, s
    print("after displays:", log)
    o = Holder()
    o.a = Tracked("attr")
    del o.a
    print("after del o.a:", log)
    log.clear()


def classes():
    class Parent:
        pass

    class Child(Parent):
        pass

    r = weakref.ref(Child)
    print("subclasses before:", [c.__name__ for c in Parent.__subclasses__()])
    del Child
    gc.collect()
    print("child freed:", r() is None, [c.__name__ for c in Parent.__subclasses__()])

    class A:
        od = OrderedDict()

    A.od[A] = None
    r = weakref.ref(A)
    del A
    gc.collect()
    print("class in a cycle through its attribute freed:", r() is None)


def nested_chain():
    deleted = []

    class Node(OrderedDict):
        def __del__(self):
            deleted.append(self.i)

    obj = None
    for i in range(20):
        obj = Node([(None, obj)])
        obj.i = i
    del obj
    gc.collect()
    print("chain released in order:", deleted == list(reversed(range(20))), len(deleted))


def weak_values():
    class Obj:
        def __init__(self, arg):
            self.arg = arg

    def make():
        d = weakref.WeakValueDictionary()
        objects = list(map(Obj, range(10)))
        for o in objects:
            d[o.arg] = o
        return d, objects

    d, objects = make()
    for o in objects:
        assert o is d[o.arg]
    print("weak values:", len(d))
    del objects[0]
    print("after del objects[0]:", len(d))
    del objects, o
    print("after del objects, o:", len(d))


statements()
classes()
nested_chain()
weak_values()
