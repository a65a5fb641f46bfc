# pickle: every protocol round trip of builtins, classes, references, custom reduce, errors.
import pickle
import collections


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


class Custom:
    def __init__(self, v):
        self.v = v

    def __reduce__(self):
        return (Custom, (self.v * 2,))


Pair = collections.namedtuple("Pair", "a b")
shared = [1, 2]
data = {"ints": [0, -1, 2**70], "float": 1.5, "str": "héllo", "bytes": b"\x00\xff",
        "tuple": (1, (2, 3)), "set": {1, 2}, "fs": frozenset("ab"), "none": None,
        "bool": [True, False], "complex": 1 - 2j, "nested": [shared, shared],
        "point": Point(1, 2), "pair": Pair(1, "b"), "od": collections.OrderedDict(a=1),
        "bytearray": bytearray(b"xy"), "range": range(1, 10, 2), "slice": slice(1, 2)}
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    blob = pickle.dumps(data, protocol=proto)
    back = pickle.loads(blob)
    print(proto, back == data, back["nested"][0] is back["nested"][1], type(back["pair"]).__name__)
print(pickle.loads(pickle.dumps(Custom(5))).v, pickle.HIGHEST_PROTOCOL, pickle.DEFAULT_PROTOCOL)
print(pickle.dumps(None, protocol=2), pickle.dumps([1, "a"], protocol=0))
print(pickle.loads(b"\x80\x04\x95\x0b\x00\x00\x00\x00\x00\x00\x00]\x94(K\x01K\x02K\x03e."))
for bad in (lambda: 1, (x for x in ())):
    try:
        pickle.dumps(bad)
    except (pickle.PicklingError, TypeError, AttributeError) as e:
        print(type(e).__name__)
