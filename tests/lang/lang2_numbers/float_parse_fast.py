# float() and json.loads of decimals on and off the exact fast path (significand up to 2**53,
# power of ten within 22), with neighbours of 2**53, leading zeros and exponents; a digest
# of the bit patterns covers the random sweep.
import random, hashlib, sys
r = random.Random(7)
h = hashlib.sha1()
n = 0
for i in range(20000):
    k = r.randrange(6)
    if k == 0:
        s = "%d.%0*d" % (r.randrange(10**r.randrange(1, 12)), r.randrange(1, 12), r.randrange(10**6))
    elif k == 1:
        s = "%de%d" % (r.randrange(10**r.randrange(1, 20)), r.randrange(-30, 30))
    elif k == 2:
        s = "0.%0*d" % (r.randrange(1, 25), r.randrange(1, 10**r.randrange(1, 17)))
    elif k == 3:
        s = repr(r.random() * 10**r.randrange(-25, 25))
    elif k == 4:
        s = "%d.%de%+d" % (r.randrange(10**9), r.randrange(10**9), r.randrange(-25, 25))
    else:
        s = str(r.randrange(2**53 - 5, 2**53 + 5)) + "." + "0" * r.randrange(3) + "e" + str(r.randrange(-3, 3))
    for t in (s, "-" + s):
        v = float(t)
        h.update(v.hex().encode())
        n += 1
print(h.hexdigest(), n, float("9007199254740993"), float("1e23"), float("8.98846567431158e307"), float("-0.0"), float("0e500"), float("123456789012345678e-5"))
import json
print(json.loads("[0.1, 1e22, 1e23, 9007199254740993.0, -0.0, 2.5e-5, 1.7976931348623157e308, 4.9e-324, 123.456e-2]"))
