# str methods on their one-byte fast paths (split, rsplit, splitlines, strip, count, replace,
# join, find) next to wider kinds, with identity results and error messages.
SAMPLES = [
    "", "a", " ", "  a b  c ", "abc", "a,b,,c,", ",", ",,", "aaaa", "abababab",
    "x\ny\r\nz\rw\x0bq\x0cr\x1cs\x1dt\x1eu\x85v", "\n", "\r\n", "a\n", "\n\na",
    "caf\xe9 \xa0bar\xa0 ", "\xa0", "\x85x\x85", "h\u20acllo w\u20acrld",
    "\U0001f600 x \U0001f600", "\t tab\t\n", "The quick brown fox jumps over the lazy dog. " * 3,
]
SEPS = [" ", ",", "ab", "a", "\xe9", "\u20ac", "xyz", "\n", "aa"]


def show(label, value):
    print(label, repr(value))


for s in SAMPLES:
    show("text", s)
    show(" lines", (s.splitlines(), s.splitlines(True)))
    show(" strip", (s.strip(), s.lstrip(), s.rstrip(), s.strip("a "), s.strip("\xe9 ")))
    show(" split", (s.split(), s.rsplit(), s.split(None, 1), s.rsplit(None, 1)))
    show(" empty", (s.count(""), s.replace("", "-"), s.replace("", "", 2)))
    for sep in SEPS:
        show("  sep " + repr(sep), (s.split(sep), s.split(sep, 1), s.rsplit(sep), s.rsplit(sep, 1)))
        show("  count", (s.count(sep), s.count(sep, 1), s.count(sep, 2, 5), s.count(sep, -3)))
        show("  find", (s.find(sep), s.rfind(sep), s.find(sep, 3), s.partition(sep)))
        show("  replace", (s.replace(sep, "--"), s.replace(sep, ""), s.replace(sep, "\u20ac", 1),
                            s.replace(sep, "\xe9"), s.replace(sep, "XY", 0), s.replace(sep, "Q", 2)))
        show("  tails", (s.startswith(sep), s.endswith(sep), s.startswith((sep, "z"), 1)))

# results that must be the very same object, as in CPython
for s in SAMPLES:
    t = s + "!"
    print(t.split(",")[0] is t if "," not in t else "-", t.strip() is t if t.strip() == t else "-",
          t.replace("#", "x") is t, t.splitlines()[0] is t if "\n" not in t and "\r" not in t else "-")

# join over kinds and lengths
print("-".join(["x"] * 5), ",".join(["a", "bc", "", "d" * 20]), "".join([]), "-".join(["x"]))
print(repr("\u20ac".join(["a", "b"])), repr("ab".join(["\xe9", "z"])), repr("".join(["\xe9", "a"])))
print(repr("\xe9".join(["ab", "cd"])), "".join(str(i) for i in range(30)))
parts = ["p%d" % i for i in range(1000)]
joined = ", ".join(parts)
print(len(joined), joined[:30], joined[-20:])

# ASCII-ness of results built on the fast paths
for r in ["\xe9a\xe9".replace("\xe9", "b"), "\xe9a".replace("\xe9", ""), "abc".replace("b", "\xe9"),
          "a b".split(" ")[0], "x\xe9 y".split(" ")[1], "  \xe9  ".strip()]:
    print(repr(r), r.isascii(), len(r), hash(r) == hash(str(r)))

# growing strings in a loop
s = ""
for i in range(300):
    s += str(i)
t = "x"
for i in range(50):
    t = t + "\u20ac" if i % 10 == 0 else t + "y"
print(len(s), s[-20:], len(t), t.count("\u20ac"), t[:12])

for call in [lambda: "a".split(""), lambda: "a".rsplit(""), lambda: "a".count(3),
             lambda: "a".replace(1, "b"), lambda: "a".replace("a", 2), lambda: ",".join(["a", 1]),
             lambda: "a".split(1), lambda: "a".strip(3), lambda: "a".find([]),
             lambda: "a".startswith(["a"]), lambda: "a".splitlines(1, 2)]:
    try:
        print(call())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


# concatenation across kinds and with str subclasses
class S(str):
    pass


a, b = S("x\xe9"), "yz"
print(repr(a + b), repr(b + a), repr(S("") + "q"), repr("\u20ac" + b), repr(b + "\U0001f600"))
print(repr(a + a), type(a + b).__name__, ascii("x" + "\xe9"), ("x" + "y").isascii())
