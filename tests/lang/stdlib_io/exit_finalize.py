# At exit the program's own objects are finalized while the streams still work (CPython's
# module finalization, bpo-20037): a global's __del__ runs after the program ends, can still
# use the modules it imported, make new io objects and print.
import io
import sys


class Reporter:
    def __init__(self, name):
        self.name = name
        self.buf = io.BytesIO()

    def __del__(self):
        t = io.TextIOWrapper(self.buf, encoding="utf-8", newline="\r\n")
        t.write("text from " + self.name + "\n")
        t.flush()
        print("finalized", self.name, self.buf.getvalue())
        print("streams alive:", not sys.stdout.closed, not sys.stderr.closed)
        print("sys.is_finalizing():", sys.is_finalizing())
        s = io.StringIO()
        print("to a StringIO", file=s)
        print(repr(s.getvalue()))


keep = Reporter("global")
print("end of program; finalizing:", sys.is_finalizing())
