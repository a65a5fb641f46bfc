# date and time: constructor checks and messages, ISO 8601 parsing (every extended form, and
# invalid strings), isoformat/ctime/strftime (%f, %z, %Z, literal %), ordinals, ISO calendar,
# replace, arithmetic and comparison, as CPython's C _datetime does them.
from datetime import date, time, timedelta, timezone, tzinfo, MINYEAR, MAXYEAR


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


print(MINYEAR, MAXYEAR, date.min, date.max, date.resolution)
for args in [(2020, 2, 29), (2019, 2, 29), (0, 1, 1), (10000, 1, 1), (2020, 0, 1),
             (2020, 13, 1), (2020, 4, 31), (2020, 4, 0), (1, 1, 1), (9999, 12, 31)]:
    show("date%r" % (args,), lambda: date(*args))
show("date(year=2000, month=1, day=2)", lambda: date(year=2000, month=1, day=2))
show("date(2000, 1)", lambda: date(2000, 1))
show("date('2000', 1, 1)", lambda: date("2000", 1, 1))
show("date(2000.0, 1, 1)", lambda: date(2000.0, 1, 1))
show("date(2**40, 1, 1)", lambda: date(2**40, 1, 1))
show("date(2000, 1, 1, 1)", lambda: date(2000, 1, 1, 1))
show("date(2000, 1, day=1, year=3)", lambda: date(2000, 1, day=1, year=3))

for s in ["2020-01-02", "20200102", "2020-W01", "2020W01", "2020-W01-3", "2020W013",
          "2020-W53-1", "2021-W53-1", "2020-W00-1", "2020-W01-0", "2020-W01-8", "2020-13-01",
          "2020-02-30", "2020-1-01", "2020/01/02", "2020-01-02T", "", "2020", "0000-01-01",
          "2020-01", "２０２０-01-02", "2020-01\ud80002"]:
    show("date.fromisoformat(%r)" % s, lambda: date.fromisoformat(s))
show("date.fromisoformat(None)", lambda: date.fromisoformat(None))
for y, w, d in [(2020, 1, 1), (2020, 53, 7), (2021, 53, 1), (2004, 53, 5), (9999, 52, 5),
                (0, 1, 1), (10000, 1, 1), (2020, 0, 1), (2020, 1, 0), (2020, 1, 8),
                (2**40, 1, 1)]:
    show("fromisocalendar%r" % ((y, w, d),), lambda: date.fromisocalendar(y, w, d))

for d in [date(2020, 1, 1), date(2019, 12, 30), date(2021, 1, 3), date(2008, 12, 29),
          date(1, 1, 1), date(9999, 12, 31), date(2004, 12, 31), date(2005, 1, 2)]:
    ic = d.isocalendar()
    print(d, repr(d), d.toordinal(), d.weekday(), d.isoweekday(), ic, tuple(ic), ic.year,
          ic.week, ic.weekday, d.ctime(), d.timetuple()[:], str(d), format(d), format(d, "%j"))
    assert date.fromordinal(d.toordinal()) == d
    assert date.fromisocalendar(*ic) == d
    assert date.fromisoformat(d.isoformat()) == d
show("fromordinal(0)", lambda: date.fromordinal(0))
show("fromordinal(3652060)", lambda: date.fromordinal(3652060))
show("fromordinal(3652059)", lambda: date.fromordinal(3652059))

d = date(2002, 3, 4)
for fmt in ["%Y-%m-%d %H:%M:%S", "%f|%z|%Z|%%|%%f", "%a %A %b %B %j %U %W %w %y", "100%",
            "%", "%%z", "é%dü", "%G-W%V-%u", "%c", "%x", "%X", "%p"]:
    show("date.strftime(%r)" % fmt, lambda: d.strftime(fmt))
show("strftime(1)", lambda: d.strftime(1))
show("strftime(format=...)", lambda: d.strftime(format="%Y"))
show("format(d, 1)", lambda: d.__format__(1))
print(f"{d:%d/%m/%Y}", f"{d}", "{:%B}".format(d))
show("old year", lambda: date(5, 6, 7).strftime("%Y|%y|%C"))

print(d.replace(day=1), d.replace(2005), d.replace(month=12, day=31))
show("replace(day=32)", lambda: d.replace(day=32))
show("replace(hour=1)", lambda: d.replace(hour=1))

one = timedelta(days=1)
ops = [("d+1d", lambda: d + one), ("1d+d", lambda: one + d), ("d-1d", lambda: d - one),
       ("d-d", lambda: d - date(2001, 1, 1)), ("d+1h", lambda: d + timedelta(hours=25)),
       ("d-1us", lambda: d - timedelta(microseconds=1)), ("max+1", lambda: date.max + one),
       ("min-1", lambda: date.min - one), ("d+1", lambda: d + 1), ("d-1", lambda: d - 1),
       ("d*2", lambda: d * 2), ("d+d", lambda: d + d), ("1d-d", lambda: one - d),
       ("d+big", lambda: d + timedelta(days=10**6)), ("min-min", lambda: date.min - date.max)]
for label, f in ops:
    show(label, f)
for x, y in [(d, d), (d, date(2002, 3, 5)), (date(2003, 1, 1), d)]:
    print(x < y, x <= y, x == y, x != y, x > y, x >= y)
show("d < 1", lambda: d < 1)
show("d == 1", lambda: d == 1)
print(hash(d) == hash(date(2002, 3, 4)), len({date(2000, 1, i % 3 + 1) for i in range(9)}))

# time
print(time.min, time.max, time.resolution, repr(time()), time(1), time(1, 2, 3, 4))
for args in [(24,), (0, 60), (0, 0, 60), (0, 0, 0, 10**6), (-1,), (0, 0, 0, -1)]:
    show("time%r" % (args,), lambda: time(*args))
show("time(fold=2)", lambda: time(fold=2))
show("time(tzinfo=1)", lambda: time(tzinfo=1))
show("time(1, 2, 3, 4, None, 1)", lambda: time(1, 2, 3, 4, None, 1))
t = time(12, 34, 56, 789012)
for spec in ["auto", "hours", "minutes", "seconds", "milliseconds", "microseconds", "bogus"]:
    show("isoformat(%s)" % spec, lambda: t.isoformat(spec))
    show("isoformat(%s) no us" % spec, lambda: time(1, 2).isoformat(timespec=spec))
for s in ["12", "12:34", "12:34:56", "12:34:56.7", "12:34:56.789", "12:34:56.789012",
          "12:34:56.7890123", "12:34:56,789", "123456", "1234", "T12:34", "12:34:56Z",
          "12:34:56+05:30", "12:34:56-0530", "12:34:56+05:30:15", "12:34:56+05:30:15.5",
          "12:34:56+00:00", "12:34:56-00:00", "12:34:56+24:00", "12:34:56.", "12:3",
          "12:34:", "12::34", "1234:56", "12:34:56Z1", "12:34 ", "25:00", "12:60",
          "12:34:56+", "", "T", "12:34:56.1234567890123"]:
    show("time.fromisoformat(%r)" % s, lambda: time.fromisoformat(s))
show("time.fromisoformat(b'')", lambda: time.fromisoformat(b"12:00"))
tz = timezone(timedelta(hours=-3, minutes=-30), "NST")
tt = time(1, 2, 3, 4, tzinfo=tz)
print(repr(tt), str(tt), tt.utcoffset(), tt.dst(), tt.tzname(), tt.isoformat("minutes"))
print(tt.strftime("%H:%M:%S.%f %z %Z %Y-%m-%d %j %%Z"), f"{tt:%I %p}", format(tt, ""))
print(repr(time(1, fold=1)), repr(time(1, fold=1, tzinfo=timezone.utc)),
      repr(time(0, 0, 1)), repr(tt.replace(tzinfo=None)), repr(tt.replace(fold=1)))
show("tt.replace(fold=-1)", lambda: tt.replace(fold=-1))
show("tt.replace(tzinfo=3)", lambda: tt.replace(tzinfo=3))
print(bool(time()), bool(time(0, tzinfo=timezone(timedelta(hours=1)))))
a = time(5, tzinfo=timezone(timedelta(hours=5)))
b = time(0, tzinfo=timezone.utc)
c = time(5)
for x, y in [(a, b), (a, c), (c, c), (a, a), (b, time(0, 0, 0, 1, timezone.utc))]:
    show("cmp %r %r" % (x, y), lambda: (x == y, x != y))
    show("order %r %r" % (x, y), lambda: (x < y, x >= y))
show("c < 1", lambda: c < 1)
print(hash(a) == hash(b), hash(c) == hash(time(5)), hash(time(5, fold=1)) == hash(time(5)))
