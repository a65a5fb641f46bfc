# Generator attributes: __name__, __qualname__, gi_running, gi_frame after exhaustion, repr.
class K:
    def meth(self):
        yield self.running()

    def running(self):
        return self.g.gi_running


k = K()
k.g = k.meth()
print(k.g.__name__, k.g.__qualname__)
print(k.g.gi_running, next(k.g), k.g.gi_running)
print(repr(k.g).startswith("<generator object K.meth at 0x"))
print(list(k.g), k.g.gi_frame)
print(k.g.gi_code.co_name)


def running_self():
    yield g.gi_running
    try:
        next(g)
    except ValueError as e:
        yield "ValueError: " + str(e)


g = running_self()
print(list(g))
g.__name__ = "renamed"
print(g.__name__)
