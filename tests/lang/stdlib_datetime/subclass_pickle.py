# Python subclasses of the _datetime types (extra constructor arguments, __new__ overrides,
# slots and attributes, which class arithmetic/replace/class methods return) and pickling
# compatibility of the state formats (bytes states, fold bit, latin-1 str states from
# Python 2 pickles), copy/deepcopy, and the datetime_CAPI capsule's presence.
import copy
import pickle
import sys
from datetime import date, datetime, time, timedelta, timezone, tzinfo
import datetime as datetime_module


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r), type(r).__name__)


print(type(datetime_module.datetime_CAPI).__name__, "_datetime" in sys.modules)
print(date.__module__, datetime.__mro__, issubclass(timezone, tzinfo))
print(date.__basicsize__ if hasattr(date, "__basicsize__") else 0,
      datetime.__basicsize__, time.__basicsize__, timedelta.__basicsize__,
      tzinfo.__basicsize__)


class D(date):
    def __new__(cls, *args, extra="x"):
        self = super().__new__(cls, *args)
        self.extra = extra
        return self


class DT(datetime):
    label = "DT"


class T(time):
    __slots__ = ("note",)


class TD(timedelta):
    def __repr__(self):
        return "TD(%s)" % timedelta.__repr__(self)


class DateNoNew(date):
    pass


d = D(2020, 5, 17, extra="y")
print(repr(d), d.extra, str(d), d.isoformat())
for label, f in [("d + 1 day", lambda: d + timedelta(1)), ("d - 1 day", lambda: d - timedelta(1)),
                 ("d - date", lambda: d - date(2020, 1, 1)), ("d.replace", lambda: d.replace(day=1)),
                 ("D.today cls", lambda: type(D.today())), ("D.fromordinal", lambda: D.fromordinal(5)),
                 ("D.fromisoformat", lambda: D.fromisoformat("2021-02-03")),
                 ("D.fromisocalendar", lambda: D.fromisocalendar(2021, 1, 1)),
                 ("D.fromtimestamp", lambda: type(D.fromtimestamp(0))),
                 ("DateNoNew + 1", lambda: DateNoNew(2000, 1, 1) + timedelta(1)),
                 ("replace extra", lambda: d.replace(month=1).__dict__)]:
    show(label, f)

dt = DT(2020, 5, 17, 10, 20, 30, 40, tzinfo=timezone.utc, fold=1)
print(repr(dt), dt.label, dt.fold)
for label, f in [("dt + td", lambda: dt + timedelta(hours=1)),
                 ("td + dt", lambda: timedelta(hours=1) + dt),
                 ("dt - td", lambda: dt - timedelta(days=1)),
                 ("dt - dt", lambda: dt - DT(2020, 1, 1, tzinfo=timezone.utc)),
                 ("replace", lambda: dt.replace(year=2000)),
                 ("replace fold", lambda: dt.replace(fold=0).fold),
                 ("astimezone", lambda: dt.astimezone(timezone(timedelta(hours=2)))),
                 ("astimezone same", lambda: dt.astimezone(timezone.utc) is dt),
                 ("DT.now", lambda: type(DT.now())), ("DT.utcnow", lambda: type(DT.utcnow())),
                 ("DT.fromtimestamp", lambda: DT.fromtimestamp(0, timezone.utc)),
                 ("DT.utcfromtimestamp", lambda: DT.utcfromtimestamp(86400)),
                 ("DT.combine", lambda: DT.combine(date(2000, 1, 1), time(1, fold=1))),
                 ("DT.fromisoformat", lambda: DT.fromisoformat("2000-01-01T01:02")),
                 ("DT.strptime", lambda: DT.strptime("2000", "%Y")),
                 ("DT.fromordinal", lambda: DT.fromordinal(730120)),
                 ("DT.today", lambda: type(DT.today())),
                 ("date()", lambda: dt.date()), ("time()", lambda: dt.time()),
                 ("timetz()", lambda: dt.timetz())]:
    show(label, f)

t = T(1, 2, 3)
t.note = "n"
print(repr(t), t.note, repr(t.replace(hour=5)), repr(T.fromisoformat("04:05")))
show("T attr", lambda: setattr(t, "other", 1))
td = TD(days=1, hours=2)
print(repr(td), repr(td * 2), repr(-td), repr(td + td), type(abs(td)).__name__)
show("TD kw", lambda: TD(weeks=1, minutes=1.5))


class MyTZ(tzinfo):
    def __init__(self, hours=0):
        self.hours = hours

    def utcoffset(self, dt):
        return timedelta(hours=self.hours)

    def dst(self, dt):
        return timedelta(0)

    def tzname(self, dt):
        return "MyTZ%+d" % self.hours

    def __getinitargs__(self):
        return (self.hours,)

    def __repr__(self):
        return "MyTZ(%d)" % self.hours


tz = MyTZ(3)
print(tz.__reduce__())
objs = [date(2000, 1, 2), datetime(2000, 1, 2, 3, 4, 5, 6), datetime(2000, 1, 2, fold=1),
        datetime(9999, 12, 31, 23, 59, 59, 999999, tz), time(23, 59, 59, 999999, tz, fold=1),
        time(), timedelta(-5, 6, 7), timezone(timedelta(minutes=90), "X"), tz,
        D(2001, 2, 3), DT(2001, 2, 3, 4, fold=1), T(5), TD(minutes=3)]
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    for o in objs:
        o2 = pickle.loads(pickle.dumps(o, proto))
        same = o2 == o if not isinstance(o, tzinfo) or isinstance(o, timezone) else \
            repr(o2) == repr(o)
        fold = getattr(o2, "fold", None)
        print(proto, repr(o2), type(o2).__name__, same, fold)
for o in objs:
    c1, c2 = copy.copy(o), copy.deepcopy(o)
    print(repr(c1), repr(c2), type(c1) is type(o), type(c2) is type(o))
print(datetime(2000, 1, 2, fold=1).__reduce_ex__(4), datetime(2000, 1, 2, fold=1).__reduce__())
print(time(1, fold=1).__reduce_ex__(4), time(1, tzinfo=tz).__reduce__())
print(date(2000, 1, 2).__reduce__(), date(2000, 1, 2).__reduce_ex__(2))

# State forms accepted by the constructors
print(repr(date(b"\x07\xd0\x01\x02")), repr(datetime(b"\x07\xd0\x01\x02\x03\x04\x05\x00\x00\x06")))
print(repr(datetime(b"\x07\xd0\x81\x02\x03\x04\x05\x00\x00\x06", timezone.utc)))
print(repr(time(b"\x81\x02\x03\x00\x00\x04")), repr(time("\x01\x02\x03\x00\x00\x04")))
print(repr(date("\x07\xd0\x01\x02")), repr(datetime("\x07\xd0\x01\x02\x03\x04\x05\x00\x00\x06")))
show("datetime(bytes, 1)", lambda: datetime(b"\x07\xd0\x01\x02\x03\x04\x05\x00\x00\x06", 1))
show("time(bytes, 1)", lambda: time(b"\x01\x02\x03\x00\x00\x04", 1))
show("date(bad month bytes)", lambda: date(b"\x07\xd0\x0d\x02"))
show("date(str non-latin1)", lambda: date("\u0107\xd0\x01\x02"))
show("datetime(str non-latin1)", lambda: datetime("\u07d0\x01\x02\x03\x04\x05\x06\x00\x00\x06"))
py2 = (b"cdatetime\ndatetime\n(S'\\x07\\xdf\\x0b\\x1b\\x14;\\x01\\x01\\xe2@'\ntR.")
print(repr(pickle.loads(py2, encoding="latin1")))
show("py2 ascii", lambda: pickle.loads(py2, encoding="ascii"))
