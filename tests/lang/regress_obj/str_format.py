# str formatting parity with CPython 3.11: format-spec errors for str ('z', spaces, invalid
# specs), '0' padding after an explicit alignment, str.format field parsing (brackets,
# conversions, nested specs and the recursion limit), printf-style corner cases, and the
# str helpers __getnewargs__ and iterator pickling.
import pickle


def attempt(label, fn):
    try:
        res = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(res))


for value in (12j, 12, 12.0, "12"):
    attempt("format %M " + type(value).__name__, lambda v=value: format(v, "%M"))
attempt("str z", lambda: format("x", "zs"))
attempt("int z", lambda: format(0, "zd"))
attempt("str space", lambda: "{: }".format(""))
attempt("str sign", lambda: format("", "-"))
attempt("str =", lambda: "{0:=s}".format(""))
attempt("str #", lambda: format("", "#20"))
attempt("<08s", lambda: "{0:<08s}".format("result"))
attempt(">08s", lambda: "{0:>08s}".format("result"))
attempt("x<08s", lambda: "{0:x<08s}".format("ab"))
attempt("08s", lambda: "{0:08s}".format("ab"))
attempt("^09", lambda: format("ab", "^09"))
attempt("unicode spec", lambda: "{a:%ЫйЯЧ}".format(a="a"))
attempt("nested", lambda: "0x{:0{:d}X}".format(0x0, 16))
attempt("deep nested", lambda: "{0:{1:{2}}}".format("abc", "s", ""))
attempt("two level", lambda: "{0:{1}}".format(3.5, ".2f"))
attempt("big index", lambda: ("{[" + "9" * 40 + "]}").format([0]))

fields = ["{0[}", "{0[0}", "{0.}", "{0[]}", "{0]}", "{0[0]x}", "{a[}", "{[}", "{0[0",
          "{0!}", "{0!x}", "{0:", "{0!r", "{0!rx}", "{", "}", "a}b", "{0{}", "{!r:>6}",
          "{0[}]}", "{0[{]}", "{0[!]}", "{0[:]}", "{0:}}", "{{0}}"]
for f in fields:
    attempt("fmt " + f, lambda f=f: f.format({"}": "A", "{": "B", "!": "C", ":": "D", 0: "E"}))
attempt("auto/manual", lambda: "{}{0}".format(1, 2))
attempt("attr", lambda: "{0.real:>5}".format(3))

attempt("%.*d huge", lambda: "%.*d" % (2**63 - 1, 1))
attempt("%.*d neg huge", lambda: "%.*d" % (-2**40, 1))
attempt("%*d", lambda: "%*d|%-*d" % (5, 1, 4, 2))
attempt("%.*f", lambda: "%.*f" % (2, 3.14159))
attempt("bad char", lambda: "%.1\u1032f" % (1.0 / 3))
attempt("bad char ascii", lambda: "%y" % 1)
attempt("z in %", lambda: "%z.1f" % 0)
attempt("b %.*d huge", lambda: b"%.*d" % (2**63 - 1, 1))

s = "abc"
args = s.__getnewargs__()
print("getnewargs", args, args[0] is s, args[0] == s)
for text in ("abcde", "\u0100\u0101x", ""):
    it = iter(text)
    next(it, None)
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        it2 = pickle.loads(pickle.dumps(it, proto))
        print("str iter", proto, type(it2).__name__, list(it2))
    print("reduce", iter(text).__reduce__()[1:])
it = iter("xy")
list(it)
print("exhausted reduce", it.__reduce__()[1:])
it = iter("hello")
it.__setstate__(3)
print("setstate", list(it))
it = iter("hello")
it.__setstate__(-5)
print("setstate neg", list(it))
it = iter("hi")
it.__setstate__(99)
print("setstate big", list(it))
