# _pickle on built-in values: the exact bytes of every protocol, and the round trip.
import _pickle
import pickle

print(pickle.Pickler is _pickle.Pickler, pickle.Unpickler is _pickle.Unpickler)
print(pickle.dumps is _pickle.dumps, pickle.PickleBuffer.__module__, pickle.PickleBuffer.__name__)
print(issubclass(_pickle.PicklingError, _pickle.PickleError), _pickle.UnpicklingError.__mro__[1].__name__)

values = [
    None, True, False, 0, 1, -1, 255, 256, 65535, 65536, -65536, 2**31 - 1, -2**31, 2**31,
    2**63, -2**64, 10**50, -(2**2000), 0.5, -0.0, 1e300, float("inf"), float("-inf"),
    "", "abc", "caf\xe9", "\u20ac\U0001f600", "a\nb\\c\r\x00\x1a", "\ud800x",
    b"", b"abc", bytes(range(256)), bytearray(b"xy"), bytearray(),
    (), (1,), (1, "two"), (1, 2.5, None), (1, 2, 3, 4), [], [1], [1, [2, [3]]],
    {}, {"a": 1}, {1: "x", 2: "y", 3: "z"}, set(), {7}, frozenset(), frozenset({"q"}),
    int, str, len, pickle.Pickler, type(None), type(Ellipsis), type(NotImplemented),
    Ellipsis, NotImplemented, 3 + 4j, range(1, 10, 2), slice(1, None, 3),
]

for v in values:
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        data = _pickle.dumps(v, proto)
        back = _pickle.loads(data)
        same = back == v or (v != v) or (type(v) is float and repr(back) == repr(v))
        print(proto, repr(v)[:40], data, same, type(back).__name__)

# a long list and a long dict batch in groups of 1000
big = list(range(2500))
data = _pickle.dumps(big, 2)
print(len(data), data.count(b"e"), _pickle.loads(data) == big)
bigd = {i: -i for i in range(1200)}
data = _pickle.dumps(bigd, 4)
print(len(data), _pickle.loads(data) == bigd)

# default protocol, fix_imports and encodings
print(_pickle.dumps([1]) == _pickle.dumps([1], 4), pickle.DEFAULT_PROTOCOL)
print(_pickle.dumps(bytearray(b"ab"), 2))
print(_pickle.dumps(bytearray(b"ab"), 2, fix_imports=False))
print(_pickle.dumps(ValueError, 2), _pickle.dumps(ValueError, 2, fix_imports=False))
print(_pickle.loads(b"U\x03caf.", encoding="bytes"), _pickle.loads(b"U\x03caf."))
print(_pickle.loads(b"U\x04caf\xe9.", encoding="latin-1"))
print(_pickle.loads(b"S'abc'\np0\n."), _pickle.loads(b"S'abc'\np0\n.", encoding="bytes"))
print(_pickle.loads(b"c__builtin__\nset\n(]I1\naI2\natR."))
print(_pickle.loads(b"cexceptions\nValueError\n."))
print(_pickle.loads(memoryview(b"K\x05.")), _pickle.loads(bytearray(b"K\x06.")))
for proto in range(-1, 6):
    print(proto, _pickle.dumps(1, proto)[:2])

# file objects: Pickler/Unpickler and dump/load, several pickles in one stream
import io
f = io.BytesIO()
p = pickle.Pickler(f, 3)
p.dump([1, 2])
p.dump("second")
_pickle.dump({"third": 3}, f, protocol=0)
f.seek(0)
u = pickle.Unpickler(f)
print(u.load(), u.load(), _pickle.load(f), f.read())

# bytes under protocols 0-2 go through codecs.encode(str, 'latin1'); the 'latin1' is memoized
for proto in range(3):
    data = _pickle.dumps([b"ab", b"cd", b"", b"\xff"], proto)
    print(proto, data, _pickle.loads(data))
