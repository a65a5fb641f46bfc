# The ASCII fast paths of str: case mapping by whole words, splitlines skipping eight bytes
# at a time, single-character count in blocks; each compared with non-ASCII inputs and
# around the block and word boundaries.
samples = [
    "",
    "a",
    "Z",
    "@[`{",
    "The Quick Brown Fox Jumps Over The Lazy Dog 0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
    "x" * 7,
    "Mixed CASE with\ttabs and\x0bvertical\x0cfeeds",
    "caf\xe9 CAF\xc9 stra\xdfe \u0130stanbul \u03a3\u039f\u03a3 \u1e9e",
    "ascii then \u0101\u0100 tail",
]
for s in samples:
    print(repr(s.upper()), repr(s.lower()), repr(s.swapcase()), repr(s.casefold()))
    print(repr(s.title()), repr(s.capitalize()), s.isupper(), s.islower())
for n in (1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 255, 256, 257, 1000):
    s = ("aZ" * n)[:n]
    print(n, s.upper().count("A"), s.lower().count("z"), s.swapcase()[:5])

lines_samples = [
    "",
    "\n",
    "one",
    "one\n",
    "one\ntwo\r\nthree\rfour",
    "a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i",
    "x" * 7 + "\n" + "y" * 8 + "\r\n" + "z" * 9 + "\r" + "w" * 23,
    "long line without any break at all, long line without any break at all",
    "tabs\tand\tunit\x1fseparators\x1fare not breaks\nbut this is",
    "\r\n\r\n\n\r",
    "latin \xe9\x85 next \xe9\xe9\xe9\xe9\xe9\xe9\xe9\xe9\x85end",
    ("0123456789" * 5 + "\n") * 3,
]
for s in lines_samples:
    print(s.splitlines(), s.splitlines(True))
    print(s.splitlines(keepends=True) == s.splitlines(True), len(s.splitlines()))
for k in range(20):
    s = "." * k + "\n" + "." * (20 - k)
    print(k, [len(p) for p in s.splitlines()])

count_samples = [
    ("", "o"),
    ("o", "o"),
    ("hello world", "o"),
    ("o" * 254, "o"),
    ("o" * 255, "o"),
    ("o" * 256, "o"),
    ("o" * 511 + "x" + "o" * 600, "o"),
    ("ab" * 400, "b"),
    ("caf\xe9" * 100, "\xe9"),
    ("\u0101x" * 300, "x"),
    ("aaaa", "aa"),
    ("aaaa", ""),
]
for s, sub in count_samples:
    print(len(s), repr(sub), s.count(sub), s.count(sub, 3), s.count(sub, 1, -1), s.count(sub, -5))
try:
    "abc".count()
except TypeError as e:
    print(type(e).__name__, e)
try:
    "abc".count(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    "abc".splitlines(1, 2)
except TypeError as e:
    print(type(e).__name__, e)

# split on one character: pieces around the 16-byte inline scan
for k in (0, 1, 15, 16, 17, 40):
    s = "w" * k + " " + "v" * k + "  " + "u" * (k + 1)
    print(k, [len(p) for p in s.split(" ")], [len(p) for p in s.split(" ", 1)], s.split("w" * 3 if k else "q"))
print("".split(" "), " ".split(" "), "a,b,,c".split(","), "caf\xe9 au lait".split(" "), "x\xe9y\xe9".split("\xe9"))
