# printf-style str formatting: every conversion, flags, width/precision, * and mapping keys,
# and the messages of its errors.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


vals = [0, 7, -7, 255, 3.5, -0.25, 1e20, 2**70]
for conv in "diouxXeEfFgGrsa":
    for flags in ["", "-", "+", " ", "#", "0", "-08", "+010.3"]:
        fmt = "%" + flags + conv
        out = []
        for v in vals:
            try:
                out.append(fmt % v)
            except Exception as e:
                out.append(type(e).__name__)
        print(fmt, out)
show("c int", lambda: "%c%c" % (65, "é"))
show("c big", lambda: "%c" % 0x110000)
show("c str2", lambda: "%c" % "ab")
show("star", lambda: "%*d|%-*d|%.*f" % (5, 1, 4, 2, 2, 3.14159))
show("mapping", lambda: "%(a)s %(b)05.1f %%" % {"a": "x", "b": 2.25})
show("mapping missing", lambda: "%(z)s" % {})
show("too few", lambda: "%s %s" % ("a",))
show("too many", lambda: "%s" % ("a", "b"))
show("bad char", lambda: "%y" % 1)
show("incomplete", lambda: "abc %" % ())
show("d of str", lambda: "%d" % "1")
show("x of float", lambda: "%x" % 1.5)
show("f of str", lambda: "%f" % "x")
show("not all converted", lambda: "" % (1,))
show("tuple arg", lambda: "%s" % ((1, 2),))
show("dict arg plain", lambda: "%s" % {"k": 1})
show("bool", lambda: "%d %s %r" % (True, False, None))
show("index object", lambda: "%x" % __import__("operator").index(10))
class I:
    def __index__(self):
        return 42
class F:
    def __float__(self):
        return 1.5
show("__index__ d", lambda: "%d %x" % (I(), I()))
show("__float__ f", lambda: "%f" % F())
show("width huge", lambda: len("%300d" % 1))
