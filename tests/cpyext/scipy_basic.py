# scipy under pyrs: its Cython, pybind11 (PyThreadState_DeleteCurrent) and f2py/Fortran
# extension modules, compared with CPython 3.11 running Debian's scipy. Skipped (by
# tests/cpyext/CMakeLists.txt) only when the oracle has no scipy installed.
import threading

import numpy as np
from scipy import fft, interpolate, linalg, optimize, signal, sparse, spatial, stats

print(stats.norm.cdf([0, 1.96]).round(6), stats.ttest_ind([1, 2, 3, 4], [2, 3, 4, 9]).pvalue.round(6))
print(stats.describe([1, 2, 3, 4, 10]).mean, stats.pearsonr([1, 2, 3], [2, 4, 7])[0].round(6))
f = interpolate.interp1d([0, 1, 2], [0, 10, 40])
print(f([0.5, 1.5]), interpolate.CubicSpline([0, 1, 2, 3], [0, 1, 8, 27])(1.5).round(6))
print(signal.convolve([1, 2, 3], [0, 1, 0.5]), signal.medfilt([1, 9, 2, 8, 3], 3))
print(linalg.inv(np.array([[2.0, 0], [0, 4.0]])), round(linalg.det(np.array([[1.0, 2], [3, 4]])), 6))
print(linalg.solve(np.array([[3.0, 1], [1, 2]]), np.array([9.0, 8])))
print(round(optimize.minimize_scalar(lambda x: (x - 3) ** 2).x, 5))
print(round(optimize.brentq(lambda x: x * x - 2, 0, 2), 8))
m = sparse.csr_matrix(np.eye(3))
print(m.nnz, (m @ np.ones(3)).tolist(), m.toarray().sum(), sparse.identity(2).format)
print(np.round(fft.fft([1, 0, 0, 0]), 3), np.round(fft.irfft([4, 0, 0]), 3))
print(spatial.distance.cdist([[0, 0]], [[3, 4]]), spatial.KDTree([[0, 0], [5, 5]]).query([1, 1])[1])

# pybind11 modules called from other threads (each gets and drops a thread state)
out = []


def work(i):
    out.append(float(np.abs(fft.fft(np.arange(8) * i)).sum().round(6)))


ts = [threading.Thread(target=work, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(out))

try:
    linalg.inv(np.array([[1.0, 2], [2, 4]]))
except Exception as e:
    print(type(e).__name__, e)
try:
    optimize.brentq(lambda x: x * x + 1, 0, 2)
except Exception as e:
    print(type(e).__name__, e)
