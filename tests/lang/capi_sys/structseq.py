# Struct sequences (PyStructSequence): tuple subclasses with named fields, some of them only
# reachable by name. time.struct_time has 9 visible and 2 hidden fields; sys.* ones have none.
import sys
import time


def show(f, *args, **kwargs):
    try:
        print("ok", repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__ + ":", e)


ST = time.struct_time
t = time.gmtime(0)
print(t)
print(len(t), t[0], t[-1], t[:3], t.tm_year, t.tm_zone, t.tm_gmtoff)
print(ST.n_sequence_fields, ST.n_fields, ST.n_unnamed_fields, ST.__match_args__)
print(isinstance(t, tuple), tuple(t), list(t)[3:6], t == tuple(t), t + (1,))
print(hash(t) == hash(tuple(t)), t.count(0), t.index(1970), 1970 in t)

# the constructor: a sequence of visible fields, optionally the hidden ones, or a dict
u = ST((2000, 1, 2, 3, 4, 5, 6, 7, 0))
print(u, u.tm_zone, u.tm_gmtoff)
v = ST((2000, 1, 2, 3, 4, 5, 6, 7, 0, "UTC", 0))
print(v.tm_zone, v.tm_gmtoff, len(v))
w = ST((2000, 1, 2, 3, 4, 5, 6, 7, 0), {"tm_zone": "CET", "tm_gmtoff": 3600})
print(w.tm_zone, w.tm_gmtoff)
show(ST, (1, 2))
show(ST, tuple(range(12)))
show(ST, 5)
show(ST, (1,) * 9, 5)
show(ST)
show(ST, sequence=(1,) * 9)
show(ST, (1,) * 9, dict={"tm_zone": "X"})
show(ST, (1,) * 9, bogus=1)

# immutability
show(setattr, t, "tm_year", 5)
show(t.__setitem__, 0, 5) if hasattr(t, "__setitem__") else print("no __setitem__")

# pickling support
print(t.__reduce__())
print(v.__reduce__()[1][1])

# pattern matching uses __match_args__
match t:
    case ST(tm_year=1970, tm_mon=m):
        print("epoch month", m)
match sys.version_info:
    case (3, minor, *rest):
        print("python 3 minor", minor, len(rest))

# sys's struct sequences
fi = sys.float_info
print(type(fi).__name__, len(fi), fi[:2], fi.dig)
print(type(fi)(tuple(fi)) == fi, type(sys.int_info)(tuple(sys.int_info)))
show(type(sys.flags), tuple(sys.flags))
show(type(sys.version_info), (3, 11, 0, "final", 0))
print(sys.version_info > (3, 10), sys.version_info[:3] >= (3, 11, 0))
