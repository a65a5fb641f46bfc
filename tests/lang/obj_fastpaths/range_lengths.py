# range() lengths computed in C longs when start, stop and step fit, the big-int path past
# them, and range() called without an argument tuple: values, lengths, reprs and errors.
import sys

M = sys.maxsize
cases = [(5,), (0,), (-3,), (2, 9), (9, 2), (2, 9, 3), (9, 2, -3), (0, 10, -1), (-M - 1, M),
         (-M - 1, M, 7), (M, -M - 1, -1), (M, -M - 1, -M), (0, M, M), (-M, M, 2 * M), (True, 5),
         (0, 2**70, 2**65), (2**64, -2**64, -3), (-10, -1, 4), (5, 5), (5, 5, -1), (-5, -9, -2)]
for args in cases:
    r = range(*args)
    n = r.__len__() if abs(r.stop - r.start) // abs(r.step) < M else "big"
    print(args, n, r, list(r[:3]), r[-1:] if r else None, bool(r))
print(len(range(-M, M, 2 * M)), len(range(M, -M - 1, -M)), range(0, M, M)[0])
for bad in [(), (1, 2, 3, 4), (1, 2, 0), (1.5,), ("a", 2)]:
    try:
        range(*bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    range(stop=3)
except TypeError as e:
    print(e)
print(range(1, **{}))


class I:
    def __index__(self):
        return 4


print(list(range(I())), range(I(), 10, I()), len(range(I(), 100, I())))
try:
    print(len(range(-M - 1, M, 1)))
except OverflowError as e:
    print("OverflowError", e)
print(sum(len(range(a)) for a in range(-3, 30)), [len(range(0, a, 3)) for a in range(-2, 8)])
