# yield from over plain iterators: StopIteration's value is the result; throw without a
# throw() method raises in the delegating generator.
class It:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration(99)
        return self.n


def deleg():
    r = yield from It()
    print("r =", r)
    yield "end"


print(list(deleg()))
d = deleg()
print(next(d), d.gi_yieldfrom is not None)
try:
    d.throw(KeyError("x"))
except KeyError as e:
    print("KeyError", e)


def selfclose():
    yield g2.close()


g2 = selfclose()
try:
    next(g2)
except ValueError as e:
    print("ValueError", e)
