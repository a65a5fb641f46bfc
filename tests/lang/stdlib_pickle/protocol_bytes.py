# _pickle's output opcode by opcode (pickletools.dis), framing of protocol 4+, and PEP 574
# out-of-band buffers (PickleBuffer, buffer_callback, buffers=).
import io
import pickle
import pickletools
import _pickle


def dis(obj, proto):
    data = _pickle.dumps(obj, proto)
    out = io.StringIO()
    pickletools.dis(data, out)
    print("proto", proto, repr(obj)[:50])
    print(out.getvalue(), end="")
    opt = pickletools.optimize(data)
    print("optimized", opt == data, _pickle.loads(opt) == _pickle.loads(data))


sample = {"name": "pyrs", "ints": [1, 300, 70000, -5, 2**40], "pair": (1.5, None),
          "flags": {True, False}, "raw": b"\x00\x01"}
for proto in range(6):
    dis(sample, proto)
dis([b"x" * 300, "y" * 300], 3)
dis(frozenset({"a"}), 4)
dis([print, len, pickle.Pickler], 2)

# framing: large payloads go outside frames, many small objects in 64 KiB frames
big = [b"a" * 70000, "s" * 10, list(range(30000))]
for proto in (4, 5):
    data = _pickle.dumps(big, proto)
    frames = [op.name for op, arg, pos in pickletools.genops(data)].count("FRAME")
    print(proto, len(data), frames, _pickle.loads(data) == big)
f = io.BytesIO()
_pickle.dump(big, f, 4)
print(f.getvalue() == _pickle.dumps(big, 4))


class Chunks(io.BytesIO):
    def __init__(self):
        super().__init__()
        self.sizes = []

    def write(self, b):
        self.sizes.append(len(b))
        return super().write(b)


c = Chunks()
_pickle.dump([b"q" * 100000, list(range(50000))], c, 5)
print(c.sizes[:4], len(c.sizes) > 2)
print(_pickle.load(io.BytesIO(c.getvalue()))[0][:3])

# PickleBuffer: in band, out of band, read-only
PB = pickle.PickleBuffer
ro = PB(b"readonly")
rw = PB(bytearray(b"writable"))
print(bytes(ro.raw()), ro.raw().readonly, rw.raw().readonly, ro.raw().format, len(rw.raw()))
for proto in (5,):
    print(_pickle.dumps(ro, proto), _pickle.dumps(rw, proto))
    print(_pickle.loads(_pickle.dumps(ro, proto)), _pickle.loads(_pickle.dumps(rw, proto)))
for proto in (0, 4):
    try:
        _pickle.dumps(ro, proto)
    except pickle.PicklingError as e:
        print(proto, "PicklingError", e)

buffers = []
data = _pickle.dumps([ro, rw, ro], 5, buffer_callback=buffers.append)
print(data, len(buffers))
back = _pickle.loads(data, buffers=buffers)
print([type(x).__name__ for x in back], bytes(back[0]), bytes(back[1]), memoryview(back[0]).readonly)
back = _pickle.loads(data, buffers=[b"ABC", bytearray(b"DEF"), b"GHI"])
print(back)
data = _pickle.dumps([ro], 5, buffer_callback=lambda b: True)
print(data)
try:
    _pickle.loads(_pickle.dumps([ro], 5, buffer_callback=lambda b: False))
except pickle.UnpicklingError as e:
    print("UnpicklingError", e)
try:
    _pickle.loads(_pickle.dumps([ro, ro], 5, buffer_callback=lambda b: False), buffers=[b"1"])
except pickle.UnpicklingError as e:
    print("UnpicklingError", e)
try:
    _pickle.dumps(ro, 4, buffer_callback=list)
except ValueError as e:
    print("ValueError", e)
ro.release()
try:
    ro.raw()
except ValueError as e:
    print("ValueError", e)
try:
    PB(12)
except TypeError as e:
    print("TypeError", e)
import array
m = memoryview(array.array("i", range(6))).cast("B").cast("i", (2, 3))
pb = PB(m)
print(pb.raw().tolist()[:8], pb.raw().nbytes)
nc = PB(memoryview(b"abcdef")[::2])
try:
    nc.raw()
except BufferError as e:
    print("BufferError", e)
try:
    _pickle.dumps(nc, 5)
except pickle.PicklingError as e:
    print("PicklingError", e)
