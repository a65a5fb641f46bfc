# _heapq (min-heap functions and the private max-heap helpers, comparisons through < only) and
# _bisect (bisect/insort left and right with lo, hi and key), with their errors.
import _heapq as H
import _bisect as B


def err(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("   ok", r)


data = [5, 3, 8, 1, 9, 2, 7, 1, 0, 6]
h = list(data)
H.heapify(h)
print(h, [H.heappop(h) for _ in range(len(data))], h)
h = []
for x in data:
    H.heappush(h, x)
print(h, H.heappushpop(h, -1), H.heappushpop(h, 4), h, H.heapreplace(h, 10), h)
print(H.heappushpop([], 3), H.heappop([7]))
mx = list(data)
H._heapify_max(mx)
print(mx, H._heappop_max(mx), H._heapreplace_max(mx, -5), mx)
big = list(range(3000, 0, -1))
H.heapify(big)
print(big[:8], [H.heappop(big) for _ in range(5)])
words = "the quick brown fox jumps over the lazy dog".split()
H.heapify(words)
print([H.heappop(words) for _ in range(len(words))])


class Lt:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        log.append((self.v, other.v))
        return self.v < other.v

    def __repr__(self):
        return "Lt(%d)" % self.v


log = []
hl = [Lt(3), Lt(1), Lt(2)]
H.heapify(hl)
print(hl, log)
log.clear()
H.heappush(hl, Lt(0))
print(hl, log)
for args in [(1,), (1, 2), ((), 1)]:
    err(lambda: H.heappush(*args))
err(lambda: H.heappop(1))
err(lambda: H.heappop([]))
err(lambda: H.heapify(()))
err(lambda: H.heapreplace([], 1))
err(lambda: H.heapreplace((), 1))
err(lambda: H._heapreplace_max([], 1))
err(lambda: H._heappop_max([]))
err(lambda: H._heappop_max(3))
err(lambda: H.heappushpop(1, 2))
err(lambda: H.heapify([1, "a", 2]))
err(lambda: H.heappush([1], "a"))


class Shrink:
    def __lt__(self, other):
        victim.clear()
        return True


victim = [Shrink(), Shrink(), Shrink()]
err(lambda: H.heapify(victim))
victim = [1, 2]
err(lambda: H.heappush(victim, Shrink()))

print("bisect")
a = [1, 2, 2, 2, 3, 5, 8]
print([B.bisect_left(a, x) for x in (0, 1, 2, 3, 4, 9)], [B.bisect_right(a, x) for x in (0, 1, 2, 3, 4, 9)])
print(B.bisect_left(a, 2, 2), B.bisect_right(a, 2, 0, 2), B.bisect_left(a, 2, lo=4), B.bisect_right(a, 2, hi=None))
print(B.bisect_left([1, 2], 1, 5), B.bisect_left([1], 1, hi=-5), B.bisect_right(a, 2, 1, -1), B.bisect_left(a, 9, hi=3))
recs = [("a", 1), ("b", 3), ("c", 5)]
print(B.bisect_left(recs, 3, key=lambda r: r[1]), B.bisect_right(recs, 3, key=lambda r: r[1]), B.bisect(recs, 9, key=None) if hasattr(B, "bisect") else "no bisect")
s = []
for x in [5, 1, 4, 1, 3]:
    B.insort_right(s, x)
B.insort_left(s, 2)
B.insort_left(s, 4, 0, 3)
print(s)
kr = [("x", 1), ("y", 4)]
B.insort_left(kr, ("z", 2), key=lambda r: r[1])
B.insort_right(kr, ("w", 4), key=lambda r: r[1])
print(kr)


class L(list):
    def insert(self, i, x):
        print("  insert", i, x)
        list.insert(self, i, x)


ll = L([1, 3])
B.insort_left(ll, 2)
B.insort_right(ll, 3, lo=1)
print(ll)
print(B.bisect_left("acegi", "d"), B.bisect_right((1, 2, 3), 2), B.bisect_left(range(0, 100, 5), 42))
err(lambda: B.bisect_left([1], 1, -1))
err(lambda: B.insort_left([1], 1, -3))
err(lambda: B.bisect_left(3, 1))
err(lambda: B.bisect_left([1], 1, "a"))
err(lambda: B.bisect_left([1], 1, 0, "b"))
err(lambda: B.bisect_left([1], 1, 0, None, key=3))
err(lambda: B.bisect_left())
err(lambda: B.bisect_left([], 1, 2, 3, 4))
err(lambda: B.bisect_left([], x=1, y=2))
err(lambda: B.insort_left((1, 2), 1))
err(lambda: B.bisect_left([], 1, lo=2**70))
err(lambda: B.bisect_right([1, "a"], 0))
err(lambda: B.bisect_left([1, 2], 1, 0, 9))
print(B.bisect_left(a=[1, 2, 3], x=2), B.insort_right(a=[1], x=0))
