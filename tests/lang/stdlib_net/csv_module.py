# _csv: Dialect validation, reader state machine, writer quoting, registry, limits, errors.
import _csv
import csv
import io
def t(f, *a, **k):
    try:
        r = f(*a, **k)
    except BaseException as e:
        print(type(e).__name__, e)
    else:
        if isinstance(r, _csv.Dialect):
            r = (r.delimiter, r.doublequote, r.escapechar, r.lineterminator, r.quotechar,
                 r.quoting, r.skipinitialspace, r.strict)
        elif isinstance(r, tuple):
            r = tuple(type(x).__name__ if isinstance(x, _csv.Dialect) else x for x in r)
        print(repr(r))
D=_csv.Dialect
d = D(); print(type(d).__name__)
t(lambda: (d.delimiter, d.doublequote, d.escapechar, d.lineterminator, d.quotechar, d.quoting, d.skipinitialspace, d.strict))
t(D, delimiter=1); t(D, delimiter="ab"); t(D, delimiter=None); t(D, delimiter="")
t(D, quotechar=1); t(D, quotechar="ab"); t(D, quotechar=None)
t(lambda: D(quotechar=None).quoting)
t(D, quotechar=None, quoting=0)
t(D, escapechar=1); t(D, escapechar="xx")
t(D, lineterminator=1); t(D, lineterminator=None)
t(D, quoting=9); t(D, quoting="1"); t(D, quoting=1.0); t(D, quoting=True)
t(D, doublequote="x"); t(lambda: D(strict=[]).strict)
t(D, delimiter=" ", quotechar=" ")
t(D, delimiter="\n")
t(D, "nope")
t(D, "excel", "x")
t(D, foo=1)
t(setattr, d, "delimiter", ";"); t(setattr, d, "quoting", 1); t(setattr, d, "strict", 1)
t(lambda: D(d) is d)
t(lambda: type(D.delimiter).__name__)
t(lambda: [n for n in dir(D) if not n.startswith('__')])
t(_csv.field_size_limit); t(_csv.field_size_limit, 10); t(_csv.field_size_limit, new_limit=20); t(_csv.field_size_limit, "x"); t(_csv.field_size_limit, 1, 2)
t(_csv.field_size_limit, 131072)
t(_csv.register_dialect, 1); t(_csv.register_dialect, "a", 1, 2); t(_csv.register_dialect)
t(_csv.get_dialect, "nope"); t(_csv.unregister_dialect, "nope"); t(_csv.get_dialect, 1)
t(_csv.list_dialects)
t(_csv.reader, 1); t(_csv.reader); t(_csv.reader, [], "excel", 3)
t(_csv.writer, 1); t(_csv.writer)
r=_csv.reader(["a,b"]); t(lambda: (r.line_num, r.dialect, type(r), type(r).__name__, next(r), r.line_num))
w=_csv.writer(io.StringIO()); t(lambda: (w.dialect, type(w)))
t(w.writerow, 1); t(w.writerows, 1); t(w.writerow, [])
t(w.writerow, [""])
t(lambda: list(_csv.reader([b"a"])))
t(lambda: list(_csv.reader(["a\0b,c"])))
t(lambda: list(_csv.reader(["a\nb"])))
t(lambda: list(_csv.reader(["a\r\n", "b\r\n"])))
t(lambda: list(_csv.reader(['"a\n', 'b"'])))
t(lambda: list(_csv.reader(['"ab'])))
t(lambda: list(_csv.reader(['"ab'], strict=True)))
t(lambda: list(_csv.reader(['"a"b,c'], strict=True)))
t(lambda: list(_csv.reader(['"a"b,c'])))
t(lambda: list(_csv.reader(['1,2,"x"'], quoting=_csv.QUOTE_NONNUMERIC)))
t(lambda: list(_csv.reader(['1,abc'], quoting=_csv.QUOTE_NONNUMERIC)))
t(lambda: list(_csv.reader(['a\\,b,c\\'], escapechar='\\')))
t(lambda: list(_csv.reader(['a\\', 'b'], escapechar='\\')))
t(lambda: list(_csv.reader(['a\\\n', 'b'], escapechar='\\')))
t(lambda: list(_csv.reader(['"a\\"b"'], escapechar='\\', doublequote=False)))
t(lambda: list(_csv.reader(['"a""b"'], doublequote=False)))
t(lambda: list(_csv.reader(['', ' ', 'x'])))
_csv.field_size_limit(5)
t(lambda: list(_csv.reader(['abcdefgh'])))
_csv.field_size_limit(131072)
def wr(rows, **kw):
    b = io.StringIO(); w = _csv.writer(b, **kw)
    for r in rows: w.writerow(r)
    return b.getvalue()
t(wr, [["a\rb", "c\nd", 'e"f', "g,h", " i", None, 1.5, 2]])
t(wr, [["a\rb", "c\nd"]], lineterminator="\n")
t(wr, [["a,b"]], quoting=_csv.QUOTE_NONE)
t(wr, [["a,b", 'q"x', "e\\"]], quoting=_csv.QUOTE_NONE, escapechar="\\")
t(wr, [['q"x']], doublequote=False)
t(wr, [['q"x']], doublequote=False, escapechar="\\")
t(wr, [["a", 1, None, 2.5, True]], quoting=_csv.QUOTE_NONNUMERIC)
t(wr, [["a", 1, None]], quoting=_csv.QUOTE_ALL)
t(wr, [[""]], quoting=_csv.QUOTE_NONE)
t(wr, [[None]])
t(wr, [["a\\b"]], escapechar="\\")
t(wr, [["x"]], quotechar=None, quoting=_csv.QUOTE_NONE)
t(wr, [["x"]], quotechar=None)
class Bad:
    def __str__(self): raise ValueError("no str")
t(wr, [[Bad()]])
def gen():
    yield 1; raise KeyError("g")
t(wr, [gen()])

# the csv.py layer on top
csv.register_dialect("semi", delimiter=";", quoting=csv.QUOTE_NONNUMERIC)
print(sorted(csv.list_dialects()))
d = csv.get_dialect("semi")
print(d.delimiter, d.quoting, d.lineterminator == "\r\n")
out = io.StringIO()
w = csv.writer(out, "semi")
w.writerows([[1, "a;b", 2.5], ["x", None, ""]])
print(repr(out.getvalue()))
print(list(csv.reader(io.StringIO(out.getvalue()), "semi")))
csv.unregister_dialect("semi")
t(csv.get_dialect, "semi")


class Tabs(csv.Dialect):
    delimiter = "\t"
    quotechar = "'"
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL
    doublequote = True
    skipinitialspace = False


print(list(csv.reader(["a\t'b\tc'\t'it''s'"], Tabs)))


class Broken(csv.Dialect):
    delimiter = "::"
    quotechar = '"'
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL
    doublequote = True
    skipinitialspace = False


t(Broken)
rows = list(csv.reader(io.StringIO('h1,h2\r\n"multi\r\nline",2\r\n\r\nlast,"q""q"\r\n', newline="")))
print(rows)
rd = csv.reader(['a,b', 'c,"d', 'e"', 'f'])
for row in rd:
    print(rd.line_num, row)
big = "x" * 200000
t(lambda: list(csv.reader([big])))
old = csv.field_size_limit(300000)
print(old, len(list(csv.reader([big]))[0][0]))
csv.field_size_limit(old)
print(list(csv.DictReader(io.StringIO("a,b,c\n1,2\n3,4,5,6\n"))))
out = io.StringIO()
dw = csv.DictWriter(out, ["a", "b"], restval="?", extrasaction="ignore")
dw.writeheader()
dw.writerows([{"a": 1, "c": 3}, {"b": 2}])
print(repr(out.getvalue()))
t(csv.DictWriter(io.StringIO(), ["a"]).writerow, {"z": 1})
