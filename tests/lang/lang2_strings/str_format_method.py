# str.format and format_map: auto/manual numbering, attributes, indexes, conversions, nested
# specs, and the errors of malformed templates.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


class P:
    x = 3
    y = [10, 20]
    def __format__(self, spec):
        return "P<" + spec + ">"
    def __repr__(self):
        return "P()"
    def __str__(self):
        return "p-str"


show("auto", lambda: "{} {} {}".format(1, "a", None))
show("manual", lambda: "{2}{1}{0}{1}".format("a", "b", "c"))
show("names", lambda: "{a}-{b}".format(a=1, b=2))
show("attr", lambda: "{0.x} {0.y[1]}".format(P()))
show("index key", lambda: "{d[k]} {d[1]}".format(d={"k": "v", 1: "one"}))
show("conversions", lambda: "{0!r} {0!s} {0!a} {0}".format(P()))
show("unicode a", lambda: "{!a}".format("é"))
show("nested spec", lambda: "{:{w}.{p}f}|{:>{w}}".format(3.14159, "x", w=8, p=2))
show("custom format", lambda: "{:abc}".format(P()))
show("braces", lambda: "{{}} {{{0}}}".format(5))
show("fill align", lambda: "{:*^9}|{:<4}|{:>4}|{:=+6}".format("mid", 1, 2, 3))
show("mix", lambda: "{} {1}".format(1, 2))
show("mix2", lambda: "{0} {}".format(1, 2))
show("missing index", lambda: "{3}".format(1))
show("missing name", lambda: "{nope}".format())
show("bad attr", lambda: "{0.zz}".format(P()))
show("unmatched open", lambda: "{".format())
show("unmatched close", lambda: "}".format())
show("bad conversion", lambda: "{!x}".format(1))
show("spec for str", lambda: "{:d}".format("a"))
show("spec for int", lambda: "{:s}".format(1))
show("too deep", lambda: "{:{:{}}}".format(1, 2, 3))
show("empty attr", lambda: "{0.}".format(1))
show("index str", lambda: "{0[x]}".format([1]))
show("index out", lambda: "{0[5]}".format([1]))
show("format_map", lambda: "{a} and {b}".format_map({"a": 1, "b": 2}))
class Missing(dict):
    def __missing__(self, k):
        return "<" + k + ">"
show("format_map missing", lambda: "{a} {zz}".format_map(Missing(a=1)))
show("format_map positional", lambda: "{0}".format_map({}))
show("format_map non-dict", lambda: "{x}".format_map(5))
show("format method kwargs only", lambda: "{self}".format(self=1))
show("numbers", lambda: "{:,} {:_} {:#x} {:#o} {:#b} {:e} {:%}".format(1234567, 1234567, 255, 8, 5, 12345.678, 0.25))
