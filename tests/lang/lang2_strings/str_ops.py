# str as a sequence: concatenation, repetition, membership, comparison, slicing, iteration,
# hashing, conversions, and the error messages of misuse.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


s = "hello, wörld"
print(s + "!", s * 2, 2 * "ab", "ab" * 0, "ab" * -3, len(s), s[4], s[-1], s[::-1], s[1:10:3])
print("wö" in s, "" in s, "x" in s, s < "help", s > "hello", "a" < "b" < "c", "Z" < "a", "é" > "z")
print(sorted(["b", "A", "a", "B", "é", "e", "", "aa"]), max("hello"), min("hello"))
print(list("héé"), [c for c in "abc" if c != "b"], list(reversed("abc")), list(enumerate("xy")))
print(hash("abc") == hash("ab" + "c"), "abc" == "ab" + "c", "abc" != None)
print(str(), str(12), str(1.5), str([1, "a"]), str(None), repr("a'b\"c\n\t\x00é\u2028"))
print(ord("a"), ord("€"), chr(8364), chr(0x1F600) == "\U0001F600", ascii("é€😀"))
print(s.__len__(), s.__contains__("llo"), s.__getitem__(0), s.__add__("x"), s.__mul__(2)[:3])
print("abc".__eq__(1), "abc".__lt__(1), "abc".__mod__(()))
show("concat int", lambda: "a" + 1)
show("radd", lambda: 1 + "a")
show("mul float", lambda: "a" * 1.5)
show("mul str", lambda: "a" * "b")
show("index out", lambda: "abc"[3])
show("index neg out", lambda: "abc"[-4])
show("assign", lambda: "abc".__setitem__(0, "x"))
show("in int", lambda: 1 in "abc")
show("compare int", lambda: "a" < 1)
show("str huge mul", lambda: "ab" * (2**62))
show("ord two", lambda: ord("ab"))
show("ord empty", lambda: ord(""))
show("chr big", lambda: chr(0x110000))
show("chr neg", lambda: chr(-1))
show("chr float", lambda: chr(65.0))
for start in [None, -100, -3, 0, 2, 100]:
    for stop in [None, -100, -1, 0, 3, 100]:
        for step in [None, -2, -1, 1, 3]:
            print(repr(s[start:stop:step]), end=" ")
    print()
show("slice step 0", lambda: s[::0])
show("slice str", lambda: s["a":])
