# Values released as soon as CPython releases them: a call's discarded result, a module-level
# assignment's temporary, the exception of a finished except clause.
import gc


class Loud:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def make(name):
    return Loud(name)


def body():
    make("a")
    print("after a")
    Loud("b")
    print("after b")
    x = make("c")
    x = None
    print("after c")
    try:
        raise KeyError(Loud("d"))
    except KeyError as e:
        print("caught", type(e).__name__)
    print("after d")
    try:
        raise KeyError(Loud("e"))
    except KeyError:
        print("caught e")
    print("after e")
    return "done"


print(body())
make("m1")
print("after m1")
g = make("m2")
print("bound m2")
g = 1
print("after m2")
h = i = make("m3")
del h
print("still held")
del i
print("after m3")
try:
    raise ValueError(Loud("m4"))
except ValueError:
    pass
print("after m4")


class NS:
    v = make("class attr")
    print("in class body")
    v = 2
    print("after rebinding")


lst = []
lst.append(make("kept"))
print("appended")
lst.clear()
print("cleared")
gc.collect()
print("end")
