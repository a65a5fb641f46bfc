# print(): sep/end/file/flush keywords, None for defaults, objects with __str__, writing to a
# custom file object and io.StringIO, errors for bad keywords; sys.stdout.write return values
# and repr/str of objects printed through print.
import io
import sys


def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


print()
print("a", "b", "c")
print("a", "b", sep="")
print("a", "b", sep=None, end=None)
print("x", end="")
print("y", end="\n\n")
print(1, 2.5, None, [1, "s"], {"k": (1,)}, sep=" | ", end=" <end>\n")
buf = io.StringIO()
print("to buffer", 42, file=buf, sep="-")
print("second", file=buf, end="!")
print(repr(buf.getvalue()))


class Collector:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)


c = Collector()
print("p", "q", file=c, sep="+", flush=False)
print(c.parts)


class Flushable(Collector):
    def flush(self):
        self.parts.append("<flush>")


f = Flushable()
print("flushed", file=f, flush=True)
print(f.parts)
show("file without write", lambda: print("x", file=5))
show("sep int", lambda: print("x", sep=1))
show("end list", lambda: print("x", end=[]))
show("unknown kw", lambda: print("x", color="red"))
show("file None", lambda: print("to stdout via None", file=None))


class Weird:
    def __str__(self):
        return "weird-str"

    def __repr__(self):
        return "weird-repr"


print(Weird(), [Weird()], (Weird(),), {1: Weird()}, str(Weird()), f"{Weird()}", f"{Weird()!r}")
n = sys.stdout.write("written directly\n")
print(n, sys.stdout.writable(), sys.stdout.isatty(), sys.stdout.encoding.lower().replace("-", ""))
sys.stdout.writelines(["line1\n", "line2\n"])
print("unicode: é ü 漢字 😀", "\u2603")
print("tab\tseparated", "quote'\"", "back\\slash")
print(*range(5), sep=", ")
print(*[], sep="never shown")
print("end")
