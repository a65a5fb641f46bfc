# syslog, spwd and xxsubtype: the small built-in modules of CPython 3.11.
import syslog
import warnings
import xxsubtype as x

print(syslog.LOG_UPTO(syslog.LOG_INFO), syslog.LOG_MASK(syslog.LOG_ERR), syslog.LOG_LOCAL3)
old = syslog.setlogmask(syslog.LOG_UPTO(syslog.LOG_EMERG))
print(isinstance(old, int), syslog.setlogmask(old) == syslog.LOG_UPTO(syslog.LOG_EMERG))
syslog.openlog("pyrs-test", syslog.LOG_PID, syslog.LOG_USER)
syslog.syslog(syslog.LOG_DEBUG, "masked out")
syslog.closelog()
for bad in [lambda: syslog.syslog(), lambda: syslog.syslog(1, 2), lambda: syslog.openlog(5)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)

l = x.spamlist([3, 1, 2])
l.sort()
print(l, l.getstate(), l.state, [c.__name__ for c in type(l).__mro__], len(l))
l.setstate(7)
print(l.getstate(), l.state)
print(x.spamlist.classmeth(1, 2, a=3), x.spamlist.staticmeth(1, b=2), l.classmeth(4))
d = x.spamdict(a=1)
d.setstate(3)
d["b"] = 2
print(d, d.state, d.getstate(), isinstance(d, dict))
try:
    l.setstate("a")
except TypeError as e:
    print("TypeError", e)
try:
    l.state = 1
except AttributeError as e:
    print("AttributeError", type(e).__name__)
print(type(x.bench(l, "append", 10)).__name__)

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    import spwd
print([str(m.message) for m in w])
try:
    spwd.getspnam("no such user here")
except KeyError as e:
    print("KeyError", e)
try:
    spwd.getspnam(5)
except TypeError as e:
    print("TypeError", e)
print(spwd.struct_spwd.n_fields, spwd.struct_spwd.n_sequence_fields, isinstance(spwd.getspall(), list))
