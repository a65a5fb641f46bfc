# str searching: find/rfind/index/rindex/count/startswith/endswith with ranges and errors.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


s = "abracadabra"
for sub in ["a", "abra", "cad", "", "z", "ra", "bracadabrax"]:
    print(sub, s.find(sub), s.rfind(sub), s.count(sub), s.startswith(sub), s.endswith(sub))
for start, end in [(0, None), (1, None), (3, 8), (-4, None), (-100, 100), (5, 2), (None, -3),
                   (11, None), (12, None)]:
    print(start, end, s.find("a", start, end), s.rfind("a", start, end),
          s.count("a", start, end), s.find("", start, end), s.count("", start, end))
show("index", lambda: s.index("cad"))
show("index missing", lambda: s.index("xyz"))
show("rindex missing", lambda: s.rindex("q", 2))
show("rindex", lambda: s.rindex("abra"))
show("find int", lambda: s.find(1))
show("find bytes", lambda: s.find(b"a"))
show("count none", lambda: s.count(None))
show("find bad start", lambda: s.find("a", "x"))
show("find float", lambda: s.find("a", 1.5))
show("find big", lambda: s.find("a", 10**30))
show("find neg big", lambda: s.find("a", -10**30))
show("find index obj", lambda: s.find("a", True))
show("startswith tuple", lambda: s.startswith(("x", "ab")))
show("endswith tuple", lambda: s.endswith(("bra", "x"), 0, 4))
show("startswith list", lambda: s.startswith(["a"]))
show("startswith int in tuple", lambda: s.startswith(("a", 1)))
show("endswith int", lambda: s.endswith(3))
show("startswith empty tuple", lambda: s.startswith(()))
show("too many", lambda: s.find("a", 1, 2, 3))
show("no args", lambda: s.count())
u = "ħéllo wörld ħé"
print(u.find("ħé"), u.rfind("ħé"), u.count("l"), u.index("w"), u.startswith("llo", 2))
print("aaaa".count("aa"), "aaaa".find("aa", 1), "aaaa".rfind("aa", 0, 3))
print("" .find(""), "".count(""), "".startswith(""), "abc".endswith("", 5))
print("x".startswith("", 2), "x".startswith("", 1), "abc".count("", 1, 2))
