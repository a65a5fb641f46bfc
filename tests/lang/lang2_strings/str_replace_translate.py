# str.replace (counts, empty patterns), join, maketrans/translate with every table form, errors.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


s = "one two one two one"
for old, new, count in [("one", "1", -1), ("one", "1", 0), ("one", "1", 2), ("", "-", -1),
                        ("", "-", 3), ("o", "", -1), ("xyz", "a", -1), ("one two one two one", "", 1)]:
    print(repr(old), repr(new), count, repr(s.replace(old, new, count)))
print("".replace("", "x"), "abc".replace("", ""), "aaa".replace("a", "aa"), "ééé".replace("é", "e", 2))
show("replace int", lambda: s.replace(1, "a"))
show("replace kw", lambda: s.replace(old="a", new="b"))
show("replace count kw", lambda: s.replace("one", "1", count=1))
show("replace count str", lambda: s.replace("a", "b", "2"))
print("-".join(["a", "b", "c"]), "".join([]), ", ".join("xyz"), "é".join(("1", "2")))
print("-".join(iter(["p", "q"])), "+".join(map(str, range(5))))
show("join int", lambda: "-".join(["a", 1, "b"]))
show("join bytes", lambda: "-".join([b"a"]))
show("join non-iterable", lambda: "-".join(5))
show("join none", lambda: "-".join([None]))
t = str.maketrans("abc", "xyz")
print(sorted(t.items()))
print("aabbcc-abc".translate(t))
t2 = str.maketrans("ab", "AB", "c")
print(sorted(t2.items()), "abcabc".translate(t2))
t3 = str.maketrans({"a": "1", "b": None, ord("c"): "cc", "é": 101})
print(sorted(t3.items()), "abcé".translate(t3))
print("hello".translate({ord("l"): None, ord("o"): "0"}), "abc".translate([None, "x"] * 60))
show("maketrans unequal", lambda: str.maketrans("ab", "x"))
show("maketrans keylen", lambda: str.maketrans({"ab": 1}))
show("maketrans badkey", lambda: str.maketrans({1.5: "x"}))
show("maketrans one str", lambda: str.maketrans("abc"))
show("maketrans int second", lambda: str.maketrans("a", 1))
show("translate bad value", lambda: "a".translate({97: 1.5}))
show("translate big", lambda: "a".translate({97: 0x110000}))
show("translate neg", lambda: "a".translate({97: -1}))
class Table:
    def __getitem__(self, k):
        if k == ord("z"):
            raise LookupError
        if k == ord("e"):
            raise ValueError("no e")
        return k + 1
print("abz".translate(Table()))
show("translate raising", lambda: "abe".translate(Table()))
