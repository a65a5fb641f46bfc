# strip family, padding (center/ljust/rjust/zfill), expandtabs, removeprefix/removesuffix.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


for s in ["  hi  ", "\t\n hi \x0b\x0c\r", "xxhixx", "", "\u3000wide\u2003", "hi"]:
    print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr(s.strip("x")),
          repr(s.strip("xh")), repr(s.rstrip(None)))
for w in [-1, 0, 3, 6, 7, 10]:
    print(w, repr("abc".center(w)), repr("abc".center(w, "*")), repr("ab".center(w, "-")),
          repr("abc".ljust(w, ".")), repr("abc".rjust(w, "é")))
for s in ["42", "-42", "+42", "", "-", "abc", "ñ1", "--3"]:
    print(repr(s), repr(s.zfill(5)), repr(s.zfill(1)), repr(s.zfill(-3)))
tabs = "a\tbc\tdef\tghij\tk\n\tx\r\ty"
for n in [0, 1, 2, 4, 8, -1]:
    print(n, repr(tabs.expandtabs(n)))
print(repr(tabs.expandtabs()), repr(tabs.expandtabs(tabsize=3)))
print("prefix_body".removeprefix("prefix_"), "body".removeprefix("x"), "abc".removesuffix("bc"),
      "abc".removesuffix(""), "".removeprefix(""))
show("center fill 2", lambda: "a".center(5, "ab"))
show("ljust fill empty", lambda: "a".ljust(5, ""))
show("rjust fill int", lambda: "a".rjust(5, 1))
show("center fill None", lambda: "a".center(5, None))
show("center float", lambda: "a".center(5.0))
show("zfill str", lambda: "a".zfill("5"))
show("strip int", lambda: "a".strip(1))
show("lstrip bytes", lambda: "a".lstrip(b"a"))
show("expandtabs float", lambda: "a\tb".expandtabs(2.5))
show("removeprefix int", lambda: "a".removeprefix(1))
show("center missing", lambda: "a".center())
show("center huge", lambda: "a".center(-10**30))
