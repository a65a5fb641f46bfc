# select.select() over lists that a fileno() method shrinks while they are read (bpo-16230):
# the size is read anew for each item, so only the items still present count, no crash.
import os
import select
import sys

r, w = os.pipe()
a = []

class Shrinking:
    def fileno(self):
        del a[-1]
        return w

a[:] = [Shrinking()] * 10
rl, wl, xl = select.select([], a, [], 1.0)
print(len(a), len(wl), wl == a[:5])

b = []
class Growing:
    def fileno(self):
        if len(b) < 6:
            b.append(self)
        return w
b[:] = [Growing()] * 2
rl, wl, xl = select.select([], b, [], 1.0)
print(len(b), len(wl))

class Bad:
    def fileno(self):
        return "x"
for arg in ([Bad()], [object()], [-1], [2**40]):
    try:
        select.select(arg, [], [], 0)
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
os.close(r)
os.close(w)
