# The pure-Python stdlib on top of these native modules: random.py's sequences for int, str
# and bytes seeds (via _random and _sha512), struct, hashlib's fallbacks, base64, gzip over zlib,
# pickling arrays, hmac, statistics over math.fsum.
import base64
import copy
import gzip
import hashlib
import hmac
import pickle
import random
import statistics
import struct
from array import array

for seed in [0, 12345, -7, 2**80, "hello", b"bytes", bytearray(b"ba"), 3.5]:
    random.seed(seed)
    print(repr(seed), random.random(), random.randint(1, 10**6), random.choice("abcdefgh"),
          random.uniform(-1, 1), random.getrandbits(70))
random.seed(2024)
items = list(range(20))
random.shuffle(items)
print(items, random.sample(range(1000), 6), random.choices("xyz", k=5))
print(random.gauss(0, 1), random.expovariate(2.0), random.betavariate(2, 3),
      random.triangular(0, 10), random.randrange(0, 100, 7))
r = random.Random(99)
state = r.getstate()
first = [r.random() for _ in range(3)]
r.setstate(state)
print(first == [r.random() for _ in range(3)], random.Random("same").random() == random.Random("same").random())
random.seed("x", version=1)
print(random.random())

print(struct.pack(">IH", 1, 2), struct.calcsize("@iq"), struct.unpack("<2h", b"\x01\x00\xff\xff"))
print(struct.Struct("<d").pack(1.5), struct.iter_unpack("<B", b"\x01\x02").__next__())
try:
    struct.pack("b", 300)
except struct.error as e:
    print("struct.error", e)

for name in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_224", "sha3_256",
             "sha3_384", "sha3_512", "blake2b", "blake2s"]:
    h = hashlib.new(name, b"hello")
    h2 = getattr(hashlib, name)(b"hel")
    h2.update(b"lo")
    print(name, h.hexdigest()[:24], h.digest() == h2.digest(), h.digest_size, h.block_size)
print(hashlib.shake_128(b"x").hexdigest(10), hashlib.shake_256(b"x").hexdigest(10))
print(hashlib.blake2b(b"data", key=b"key", digest_size=16).hexdigest())
print(hmac.new(b"key", b"message", "sha256").hexdigest())
print(hmac.new(b"key", b"message", hashlib.md5).hexdigest(), hmac.compare_digest(b"a", b"a"))

for data in [b"", b"hi", b"hello world!"]:
    print(base64.b64encode(data), base64.b32encode(data), base64.b16encode(data),
          base64.b85encode(data), base64.urlsafe_b64encode(data + b"\xfb\xff"))
print(base64.b64decode(b"aGVsbG8="), base64.b32decode(b"NBUQ===="), base64.a85encode(b"abc"))

blob = gzip.compress(b"hello world " * 50, mtime=0)
print(len(blob), blob[:10], gzip.decompress(blob)[:22])

a = array("d", [1.5, -2.0])
for proto in range(0, 6):
    print(proto, pickle.loads(pickle.dumps(a, proto)), pickle.loads(pickle.dumps(array("u", "hi"), proto)))
print(copy.deepcopy(a), copy.copy(array("b", [1])))

print(statistics.mean([1, 2, 3.5]), statistics.fmean([0.1] * 10), statistics.stdev([1.0, 2.0, 4.0]),
      statistics.median([5, 1, 3]), statistics.geometric_mean([1, 4]))
