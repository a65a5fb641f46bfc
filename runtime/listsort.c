/* listsort.c: list.sort, a stable adaptive merge sort with the structure of CPython 3.11's
 * (natural runs extended by binary insertion to a computed minimum length, the powersort
 * merge policy, galloping merges with an adaptive threshold), so that the sequence of
 * comparisons, and therefore results with inconsistent or side-effecting __lt__, match. */
#include "Python.h"
#include "pyrs/list.h"

#define MAX_PENDING  85 /* enough stack for any run count of a Py_ssize_t-sized list */
#define GALLOP_START 7  /* initial threshold for switching to galloping mode */
#define TEMP_INLINE  256

/* A range under sort: KEYS are compared; VALS (NULL without key=) move in step with them. */
typedef struct {
    PyObject **keys;
    PyObject **vals;
} span;

typedef struct {
    span base;      /* first element of the run */
    Py_ssize_t len; /* number of elements */
    int power;      /* powersort node power of the boundary with the next run */
} pending_run;

typedef struct {
    Py_ssize_t min_gallop;             /* current galloping threshold */
    span tmp;                          /* scratch for merges */
    Py_ssize_t tmp_cap;                /* capacity of tmp in elements */
    PyObject *tmp_inline[TEMP_INLINE]; /* scratch until more is needed */
    int n;                             /* pending runs on the stack */
    pending_run pending[MAX_PENDING];  /* runs awaiting merges */
    PyObject **first_key;              /* start of the keys array (for run positions) */
    Py_ssize_t total;                  /* total element count */
    int has_vals;                      /* values move with keys */
} sorter;

#define KIND_GENERIC   0 /* PyObject_RichCompareBool(a, b, Py_LT) */
#define KIND_SMALL_INT 1 /* every key an exact int of at most one digit */
#define KIND_FLOAT     2 /* every key an exact float */
#define KIND_LATIN1    3 /* every key an exact str of one-byte kind */

/* How the sort in progress compares; saved and restored around each sort because a generic
 * comparison may run Python code that sorts another list. */
static int sort_kind;

static long
small_int_value(PyObject *v)
{
    Py_ssize_t size = Py_SIZE(v);
    long d = size == 0 ? 0 : (long)((PyLongObject *)v)->ob_digit[0];
    return size < 0 ? -d : d;
}

/* a < b for one-byte strs: their code points are their bytes, so memcmp orders them. */
static int
latin1_less(PyObject *a, PyObject *b)
{
    Py_ssize_t la = PyUnicode_GET_LENGTH(a), lb = PyUnicode_GET_LENGTH(b);
    int c = memcmp(PyUnicode_1BYTE_DATA(a), PyUnicode_1BYTE_DATA(b), (size_t)Py_MIN(la, lb));
    return c != 0 ? c < 0 : la < lb;
}

/* 1 if a < b, 0 if not, -1 on error. The fast kinds run no Python code, as in CPython. */
static int
less(PyObject *a, PyObject *b)
{
    switch (sort_kind) {
    case KIND_SMALL_INT:
        return small_int_value(a) < small_int_value(b);
    case KIND_FLOAT:
        return PyFloat_AS_DOUBLE(a) < PyFloat_AS_DOUBLE(b);
    case KIND_LATIN1:
        return latin1_less(a, b);
    default:
        return PyObject_RichCompareBool(a, b, Py_LT);
    }
}

static int
choose_kind(PyObject **keys, Py_ssize_t n)
{
    int ints = 1, floats = 1, latin1 = 1;
    for (Py_ssize_t i = 0; i < n && (ints || floats || latin1); i++) {
        PyObject *k = keys[i];
        ints = ints && PyLong_CheckExact(k) && Py_SIZE(k) >= -1 && Py_SIZE(k) <= 1;
        floats = floats && PyFloat_CheckExact(k);
        latin1 = latin1 && PyUnicode_CheckExact(k) && PyUnicode_KIND(k) == PyUnicode_1BYTE_KIND;
    }
    return ints ? KIND_SMALL_INT : floats ? KIND_FLOAT : latin1 ? KIND_LATIN1 : KIND_GENERIC;
}

static void
span_move(span *dst, Py_ssize_t di, const span *src, Py_ssize_t si, Py_ssize_t n, int vals)
{
    memmove(dst->keys + di, src->keys + si, (size_t)n * sizeof(PyObject *));
    if (vals) {
        memmove(dst->vals + di, src->vals + si, (size_t)n * sizeof(PyObject *));
    }
}

static void
span_shift(span *s, Py_ssize_t k, int vals)
{
    s->keys += k;
    if (vals) {
        s->vals += k;
    }
}

/* *dst = *src, then step both by DIR (+1 or -1). */
static void
span_take(span *dst, span *src, int dir, int vals)
{
    *dst->keys = *src->keys;
    if (vals) {
        *dst->vals = *src->vals;
    }
    span_shift(dst, dir, vals);
    span_shift(src, dir, vals);
}

static int
sorter_reserve(sorter *ms, Py_ssize_t need)
{
    if (need <= ms->tmp_cap) {
        return 0;
    }
    if (ms->tmp.keys != ms->tmp_inline) {
        PyMem_Free(ms->tmp.keys);
    }
    Py_ssize_t mult = ms->has_vals ? 2 : 1;
    if ((size_t)need > PY_SSIZE_T_MAX / sizeof(PyObject *) / (size_t)mult) {
        PyErr_NoMemory();
        return -1;
    }
    ms->tmp.keys = PyMem_Malloc((size_t)(need * mult) * sizeof(PyObject *));
    if (ms->tmp.keys == NULL) {
        ms->tmp.keys = ms->tmp_inline;
        ms->tmp_cap = ms->has_vals ? TEMP_INLINE / 2 : TEMP_INLINE;
        ms->tmp.vals = ms->has_vals ? ms->tmp_inline + ms->tmp_cap : NULL;
        PyErr_NoMemory();
        return -1;
    }
    ms->tmp.vals = ms->has_vals ? ms->tmp.keys + need : NULL;
    ms->tmp_cap = need;
    return 0;
}

/* Insertion sort of [lo, hi) where [lo, start) is already sorted; binary search for the
 * insertion point, stable (equal elements go after). */
static int
binary_insertion(sorter *ms, span lo, PyObject **hi, PyObject **start)
{
    if (lo.keys == start) {
        ++start;
    }
    for (; start < hi; ++start) {
        PyObject **l = lo.keys, **r = start, *pivot = *r;
        do {
            PyObject **p = l + ((r - l) >> 1);
            int k = less(pivot, *p);
            if (k < 0) {
                return -1;
            }
            if (k) {
                r = p;
            } else {
                l = p + 1;
            }
        } while (l < r);
        Py_ssize_t at = l - lo.keys, from = start - lo.keys;
        memmove(l + 1, l, (size_t)(from - at) * sizeof(PyObject *));
        *l = pivot;
        if (ms->has_vals) {
            PyObject *pv = lo.vals[from];
            memmove(lo.vals + at + 1, lo.vals + at, (size_t)(from - at) * sizeof(PyObject *));
            lo.vals[at] = pv;
        }
    }
    return 0;
}

/* Length of the natural run starting at LO (strictly descending runs set *DESC). */
static Py_ssize_t
run_length(PyObject **lo, PyObject **hi, int *desc)
{
    *desc = 0;
    ++lo;
    if (lo == hi) {
        return 1;
    }
    Py_ssize_t n = 2;
    int k = less(*lo, *(lo - 1));
    if (k < 0) {
        return -1;
    }
    if (k) {
        *desc = 1;
        for (lo = lo + 1; lo < hi; ++lo, ++n) {
            k = less(*lo, *(lo - 1));
            if (k < 0) {
                return -1;
            }
            if (!k) {
                break;
            }
        }
    } else {
        for (lo = lo + 1; lo < hi; ++lo, ++n) {
            k = less(*lo, *(lo - 1));
            if (k < 0) {
                return -1;
            }
            if (k) {
                break;
            }
        }
    }
    return n;
}

/* Leftmost position in sorted A[0..n) where KEY belongs (A[i-1] < KEY <= A[i]), searching
 * exponentially from HINT. -1 on error. */
static Py_ssize_t
gallop_left(PyObject *key, PyObject **a, Py_ssize_t n, Py_ssize_t hint)
{
    Py_ssize_t lastofs = 0, ofs = 1, maxofs;
    int k;
    a += hint;
    if ((k = less(*a, key)) < 0) {
        return -1;
    }
    if (k) {
        maxofs = n - hint;
        while (ofs < maxofs) {
            if ((k = less(a[ofs], key)) < 0) {
                return -1;
            }
            if (!k) {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs) {
            ofs = maxofs;
        }
        lastofs += hint;
        ofs += hint;
    } else {
        maxofs = hint + 1;
        while (ofs < maxofs) {
            if ((k = less(*(a - ofs), key)) < 0) {
                return -1;
            }
            if (k) {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs) {
            ofs = maxofs;
        }
        Py_ssize_t t = lastofs;
        lastofs = hint - ofs;
        ofs = hint - t;
    }
    a -= hint;
    ++lastofs;
    while (lastofs < ofs) {
        Py_ssize_t m = lastofs + ((ofs - lastofs) >> 1);
        if ((k = less(a[m], key)) < 0) {
            return -1;
        }
        if (k) {
            lastofs = m + 1;
        } else {
            ofs = m;
        }
    }
    return ofs;
}

/* Rightmost position in sorted A[0..n) where KEY belongs (A[i-1] <= KEY < A[i]). */
static Py_ssize_t
gallop_right(PyObject *key, PyObject **a, Py_ssize_t n, Py_ssize_t hint)
{
    Py_ssize_t lastofs = 0, ofs = 1, maxofs;
    int k;
    a += hint;
    if ((k = less(key, *a)) < 0) {
        return -1;
    }
    if (k) {
        maxofs = hint + 1;
        while (ofs < maxofs) {
            if ((k = less(key, *(a - ofs))) < 0) {
                return -1;
            }
            if (!k) {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs) {
            ofs = maxofs;
        }
        Py_ssize_t t = lastofs;
        lastofs = hint - ofs;
        ofs = hint - t;
    } else {
        maxofs = n - hint;
        while (ofs < maxofs) {
            if ((k = less(key, a[ofs])) < 0) {
                return -1;
            }
            if (k) {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs) {
            ofs = maxofs;
        }
        lastofs += hint;
        ofs += hint;
    }
    a -= hint;
    ++lastofs;
    while (lastofs < ofs) {
        Py_ssize_t m = lastofs + ((ofs - lastofs) >> 1);
        if ((k = less(key, a[m])) < 0) {
            return -1;
        }
        if (k) {
            ofs = m;
        } else {
            lastofs = m + 1;
        }
    }
    return ofs;
}

/* Merges adjacent runs A (na) and B (nb), na <= nb, left to right through a copy of A.
 * Preconditions: A[0] > B[0]... as arranged by merge_at; on error everything is still
 * present (some order). */
static int
merge_low(sorter *ms, span a, Py_ssize_t na, span b, Py_ssize_t nb)
{
    int v = ms->has_vals, result = -1;
    Py_ssize_t k, acount, bcount, min_gallop;
    if (sorter_reserve(ms, na) < 0) {
        return -1;
    }
    span_move(&ms->tmp, 0, &a, 0, na, v);
    span dest = a;
    a = ms->tmp;
    span_take(&dest, &b, 1, v);
    --nb;
    if (nb == 0) {
        goto succeed;
    }
    if (na == 1) {
        goto copy_b;
    }
    min_gallop = ms->min_gallop;
    for (;;) {
        acount = bcount = 0;
        /* One-at-a-time mode until one run wins min_gallop times in a row. */
        for (;;) {
            if ((k = less(*b.keys, *a.keys)) < 0) {
                goto fail;
            }
            if (k) {
                span_take(&dest, &b, 1, v);
                ++bcount;
                acount = 0;
                if (--nb == 0) {
                    goto succeed;
                }
                if (bcount >= min_gallop) {
                    break;
                }
            } else {
                span_take(&dest, &a, 1, v);
                ++acount;
                bcount = 0;
                if (--na == 1) {
                    goto copy_b;
                }
                if (acount >= min_gallop) {
                    break;
                }
            }
        }
        /* Galloping mode while it keeps paying off. */
        ++min_gallop;
        do {
            min_gallop -= min_gallop > 1;
            ms->min_gallop = min_gallop;
            k = gallop_right(*b.keys, a.keys, na, 0);
            if (k < 0) {
                goto fail;
            }
            acount = k;
            if (k) {
                span_move(&dest, 0, &a, 0, k, v);
                span_shift(&dest, k, v);
                span_shift(&a, k, v);
                na -= k;
                if (na == 1) {
                    goto copy_b;
                }
                if (na == 0) { /* only with an inconsistent comparison */
                    goto succeed;
                }
            }
            span_take(&dest, &b, 1, v);
            if (--nb == 0) {
                goto succeed;
            }
            k = gallop_left(*a.keys, b.keys, nb, 0);
            if (k < 0) {
                goto fail;
            }
            bcount = k;
            if (k) {
                span_move(&dest, 0, &b, 0, k, v);
                span_shift(&dest, k, v);
                span_shift(&b, k, v);
                nb -= k;
                if (nb == 0) {
                    goto succeed;
                }
            }
            span_take(&dest, &a, 1, v);
            if (--na == 1) {
                goto copy_b;
            }
        } while (acount >= GALLOP_START || bcount >= GALLOP_START);
        ++min_gallop;
        ms->min_gallop = min_gallop;
    }
succeed:
    result = 0;
fail:
    if (na) {
        span_move(&dest, 0, &a, 0, na, v);
    }
    return result;
copy_b:
    /* The last element of A goes after everything left in B. */
    span_move(&dest, 0, &b, 0, nb, v);
    span_move(&dest, nb, &a, 0, 1, v);
    return 0;
}

/* Mirror image of merge_low for na > nb: merges right to left through a copy of B. */
static int
merge_high(sorter *ms, span a, Py_ssize_t na, span b, Py_ssize_t nb)
{
    int v = ms->has_vals, result = -1;
    Py_ssize_t k, acount, bcount, min_gallop;
    if (sorter_reserve(ms, nb) < 0) {
        return -1;
    }
    span dest = b;
    span_shift(&dest, nb - 1, v);
    span_move(&ms->tmp, 0, &b, 0, nb, v);
    span basea = a, baseb = ms->tmp;
    b = ms->tmp;
    span_shift(&b, nb - 1, v);
    span_shift(&a, na - 1, v);
    span_take(&dest, &a, -1, v);
    --na;
    if (na == 0) {
        goto succeed;
    }
    if (nb == 1) {
        goto copy_a;
    }
    min_gallop = ms->min_gallop;
    for (;;) {
        acount = bcount = 0;
        for (;;) {
            if ((k = less(*b.keys, *a.keys)) < 0) {
                goto fail;
            }
            if (k) {
                span_take(&dest, &a, -1, v);
                ++acount;
                bcount = 0;
                if (--na == 0) {
                    goto succeed;
                }
                if (acount >= min_gallop) {
                    break;
                }
            } else {
                span_take(&dest, &b, -1, v);
                ++bcount;
                acount = 0;
                if (--nb == 1) {
                    goto copy_a;
                }
                if (bcount >= min_gallop) {
                    break;
                }
            }
        }
        ++min_gallop;
        do {
            min_gallop -= min_gallop > 1;
            ms->min_gallop = min_gallop;
            k = gallop_right(*b.keys, basea.keys, na, na - 1);
            if (k < 0) {
                goto fail;
            }
            k = na - k;
            acount = k;
            if (k) {
                span_shift(&dest, -k, v);
                span_shift(&a, -k, v);
                span_move(&dest, 1, &a, 1, k, v);
                na -= k;
                if (na == 0) {
                    goto succeed;
                }
            }
            span_take(&dest, &b, -1, v);
            if (--nb == 1) {
                goto copy_a;
            }
            k = gallop_left(*a.keys, baseb.keys, nb, nb - 1);
            if (k < 0) {
                goto fail;
            }
            k = nb - k;
            bcount = k;
            if (k) {
                span_shift(&dest, -k, v);
                span_shift(&b, -k, v);
                span_move(&dest, 1, &b, 1, k, v);
                nb -= k;
                if (nb == 1) {
                    goto copy_a;
                }
                if (nb == 0) { /* only with an inconsistent comparison */
                    goto succeed;
                }
            }
            span_take(&dest, &a, -1, v);
            if (--na == 0) {
                goto succeed;
            }
        } while (acount >= GALLOP_START || bcount >= GALLOP_START);
        ++min_gallop;
        ms->min_gallop = min_gallop;
    }
succeed:
    result = 0;
fail:
    if (nb) {
        span_move(&dest, -(nb - 1), &baseb, 0, nb, v);
    }
    return result;
copy_a:
    /* The first element of B goes before everything left in A. */
    span_move(&dest, 1 - na, &a, 1 - na, na, v);
    span_shift(&dest, -na, v);
    span_shift(&a, -na, v);
    span_move(&dest, 0, &b, 0, 1, v);
    return 0;
}

/* Merges pending runs I and I+1 (I is the second or third from the top). */
static int
merge_at(sorter *ms, int i)
{
    span a = ms->pending[i].base, b = ms->pending[i + 1].base;
    Py_ssize_t na = ms->pending[i].len, nb = ms->pending[i + 1].len;
    ms->pending[i].len = na + nb;
    if (i == ms->n - 3) {
        ms->pending[i + 1] = ms->pending[i + 2];
    }
    --ms->n;
    /* Elements of A before where B[0] goes, and of B after where A[-1] goes, stay put. */
    Py_ssize_t k = gallop_right(*b.keys, a.keys, na, 0);
    if (k < 0) {
        return -1;
    }
    span_shift(&a, k, ms->has_vals);
    na -= k;
    if (na == 0) {
        return 0;
    }
    nb = gallop_left(a.keys[na - 1], b.keys, nb, nb - 1);
    if (nb <= 0) {
        return (int)nb;
    }
    return na <= nb ? merge_low(ms, a, na, b, nb) : merge_high(ms, a, na, b, nb);
}

/* Powersort: the depth of the boundary between run 1 (start s1, length n1) and run 2 (length
 * n2) in the nearly-optimal binary merge tree over [0, n). */
static int
boundary_power(Py_ssize_t s1, Py_ssize_t n1, Py_ssize_t n2, Py_ssize_t n)
{
    int result = 0;
    Py_ssize_t a = 2 * s1 + n1, b = a + n1 + n2;
    for (;;) {
        ++result;
        if (a >= n) {
            a -= n;
            b -= n;
        } else if (b >= n) {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    return result;
}

/* A run of length N2 follows the top pending run: merge while the stack's powers demand. */
static int
push_boundary(sorter *ms, Py_ssize_t n2)
{
    if (ms->n == 0) {
        return 0;
    }
    pending_run *p = ms->pending;
    Py_ssize_t s1 = p[ms->n - 1].base.keys - ms->first_key, n1 = p[ms->n - 1].len;
    int power = boundary_power(s1, n1, n2, ms->total);
    while (ms->n > 1 && p[ms->n - 2].power > power) {
        if (merge_at(ms, ms->n - 2) < 0) {
            return -1;
        }
    }
    p[ms->n - 1].power = power;
    return 0;
}

static int
merge_all(sorter *ms)
{
    while (ms->n > 1) {
        int n = ms->n - 2;
        if (n > 0 && ms->pending[n - 1].len < ms->pending[n + 1].len) {
            --n;
        }
        if (merge_at(ms, n) < 0) {
            return -1;
        }
    }
    return 0;
}

/* Minimum run length: N itself below 64, else a value in [32, 64] making N / minrun a power
 * of two or slightly less. */
static Py_ssize_t
min_run_length(Py_ssize_t n)
{
    Py_ssize_t r = 0;
    while (n >= 64) {
        r |= n & 1;
        n >>= 1;
    }
    return n + r;
}

/* Sorts A[0..n) ascending (distinct values), using T[0..n) as scratch: insertion sort for
 * short ranges, merging above. */
static void
sort_u64(uint64_t *a, uint64_t *t, Py_ssize_t n)
{
    if (n <= 16) {
        for (Py_ssize_t i = 1; i < n; i++) {
            uint64_t x = a[i];
            Py_ssize_t j = i;
            for (; j > 0 && a[j - 1] > x; j--) {
                a[j] = a[j - 1];
            }
            a[j] = x;
        }
        return;
    }
    Py_ssize_t h = n / 2;
    sort_u64(a, t, h);
    sort_u64(a + h, t, n - h);
    if (a[h - 1] < a[h]) {
        return; /* already in order */
    }
    memcpy(t, a, (size_t)h * sizeof(uint64_t));
    Py_ssize_t i = 0, j = h, k = 0;
    while (i < h && j < n) {
        a[k++] = t[i] < a[j] ? t[i++] : a[j++];
    }
    while (i < h) {
        a[k++] = t[i++];
    }
}

/* Sorts keys that are all exact ints of at most one digit by value and original position
 * packed into one 64-bit word: the result is the stable order timsort would give, since such
 * comparisons run no Python code and the order is total. 1 done, 0 not attempted (too big
 * or no memory: the caller sorts generically). */
static int
sort_small_ints(PyObject **keys, PyObject **vals, Py_ssize_t n)
{
    if ((uint64_t)n >= ((uint64_t)1 << 32)) {
        return 0;
    }
    uint64_t *packed = PyMem_Malloc((size_t)n * 2 * sizeof(uint64_t));
    PyObject **copy = PyMem_Malloc((size_t)n * (vals ? 2 : 1) * sizeof(PyObject *));
    if (packed == NULL || copy == NULL) {
        PyMem_Free(packed);
        PyMem_Free(copy);
        return 0;
    }
    int sorted = 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        uint64_t v = (uint64_t)(small_int_value(keys[i]) + PyLong_BASE);
        packed[i] = v << 32 | (uint64_t)i;
        sorted = sorted && (i == 0 || packed[i - 1] < packed[i]);
    }
    if (!sorted) {
        sort_u64(packed, packed + n, n);
        memcpy(copy, keys, (size_t)n * sizeof(PyObject *));
        if (vals != NULL) {
            memcpy(copy + n, vals, (size_t)n * sizeof(PyObject *));
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_ssize_t from = (Py_ssize_t)(packed[i] & 0xffffffffu);
            keys[i] = copy[from];
            if (vals != NULL) {
                vals[i] = copy[n + from];
            }
        }
    }
    PyMem_Free(packed);
    PyMem_Free(copy);
    return 1;
}

/* Sorts KEYS[0..n) (with VALS when non-NULL) in place. */
static int
sort_arrays(PyObject **keys, PyObject **vals, Py_ssize_t n)
{
    sorter ms;
    int result = -1;
    ms.min_gallop = GALLOP_START;
    ms.has_vals = vals != NULL;
    ms.tmp.keys = ms.tmp_inline;
    ms.tmp_cap = ms.has_vals ? TEMP_INLINE / 2 : TEMP_INLINE;
    ms.tmp.vals = ms.has_vals ? ms.tmp_inline + ms.tmp_cap : NULL;
    ms.n = 0;
    ms.first_key = keys;
    ms.total = n;
    if (n < 2) {
        return 0;
    }
    int kind = choose_kind(keys, n);
    if (kind == KIND_SMALL_INT && sort_small_ints(keys, vals, n)) {
        return 0;
    }
    int saved_kind = sort_kind;
    sort_kind = kind;
    span lo = {keys, vals};
    Py_ssize_t remaining = n, minrun = min_run_length(n);
    do {
        int desc;
        Py_ssize_t len = run_length(lo.keys, lo.keys + remaining, &desc);
        if (len < 0) {
            goto done;
        }
        if (desc) {
            pyrs_list_reverse_slice(lo.keys, lo.keys + len);
            if (vals != NULL) {
                pyrs_list_reverse_slice(lo.vals, lo.vals + len);
            }
        }
        if (len < minrun) {
            Py_ssize_t force = remaining <= minrun ? remaining : minrun;
            if (binary_insertion(&ms, lo, lo.keys + force, lo.keys + len) < 0) {
                goto done;
            }
            len = force;
        }
        if (push_boundary(&ms, len) < 0) {
            goto done;
        }
        ms.pending[ms.n].base = lo;
        ms.pending[ms.n].len = len;
        ++ms.n;
        span_shift(&lo, len, ms.has_vals);
        remaining -= len;
    } while (remaining);
    result = merge_all(&ms);
done:
    sort_kind = saved_kind;
    if (ms.tmp.keys != ms.tmp_inline) {
        PyMem_Free(ms.tmp.keys);
    }
    return result;
}

/* Computes key(x) for every item into a new array; NULL on error (nothing leaked). */
static PyObject **
compute_keys(PyObject *keyfunc, PyObject **items, Py_ssize_t n)
{
    PyObject **keys = PyMem_New(PyObject *, (size_t)(n ? n : 1));
    if (keys == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        keys[i] = PyObject_CallOneArg(keyfunc, items[i]);
        if (keys[i] == NULL) {
            while (--i >= 0) {
                Py_DECREF(keys[i]);
            }
            PyMem_Free(keys);
            return NULL;
        }
    }
    return keys;
}

int
pyrs_list_sort(PyListObject *self, PyObject *keyfunc, int reverse)
{
    int result = -1;
    if (keyfunc == Py_None) {
        keyfunc = NULL;
    }
    /* Empty the list while sorting so that mutation by comparisons can be detected. */
    Py_ssize_t n = Py_SIZE(self);
    PyObject **items = self->ob_item;
    Py_ssize_t saved_allocated = self->allocated;
    Py_SET_SIZE(self, 0);
    self->ob_item = NULL;
    self->allocated = -1;
    PyObject **keys = items;
    if (keyfunc != NULL && (keys = compute_keys(keyfunc, items, n)) == NULL) {
        goto restore;
    }
    PyObject **vals = keyfunc != NULL ? items : NULL;
    /* Reversing before and after keeps equal elements in their original order. */
    if (reverse && n > 1) {
        pyrs_list_reverse_slice(keys, keys + n);
        if (vals != NULL) {
            pyrs_list_reverse_slice(vals, vals + n);
        }
    }
    result = sort_arrays(keys, vals, n);
    if (reverse && n > 1) {
        pyrs_list_reverse_slice(keys, keys + n);
        if (vals != NULL) {
            pyrs_list_reverse_slice(vals, vals + n);
        }
    }
    if (keyfunc != NULL) {
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_DECREF(keys[i]);
        }
        PyMem_Free(keys);
    }
restore:;
    PyObject **final_items = self->ob_item;
    Py_ssize_t final_size = Py_SIZE(self);
    if (self->allocated != -1 && result == 0) {
        PyErr_SetString(PyExc_ValueError, "list modified during sort");
        result = -1;
    }
    Py_SET_SIZE(self, n);
    self->ob_item = items;
    self->allocated = saved_allocated;
    if (final_items != NULL) {
        /* Whatever the comparisons put in the list meanwhile is dropped. */
        while (--final_size >= 0) {
            Py_XDECREF(final_items[final_size]);
        }
        PyMem_Free(final_items);
    }
    return result;
}
