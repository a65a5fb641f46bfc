# numpy under pyrs: arrays, dtypes, arithmetic, ufuncs, reductions, slicing, broadcasting,
# printing and errors, compared with CPython 3.11 running Debian's numpy. Skipped (by
# tests/cpyext/CMakeLists.txt) only when the oracle has no numpy installed.
import numpy as np

a = np.array([1, 2, 3])
print(a + a)
print(repr(a), a.dtype, a.shape, a.ndim, a.size, a.itemsize, a.nbytes)

# construction and dtypes
print(np.arange(10))
print(np.arange(0.0, 1.0, 0.25))
print(np.linspace(0, 1, 5))
print(np.zeros((2, 3)))
print(np.ones(4, dtype=np.int8))
print(np.full((2, 2), 7, dtype=np.uint16))
print(np.eye(3, dtype=int))
print(np.empty(0).shape)
for dt in ["i1", "u2", "i4", "i8", "f4", "f8", "c16", "?", "U5", "S3", "O"]:
    d = np.dtype(dt)
    print(dt, d, d.kind, d.itemsize, d.name, d.str)
print(np.array([1, 2.5]).dtype, np.array([True, False]).dtype, np.array(["ab", "c"]).dtype)
print(np.array([1, "x"], dtype=object))
print(np.array([[1, 2], [3, 4]], dtype=np.float32))
print(np.array(5), np.array(5).shape, np.array(5).ndim)
print(np.asarray([1, 2, 3], dtype=float).astype(np.int32))
print(np.array(range(5)), np.array((1, 2)), np.fromiter((i * i for i in range(4)), dtype=int))

# arithmetic and comparison
x = np.array([1.0, 2.0, 3.0, 4.0])
y = np.array([4.0, 3.0, 2.0, 1.0])
print(x + y, x - y, x * y, x / y)
print(x // y, x % y, x ** 2, -x, abs(-x))
print(x > 2, x == y, (x > 1) & (x < 4), ~(x > 2))
print(a * 2, 2 * a, a / 2, a // 2, a % 2, a ** 2, a << 1, a >> 1, a & 1, a | 4, a ^ 3)
b = np.array([5, 6, 7])
b += 1
b *= 2
print(b)
print(np.int64(7) + 1, type(np.int64(7) + 1).__name__, np.float64(1.5) * 2)
print(np.int32(5) == 5, bool(np.bool_(True)), int(np.int16(-3)), float(np.float32(0.5)))

# ufuncs
print(np.sqrt(np.array([1.0, 4.0, 9.0])))
print(np.exp(np.array([0.0, 1.0])), np.log(np.array([1.0, np.e])))
print(np.sin(np.array([0.0])), np.cos(np.array([0.0])))
print(np.maximum(x, y), np.minimum(x, y), np.add.reduce(x), np.multiply.accumulate(x))
print(np.add.outer(np.array([1, 2]), np.array([10, 20, 30])))
print(np.floor(np.array([1.5, -1.5])), np.ceil(np.array([1.2])), np.round(np.array([2.567]), 2))
print(np.isnan(np.array([1.0, np.nan])), np.isinf(np.array([np.inf, 0.0])))
print(np.where(x > 2, x, -1.0))
print(np.clip(np.arange(6), 1, 4))

# reductions
m = np.arange(12).reshape(3, 4)
print(m)
print(m.sum(), m.sum(axis=0), m.sum(axis=1), m.mean(), m.mean(axis=0))
print(m.min(), m.max(), m.argmin(), m.argmax(axis=1), m.prod(axis=0))
print(m.std(), round(float(m.var()), 6), m.cumsum(), np.median(m))
print(np.any(m > 10), np.all(m >= 0), np.count_nonzero(m % 2))
print(np.sort(np.array([3, 1, 2])), np.argsort(np.array([3, 1, 2])), np.unique([3, 1, 3, 2, 1]))
print(np.dot(x, y), m @ np.ones(4), m.T.shape)

# slicing and indexing
print(m[1], m[1, 2], m[:, 1], m[1:, ::2], m[-1, -1])
print(m[m > 5], m[[0, 2]], m[[0, 1], [1, 2]])
c = np.arange(10)
c[2:5] = 0
c[c > 7] = -1
print(c, c[::-1], c[::3])
print(m.reshape(4, 3), m.ravel(), m.flatten()[:3], m.reshape(-1).shape)
v = m[0]
v[0] = 100
print(m[0, 0], v.base is m)
print(np.concatenate([a, b]), np.stack([a, b]), np.vstack([a, b]).shape, np.hstack([a, b]))
print(np.split(np.arange(6), 3))
print(m.tolist(), a.tolist(), list(a), [int(i) for i in a])
for row in m[:2]:
    print(row)

# broadcasting
print(m + np.array([1, 2, 3, 4]))
print(m * np.array([[1], [2], [3]]))
print(np.arange(3)[:, None] + np.arange(3))
print(np.broadcast_to(np.array([1, 2]), (2, 2)))

# printing
print(np.array([1.5, 2.25, 3.0]))
print(np.array([1e-10, 1.0, 1e10]))
print(np.array([[1.0, 2.0], [3.0, 4.0]]))
print(repr(np.array([1.0, 2.0])), repr(np.array([[1, 2], [3, 4]])))
print(np.array([True, False]), np.array(["a", "bc"]), np.array([1 + 2j, 3j]))
print(str(np.float64(0.1)), repr(np.float64(0.1)), repr(np.int64(3)), np.arange(2000))
with np.printoptions(precision=2):
    print(np.array([1.23456, 2.34567]))

# errors
def show(f):
    try:
        r = f()
        print("ok", r)
    except Exception as e:
        print(type(e).__name__, str(e))


show(lambda: np.array([1, 2]) + np.array([1, 2, 3]))
show(lambda: np.arange(6).reshape(4, 4))
show(lambda: np.array([1, 2])[5])
show(lambda: np.zeros(3)["x"])
show(lambda: np.dtype("nope"))
show(lambda: np.array([1, 2, 3]).astype("int", casting="foo"))
show(lambda: int(np.array([1, 2])))
show(lambda: bool(np.array([1, 2])))
show(lambda: np.ones((2, 3)) @ np.ones((2, 3)))
with np.errstate(divide="ignore", invalid="ignore"):
    print(np.array([1.0, 0.0]) / 0.0)
with np.errstate(divide="raise"):
    show(lambda: np.array([1.0]) / 0.0)
print(np.__version__ >= "1.20", isinstance(a, np.ndarray), np.issubdtype(a.dtype, np.integer))
