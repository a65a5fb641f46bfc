# zlib: one-shot compress/decompress with levels, wbits (zlib, raw, gzip) and bufsize; the
# Compress/Decompress objects (flush modes, copy, max_length, unconsumed_tail, unused_data, eof,
# zdict); crc32/adler32; constants; zlib.error messages.
import zlib


def show(label, f, *args, **kw):
    try:
        r = f(*args, **kw)
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r) if not isinstance(r, bytes) or len(r) < 60 else
              ("bytes", len(r), zlib.crc32(r)))


text = b"".join(b"line %d of some compressible text\n" % i for i in range(2000))
print(len(text))
for level in [-1, 0, 1, 6, 9]:
    c = zlib.compress(text, level)
    print(level, len(c), zlib.crc32(c), zlib.decompress(c) == text)
for wbits in [9, 15, -15, -9, 31, 25]:
    c = zlib.compress(text, wbits=wbits)
    print("wbits", wbits, len(c), c[:2].hex(), zlib.decompress(c, wbits) == text)
c = zlib.compress(text)
print(zlib.decompress(zlib.compress(text, wbits=31), 47) == text,
      zlib.decompress(c, 32 + 15) == text, zlib.decompress(c, 0) == text)
print(zlib.decompress(c, bufsize=1) == text, zlib.decompress(c, bufsize=0) == text,
      zlib.decompress(bytearray(c)) == text, zlib.decompress(memoryview(c)) == text)
print(zlib.compress(b""), zlib.decompress(zlib.compress(b"")))

show("compress level 10", zlib.compress, b"x", 10)
show("compress wbits 99", zlib.compress, b"x", wbits=99)
show("compress str", zlib.compress, "x")
show("compress kw data", zlib.compress, data=b"x")
show("decompress garbage", zlib.decompress, b"garbage data")
show("decompress truncated", zlib.decompress, c[:50])
show("decompress empty", zlib.decompress, b"")
show("decompress bufsize", zlib.decompress, c, bufsize=-1)
show("decompress wbits", zlib.decompress, c, 99)
show("decompress raw mismatch", zlib.decompress, c, -15)
show("decompress bad crc", zlib.decompress, c[:-1] + bytes([c[-1] ^ 1]))
show("decompress trailing", zlib.decompress, c + b"extra")

# streaming compression with flush modes
co = zlib.compressobj(9, zlib.DEFLATED, 15, 9, zlib.Z_DEFAULT_STRATEGY)
parts = [co.compress(text[:1000])]
parts.append(co.flush(zlib.Z_SYNC_FLUSH))
print("sync tail", parts[-1][-4:].hex())
parts.append(co.compress(text[1000:5000]))
parts.append(co.flush(zlib.Z_FULL_FLUSH))
parts.append(co.flush(zlib.Z_NO_FLUSH))
cc = co.copy()
parts.append(co.compress(text[5000:]))
parts.append(co.flush())
whole = b"".join(parts)
print(len(whole), zlib.decompress(whole) == text)
tail = cc.compress(text[5000:]) + cc.flush(zlib.Z_FINISH)
print(b"".join(parts[:-2]) + tail == whole)
show("flush after finish", co.flush)
show("copy after finish", co.copy)
show("compress after finish", co.compress, b"x")
for kw in [{"level": 11}, {"method": 9}, {"wbits": 7}, {"memLevel": 0}, {"strategy": 9},
           {"zdict": 5}, {"bogus": 1}]:
    show("compressobj %s" % kw, zlib.compressobj, **kw)
for strategy in [zlib.Z_FILTERED, zlib.Z_HUFFMAN_ONLY, zlib.Z_RLE, zlib.Z_FIXED]:
    co = zlib.compressobj(strategy=strategy)
    d = co.compress(text) + co.flush()
    print("strategy", strategy, len(d), zlib.decompress(d) == text)

# streaming decompression
do = zlib.decompressobj()
out = b""
for i in range(0, len(c), 100):
    out += do.decompress(c[i:i + 100])
out += do.flush()
print(out == text, do.eof, do.unused_data, do.unconsumed_tail)

do = zlib.decompressobj()
first = do.decompress(c, 100)
print(len(first), len(do.unconsumed_tail), do.eof)
chunks = [first]
while do.unconsumed_tail:
    chunks.append(do.decompress(do.unconsumed_tail, 5000))
chunks.append(do.flush())
print(b"".join(chunks) == text, do.eof, len(chunks))

do = zlib.decompressobj()
print(do.decompress(c + b"TRAILER") == text, do.eof, do.unused_data, do.unconsumed_tail)
print(do.decompress(b"more"), do.unused_data)

do = zlib.decompressobj()
part = do.decompress(c[:len(c) // 2])
dcopy = do.copy()
rest1 = do.decompress(c[len(c) // 2:])
rest2 = dcopy.decompress(c[len(c) // 2:])
print(rest1 == rest2, part + rest1 == text, do.eof, dcopy.eof)
print(len(do.flush()), do.eof)
show("copy after flush", do.copy)

do = zlib.decompressobj()
print(len(do.decompress(c[:300])), do.eof)
print(len(do.flush()), do.eof)  # an incomplete stream flushes without error

show("decompress max_length", zlib.decompressobj().decompress, c, -1)
show("flush length", zlib.decompressobj().flush, 0)
show("decompressobj wbits", zlib.decompressobj, 5)
show("decompressobj zdict", zlib.decompressobj, zdict=5)
show("streaming garbage", zlib.decompressobj().decompress, b"not zlib at all")

# preset dictionaries
zd = b"line of some compressible text"
co = zlib.compressobj(zdict=zd)
cd = co.compress(text[:500]) + co.flush()
print(len(cd) < len(zlib.compress(text[:500])))
do = zlib.decompressobj(zdict=zd)
print(do.decompress(cd) == text[:500])
show("missing zdict", zlib.decompress, cd)
show("missing zdict stream", zlib.decompressobj().decompress, cd)
co = zlib.compressobj(wbits=-15, zdict=bytearray(zd))
rd = co.compress(text[:500]) + co.flush()
print(zlib.decompressobj(wbits=-15, zdict=zd).decompress(rd) == text[:500])

# checksums
for d in [b"", b"a", b"hello world", text]:
    print(zlib.crc32(d), zlib.adler32(d), zlib.crc32(d, 1), zlib.adler32(d, 0))
print(zlib.crc32(b"x", -1), zlib.adler32(b"x", 2**40 + 3), zlib.crc32(memoryview(b"abc")))
show("crc32 str", zlib.crc32, "abc")
show("adler32 float", zlib.adler32, b"abc", 1.0)

print(zlib.MAX_WBITS, zlib.DEFLATED, zlib.DEF_MEM_LEVEL, zlib.DEF_BUF_SIZE, zlib.Z_NO_COMPRESSION,
      zlib.Z_BEST_SPEED, zlib.Z_BEST_COMPRESSION, zlib.Z_DEFAULT_COMPRESSION, zlib.Z_FILTERED,
      zlib.Z_HUFFMAN_ONLY, zlib.Z_RLE, zlib.Z_FIXED, zlib.Z_DEFAULT_STRATEGY, zlib.Z_NO_FLUSH,
      zlib.Z_PARTIAL_FLUSH, zlib.Z_SYNC_FLUSH, zlib.Z_FULL_FLUSH, zlib.Z_FINISH, zlib.Z_BLOCK,
      zlib.Z_TREES)
print(type(zlib.ZLIB_VERSION), zlib.ZLIB_VERSION == zlib.ZLIB_RUNTIME_VERSION,
      issubclass(zlib.error, Exception), zlib.error.__module__)
print(type(zlib.compressobj()).__name__, type(zlib.decompressobj()).__name__)
show("new Compress", type(zlib.compressobj()))

# the stream types are mutable heap types that cannot be instantiated directly
for tp in [type(zlib.compressobj()), type(zlib.decompressobj())]:
    tp.tag = tp.__name__
    print(tp.__module__, tp.__qualname__, zlib.compressobj().tag if tp.__name__ == "Compress" else zlib.decompressobj().tag,
          bool(tp.__flags__ & (1 << 9)))
    del tp.tag
show("new Decompress", type(zlib.decompressobj()))
