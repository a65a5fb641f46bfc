# str.split/rsplit/splitlines/partition/rpartition with separators, maxsplit and errors.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


texts = ["  a b  c  ", "a,b,,c,", "", "   ", "one", "a\tb\nc\x0bd\x0ce\rf\x1cg\x85h\u2028i\u3000j"]
for t in texts:
    print(repr(t))
    print("  ", t.split(), t.rsplit(), t.split(None, 1), t.rsplit(None, 1))
    print("  ", t.split(","), t.rsplit(",", 1), t.split(",", 0), t.split(",", -1))
    print("  ", t.partition(","), t.rpartition(","))
lines = "one\ntwo\r\nthree\rfour\x0bfive\x0csix\x1cseven\x1deight\x1enine\x85ten\u2028eleven\u2029"
print(lines.splitlines())
print(lines.splitlines(True))
print("".splitlines(), "\n".splitlines(), "x\n\n".splitlines(keepends=True))
show("split empty sep", lambda: "abc".split(""))
show("rsplit empty sep", lambda: "abc".rsplit(""))
show("partition empty", lambda: "abc".partition(""))
show("split int", lambda: "abc".split(1))
show("split maxsplit str", lambda: "abc".split(",", "1"))
show("split kw", lambda: "a b c".split(maxsplit=1))
show("split kw sep", lambda: "a-b-c".rsplit(sep="-", maxsplit=1))
show("split bad kw", lambda: "a".split(foo=1))
show("splitlines str", lambda: "a".splitlines("x"))
show("splitlines float", lambda: "a\nb".splitlines(1.0))
show("splitlines int", lambda: "a\nb".splitlines(2))
show("encode bad kw", lambda: "a".encode(x=1))
show("bytes replace kw", lambda: b"a".replace(x=1))
show("partition none", lambda: "a".partition(None))
show("rpartition bytes", lambda: "a".rpartition(b"a"))
print("a--b--c".split("--"), "a--b--c".rsplit("--", 1), "--".split("--"))
print("aaa".split("a"), "aaa".rsplit("a", 2), "ababab".partition("ab"), "ababab".rpartition("ab"))
show("maxsplit huge", lambda: "x y z".split(" ", 10**20))
print("1 2 3".split(maxsplit=-5), "x y z".split(" ", 10**10))
