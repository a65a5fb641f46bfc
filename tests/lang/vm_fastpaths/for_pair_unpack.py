# `for a, b in d.items()` and `for i, x in enumerate(...)` store the pair straight into the
# loop variables: the same values, errors and end-of-loop behaviour as with the tuple.
import sys

d = {"a": 1, "b": 2, "c": 3}
for k, v in d.items():
    print(k, v)
print("after", k, v)
for i, x in enumerate("xyz", 5):
    print(i, x)
for i, x in enumerate([10, 20], sys.maxsize - 1):
    print(i, x, type(i).__name__)
for i, x in enumerate(range(3), -2**70):
    print(i, x)
print([(k, v) for k, v in d.items() if v > 1], {v: k for k, v in d.items()})
print([i * x for i, x in enumerate(range(5))])


class Obj:
    def __init__(self):
        self.p = 1
        self.q = 2


for name, val in vars(Obj()).items():  # a split instance dict
    print(name, val)

for k, v in {}.items():
    print("never")
else:
    print("empty else")
for i, (a, b) in enumerate(d.items()):
    print(i, a, b)
for k, v in d.items():
    if k == "b":
        break
print("break at", k, v)

try:
    for k, v in d.items():
        d["z"] = 0
except RuntimeError as e:
    print("size:", e)
try:
    for k, v in d.items():
        del d[k]
        d[k + "!"] = v
except RuntimeError as e:
    print("keys:", e, sorted(d))

it = iter({1: 2}.items())
for k, v in it:
    print("pair", k, v)
for k, v in it:
    print("never again")


class Stop:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration


class Boom:
    def __iter__(self):
        return self

    def __next__(self):
        raise KeyError("boom")


print([(i, x) for i, x in enumerate(Stop())])
try:
    for i, x in enumerate(Boom()):
        pass
except KeyError as e:
    print("KeyError", e)


def gen():
    yield "g0"
    yield "g1"


for i, x in enumerate(gen()):
    print(i, x)
try:
    for a, b in enumerate([1, 2]), enumerate([3]):
        pass
except ValueError as e:
    print("ValueError", e)
for a, b in [(1, 2), (3, 4)]:
    print(a + b)
try:
    for a, b in {"k": (1, 2, 3)}.values():
        pass
except ValueError as e:
    print("ValueError", e)
