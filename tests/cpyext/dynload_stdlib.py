# cpyext: Debian's lib-dynload extension modules under pyrs: _queue, _hashlib (through hashlib
# and hmac), _bz2, _lzma, _zoneinfo, mmap, _typing, audioop, _uuid, _asyncio.
import datetime
import os
import sys
import tempfile

def origin(mod):
    f = getattr(mod, "__file__", None) or "built-in"
    return os.path.basename(f)

# _queue
import _queue
import queue
print(origin(_queue), queue.SimpleQueue is _queue.SimpleQueue)
q = queue.SimpleQueue()
for i in range(5):
    q.put(i * i)
print([q.get() for _ in range(3)], q.qsize(), q.empty())
print(q.get_nowait(), q.get(block=False), q.empty())
try:
    q.get(timeout=0.01)
except queue.Empty as e:
    print("Empty", type(e).__name__, _queue.Empty is queue.Empty)
try:
    q.get(timeout=-1)
except ValueError as e:
    print("ValueError", e)

# _hashlib
import _hashlib
import hashlib
import hmac
print(origin(_hashlib), hashlib.sha256 is _hashlib.openssl_sha256)
h = _hashlib.openssl_sha256(b"abc")
print(h.name, h.digest_size, h.block_size, h.hexdigest())
h2 = h.copy()
h2.update(b"def")
print(h.hexdigest()[:16], h2.hexdigest()[:16], hashlib.sha256(b"abcdef").hexdigest()[:16])
print(hashlib.new("sha512", b"x").hexdigest()[:32], hashlib.new("md5", b"").hexdigest())
print(hashlib.sha3_256(b"q").hexdigest()[:16], hashlib.blake2b(b"q", digest_size=8).hexdigest())
print(hashlib.shake_128(b"q").hexdigest(10))
print(hashlib.pbkdf2_hmac("sha256", b"password", b"salt", 1000).hex())
print(hashlib.pbkdf2_hmac("sha1", b"pw", b"NaCl", 3, dklen=10).hex())
mac = hmac.new(b"key", b"The quick brown fox", "sha256")
print(mac.name, mac.hexdigest())
print(hmac.digest(b"k", b"m", "sha1").hex(), hmac.compare_digest(b"a", b"a"),
      _hashlib.compare_digest("ab", "ac"))
print(hashlib.scrypt(b"pw", salt=b"s", n=16, r=1, p=1, dklen=16).hex())
print(sorted(a for a in hashlib.algorithms_guaranteed))
for bad in (lambda: hashlib.new("nope"), lambda: _hashlib.openssl_sha256("str"),
            lambda: hashlib.pbkdf2_hmac("sha256", b"p", b"s", 0),
            lambda: hmac.new(b"k", digestmod="nope")):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# _bz2 and _lzma
import _bz2
import bz2
import _lzma
import lzma
print(origin(_bz2), origin(_lzma))
data = b"".join(b"line %d of some compressible text\n" % i for i in range(2000))
for mod in (bz2, lzma):
    c = mod.compress(data)
    print(mod.__name__, len(data), len(c) < len(data) // 5, mod.decompress(c) == data)
comp = bz2.BZ2Compressor(9)
chunks = [comp.compress(data[i:i + 1000]) for i in range(0, len(data), 1000)] + [comp.flush()]
dec = bz2.BZ2Decompressor()
print(dec.decompress(b"".join(chunks)) == data, dec.eof, dec.unused_data)
for fmt in (lzma.FORMAT_XZ, lzma.FORMAT_ALONE):
    c = lzma.compress(data, format=fmt, preset=1)
    print(fmt, lzma.decompress(c) == data)
raw = lzma.compress(b"raw data", format=lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_LZMA2}])
print(lzma.decompress(raw, format=lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_LZMA2}]))
print(lzma.is_check_supported(lzma.CHECK_SHA256), lzma.CHECK_CRC64)
with tempfile.TemporaryDirectory() as d:
    for mod, name in ((bz2, "f.bz2"), (lzma, "f.xz")):
        p = os.path.join(d, name)
        with mod.open(p, "wt", encoding="utf-8") as f:
            f.write("héllo\n" * 3)
        with mod.open(p, "rt", encoding="utf-8") as f:
            print(mod.__name__, f.read().splitlines())
for bad in (lambda: bz2.decompress(b"not bz2 data"), lambda: lzma.decompress(b"junk"),
            lambda: bz2.BZ2Compressor(10), lambda: lzma.LZMACompressor(format=9)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# _zoneinfo
import _zoneinfo
import zoneinfo
print(origin(_zoneinfo), zoneinfo.ZoneInfo is _zoneinfo.ZoneInfo)
try:
    ny = zoneinfo.ZoneInfo("America/New_York")
    dt = datetime.datetime(2024, 3, 10, 1, 30, tzinfo=ny)
    print(dt.isoformat(), dt.tzname(), dt.utcoffset(), dt.dst())
    later = (dt + datetime.timedelta(hours=1)).astimezone(ny)
    print(later.isoformat(), later.tzname())
    print(ny.key, str(ny), repr(ny), ny is zoneinfo.ZoneInfo("America/New_York"))
    utc = datetime.datetime(2024, 7, 1, 12, tzinfo=datetime.timezone.utc)
    print(utc.astimezone(zoneinfo.ZoneInfo("Europe/Berlin")).isoformat())
    amb = datetime.datetime(2024, 11, 3, 1, 30, tzinfo=ny)
    print(amb.utcoffset(), amb.replace(fold=1).utcoffset())
except zoneinfo.ZoneInfoNotFoundError:
    print("no tzdata")
try:
    zoneinfo.ZoneInfo("No/Such_Zone")
except zoneinfo.ZoneInfoNotFoundError as e:
    print(type(e).__name__, e)
try:
    zoneinfo.ZoneInfo("../etc/passwd")
except ValueError as e:
    print(type(e).__name__, e)

# mmap
import mmap
print(origin(mmap))
with tempfile.TemporaryFile() as f:
    f.write(b"hello mmap world")
    f.flush()
    with mmap.mmap(f.fileno(), 0) as m:
        print(len(m), m[:5], m.find(b"mmap"), m.readline())
        m[0:5] = b"HELLO"
        m.seek(6)
        print(m.read(4), m.tell(), m.size())
    f.seek(0)
    print(f.read())
with mmap.mmap(-1, 16) as anon:
    anon.write(b"abc")
    print(anon[:4], anon.closed)
try:
    mmap.mmap(-1, -1)
except (ValueError, OverflowError) as e:
    print(type(e).__name__, e)

# small ones
import warnings
import _typing
import _uuid
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # audioop's removal notice
    import audioop
print(origin(_typing), origin(audioop), origin(_uuid))
print(audioop.max(b"\x01\x00\xff\x7f", 2), audioop.reverse(b"\x01\x02\x03\x04", 2))
print(audioop.add(b"\x01\x01", b"\x02\x02", 1), audioop.rms(b"\x10\x00\x20\x00", 2))
print(_uuid.has_uuid_generate_time_safe in (0, 1))

# _asyncio
import _asyncio
import asyncio
print(origin(_asyncio), asyncio.Task is _asyncio.Task, asyncio.Future is _asyncio.Future)

async def work(n):
    await asyncio.sleep(0)
    if n == 3:
        raise KeyError(n)
    return n * 10

async def main():
    results = await asyncio.gather(*(work(i) for i in range(5)), return_exceptions=True)
    print([type(r).__name__ if isinstance(r, Exception) else r for r in results])
    task = asyncio.ensure_future(work(1))
    task.add_done_callback(lambda t: print("done callback", t.result()))
    print(await task, task.done(), task.cancelled())
    t2 = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    t2.cancel()
    try:
        await t2
    except asyncio.CancelledError:
        print("cancelled", t2.cancelled())
    fut = asyncio.get_running_loop().create_future()
    fut.set_exception(ValueError("via future"))
    try:
        await fut
    except ValueError as e:
        print("future error", e)

asyncio.run(main())
