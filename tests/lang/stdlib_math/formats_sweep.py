# Differential sweep over pseudo-random inputs (fixed seed, _random only): struct formats in
# every byte order with assorted values, binascii/zlib round trips and error paths, array
# slicing, comparison and byteswap; each result line is compared with CPython's.
import _random
import _struct as struct
import array
import binascii
import zlib


class Rnd:
    def __init__(self, seed):
        self.r = _random.Random(seed)

    def random(self):
        return self.r.random()

    def randrange(self, n):
        return self.r.getrandbits(32) % n

    def randint(self, a, b):
        return a + self.randrange(b - a + 1)

    def choice(self, seq):
        return seq[self.randrange(len(seq))]


rnd = Rnd(7)
out = []
codes = "xcbB?hHiIlLqQnNefdspP"
for i in range(700):
    order = rnd.choice(["", "@", "=", "<", ">", "!"])
    fmt = order
    vals = []
    for _ in range(rnd.randint(0, 4)):
        c = rnd.choice(codes)
        cnt = rnd.choice(["", "", "2", "0", "3"])
        fmt += ("" if (cnt == "0" and c == "p") else cnt) + c
    try:
        s = struct.Struct(fmt)
    except Exception as e:
        out.append((fmt, type(e).__name__, str(e))); continue
    for trial in range(3):
        vals = []
        for k in range(len(s.unpack(bytes(s.size)))):
            vals.append(rnd.choice([0, 1, -1, 127, 128, 255, 256, -129, 2**15, 2**31, 2**32 - 1, 2**63, -2**63, 2**64, 1.5, -0.0, 1e40, b"", b"ab", b"abcdef", True, None]))
        try:
            b = s.pack(*vals)
            out.append((fmt, b.hex(), s.unpack(b)))
        except Exception as e:
            out.append((fmt, type(e).__name__, str(e)))
    data = bytes(rnd.randrange(256) for _ in range(s.size))
    try:
        out.append(s.unpack(data))
    except Exception as e:
        out.append((type(e).__name__, str(e)))
for i in range(150):
    data = bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 60)))
    out.append((binascii.b2a_base64(data), binascii.b2a_qp(data, rnd.random() < .5, rnd.random() < .5, rnd.random() < .5),
                binascii.crc_hqx(data, rnd.randrange(65536)), binascii.crc32(data), zlib.adler32(data)))
    q = binascii.b2a_qp(data)
    out.append(binascii.a2b_qp(q) == data)
    text = bytes(rnd.choice(b"AZaz09+/=\n =_.\r\t") for _ in range(rnd.randint(0, 30)))
    for f in (binascii.a2b_base64, binascii.a2b_qp, binascii.a2b_uu):
        try: out.append(f(text))
        except Exception as e: out.append((type(e).__name__, str(e)))
    try: out.append(binascii.a2b_base64(text, strict_mode=True))
    except Exception as e: out.append((type(e).__name__, str(e)))
    c = zlib.compress(data, rnd.randrange(10))
    out.append(c)
    d = zlib.decompressobj()
    chunks = []
    for j in range(0, len(c), 3):
        chunks.append(d.decompress(c[j:j+3], rnd.choice([0, 1, 5])))
        while d.unconsumed_tail:
            chunks.append(d.decompress(d.unconsumed_tail, 4))
    chunks.append(d.flush())
    out.append((b"".join(chunks) == data, d.eof))
for i in range(120):
    tc = rnd.choice(array.typecodes.replace('u', ''))
    a = array.array(tc, bytes(rnd.randrange(256) for _ in range(array.array(tc).itemsize * rnd.randint(0, 6))))
    b = array.array(tc, a.tobytes()[::-1]) if a.itemsize == 1 else array.array(tc, a)
    ops = []
    try:
        x = a[:]; del x[rnd.randint(-3, 3)::rnd.choice([1, 2, -1, 3])]; ops.append(x.tolist())
    except Exception as e: ops.append(type(e).__name__)
    try:
        x = a[:]; x[::2] = a[::2]; x.reverse(); x.byteswap(); ops.append(x.tobytes())
    except Exception as e: ops.append(type(e).__name__)
    ops.append((a < b, a == b, a + b, a * 2))
    out.append(repr(ops))
for o in out:
    print(o)
