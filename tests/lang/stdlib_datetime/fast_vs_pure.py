# The C _datetime against the pure-Python datetime module on seeded random values: ordinals,
# ISO calendars, arithmetic, timedelta division/multiplication rounding, formatting and
# parsing must agree (errors by type: the messages differ between the two). Prints samples,
# the C module's error messages, and the count of disagreements (0 under CPython).
import random
import sys

import datetime as fast
from test.support.import_helper import import_fresh_module

pure = import_fresh_module("datetime", blocked=["_datetime"])
print(fast.date.__module__, type(fast.date).__name__, fast.date is not pure.date)
print("fast is C:", not hasattr(fast.date, "__slots__"), "pure is Python:",
      hasattr(pure.date, "__slots__"))

rnd = random.Random(20231121)
mismatches = 0
errors = {}


def check(label, f):
    global mismatches
    results = []
    for mod in (fast, pure):
        try:
            r = f(mod)
        except Exception as e:
            r = type(e).__name__
            if mod is fast:
                errors[label, r, str(e)] = errors.get((label, r, str(e)), 0) + 1
        results.append(r)
    if results[0] != results[1]:
        mismatches += 1
        if mismatches <= 10:
            print("MISMATCH", label, results)
    return results[0]


def rand_date(mod):
    return mod.date.fromordinal(rnd.randint(1, 3652059))


samples = []
for i in range(400):
    ordinal = rnd.randint(1, 3652059)
    days = rnd.randint(-400000, 400000)
    secs = rnd.uniform(-1e6, 1e6)
    us = rnd.randint(-10**7, 10**7)
    factor = rnd.choice([rnd.uniform(-5, 5), rnd.randint(-9, 9), 0.5, 1 / 3, 1e-7])
    h, m, s, u = rnd.randint(0, 23), rnd.randint(0, 59), rnd.randint(0, 59), rnd.randint(0, 999999)
    off = rnd.randint(-86399, 86399)

    def mk(mod):
        d = mod.date.fromordinal(ordinal)
        return mod.datetime(d.year, d.month, d.day, h, m, s, u)

    r = check("ordinal", lambda mod: (str(mod.date.fromordinal(ordinal)),
                                      tuple(mod.date.fromordinal(ordinal).isocalendar()),
                                      mod.date.fromordinal(ordinal).weekday()))
    check("add days", lambda mod: str(mod.date.fromordinal(ordinal) + mod.timedelta(days)))
    check("delta", lambda mod: repr(mod.timedelta(days, secs, us)))
    check("delta str", lambda mod: str(mod.timedelta(days, secs, us)))
    check("delta*f", lambda mod: repr(mod.timedelta(days, secs, us) * factor))
    check("delta/f", lambda mod: repr(mod.timedelta(days, secs, us) / (factor or 1)))
    check("delta//n", lambda mod: repr(mod.timedelta(days, secs, us) // (int(factor) or 3)))
    check("delta/delta", lambda mod: mod.timedelta(days, secs, us) / mod.timedelta(0, secs or 1))
    check("delta%delta", lambda mod: repr(mod.timedelta(days, secs, us)
                                          % mod.timedelta(0, abs(secs) + 1)))
    check("dt+delta", lambda mod: repr(mk(mod) + mod.timedelta(days, secs, us)))
    check("dt iso", lambda mod: (mk(mod).isoformat(), mk(mod).isoformat(" ", "milliseconds"),
                                 mk(mod).ctime(), tuple(mk(mod).timetuple())))
    check("dt parse", lambda mod: repr(mod.datetime.fromisoformat(str(mk(mod)))))
    check("tz", lambda mod: repr(mk(mod).replace(tzinfo=mod.timezone(mod.timedelta(seconds=off)))
                                 .astimezone(mod.timezone.utc)))
    check("tz str", lambda mod: str(mod.timezone(mod.timedelta(seconds=off, microseconds=u))))
    check("time iso", lambda mod: mod.time(h, m, s, u, mod.timezone(mod.timedelta(seconds=off)))
          .isoformat())
    check("strftime", lambda mod: mk(mod).strftime("%Y-%m-%d %H:%M:%S.%f %j %U %a %%"))
    check("timestamp", lambda mod: mk(mod).replace(tzinfo=mod.timezone.utc).timestamp())
    check("dt sub", lambda mod: repr(mk(mod) - mod.datetime(2000, 1, 1)))
    if i < 5:
        samples.append(r)
print(samples)
for key in sorted(errors):
    print(key, errors[key])
print("mismatches:", mismatches)
