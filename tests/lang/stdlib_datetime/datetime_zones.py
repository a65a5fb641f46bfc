# datetime with time zones: fixed-offset timezone objects (names, repr, limits, pickling),
# custom tzinfo classes (a US-style DST zone with PEP 495 fold), astimezone, fromutc,
# naive/aware comparison and subtraction, hashing across zones, timestamps in UTC,
# fromisoformat with offsets, strptime, and the checked utcoffset/dst/tzname results.
import pickle
from datetime import date, datetime, time, timedelta, timezone, tzinfo, UTC


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


print(UTC is timezone.utc, repr(timezone.utc), str(timezone.utc), timezone.min, timezone.max)
for off, name in [(timedelta(0), None), (timedelta(hours=5, minutes=30), None),
                  (timedelta(hours=-8), "PST"), (timedelta(seconds=-1), None),
                  (timedelta(hours=1, microseconds=5), None), (timedelta(hours=23, minutes=59,
                   seconds=59, microseconds=999999), None), (timedelta(hours=24), None),
                  (timedelta(hours=-24), None), (timedelta(0), "Z")]:
    def make():
        tz = timezone(off) if name is None else timezone(off, name)
        return (tz, str(tz), tz.tzname(None), tz.utcoffset(None), tz.dst(None),
                tz.__getinitargs__(), tz == timezone(off), hash(tz) == hash(off))
    show("timezone(%r, %r)" % (off, name), make)
show("timezone(1)", lambda: timezone(1))
show("timezone(td, 1)", lambda: timezone(timedelta(0), 1))
show("timezone(offset=..., name=...)", lambda: timezone(name="x", offset=timedelta(hours=1)))
show("timezone()", lambda: timezone())
show("subclass timezone", lambda: type("T", (timezone,), {}))
show("utc.utcoffset(1)", lambda: timezone.utc.utcoffset(1))
show("utc.tzname(date)", lambda: timezone.utc.tzname(date(2000, 1, 1)))
show("utc.fromutc(naive)", lambda: timezone.utc.fromutc(datetime(2000, 1, 1)))
show("utc.fromutc(1)", lambda: timezone.utc.fromutc(1))
show("utc < utc", lambda: timezone.utc < timezone.utc)
show("utc == 0", lambda: timezone.utc == 0)
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    for tz in [timezone.utc, timezone(timedelta(hours=2), "X"), timezone.min]:
        assert pickle.loads(pickle.dumps(tz, proto)) == tz
print(pickle.loads(pickle.dumps(timezone.utc)) is timezone.utc)
print(timezone.utc.__reduce__(), timezone(timedelta(hours=1), "A").__reduce__())

# An abstract tzinfo
show("tzinfo().utcoffset(None)", lambda: tzinfo().utcoffset(None))
show("tzinfo().tzname(None)", lambda: tzinfo().tzname(None))
show("tzinfo().dst(None)", lambda: tzinfo().dst(None))
show("tzinfo().fromutc(dt)", lambda: tzinfo().fromutc(datetime(2000, 1, 1)))
show("tzinfo.__reduce__", lambda: tzinfo().__reduce__())


def first_sunday_on_or_after(dt):
    days_to_go = 6 - dt.weekday()
    if days_to_go:
        dt += timedelta(days_to_go)
    return dt


HOUR = timedelta(hours=1)
ZERO = timedelta(0)


class USTimeZone(tzinfo):
    """The docs' PEP 495 zone: DST from the second Sunday of March to the first of November."""

    def __init__(self, hours, reprname, stdname, dstname):
        self.stdoffset = timedelta(hours=hours)
        self.reprname = reprname
        self.stdname = stdname
        self.dstname = dstname

    def __repr__(self):
        return self.reprname

    def tzname(self, dt):
        return self.dstname if self.dst(dt) else self.stdname

    def utcoffset(self, dt):
        return self.stdoffset + self.dst(dt)

    def _bounds(self, year):
        start = first_sunday_on_or_after(datetime(year, 3, 8, 2))
        end = first_sunday_on_or_after(datetime(year, 11, 1, 2))
        return start, end

    def dst(self, dt):
        if dt is None or dt.tzinfo is None:
            return ZERO
        start, end = self._bounds(dt.year)
        dt = dt.replace(tzinfo=None)
        if start + HOUR <= dt < end - HOUR:
            return HOUR
        if end - HOUR <= dt < end:
            return ZERO if dt.fold else HOUR
        if start <= dt < start + HOUR:
            return HOUR if dt.fold else ZERO
        return ZERO

    def fromutc(self, dt):
        start, end = self._bounds(dt.year)
        start = start.replace(tzinfo=self)
        end = end.replace(tzinfo=self)
        std_time = dt + self.stdoffset
        dst_time = std_time + HOUR
        if end <= dst_time < end + HOUR:
            return std_time.replace(fold=1)
        if std_time < start or dst_time >= end:
            return std_time
        if start <= std_time < end - HOUR:
            return dst_time


Eastern = USTimeZone(-5, "Eastern", "EST", "EDT")
Pacific = USTimeZone(-8, "Pacific", "PST", "PDT")

u0 = datetime(2016, 11, 6, 4, tzinfo=timezone.utc)
for i in range(4):
    u = u0 + i * HOUR
    t = u.astimezone(Eastern)
    print(u.time(), "UTC =", t.time(), t.tzname(), t.fold, repr(t), t.utcoffset(), t.dst())
u0 = datetime(2016, 3, 13, 5, tzinfo=timezone.utc)
for i in range(4):
    u = u0 + i * HOUR
    t = u.astimezone(Eastern)
    print(u.time(), "UTC =", t.time(), t.tzname(), t.isoformat(), t.timetuple().tm_isdst)

fold0 = datetime(2016, 11, 6, 1, 30, tzinfo=Eastern)
fold1 = fold0.replace(fold=1)
print(fold0 == fold1, fold0 != fold1, hash(fold0) == hash(fold0.replace(fold=0)))
print(fold0.utcoffset(), fold1.utcoffset(), fold1 - fold0, fold0.timestamp(), fold1.timestamp())
print(fold1.astimezone(timezone.utc), fold0.astimezone(Pacific))
gap = datetime(2016, 3, 13, 2, 30, tzinfo=Eastern)
print(gap.utcoffset(), gap.replace(fold=1).utcoffset(), gap == gap.replace(fold=1))
f1 = fold1.replace(tzinfo=timezone.utc)
print(pickle.loads(pickle.dumps(f1, 4)).fold, pickle.loads(pickle.dumps(f1, 3)).fold)
print(fold1.__reduce_ex__(4)[1][0], fold1.__reduce_ex__(2)[1][0])

# Aware arithmetic and comparisons across zones
e = datetime(2020, 7, 1, 12, tzinfo=Eastern)
p = datetime(2020, 7, 1, 9, tzinfo=Pacific)
u = datetime(2020, 7, 1, 16, tzinfo=timezone.utc)
n = datetime(2020, 7, 1, 16)
print(e == p, e == u, p - u, e - datetime(2020, 1, 1, tzinfo=timezone.utc), hash(e) == hash(u))
show("e < n", lambda: e < n)
show("e == n", lambda: e == n)
show("e - n", lambda: e - n)
show("n - e", lambda: n - e)
show("n == date", lambda: n == date(2020, 7, 1))
show("n < date", lambda: n < date(2020, 7, 1))
show("date > n", lambda: date(2020, 7, 1) > n)
show("date == n", lambda: date(2020, 7, 1) == n)
print(sorted([e, u.replace(hour=15), p.replace(hour=10)]))
print(e.astimezone(timezone(timedelta(hours=9))), e.astimezone(timezone.utc).isoformat())
print(u.astimezone(timezone.utc) is u, e.astimezone(Eastern) is e)
show("astimezone(1)", lambda: e.astimezone(1))
print(e.utctimetuple()[:], e.timetuple()[:], e.isocalendar(), e.ctime())
print(e.timestamp(), u.timestamp(), datetime(1970, 1, 1, tzinfo=timezone.utc).timestamp())

# Misbehaving tzinfo classes


class Bad(tzinfo):
    def __init__(self, off=None, name=None, dst=None):
        self.off, self.name, self.d = off, name, dst

    def __repr__(self):
        return "Bad(%r)" % (self.name,)

    def utcoffset(self, dt):
        return self.off

    def tzname(self, dt):
        return self.name

    def dst(self, dt):
        return self.d


for tz in [Bad(1), Bad(timedelta(hours=24)), Bad(timedelta(hours=-24)),
           Bad(timedelta(hours=23, minutes=59, seconds=59, microseconds=999999)),
           Bad(timedelta(microseconds=-1), 5), Bad(timedelta(hours=1), "%z%%", "x"),
           Bad(None, None, 3)]:
    d = datetime(2000, 1, 2, 3, 4, 5, 6, tz)
    show("utcoffset", d.utcoffset)
    show("tzname", d.tzname)
    show("dst", d.dst)
    show("isoformat", d.isoformat)
    show("strftime", lambda: d.strftime("%z|%Z|%f"))
    show("str(timetz)", lambda: str(d.timetz()))
    show("timetuple", lambda: d.timetuple().tm_isdst)
show("Bad fromutc", lambda: Bad(timedelta(hours=1)).fromutc(
    datetime(2000, 1, 1, tzinfo=Bad(timedelta(hours=1)))))
b1 = Bad(timedelta(hours=1), "B1", timedelta(0))
show("tzinfo.fromutc", lambda: tzinfo.fromutc(b1, datetime(2000, 1, 1, tzinfo=b1)))
b2 = Bad(timedelta(hours=1), "B2", None)
show("tzinfo.fromutc no dst", lambda: tzinfo.fromutc(b2, datetime(2000, 1, 1, tzinfo=b2)))
b3 = Bad(None, "B3", timedelta(0))
show("tzinfo.fromutc no off", lambda: tzinfo.fromutc(b3, datetime(2000, 1, 1, tzinfo=b3)))

# Parsing
for s in ["2020-01-02T03:04:05", "2020-01-02 03:04:05.123+05:30", "2020-01-02T03:04:05Z",
          "20200102T030405", "2020-W01-2T10", "2020W012T10:00", "2020-W01T10", "2020-01-02x03",
          "2020-01-02\ud80003:04", "2020-01-02T25:00", "2020-01-02T03:04:05+25:00",
          "2020-01-02T", "2020-01-02", "2020-0102", "2020-01-02T03:04:05-00:00:00.000001",
          "2020-01-02T03:04:05.9999999", "2020-01-02T03:04:05.", "2020-W01-", "2020-W01-12",
          "2020-01-02é03:04", "2020-01-02T03:04:05 ", "20200102T03:04:05.1234+0130"]:
    show("datetime.fromisoformat(%r)" % s, lambda: datetime.fromisoformat(s))
show("fromisoformat(1)", lambda: datetime.fromisoformat(1))
for s, f in [("2021-03-04 05:06:07", "%Y-%m-%d %H:%M:%S"), ("04/03/21 +0130", "%d/%m/%y %z"),
             ("12:30:45.123 UTC", "%H:%M:%S.%f %Z"), ("x", "%Y"), ("2021", "%Y %m")]:
    show("strptime(%r, %r)" % (s, f), lambda: datetime.strptime(s, f))
show("strptime(1, 2)", lambda: datetime.strptime(1, "%Y"))

# Constructors from parts and timestamps (UTC only, so the output does not depend on TZ)
show("combine", lambda: datetime.combine(date(2000, 1, 2), time(3, 4, fold=1, tzinfo=UTC)))
show("combine tz=None", lambda: datetime.combine(date(2000, 1, 2), time(3, tzinfo=UTC), None))
show("combine(time, date)", lambda: datetime.combine(time(), date.today()))
show("combine kw", lambda: datetime.combine(time=time(1), date=date(2000, 1, 1), tzinfo=UTC))
for ts in [0, 1.5, -1.5, 1e9 + 0.0000005, 1e9 + 0.0000015, 2**31, -2**31, 253402300799,
           253402300800, -62135596800, -62135596801, 1e20, float("nan"), "x"]:
    show("utcfromtimestamp(%r)" % ts, lambda: datetime.utcfromtimestamp(ts))
    show("fromtimestamp(%r, UTC)" % ts, lambda: datetime.fromtimestamp(ts, UTC))
show("fromtimestamp(tz=1)", lambda: datetime.fromtimestamp(0, 1))
show("fromtimestamp(0, tz=Eastern)", lambda: datetime.fromtimestamp(0, tz=Eastern))
now = datetime.now(UTC)
print(type(now).__name__, now.tzinfo, abs(now - datetime.utcnow().replace(tzinfo=UTC)) < HOUR)
print(abs(datetime.now(Eastern) - now) < HOUR, datetime.now(Eastern).tzinfo)
ts = 1234567890.25
print(datetime.fromtimestamp(ts).timestamp() == ts, date.fromtimestamp(ts) == date.today() or 1)
print(datetime.fromtimestamp(ts, UTC).timestamp() == ts)
print(datetime(2000, 1, 1).astimezone(UTC).astimezone().replace(tzinfo=None))
