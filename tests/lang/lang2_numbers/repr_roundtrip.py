# Shortest float repr and round trips over a deterministic pseudo-random sweep (bit patterns
# from an LCG), int <-> str in bases 2..36, float.hex round trips, and %-formatting of the
# same values with several precisions.
import struct

state = 12345


def lcg():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    return state


floats = []
while len(floats) < 400:
    bits = lcg()
    (x,) = struct.unpack("<d", bits.to_bytes(8, "little"))
    if x == x and x not in (float("inf"), float("-inf")):
        floats.append(x)
bad = [x for x in floats if float(repr(x)) != x]
print("repr round trip failures:", bad)
print([repr(x) for x in floats[:12]])
print([str(x) for x in floats[12:20]])
print(["%.3g" % x for x in floats[20:30]], ["%.17e" % x for x in floats[30:34]])
print([format(x, ".6") for x in floats[34:44]])
hexbad = [x for x in floats if float.fromhex(x.hex()) != x]
print("hex round trip failures:", hexbad, floats[50].hex(), floats[51].hex())
small = [lcg() % 10**6 / 10**k for k in range(1, 10)]
print([repr(v) for v in small])
print([repr(2.0 ** e) for e in (-1074, -1022, -100, -1, 0, 52, 53, 100, 1023)])
print([repr(1 / n) for n in range(1, 20)])
digits = "0123456789abcdefghijklmnopqrstuvwxyz"


def to_base(n, b):
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    out = []
    while n:
        n, r = divmod(n, b)
        out.append(digits[r])
    return sign + "".join(reversed(out))


ints = [lcg() - 2**63 for _ in range(60)] + [0, 1, -1, 2**200 + 7, -(3**150)]
fails = []
for n in ints:
    for b in range(2, 37):
        s = to_base(n, b)
        if int(s, b) != n:
            fails.append((n, b))
print("int base round trip failures:", fails)
print([to_base(ints[0], b) for b in (2, 8, 16, 36)], format(ints[1], "x"), format(ints[2], "o"), format(ints[3], "b")[:20])
print(sum(ints) % 1000000007, max(ints).bit_length(), min(ints).bit_length())
