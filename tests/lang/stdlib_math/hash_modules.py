# The hashlib fallback modules: _md5, _sha1, _sha256, _sha512, _sha3 (with SHAKE) and _blake2
# (keys, salts, personalisation, tree parameters): digests, incremental updates, copies,
# attributes and the argument errors.
import _md5
import _sha1
import _sha256
import _sha512
import _sha3
import _blake2


def show(label, f, *args, **kw):
    try:
        r = f(*args, **kw)
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", r)


MESSAGES = [b"", b"abc", b"a" * 200, bytes(range(256)) * 3]
CONSTRUCTORS = [_md5.md5, _sha1.sha1, _sha256.sha224, _sha256.sha256, _sha512.sha384,
                _sha512.sha512, _sha3.sha3_224, _sha3.sha3_256, _sha3.sha3_384, _sha3.sha3_512,
                _blake2.blake2b, _blake2.blake2s]

for ctor in CONSTRUCTORS:
    h = ctor()
    print(h.name, h.digest_size, h.block_size, type(h).__name__, type(h).__module__)
    for m in MESSAGES:
        one = ctor(m)
        inc = ctor()
        for i in range(0, len(m), 7):
            inc.update(m[i:i + 7])
        print(" ", len(m), one.hexdigest()[:64], one.digest() == inc.digest(),
              one.digest().hex() == one.hexdigest())
    h = ctor(b"prefix")
    c = h.copy()
    h.update(b"-tail-a")
    c.update(b"-tail-b")
    print("  copy", h.hexdigest()[:16], c.hexdigest()[:16], ctor(b"prefix-tail-b").digest() == c.digest())
    print("  views", ctor(bytearray(b"xyz")).digest() == ctor(memoryview(b"xyz")).digest() == ctor(b"xyz").digest())
    show("  str", ctor, "abc")
    show("  int", ctor, 5)
    show("  update str", ctor().update, "x")
    show("  two args", ctor, b"a", b"b")
    show("  usedforsecurity", lambda: ctor(b"abc", usedforsecurity=False).hexdigest()[:16])
    show("  bad kw", lambda: ctor(bogus=1))

print(_md5.md5(string=b"abc").hexdigest())
for ctor in CONSTRUCTORS:
    show("none", lambda: ctor(None).hexdigest()[:8])
show("sha3 data kw", lambda: _sha3.sha3_224(data=b"x"))
show("md5 type new", lambda: _md5.MD5Type())
print(_sha256.SHA256Type is type(_sha256.sha256()), _sha256.SHA224Type.__name__,
      _sha1.SHA1Type.__name__, _sha512.SHA384Type.__name__)

# SHAKE: variable-length digests
for ctor in [_sha3.shake_128, _sha3.shake_256]:
    h = ctor(b"The quick brown fox")
    print(h.name, h.digest_size, h.block_size, h._rate_bits, h._capacity_bits, h._suffix)
    for n in [0, 1, 16, 32, 100, 500]:
        d = h.digest(n)
        print(" ", n, len(d), h.hexdigest(n)[:40], d.hex() == h.hexdigest(n))
    print(" ", h.digest(64)[:32] == h.digest(32))
    show("  no length", h.digest)
    show("  negative", h.digest, -1)
    show("  float", h.hexdigest, 2.0)
    c = h.copy()
    c.update(b" jumps")
    print(" ", c.hexdigest(8), ctor(b"The quick brown fox jumps").hexdigest(8))
for ctor in [_sha3.sha3_224, _sha3.sha3_512]:
    h = ctor()
    print(h.name, h._rate_bits, h._capacity_bits, h._suffix)

# BLAKE2 parameters
print(_blake2.blake2b(b"abc", digest_size=16).hexdigest(), _blake2.blake2s(b"abc", digest_size=7).hexdigest())
print(_blake2.blake2b(b"abc", key=b"secret").hexdigest())
print(_blake2.blake2s(b"abc", key=b"k" * 32).hexdigest())
print(_blake2.blake2b(key=b"key only").hexdigest()[:32])
print(_blake2.blake2b(b"abc", salt=b"salty", person=b"me").hexdigest()[:32])
print(_blake2.blake2s(b"abc", salt=b"s" * 8, person=b"p" * 8).hexdigest())
print(_blake2.blake2b(b"abc", key=b"k", salt=b"s", person=b"p", digest_size=16, fanout=2, depth=3,
                      leaf_size=5, node_offset=7, node_depth=1, inner_size=9, last_node=True).hexdigest())
print(_blake2.blake2s(b"abc", key=b"k", salt=b"s", person=b"p", digest_size=16, fanout=2, depth=3,
                      leaf_size=5, node_offset=7, node_depth=1, inner_size=9, last_node=True).hexdigest())
print(_blake2.blake2b(b"x" * 1000, fanout=0, depth=255, leaf_size=2**32 - 1, node_offset=2**64 - 1,
                      node_depth=255, inner_size=64).hexdigest()[:32])
print(_blake2.blake2s(b"x" * 1000, node_offset=2**48 - 1, inner_size=32).hexdigest()[:32])
b = _blake2.blake2b(b"a" * 128)
print(b.hexdigest()[:16], _blake2.blake2b(b"a" * 129).hexdigest()[:16])
b.update(b"a")
print(b.hexdigest()[:16])
for kw in [{"digest_size": 0}, {"digest_size": 65}, {"key": b"x" * 65}, {"salt": b"x" * 17},
           {"person": b"x" * 17}, {"fanout": 256}, {"fanout": -1}, {"depth": 0}, {"depth": 256},
           {"leaf_size": -1}, {"leaf_size": 2**32}, {"node_offset": -1}, {"node_depth": 256},
           {"inner_size": 65}, {"inner_size": -1}, {"key": "str"}, {"salt": 5}, {"digest_size": 1.5},
           {"spam": 1}]:
    show("blake2b %s" % kw, _blake2.blake2b, **kw)
for kw in [{"digest_size": 33}, {"key": b"x" * 33}, {"salt": b"x" * 9}, {"person": b"x" * 9},
           {"node_offset": 2**48}, {"inner_size": 33}]:
    show("blake2s %s" % kw, _blake2.blake2s, **kw)
print(_blake2.BLAKE2B_SALT_SIZE, _blake2.BLAKE2B_PERSON_SIZE, _blake2.BLAKE2B_MAX_KEY_SIZE,
      _blake2.BLAKE2B_MAX_DIGEST_SIZE, _blake2.BLAKE2S_SALT_SIZE, _blake2.BLAKE2S_PERSON_SIZE,
      _blake2.BLAKE2S_MAX_KEY_SIZE, _blake2.BLAKE2S_MAX_DIGEST_SIZE)
print(_blake2.blake2b.SALT_SIZE, _blake2.blake2s.MAX_DIGEST_SIZE, _blake2.blake2b.PERSON_SIZE)


def subclass():
    class MyBlake(_blake2.blake2b):
        pass


show("subclass", subclass)

# random.seed(str) hashes with sha512 and seeds from the digest; the same path by hand
import _random
a = b"a seed string"
r = _random.Random(int.from_bytes(a + _sha512.sha512(a).digest(), "big"))
print(r.random())
