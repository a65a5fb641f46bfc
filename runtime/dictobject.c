/* dictobject.c: dict, its views and iterators, mirroring CPython 3.11's Objects/dictobject.c:
 * compact insertion-ordered tables probed with CPython's perturbation scheme, the same
 * resize policy (so __sizeof__ agrees), split tables for instance dicts, a global version
 * counter in ma_version_tag, and the PyDict_* C-API. */
#include "Python.h"
#include "pyrs/containers.h"
#include "pyrs/dict.h"
#include "pyrs/lifecycle.h"
#include "pyrs/set.h"

#define DICT_LOG_MINSIZE   3
#define DICT_MINSIZE       8
#define PERTURB_SHIFT      5
#define IX_EMPTY           (-1)
#define IX_DUMMY           (-2)
#define IX_ERROR           (-3)
#define IX_UNDECIDED       (-4) /* probe_int met a key only __eq__ can compare */
#define SHARED_KEYS_MAX    30

#define USABLE_FRACTION(n) (((n) << 1) / 3)
#define GROWTH_RATE(d)     ((d)->ma_used * 3)
#define DK_SIZE(dk)        (((Py_ssize_t)1) << (dk)->dk_log2_size)
#define DK_MASK(dk)        (DK_SIZE(dk) - 1)
#define DK_ENTRIES(dk)                                                                             \
    ((PyrsDictEntry *)(&(dk)->dk_indices[(size_t)1 << (dk)->dk_log2_index_bytes]))

/* Every dict mutation takes a new value from this counter (Cython's global caches rely on it
 * being nonzero and never reused). */
static uint64_t dict_version_counter;
#define NEW_VERSION() (++dict_version_counter)

static PyDictKeysObject *empty_keys_object; /* shared by all empty dicts, never freed */
static uint32_t keys_version_counter;       /* last keys version handed out */
static PyObject *str_missing;               /* "__missing__", interned */

/* ---- the keys table ---- */

static Py_ssize_t
get_index(const PyDictKeysObject *dk, size_t i)
{
    switch (dk->dk_log2_size - dk->dk_log2_index_bytes + 3) {
    case 3:
        return ((const int8_t *)dk->dk_indices)[i];
    case 2:
        return ((const int16_t *)dk->dk_indices)[i];
    case 1:
        return ((const int32_t *)dk->dk_indices)[i];
    default:
        return ((const int64_t *)dk->dk_indices)[i];
    }
}

static void
set_index(PyDictKeysObject *dk, size_t i, Py_ssize_t ix)
{
    switch (dk->dk_log2_size - dk->dk_log2_index_bytes + 3) {
    case 3:
        ((int8_t *)dk->dk_indices)[i] = (int8_t)ix;
        break;
    case 2:
        ((int16_t *)dk->dk_indices)[i] = (int16_t)ix;
        break;
    case 1:
        ((int32_t *)dk->dk_indices)[i] = (int32_t)ix;
        break;
    default:
        ((int64_t *)dk->dk_indices)[i] = ix;
        break;
    }
}

/* The smallest table for MINSIZE entries by CPython's formula (power of two, at least 8). */
static uint8_t
log2_keysize(Py_ssize_t minsize)
{
    size_t v = (size_t)(((minsize | DICT_MINSIZE) - 1) | (DICT_MINSIZE - 1));
    uint8_t bits = 0;
    while (v) {
        bits++;
        v >>= 1;
    }
    return bits;
}

/* Table size for N items inserted without a resize. */
static uint8_t
estimate_log2_keysize(Py_ssize_t n)
{
    return log2_keysize((n * 3 + 1) / 2);
}

static size_t
keys_alloc_size(uint8_t log2_size, uint8_t log2_bytes)
{
    return sizeof(PyDictKeysObject) + ((size_t)1 << log2_bytes) +
           (size_t)USABLE_FRACTION((Py_ssize_t)1 << log2_size) * sizeof(PyrsDictEntry);
}

/* Freed keys tables of the minimum size (entries released) and freed exact dict objects
 * (untracked), kept for reuse as CPython keeps them. GIL-protected. */
#define FREE_MAX 80
static PyDictKeysObject *free_keys[FREE_MAX];
static int free_keys_count;
static PyDictObject *free_dicts[FREE_MAX];
static int free_dicts_count;

/* Frees the shell of a keys table whose entries are already released. */
static void
keys_shell_free(PyDictKeysObject *dk)
{
    if (dk->dk_log2_size == DICT_LOG_MINSIZE && free_keys_count < FREE_MAX) {
        free_keys[free_keys_count++] = dk;
        return;
    }
    PyObject_Free(dk);
}

static PyDictKeysObject *
new_keys_object(uint8_t log2_size, int kind)
{
    uint8_t log2_bytes;
    if (log2_size == DICT_LOG_MINSIZE && free_keys_count > 0) {
        PyDictKeysObject *dk = free_keys[--free_keys_count];
        dk->dk_refcnt = 1;
        dk->dk_kind = (uint8_t)kind;
        dk->dk_version = 0;
        dk->dk_usable = USABLE_FRACTION(DICT_MINSIZE);
        dk->dk_nentries = 0;
        memset(dk->dk_indices, 0xff, DICT_MINSIZE);
        return dk;
    }
    if (log2_size >= 62) {
        PyErr_NoMemory();
        return NULL;
    }
    if (log2_size < 8) {
        log2_bytes = log2_size;
    } else if (log2_size < 16) {
        log2_bytes = log2_size + 1;
    } else if (log2_size < 32) {
        log2_bytes = log2_size + 2;
    } else {
        log2_bytes = log2_size + 3;
    }
    PyDictKeysObject *dk = PyObject_Malloc(keys_alloc_size(log2_size, log2_bytes));
    if (dk == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    dk->dk_refcnt = 1;
    dk->dk_log2_size = log2_size;
    dk->dk_log2_index_bytes = log2_bytes;
    dk->dk_kind = (uint8_t)kind;
    dk->dk_version = 0;
    dk->dk_usable = USABLE_FRACTION((Py_ssize_t)1 << log2_size);
    dk->dk_nentries = 0;
    memset(dk->dk_indices, 0xff, (size_t)1 << log2_bytes);
    /* entries at dk_nentries and beyond are never read, so they are left uninitialised */
    return dk;
}

static PyDictKeysObject *
get_empty_keys(void)
{
    if (empty_keys_object == NULL) {
        empty_keys_object = new_keys_object(DICT_LOG_MINSIZE, PYRS_DICT_KEYS_UNICODE);
        if (empty_keys_object == NULL) {
            pyrs_fatal("cannot allocate the empty dict keys");
        }
        empty_keys_object->dk_refcnt = PY_SSIZE_T_MAX / 2; /* immortal */
        empty_keys_object->dk_usable = 0;
    }
    return empty_keys_object;
}

static void
free_keys_object(PyDictKeysObject *dk)
{
    PyrsDictEntry *ep = DK_ENTRIES(dk);
    for (Py_ssize_t i = 0, n = dk->dk_nentries; i < n; i++) {
        Py_XDECREF(ep[i].me_key);
        Py_XDECREF(ep[i].me_value);
    }
    keys_shell_free(dk);
}

void
pyrs_dict_keys_decref(PyDictKeysObject *dk)
{
    if (dk != NULL && dk != empty_keys_object && --dk->dk_refcnt == 0) {
        free_keys_object(dk);
    }
}

PyDictKeysObject *
pyrs_dict_shared_keys_new(void)
{
    /* CPython's class keys: 64 index slots, room for SHARED_KEYS_MAX names */
    PyDictKeysObject *dk = new_keys_object(DICT_LOG_MINSIZE + 3, PYRS_DICT_KEYS_SPLIT);
    if (dk != NULL) {
        dk->dk_usable = SHARED_KEYS_MAX;
    }
    return dk;
}

/* First free index slot on HASH's probe sequence (empty or dummy). */
static size_t
find_empty_slot(PyDictKeysObject *dk, Py_hash_t hash)
{
    size_t mask = (size_t)DK_MASK(dk), i = (size_t)hash & mask, perturb = (size_t)hash;
    while (get_index(dk, i) >= 0) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

/* Index slot that holds entry IX (which has HASH). */
static size_t
slot_of_entry(PyDictKeysObject *dk, Py_hash_t hash, Py_ssize_t ix)
{
    size_t mask = (size_t)DK_MASK(dk), i = (size_t)hash & mask, perturb = (size_t)hash;
    for (;;) {
        Py_ssize_t got = get_index(dk, i);
        if (got == ix) {
            return i;
        }
        if (got == IX_EMPTY) {
            pyrs_fatal("dict: entry missing from its index");
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

static PyObject *
entry_value(PyDictObject *mp, Py_ssize_t ix)
{
    if (mp->ma_values != NULL) {
        return ix < mp->ma_values->last ? mp->ma_values->values[ix] : NULL;
    }
    return DK_ENTRIES(mp->ma_keys)[ix].me_value;
}

/* Equality of two exact str objects with equal hashes, without a call for the usual case. */
static inline int
str_keys_equal(PyObject *a, PyObject *b)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(a);
    if (n != PyUnicode_GET_LENGTH(b) || PyUnicode_KIND(a) != PyUnicode_KIND(b)) {
        return 0;
    }
    return memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b), (size_t)n * PyUnicode_KIND(a)) == 0;
}

/* Equality of two exact ints (normalised: same sign and size, same digits). */
static inline int
exact_ints_equal(PyObject *a, PyObject *b)
{
    Py_ssize_t n = Py_SIZE(a);
    if (n != Py_SIZE(b)) {
        return 0;
    }
    size_t len = (size_t)(n < 0 ? -n : n) * sizeof(digit);
    return memcmp(((PyLongObject *)a)->ob_digit, ((PyLongObject *)b)->ob_digit, len) == 0;
}

/* The probe sequence of an exact str KEY in a str-only table whose index slots are WIDTH
 * bytes (a constant at each call, so each width gets its own loop): the entry index, or
 * IX_EMPTY with *SLOT (when not NULL) set to the first free slot, where an insertion goes. */
static inline __attribute__((always_inline)) Py_ssize_t
probe_str(PyDictKeysObject *dk, PyObject *key, Py_hash_t hash, int width, size_t *slot)
{
    size_t mask = (size_t)DK_MASK(dk), i = (size_t)hash & mask, perturb = (size_t)hash;
    size_t free_slot = (size_t)-1;
    const PyrsDictEntry *entries = DK_ENTRIES(dk);
    for (;;) {
        Py_ssize_t ix = width == 1   ? ((const int8_t *)dk->dk_indices)[i]
                        : width == 2 ? ((const int16_t *)dk->dk_indices)[i]
                        : width == 4 ? ((const int32_t *)dk->dk_indices)[i]
                                     : ((const int64_t *)dk->dk_indices)[i];
        if (ix >= 0) {
            const PyrsDictEntry *ep = &entries[ix];
            if (ep->me_key == key || (ep->me_hash == hash && str_keys_equal(ep->me_key, key))) {
                return ix;
            }
        } else if (ix == IX_EMPTY) {
            if (slot != NULL) {
                *slot = free_slot != (size_t)-1 ? free_slot : i;
            }
            return IX_EMPTY;
        } else if (free_slot == (size_t)-1) {
            free_slot = i; /* a dummy: insertions reuse the first one */
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* probe_str for any index width. */
static PYRS_NOINLINE Py_ssize_t
probe_str_any(PyDictKeysObject *dk, PyObject *key, Py_hash_t hash, size_t *slot)
{
    switch (dk->dk_log2_index_bytes - dk->dk_log2_size) {
    case 0:
        return probe_str(dk, key, hash, 1, slot);
    case 1:
        return probe_str(dk, key, hash, 2, slot);
    case 2:
        return probe_str(dk, key, hash, 4, slot);
    default:
        return probe_str(dk, key, hash, 8, slot);
    }
}

/* probe_str's counterpart for an exact int KEY in any combined table: entries of equal hash
 * that are exact ints are compared digit by digit; any other one makes the answer
 * IX_UNDECIDED (the caller then takes the general path, which calls __eq__). */
static inline __attribute__((always_inline)) Py_ssize_t
probe_int(PyDictKeysObject *dk, PyObject *key, Py_hash_t hash, int width, size_t *slot)
{
    size_t mask = (size_t)DK_MASK(dk), i = (size_t)hash & mask, perturb = (size_t)hash;
    size_t free_slot = (size_t)-1;
    const PyrsDictEntry *entries = DK_ENTRIES(dk);
    for (;;) {
        Py_ssize_t ix = width == 1   ? ((const int8_t *)dk->dk_indices)[i]
                        : width == 2 ? ((const int16_t *)dk->dk_indices)[i]
                        : width == 4 ? ((const int32_t *)dk->dk_indices)[i]
                                     : ((const int64_t *)dk->dk_indices)[i];
        if (ix >= 0) {
            const PyrsDictEntry *ep = &entries[ix];
            if (ep->me_key == key) {
                return ix;
            }
            if (ep->me_hash == hash) {
                if (!PyLong_CheckExact(ep->me_key)) {
                    return IX_UNDECIDED;
                }
                if (exact_ints_equal(ep->me_key, key)) {
                    return ix;
                }
            }
        } else if (ix == IX_EMPTY) {
            if (slot != NULL) {
                *slot = free_slot != (size_t)-1 ? free_slot : i;
            }
            return IX_EMPTY;
        } else if (free_slot == (size_t)-1) {
            free_slot = i;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* probe_int for any index width. */
static PYRS_NOINLINE Py_ssize_t
probe_int_any(PyDictKeysObject *dk, PyObject *key, Py_hash_t hash, size_t *slot)
{
    switch (dk->dk_log2_index_bytes - dk->dk_log2_size) {
    case 0:
        return probe_int(dk, key, hash, 1, slot);
    case 1:
        return probe_int(dk, key, hash, 2, slot);
    case 2:
        return probe_int(dk, key, hash, 4, slot);
    default:
        return probe_int(dk, key, hash, 8, slot);
    }
}

/* The probe loop of lookup_str, out of line so the first-probe hit stays cheap. */
static PYRS_NOINLINE Py_ssize_t
lookup_str_probe(PyDictObject *mp, PyDictKeysObject *dk, PyObject *key, Py_hash_t hash,
                 PyObject **value)
{
    Py_ssize_t ix = probe_str_any(dk, key, hash, NULL);
    *value = ix >= 0 ? entry_value(mp, ix) : NULL;
    return ix;
}

/* dict_lookup for an exact str KEY in a table holding only exact str keys (UNICODE or SPLIT):
 * comparisons run no Python code. The first probe of a one-byte index is inline: an
 * interned name found at its home slot (attribute and global names) costs a few loads. */
static inline Py_ssize_t
lookup_str(PyDictObject *mp, PyDictKeysObject *dk, PyObject *key, Py_hash_t hash, PyObject **value)
{
    if (dk->dk_log2_index_bytes == dk->dk_log2_size) {
        size_t i = (size_t)hash & (size_t)DK_MASK(dk);
        Py_ssize_t ix = ((const int8_t *)dk->dk_indices)[i];
        if (ix >= 0) {
            const PyrsDictEntry *ep = &DK_ENTRIES(dk)[ix];
            if (ep->me_key == key) {
                *value = entry_value(mp, ix);
                return ix;
            }
        } else if (ix == IX_EMPTY) {
            *value = NULL;
            return IX_EMPTY;
        }
    }
    return lookup_str_probe(mp, dk, key, hash, value);
}

/* Finds KEY: returns its entry index (>= 0) with *VALUE borrowed (NULL for a shared key this
 * dict has no value for), IX_EMPTY when absent, IX_ERROR on error. Comparisons may run
 * Python code that mutates the dict; the search then restarts. */
static Py_ssize_t
dict_lookup(PyDictObject *mp, PyObject *key, Py_hash_t hash, PyObject **value)
{
    if (mp->ma_keys->dk_kind != PYRS_DICT_KEYS_GENERAL && PyUnicode_CheckExact(key)) {
        return lookup_str(mp, mp->ma_keys, key, hash, value);
    }
    if (PyLong_CheckExact(key)) {
        Py_ssize_t ix = probe_int_any(mp->ma_keys, key, hash, NULL);
        if (ix != IX_UNDECIDED) {
            *value = ix >= 0 ? entry_value(mp, ix) : NULL;
            return ix;
        }
    }
restart:;
    PyDictKeysObject *dk = mp->ma_keys;
    size_t mask = (size_t)DK_MASK(dk), i = (size_t)hash & mask, perturb = (size_t)hash;
    for (;;) {
        Py_ssize_t ix = get_index(dk, i);
        if (ix == IX_EMPTY) {
            *value = NULL;
            return IX_EMPTY;
        }
        if (ix >= 0) {
            PyrsDictEntry *ep = &DK_ENTRIES(dk)[ix];
            if (ep->me_key == key) {
                *value = entry_value(mp, ix);
                return ix;
            }
            if (ep->me_hash == hash && ep->me_key != NULL && Py_IS_TYPE(ep->me_key, Py_TYPE(key)) &&
                (PyUnicode_CheckExact(key) || PyLong_CheckExact(key))) {
                /* str == str and int == int run no Python code: no restart needed. */
                if (PyUnicode_CheckExact(key) ? str_keys_equal(ep->me_key, key)
                                              : exact_ints_equal(ep->me_key, key)) {
                    *value = entry_value(mp, ix);
                    return ix;
                }
            } else if (ep->me_hash == hash && ep->me_key != NULL) {
                PyObject *startkey = Py_NewRef(ep->me_key);
                int cmp = PyObject_RichCompareBool(startkey, key, Py_EQ);
                Py_DECREF(startkey);
                if (cmp < 0) {
                    *value = NULL;
                    return IX_ERROR;
                }
                if (dk != mp->ma_keys || ep->me_key != startkey) {
                    goto restart;
                }
                if (cmp > 0) {
                    *value = entry_value(mp, ix);
                    return ix;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* Values arrays of split dicts are kept for reuse per capacity (small ones), as freed dicts
 * and keys tables are: instance dicts come and go with their objects. GIL-protected. */
#define VALUES_FREE_CAPS 16
#define VALUES_FREE_MAX  32
static PyDictValues *free_values[VALUES_FREE_CAPS + 1][VALUES_FREE_MAX];
static int free_values_count[VALUES_FREE_CAPS + 1];

/* A values array of CAP empty (NULL) slots; NULL (no exception set) when out of memory. The
 * VM reads a known slot directly (runtime/vm/eval.c), so every slot is always valid. */
static PyDictValues *
values_new(Py_ssize_t cap)
{
    PyDictValues *v;
    if (cap <= VALUES_FREE_CAPS && free_values_count[cap] > 0) {
        v = free_values[cap][--free_values_count[cap]];
    } else {
        v = PyMem_Malloc(sizeof(PyDictValues) + (size_t)cap * sizeof(PyObject *));
        if (v == NULL) {
            return NULL;
        }
        v->capacity = cap;
    }
    v->last = 0;
    for (Py_ssize_t i = 0; i < cap; i++) {
        v->values[i] = NULL;
    }
    return v;
}

/* Frees values array V (its references already released or moved; NULL allowed). */
static void
values_free(PyDictValues *v)
{
    if (v == NULL) {
        return;
    }
    Py_ssize_t cap = v->capacity;
    if (cap <= VALUES_FREE_CAPS && free_values_count[cap] < VALUES_FREE_MAX) {
        free_values[cap][free_values_count[cap]++] = v;
        return;
    }
    PyMem_Free(v);
}

/* Indexes entries [0, N) of fresh table DK (no dummies) with WIDTH-byte slots. */
static inline __attribute__((always_inline)) void
build_index_width(PyDictKeysObject *dk, Py_ssize_t n, int width)
{
    size_t mask = (size_t)DK_MASK(dk);
    const PyrsDictEntry *ep = DK_ENTRIES(dk);
    for (Py_ssize_t ix = 0; ix < n; ix++) {
        size_t i = (size_t)ep[ix].me_hash & mask, perturb = (size_t)ep[ix].me_hash;
        for (;;) {
            Py_ssize_t got = width == 1   ? ((int8_t *)dk->dk_indices)[i]
                             : width == 2 ? ((int16_t *)dk->dk_indices)[i]
                             : width == 4 ? ((int32_t *)dk->dk_indices)[i]
                                          : ((int64_t *)dk->dk_indices)[i];
            if (got == IX_EMPTY) {
                break;
            }
            perturb >>= PERTURB_SHIFT;
            i = (i * 5 + perturb + 1) & mask;
        }
        if (width == 1) {
            ((int8_t *)dk->dk_indices)[i] = (int8_t)ix;
        } else if (width == 2) {
            ((int16_t *)dk->dk_indices)[i] = (int16_t)ix;
        } else if (width == 4) {
            ((int32_t *)dk->dk_indices)[i] = (int32_t)ix;
        } else {
            ((int64_t *)dk->dk_indices)[i] = ix;
        }
    }
}

static void
build_index(PyDictKeysObject *dk, Py_ssize_t n)
{
    switch (dk->dk_log2_index_bytes - dk->dk_log2_size) {
    case 0:
        build_index_width(dk, n, 1);
        break;
    case 1:
        build_index_width(dk, n, 2);
        break;
    case 2:
        build_index_width(dk, n, 4);
        break;
    default:
        build_index_width(dk, n, 8);
        break;
    }
}

/* Rebuilds MP's table with 1 << LOG2 index slots, dropping deleted entries and un-sharing a
 * split table. KIND is UNICODE or GENERAL. */
static int
dict_resize(PyDictObject *mp, uint8_t log2, int kind)
{
    PyDictKeysObject *oldkeys = mp->ma_keys;
    PyDictValues *oldvalues = mp->ma_values;
    if (log2 < DICT_LOG_MINSIZE) {
        log2 = DICT_LOG_MINSIZE;
    }
    while (USABLE_FRACTION((Py_ssize_t)1 << log2) < mp->ma_used) {
        log2++;
    }
    if (oldkeys->dk_kind == PYRS_DICT_KEYS_GENERAL) {
        kind = PYRS_DICT_KEYS_GENERAL;
    }
    PyDictKeysObject *nk = new_keys_object(log2, kind);
    if (nk == NULL) {
        return -1;
    }
    PyrsDictEntry *src = DK_ENTRIES(oldkeys), *dst = DK_ENTRIES(nk);
    Py_ssize_t n = 0;
    if (oldvalues != NULL) {
        for (Py_ssize_t i = 0; i < oldvalues->last; i++) {
            if (oldvalues->values[i] != NULL) {
                dst[n].me_hash = src[i].me_hash;
                dst[n].me_key = Py_NewRef(src[i].me_key);
                dst[n].me_value = oldvalues->values[i];
                n++;
            }
        }
    } else {
        for (Py_ssize_t i = 0; i < oldkeys->dk_nentries; i++) {
            if (src[i].me_value != NULL) {
                dst[n++] = src[i];
            }
        }
    }
    build_index(nk, n);
    nk->dk_usable -= n;
    nk->dk_nentries = n;
    mp->ma_keys = nk;
    mp->ma_values = NULL;
    if (oldvalues != NULL) {
        values_free(oldvalues); /* its references moved into nk */
        pyrs_dict_keys_decref(oldkeys);
    } else if (oldkeys != empty_keys_object) {
        /* Entries moved; free the shell without touching references. */
        keys_shell_free(oldkeys);
    }
    return 0;
}

static int
insertion_resize(PyDictObject *mp, int kind)
{
    return dict_resize(mp, log2_keysize(GROWTH_RATE(mp)), kind);
}

static int
dict_unsplit(PyDictObject *mp)
{
    if (mp->ma_values == NULL) {
        return 0;
    }
    return dict_resize(mp, mp->ma_keys->dk_log2_size, PYRS_DICT_KEYS_UNICODE);
}

/* Tries to store KEY/VALUE in a split dict without un-sharing; 1 done, 0 not possible. */
static int
split_insert(PyDictObject *mp, PyObject *key, Py_hash_t hash, PyObject *value, Py_ssize_t ix)
{
    PyDictKeysObject *dk = mp->ma_keys;
    PyDictValues *vals = mp->ma_values;
    if (ix == IX_EMPTY) {
        if (!PyUnicode_CheckExact(key) || dk->dk_usable <= 0 ||
            dk->dk_nentries >= SHARED_KEYS_MAX || dk->dk_nentries >= vals->capacity) {
            return 0;
        }
        ix = dk->dk_nentries;
        set_index(dk, find_empty_slot(dk, hash), ix);
        DK_ENTRIES(dk)[ix].me_hash = hash;
        DK_ENTRIES(dk)[ix].me_key = Py_NewRef(key);
        DK_ENTRIES(dk)[ix].me_value = NULL; /* values live in each dict */
        dk->dk_nentries++;
        dk->dk_usable--;
        dk->dk_version = 0;
    } else if (ix < vals->last || ix >= vals->capacity) {
        return 0; /* would break insertion order */
    }
    vals->values[ix] = Py_NewRef(value);
    vals->last = ix + 1;
    mp->ma_used++;
    mp->ma_version_tag = NEW_VERSION();
    return 1;
}

/* Appends entry KEY/HASH/VALUE (borrowed) to MP's combined table DK, indexed at SLOT. */
static void
append_entry(PyDictObject *mp, PyDictKeysObject *dk, size_t slot, PyObject *key, Py_hash_t hash,
             PyObject *value)
{
    Py_ssize_t n = dk->dk_nentries;
    set_index(dk, slot, n);
    PyrsDictEntry *ep = &DK_ENTRIES(dk)[n];
    ep->me_hash = hash;
    ep->me_key = Py_NewRef(key);
    ep->me_value = Py_NewRef(value);
    dk->dk_nentries = n + 1;
    dk->dk_usable--;
    dk->dk_version = 0;
    mp->ma_used++;
    mp->ma_version_tag = NEW_VERSION();
}

/* The end of a fast insert once the probe found KEY at entry IX (>= 0: replace its value) or
 * not (append at SLOT, resizing to KIND first when the table is full). 0 or -1. */
static inline int
store_probed(PyDictObject *mp, Py_ssize_t ix, size_t slot, PyObject *key, Py_hash_t hash,
             PyObject *value, int kind)
{
    PyDictKeysObject *dk = mp->ma_keys;
    if (ix >= 0) {
        PyrsDictEntry *ep = &DK_ENTRIES(dk)[ix];
        PyObject *old = ep->me_value;
        if (old != value) {
            ep->me_value = Py_NewRef(value);
            mp->ma_version_tag = NEW_VERSION();
            Py_DECREF(old);
        }
        return 0;
    }
    if (dk->dk_usable <= 0) {
        if (insertion_resize(mp, kind) < 0) {
            return -1;
        }
        dk = mp->ma_keys;
        slot = find_empty_slot(dk, hash);
    }
    append_entry(mp, dk, slot, key, hash, value);
    return 0;
}

/* insert_dict for an exact str KEY in a combined str-only table: one probe finds the key or
 * the slot for it. */
static int
insert_str(PyDictObject *mp, PyObject *key, Py_hash_t hash, PyObject *value)
{
    PyDictKeysObject *dk = mp->ma_keys;
    size_t slot = (size_t)hash & (size_t)DK_MASK(dk);
    Py_ssize_t ix = IX_DUMMY;
    if (dk->dk_log2_index_bytes == dk->dk_log2_size) {
        /* the home slot inline, as in lookup_str */
        ix = ((const int8_t *)dk->dk_indices)[slot];
        if (ix >= 0 && DK_ENTRIES(dk)[ix].me_key != key) {
            ix = IX_DUMMY;
        }
    }
    if (ix == IX_DUMMY) {
        ix = probe_str_any(dk, key, hash, &slot);
    }
    return store_probed(mp, ix, slot, key, hash, value, PYRS_DICT_KEYS_UNICODE);
}

/* insert_dict for an exact int KEY in a combined table that may hold any keys: 0 or -1 as
 * insert_dict, or IX_UNDECIDED (nothing done) when only __eq__ can tell. */
static int
insert_int(PyDictObject *mp, PyObject *key, Py_hash_t hash, PyObject *value)
{
    PyDictKeysObject *dk = mp->ma_keys;
    size_t slot;
    Py_ssize_t ix = probe_int_any(dk, key, hash, &slot);
    if (ix == IX_UNDECIDED) {
        return IX_UNDECIDED;
    }
    return store_probed(mp, ix, slot, key, hash, value, PYRS_DICT_KEYS_GENERAL);
}

/* mp[key] = value (both borrowed) with KEY's HASH known. */
static int
insert_dict(PyDictObject *mp, PyObject *key, Py_hash_t hash, PyObject *value)
{
    PyObject *old;
    if (mp->ma_values == NULL && mp->ma_keys->dk_kind == PYRS_DICT_KEYS_UNICODE &&
        PyUnicode_CheckExact(key)) {
        return insert_str(mp, key, hash, value);
    }
    if (mp->ma_values == NULL && mp->ma_keys->dk_kind == PYRS_DICT_KEYS_GENERAL &&
        PyLong_CheckExact(key)) {
        int r = insert_int(mp, key, hash, value);
        if (r != IX_UNDECIDED) {
            return r;
        }
    }
    if (mp->ma_keys->dk_kind == PYRS_DICT_KEYS_UNICODE && !PyUnicode_CheckExact(key) &&
        insertion_resize(mp, PYRS_DICT_KEYS_GENERAL) < 0) {
        return -1;
    }
    Py_ssize_t ix = dict_lookup(mp, key, hash, &old);
    if (ix == IX_ERROR) {
        return -1;
    }
    if (mp->ma_values != NULL) {
        if (old != NULL) {
            if (old != value) {
                mp->ma_values->values[ix] = Py_NewRef(value);
                mp->ma_version_tag = NEW_VERSION();
                Py_DECREF(old);
            }
            return 0;
        }
        if (split_insert(mp, key, hash, value, ix)) {
            return 0;
        }
        if (dict_unsplit(mp) < 0) {
            return -1;
        }
        if (!PyUnicode_CheckExact(key)) {
            mp->ma_keys->dk_kind = PYRS_DICT_KEYS_GENERAL;
        }
        ix = IX_EMPTY;
    }
    if (ix == IX_EMPTY) {
        PyDictKeysObject *dk = mp->ma_keys;
        if (dk->dk_usable <= 0) {
            if (insertion_resize(mp, PYRS_DICT_KEYS_UNICODE) < 0) {
                return -1;
            }
            dk = mp->ma_keys;
        }
        append_entry(mp, dk, find_empty_slot(dk, hash), key, hash, value);
        return 0;
    }
    if (old != value) {
        DK_ENTRIES(mp->ma_keys)[ix].me_value = Py_NewRef(value);
        mp->ma_version_tag = NEW_VERSION();
        Py_DECREF(old);
    }
    return 0;
}

/* Removes entry IX (holding OLD_VALUE) of a combined table. */
static void
delete_entry(PyDictObject *mp, Py_hash_t hash, Py_ssize_t ix, PyObject *old_value)
{
    PyDictKeysObject *dk = mp->ma_keys;
    set_index(dk, slot_of_entry(dk, hash, ix), IX_DUMMY);
    PyrsDictEntry *ep = &DK_ENTRIES(dk)[ix];
    PyObject *old_key = ep->me_key;
    ep->me_key = NULL;
    ep->me_value = NULL;
    dk->dk_version = 0;
    mp->ma_used--;
    mp->ma_version_tag = NEW_VERSION();
    Py_DECREF(old_key);
    Py_DECREF(old_value);
}

static PyDictObject *
new_dict(PyDictKeysObject *keys, PyDictValues *values)
{
    PyDictObject *mp;
    if (free_dicts_count > 0) {
        mp = free_dicts[--free_dicts_count];
        PyGC_Head *g = _Py_AS_GC((PyObject *)mp);
        g->_gc_next = 0;
        g->_gc_prev = 0;
        Py_SET_REFCNT(mp, 1);
    } else if ((mp = PyObject_GC_New(PyDictObject, &PyDict_Type)) == NULL) {
        pyrs_dict_keys_decref(keys);
        values_free(values);
        return NULL;
    }
    mp->ma_keys = keys;
    mp->ma_values = values;
    mp->ma_used = 0;
    mp->ma_version_tag = NEW_VERSION();
    PyObject_GC_Track(mp);
    return mp;
}

/* ---- C-API ---- */

PyObject *
PyDict_New(void)
{
    return (PyObject *)new_dict(get_empty_keys(), NULL);
}

PyObject *
pyrs_dict_new_split(PyDictKeysObject *keys)
{
    if (keys == NULL || keys->dk_kind != PYRS_DICT_KEYS_SPLIT) {
        return PyDict_New();
    }
    /* As CPython 3.11 does per instance, each new dict shrinks the room left for names not
     * seen yet, so the values arrays of later instances fit what the class really uses. */
    if (keys->dk_usable > 1) {
        keys->dk_usable--;
    }
    PyDictValues *values = values_new(keys->dk_nentries + keys->dk_usable);
    if (values == NULL) {
        return PyErr_NoMemory();
    }
    keys->dk_refcnt++;
    return (PyObject *)new_dict(keys, values);
}

PyObject *
_PyDict_NewPresized(Py_ssize_t minused)
{
    const uint8_t log2_max_presize = 17;
    uint8_t log2;
    if (minused <= USABLE_FRACTION(DICT_MINSIZE)) {
        return PyDict_New();
    }
    if (minused > USABLE_FRACTION((Py_ssize_t)1 << log2_max_presize)) {
        log2 = log2_max_presize;
    } else {
        log2 = estimate_log2_keysize(minused);
    }
    PyDictKeysObject *keys = new_keys_object(log2, PYRS_DICT_KEYS_GENERAL);
    if (keys == NULL) {
        return NULL;
    }
    return (PyObject *)new_dict(keys, NULL);
}

PyObject *
pyrs_dict_lookup_known_hash(PyObject *op, PyObject *key, Py_hash_t hash)
{
    PyObject *value;
    if (dict_lookup((PyDictObject *)op, key, hash, &value) == IX_ERROR) {
        return NULL;
    }
    return value;
}

PyObject *
_PyDict_GetItem_KnownHash(PyObject *op, PyObject *key, Py_hash_t hash)
{
    if (!PyDict_Check(op)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    return pyrs_dict_lookup_known_hash(op, key, hash);
}

PyObject *
PyDict_GetItemWithError(PyObject *op, PyObject *key)
{
    if (!PyDict_Check(op)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    PyDictKeysObject *dk = ((PyDictObject *)op)->ma_keys;
    if (PyUnicode_CheckExact(key) && ((PyASCIIObject *)key)->hash != -1 &&
        dk->dk_kind != PYRS_DICT_KEYS_GENERAL) {
        /* the common case of a str key with its hash cached: straight to the str search */
        PyObject *value;
        lookup_str((PyDictObject *)op, dk, key, ((PyASCIIObject *)key)->hash, &value);
        return value;
    }
    Py_hash_t hash = pyrs_containers_key_hash(key);
    if (hash == -1) {
        return NULL;
    }
    return pyrs_dict_lookup_known_hash(op, key, hash);
}

PyObject *
PyDict_GetItem(PyObject *op, PyObject *key)
{
    if (!PyDict_Check(op)) {
        return NULL;
    }
    /* Errors are swallowed, preserving any exception already pending. */
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyObject *res = NULL;
    Py_hash_t hash = pyrs_containers_key_hash(key);
    if (hash != -1) {
        res = pyrs_dict_lookup_known_hash(op, key, hash);
    }
    PyErr_Clear();
    PyErr_Restore(type, value, tb);
    return res;
}

PyObject *
_PyDict_GetItemStringWithError(PyObject *v, const char *key)
{
    PyObject *kv = PyUnicode_FromString(key);
    if (kv == NULL) {
        return NULL;
    }
    PyObject *rv = PyDict_GetItemWithError(v, kv);
    Py_DECREF(kv);
    return rv;
}

PyObject *
PyDict_GetItemString(PyObject *v, const char *key)
{
    PyObject *kv = PyUnicode_FromString(key);
    if (kv == NULL) {
        PyErr_Clear();
        return NULL;
    }
    PyObject *rv = PyDict_GetItem(v, kv);
    Py_DECREF(kv);
    return rv;
}

int
_PyDict_SetItem_KnownHash(PyObject *op, PyObject *key, PyObject *value, Py_hash_t hash)
{
    if (!PyDict_Check(op) || key == NULL || value == NULL) {
        PyErr_BadInternalCall();
        return -1;
    }
    return insert_dict((PyDictObject *)op, key, hash, value);
}

/* mp[key] = value for an exact str KEY (hash cached) in split dict MP, with one lookup: 1
 * done, 0 when MP is not split or must stop sharing (the caller takes the general path). */
static inline int
split_set_str(PyDictObject *mp, PyObject *key, PyObject *value)
{
    PyDictKeysObject *dk = mp->ma_keys;
    Py_hash_t hash = ((PyASCIIObject *)key)->hash;
    PyObject *old;
    if (hash == -1 || mp->ma_values == NULL) {
        return 0; /* combined tables take insert_str, which probes once */
    }
    Py_ssize_t ix = lookup_str(mp, dk, key, hash, &old);
    if (old == NULL) {
        return split_insert(mp, key, hash, value, ix);
    }
    if (old != value) {
        PyObject **slot = &mp->ma_values->values[ix];
        *slot = Py_NewRef(value);
        mp->ma_version_tag = NEW_VERSION();
        Py_DECREF(old);
    }
    return 1;
}

int
PyDict_SetItem(PyObject *op, PyObject *key, PyObject *value)
{
    if (!PyDict_Check(op) || key == NULL || value == NULL) {
        PyErr_BadInternalCall();
        return -1;
    }
    if (PyUnicode_CheckExact(key) && split_set_str((PyDictObject *)op, key, value)) {
        return 0;
    }
    Py_hash_t hash = pyrs_containers_key_hash(key);
    if (hash == -1) {
        return -1;
    }
    return insert_dict((PyDictObject *)op, key, hash, value);
}

int
PyDict_SetItemString(PyObject *v, const char *key, PyObject *item)
{
    PyObject *kv = PyUnicode_FromString(key);
    if (kv == NULL) {
        return -1;
    }
    PyUnicode_InternInPlace(&kv);
    int err = PyDict_SetItem(v, kv, item);
    Py_DECREF(kv);
    return err;
}

int
_PyDict_DelItem_KnownHash(PyObject *op, PyObject *key, Py_hash_t hash)
{
    if (!PyDict_Check(op)) {
        PyErr_BadInternalCall();
        return -1;
    }
    PyDictObject *mp = (PyDictObject *)op;
    PyObject *old;
    Py_ssize_t ix = dict_lookup(mp, key, hash, &old);
    if (ix == IX_ERROR) {
        return -1;
    }
    if (old == NULL) {
        _PyErr_SetKeyError(key);
        return -1;
    }
    if (mp->ma_values != NULL) {
        if (dict_unsplit(mp) < 0) {
            return -1;
        }
        ix = dict_lookup(mp, key, hash, &old);
        if (ix < 0 || old == NULL) {
            return ix == IX_ERROR ? -1 : 0;
        }
    }
    delete_entry(mp, hash, ix, Py_NewRef(old));
    Py_DECREF(old);
    return 0;
}

int
PyDict_DelItem(PyObject *op, PyObject *key)
{
    Py_hash_t hash = pyrs_containers_key_hash(key);
    if (hash == -1) {
        return -1;
    }
    return _PyDict_DelItem_KnownHash(op, key, hash);
}

int
PyDict_DelItemString(PyObject *v, const char *key)
{
    PyObject *kv = PyUnicode_FromString(key);
    if (kv == NULL) {
        return -1;
    }
    int err = PyDict_DelItem(v, kv);
    Py_DECREF(kv);
    return err;
}

void
PyDict_Clear(PyObject *op)
{
    if (!PyDict_Check(op)) {
        return;
    }
    PyDictObject *mp = (PyDictObject *)op;
    PyDictKeysObject *oldkeys = mp->ma_keys;
    PyDictValues *oldvalues = mp->ma_values;
    if (oldkeys == empty_keys_object) {
        return;
    }
    /* Detach first: decrefs below may run code that looks at the dict. */
    mp->ma_keys = get_empty_keys();
    mp->ma_values = NULL;
    mp->ma_used = 0;
    mp->ma_version_tag = NEW_VERSION();
    if (oldvalues != NULL) {
        for (Py_ssize_t i = 0; i < oldvalues->last; i++) {
            Py_XDECREF(oldvalues->values[i]);
        }
        values_free(oldvalues);
    }
    pyrs_dict_keys_decref(oldkeys);
}

/* Next live entry of MP at or after *PPOS: 1 with borrowed key/value/hash (each pointer may be
 * NULL) and *PPOS past it, 0 at the end. */
static inline __attribute__((always_inline)) int
next_entry(PyDictObject *mp, Py_ssize_t *ppos, PyObject **pkey, PyObject **pvalue, Py_hash_t *phash)
{
    Py_ssize_t i = *ppos, n;
    PyrsDictEntry *ep = DK_ENTRIES(mp->ma_keys);
    PyObject *value = NULL;
    if (mp->ma_values != NULL) {
        n = mp->ma_values->last;
        while (i < n && (value = mp->ma_values->values[i]) == NULL) {
            i++;
        }
    } else {
        n = mp->ma_keys->dk_nentries;
        while (i < n && (value = ep[i].me_value) == NULL) {
            i++;
        }
    }
    if (i < 0 || i >= n) {
        return 0;
    }
    *ppos = i + 1;
    if (pkey) {
        *pkey = ep[i].me_key;
    }
    if (pvalue) {
        *pvalue = value;
    }
    if (phash) {
        *phash = ep[i].me_hash;
    }
    return 1;
}

/* Next live entry at or after *POS; borrowed key/value/hash. */
int
_PyDict_Next(PyObject *op, Py_ssize_t *ppos, PyObject **pkey, PyObject **pvalue, Py_hash_t *phash)
{
    if (!PyDict_Check(op)) {
        return 0;
    }
    return next_entry((PyDictObject *)op, ppos, pkey, pvalue, phash);
}

int
PyDict_Next(PyObject *op, Py_ssize_t *ppos, PyObject **pkey, PyObject **pvalue)
{
    return _PyDict_Next(op, ppos, pkey, pvalue, NULL);
}

Py_ssize_t
PyDict_Size(PyObject *op)
{
    if (op == NULL || !PyDict_Check(op)) {
        PyErr_BadInternalCall();
        return -1;
    }
    return ((PyDictObject *)op)->ma_used;
}

/* list of keys (WHICH 0), values (1) or items (2). */
static PyObject *
dict_listing(PyObject *op, int which)
{
    if (op == NULL || !PyDict_Check(op)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    PyObject *v = PyList_New(((PyDictObject *)op)->ma_used), *key, *value;
    Py_ssize_t pos = 0, j = 0;
    if (v == NULL) {
        return NULL;
    }
    /* Nothing below runs Python code, so the dict cannot change size meanwhile. */
    while (_PyDict_Next(op, &pos, &key, &value, NULL)) {
        PyObject *item = which == 0   ? Py_NewRef(key)
                         : which == 1 ? Py_NewRef(value)
                                      : PyTuple_Pack(2, key, value);
        if (item == NULL) {
            Py_DECREF(v);
            return NULL;
        }
        PyList_SET_ITEM(v, j++, item);
    }
    return v;
}

PyObject *
PyDict_Keys(PyObject *op)
{
    return dict_listing(op, 0);
}

PyObject *
PyDict_Values(PyObject *op)
{
    return dict_listing(op, 1);
}

PyObject *
PyDict_Items(PyObject *op)
{
    return dict_listing(op, 2);
}

/* Same table shape as OTHER (used when copying a dict without holes). */
static PyObject *
clone_combined(PyDictObject *orig)
{
    PyDictKeysObject *ok = orig->ma_keys;
    size_t size = keys_alloc_size(ok->dk_log2_size, ok->dk_log2_index_bytes);
    PyDictKeysObject *nk = PyObject_Malloc(size);
    if (nk == NULL) {
        return PyErr_NoMemory();
    }
    memcpy(nk, ok, size);
    nk->dk_refcnt = 1;
    PyrsDictEntry *ep = DK_ENTRIES(nk);
    for (Py_ssize_t i = 0; i < nk->dk_nentries; i++) {
        Py_XINCREF(ep[i].me_key);
        Py_XINCREF(ep[i].me_value);
    }
    PyDictObject *mp = new_dict(nk, NULL);
    if (mp != NULL) {
        mp->ma_used = orig->ma_used;
    }
    return (PyObject *)mp;
}

/* A copy of split dict ORIG sharing its keys, as CPython copies instance dicts. */
static PyObject *
clone_split(PyDictObject *orig)
{
    PyDictValues *ov = orig->ma_values;
    PyDictValues *nv = values_new(ov->capacity);
    if (nv == NULL) {
        return PyErr_NoMemory();
    }
    memcpy(nv->values, ov->values, (size_t)ov->last * sizeof(PyObject *));
    nv->last = ov->last;
    orig->ma_keys->dk_refcnt++;
    PyDictObject *mp = new_dict(orig->ma_keys, nv); /* frees both on failure */
    if (mp == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < nv->last; i++) {
        Py_XINCREF(nv->values[i]);
    }
    mp->ma_used = orig->ma_used;
    return (PyObject *)mp;
}

static int dict_merge(PyObject *a, PyObject *b, int override);

PyObject *
PyDict_Copy(PyObject *o)
{
    if (o == NULL || !PyDict_Check(o)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    PyDictObject *mp = (PyDictObject *)o;
    if (mp->ma_used == 0) {
        return PyDict_New();
    }
    if (mp->ma_values != NULL && Py_TYPE(mp)->tp_iter == PyDict_Type.tp_iter) {
        return clone_split(mp);
    }
    if (mp->ma_values == NULL && Py_TYPE(mp)->tp_iter == PyDict_Type.tp_iter &&
        mp->ma_used >= (mp->ma_keys->dk_nentries * 2) / 3) {
        return clone_combined(mp);
    }
    PyObject *copy = PyDict_New();
    if (copy != NULL && dict_merge(copy, o, 1) < 0) {
        Py_CLEAR(copy);
    }
    return copy;
}

int
_PyDict_Contains_KnownHash(PyObject *op, PyObject *key, Py_hash_t hash)
{
    PyObject *value;
    Py_ssize_t ix = dict_lookup((PyDictObject *)op, key, hash, &value);
    if (ix == IX_ERROR) {
        return -1;
    }
    return value != NULL;
}

int
PyDict_Contains(PyObject *op, PyObject *key)
{
    Py_hash_t hash = pyrs_containers_key_hash(key);
    if (hash == -1) {
        return -1;
    }
    return _PyDict_Contains_KnownHash(op, key, hash);
}

/* Merge from another dict (exact iteration order of B's entries). */
static int
merge_from_dict(PyDictObject *mp, PyDictObject *other, int override)
{
    if (other == mp || other->ma_used == 0) {
        return 0;
    }
    if (mp->ma_used == 0) {
        override = 1;
        PyDictKeysObject *ok = other->ma_keys;
        if (other->ma_values == NULL && other->ma_used == ok->dk_nentries &&
            (ok->dk_log2_size == DICT_LOG_MINSIZE ||
             USABLE_FRACTION(DK_SIZE(ok) / 2) < other->ma_used) &&
            mp->ma_values == NULL) {
            PyObject *tmp = clone_combined(other);
            if (tmp == NULL) {
                return -1;
            }
            /* Steal the clone's table. */
            PyDictObject *t = (PyDictObject *)tmp;
            PyDictKeysObject *old = mp->ma_keys;
            mp->ma_keys = t->ma_keys;
            mp->ma_used = t->ma_used;
            mp->ma_version_tag = NEW_VERSION();
            t->ma_keys = get_empty_keys();
            t->ma_used = 0;
            Py_DECREF(tmp);
            pyrs_dict_keys_decref(old);
            return 0;
        }
    }
    /* CPython's shared empty table has a single slot, so any merge into an empty dict
     * presizes. */
    Py_ssize_t cur_size = mp->ma_keys == empty_keys_object ? 1 : DK_SIZE(mp->ma_keys);
    if (USABLE_FRACTION(cur_size) < other->ma_used) {
        int kind = other->ma_keys->dk_kind == PYRS_DICT_KEYS_GENERAL ? PYRS_DICT_KEYS_GENERAL
                                                                     : PYRS_DICT_KEYS_UNICODE;
        if (dict_resize(mp, estimate_log2_keysize(mp->ma_used + other->ma_used), kind) < 0) {
            return -1;
        }
    }
    PyDictKeysObject *okeys = other->ma_keys;
    Py_ssize_t orig_size = other->ma_used, pos = 0;
    PyObject *key, *value;
    Py_hash_t hash;
    while (_PyDict_Next((PyObject *)other, &pos, &key, &value, &hash)) {
        int err = 0;
        Py_INCREF(key);
        Py_INCREF(value);
        if (override == 1) {
            err = insert_dict(mp, key, hash, value);
        } else {
            err = _PyDict_Contains_KnownHash((PyObject *)mp, key, hash);
            if (err == 0) {
                err = insert_dict(mp, key, hash, value);
            } else if (err > 0) {
                if (override != 0) {
                    _PyErr_SetKeyError(key);
                    err = -1;
                } else {
                    err = 0;
                }
            }
        }
        Py_DECREF(value);
        Py_DECREF(key);
        if (err < 0) {
            return -1;
        }
        if (orig_size != other->ma_used || okeys != other->ma_keys) {
            PyErr_SetString(PyExc_RuntimeError, "dict mutated during update");
            return -1;
        }
    }
    return 0;
}

/* Merge from any mapping: keys() then b[key] for each. */
static int
merge_from_mapping(PyObject *a, PyObject *b, int override)
{
    PyObject *keys = PyMapping_Keys(b);
    if (keys == NULL) {
        return -1;
    }
    PyObject *iter = PyObject_GetIter(keys), *key;
    Py_DECREF(keys);
    if (iter == NULL) {
        return -1;
    }
    while ((key = PyIter_Next(iter)) != NULL) {
        if (override != 1) {
            int rc = PyDict_Contains(a, key);
            if (rc != 0) {
                if (rc > 0 && override != 0) {
                    _PyErr_SetKeyError(key);
                }
                Py_DECREF(key);
                if (rc < 0 || override != 0) {
                    Py_DECREF(iter);
                    return -1;
                }
                continue;
            }
        }
        PyObject *value = PyObject_GetItem(b, key);
        int status = value == NULL ? -1 : PyDict_SetItem(a, key, value);
        Py_XDECREF(value);
        Py_DECREF(key);
        if (status < 0) {
            Py_DECREF(iter);
            return -1;
        }
    }
    Py_DECREF(iter);
    return PyErr_Occurred() ? -1 : 0;
}

static int
dict_merge(PyObject *a, PyObject *b, int override)
{
    if (a == NULL || !PyDict_Check(a) || b == NULL) {
        PyErr_BadInternalCall();
        return -1;
    }
    if (PyDict_Check(b) && Py_TYPE(b)->tp_iter == PyDict_Type.tp_iter) {
        return merge_from_dict((PyDictObject *)a, (PyDictObject *)b, override);
    }
    return merge_from_mapping(a, b, override);
}

int
PyDict_Update(PyObject *a, PyObject *b)
{
    return dict_merge(a, b, 1);
}

int
PyDict_Merge(PyObject *a, PyObject *b, int override)
{
    return dict_merge(a, b, override != 0);
}

int _PyDict_MergeEx(PyObject *a, PyObject *b, int override);

int
_PyDict_MergeEx(PyObject *a, PyObject *b, int override)
{
    return dict_merge(a, b, override);
}

/* One element of a dict(iterable) argument: must be a 2-sequence. */
static int
merge_seq2_item(PyObject *d, PyObject *item, Py_ssize_t i, int override)
{
    PyObject *fast = PySequence_Fast(item, "");
    if (fast == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Format(PyExc_TypeError,
                         "cannot convert dictionary update sequence element #%zd to a sequence", i);
        }
        return -1;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    if (n != 2) {
        PyErr_Format(PyExc_ValueError,
                     "dictionary update sequence element #%zd has length %zd; 2 is required", i, n);
        Py_DECREF(fast);
        return -1;
    }
    PyObject *key = Py_NewRef(PySequence_Fast_GET_ITEM(fast, 0));
    PyObject *value = Py_NewRef(PySequence_Fast_GET_ITEM(fast, 1));
    int status = 0;
    if (override) {
        status = PyDict_SetItem(d, key, value);
    } else {
        status = PyDict_Contains(d, key);
        if (status == 0) {
            status = PyDict_SetItem(d, key, value);
        } else if (status > 0) {
            status = 0;
        }
    }
    Py_DECREF(key);
    Py_DECREF(value);
    Py_DECREF(fast);
    return status;
}

int
PyDict_MergeFromSeq2(PyObject *d, PyObject *seq2, int override)
{
    PyObject *it = PyObject_GetIter(seq2), *item;
    if (it == NULL) {
        return -1;
    }
    for (Py_ssize_t i = 0; (item = PyIter_Next(it)) != NULL; i++) {
        int rc = merge_seq2_item(d, item, i, override);
        Py_DECREF(item);
        if (rc < 0) {
            Py_DECREF(it);
            return -1;
        }
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

/* Inserts KEY (just looked up and absent) without comparing it again, so setdefault calls a
 * key's __eq__ once as CPython does; split or str-only tables take insert_dict. 0 or -1. */
static int
insert_absent(PyDictObject *mp, PyObject *key, Py_hash_t hash, PyObject *value)
{
    PyDictKeysObject *dk = mp->ma_keys;
    if (mp->ma_values != NULL || dk->dk_kind != PYRS_DICT_KEYS_GENERAL) {
        return insert_dict(mp, key, hash, value);
    }
    if (dk->dk_usable <= 0) {
        if (insertion_resize(mp, PYRS_DICT_KEYS_GENERAL) < 0) {
            return -1;
        }
        dk = mp->ma_keys;
    }
    Py_ssize_t n = dk->dk_nentries;
    set_index(dk, find_empty_slot(dk, hash), n);
    PyrsDictEntry *ep = &DK_ENTRIES(dk)[n];
    ep->me_hash = hash;
    ep->me_key = Py_NewRef(key);
    ep->me_value = Py_NewRef(value);
    dk->dk_nentries = n + 1;
    dk->dk_usable--;
    dk->dk_version = 0;
    mp->ma_used++;
    mp->ma_version_tag = NEW_VERSION();
    return 0;
}

PyObject *
PyDict_SetDefault(PyObject *d, PyObject *key, PyObject *defaultobj)
{
    if (!PyDict_Check(d)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    Py_hash_t hash = pyrs_containers_key_hash(key);
    if (hash == -1) {
        return NULL;
    }
    PyObject *value;
    if (dict_lookup((PyDictObject *)d, key, hash, &value) == IX_ERROR) {
        return NULL;
    }
    if (value != NULL) {
        return value;
    }
    if (insert_absent((PyDictObject *)d, key, hash, defaultobj) < 0) {
        return NULL;
    }
    return defaultobj;
}

static PyObject *
pop_known_hash(PyDictObject *mp, PyObject *key, Py_hash_t hash, PyObject *deflt)
{
    PyObject *old;
    if (mp->ma_used == 0) {
        goto missing;
    }
    Py_ssize_t ix = dict_lookup(mp, key, hash, &old);
    if (ix == IX_ERROR) {
        return NULL;
    }
    if (old == NULL) {
        goto missing;
    }
    if (mp->ma_values != NULL) {
        if (dict_unsplit(mp) < 0) {
            return NULL;
        }
        ix = dict_lookup(mp, key, hash, &old);
        if (ix < 0 || old == NULL) {
            return ix == IX_ERROR ? NULL
                                  : (PyErr_SetString(PyExc_RuntimeError, "dict changed"), NULL);
        }
    }
    /* the table's reference passes to the caller */
    delete_entry(mp, hash, ix, Py_NewRef(old));
    return old;
missing:
    if (deflt != NULL) {
        return Py_NewRef(deflt);
    }
    _PyErr_SetKeyError(key);
    return NULL;
}

PyObject *
_PyDict_Pop(PyObject *dict, PyObject *key, PyObject *deflt)
{
    PyDictObject *mp = (PyDictObject *)dict;
    if (mp->ma_used == 0) {
        return pop_known_hash(mp, key, 0, deflt);
    }
    Py_hash_t hash = pyrs_containers_key_hash(key);
    if (hash == -1) {
        return NULL;
    }
    return pop_known_hash(mp, key, hash, deflt);
}

uint32_t
pyrs_dict_keys_version(PyDictObject *mp)
{
    PyDictKeysObject *dk = mp->ma_keys;
    if (dk->dk_version == 0 && keys_version_counter != UINT32_MAX) {
        dk->dk_version = ++keys_version_counter;
    }
    return dk->dk_version;
}

int
_PyDict_HasOnlyStringKeys(PyObject *mp)
{
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    if (((PyDictObject *)mp)->ma_keys->dk_kind != PYRS_DICT_KEYS_GENERAL) {
        return 1;
    }
    while (PyDict_Next(mp, &pos, &key, &value)) {
        if (!PyUnicode_Check(key)) {
            return 0;
        }
    }
    return 1;
}

/* CPython's _Py_Identifier layout. */
typedef struct {
    const char *string; /* the ASCII name */
    Py_ssize_t index;   /* CPython's per-interpreter cache slot (unused here) */
} identifier;

static PyObject *
identifier_str(struct _Py_Identifier *id)
{
    return PyUnicode_InternFromString(((identifier *)id)->string);
}

PyObject *
_PyDict_GetItemIdWithError(PyObject *dp, struct _Py_Identifier *key)
{
    PyObject *kv = identifier_str(key);
    if (kv == NULL) {
        return NULL;
    }
    PyObject *res = PyDict_GetItemWithError(dp, kv);
    Py_DECREF(kv);
    return res;
}

PyObject *
_PyDict_GetItemId(PyObject *dp, struct _Py_Identifier *key)
{
    PyObject *kv = identifier_str(key);
    if (kv == NULL) {
        PyErr_Clear();
        return NULL;
    }
    PyObject *res = PyDict_GetItem(dp, kv);
    Py_DECREF(kv);
    return res;
}

int
_PyDict_SetItemId(PyObject *dp, struct _Py_Identifier *key, PyObject *item)
{
    PyObject *kv = identifier_str(key);
    if (kv == NULL) {
        return -1;
    }
    int rc = PyDict_SetItem(dp, kv, item);
    Py_DECREF(kv);
    return rc;
}

int
_PyDict_DelItemId(PyObject *mp, struct _Py_Identifier *key)
{
    PyObject *kv = identifier_str(key);
    if (kv == NULL) {
        return -1;
    }
    int rc = PyDict_DelItem(mp, kv);
    Py_DECREF(kv);
    return rc;
}

int
_PyDict_ContainsId(PyObject *mp, struct _Py_Identifier *key)
{
    PyObject *kv = identifier_str(key);
    if (kv == NULL) {
        return -1;
    }
    int rc = PyDict_Contains(mp, kv);
    Py_DECREF(kv);
    return rc;
}

Py_ssize_t
_PyDict_SizeOf(PyDictObject *mp)
{
    PyDictKeysObject *dk = mp->ma_keys;
    Py_ssize_t res = Py_TYPE(mp)->tp_basicsize;
    if (mp->ma_values != NULL) {
        /* CPython counts the room the shared keys still promise, not this dict's array */
        res += (dk->dk_nentries + dk->dk_usable) * (Py_ssize_t)sizeof(PyObject *);
    }
    if (dk->dk_refcnt == 1) {
        /* CPython stores str-only tables with 16-byte entries: report its size. */
        Py_ssize_t entry = dk->dk_kind == PYRS_DICT_KEYS_GENERAL ? 24 : 16;
        res +=
            32 + ((Py_ssize_t)1 << dk->dk_log2_index_bytes) + USABLE_FRACTION(DK_SIZE(dk)) * entry;
    }
    return res;
}

/* ---- type slots ---- */

static void
dict_dealloc(PyObject *op)
{
    PyDictObject *mp = (PyDictObject *)op;
    PyObject_GC_UnTrack(op);
    if (pyrs_trash_begin(op, dict_dealloc)) {
        return;
    }
    if (mp->ma_values != NULL) {
        for (Py_ssize_t i = 0; i < mp->ma_values->last; i++) {
            Py_XDECREF(mp->ma_values->values[i]);
        }
        values_free(mp->ma_values);
    }
    pyrs_dict_keys_decref(mp->ma_keys);
    if (Py_IS_TYPE(op, &PyDict_Type) && free_dicts_count < FREE_MAX) {
        free_dicts[free_dicts_count++] = mp; /* untracked; new_dict resets it */
    } else {
        Py_TYPE(op)->tp_free(op);
    }
    pyrs_trash_end();
}

static int
dict_traverse(PyObject *op, visitproc visit, void *arg)
{
    PyDictObject *mp = (PyDictObject *)op;
    PyrsDictEntry *ep = DK_ENTRIES(mp->ma_keys);
    if (mp->ma_values != NULL) {
        for (Py_ssize_t i = 0; i < mp->ma_values->last; i++) {
            Py_VISIT(mp->ma_values->values[i]);
        }
        return 0;
    }
    for (Py_ssize_t i = 0; i < mp->ma_keys->dk_nentries; i++) {
        if (ep[i].me_value != NULL) {
            Py_VISIT(ep[i].me_value);
            Py_VISIT(ep[i].me_key);
        }
    }
    return 0;
}

static int
dict_tp_clear(PyObject *op)
{
    PyDict_Clear(op);
    return 0;
}

static PyObject *
dict_repr(PyObject *op)
{
    PyDictObject *mp = (PyDictObject *)op;
    if (mp->ma_used == 0) {
        return PyUnicode_FromString("{}");
    }
    int rc = Py_ReprEnter(op);
    if (rc != 0) {
        return rc > 0 ? PyUnicode_FromString("{...}") : NULL;
    }
    PyObject *parts = PyList_New(0), *key, *value, *res = NULL, *sep = NULL, *body = NULL;
    Py_ssize_t pos = 0;
    if (parts == NULL) {
        goto done;
    }
    while (PyDict_Next(op, &pos, &key, &value)) {
        Py_INCREF(key);
        Py_INCREF(value);
        PyObject *kr = PyObject_Repr(key), *vr = kr ? PyObject_Repr(value) : NULL;
        PyObject *s = vr ? PyUnicode_FromFormat("%U: %U", kr, vr) : NULL;
        Py_XDECREF(kr);
        Py_XDECREF(vr);
        Py_DECREF(key);
        Py_DECREF(value);
        if (s == NULL || PyList_Append(parts, s) < 0) {
            Py_XDECREF(s);
            goto done;
        }
        Py_DECREF(s);
    }
    sep = PyUnicode_FromString(", ");
    if (sep != NULL && (body = PyUnicode_Join(sep, parts)) != NULL) {
        res = PyUnicode_FromFormat("{%U}", body);
    }
done:
    Py_XDECREF(parts);
    Py_XDECREF(sep);
    Py_XDECREF(body);
    Py_ReprLeave(op);
    return res;
}

static Py_ssize_t
dict_length(PyObject *op)
{
    return ((PyDictObject *)op)->ma_used;
}

static PyObject *
dict_subscript(PyObject *op, PyObject *key)
{
    Py_hash_t hash = pyrs_containers_key_hash(key);
    if (hash == -1) {
        return NULL;
    }
    PyObject *value;
    if (dict_lookup((PyDictObject *)op, key, hash, &value) == IX_ERROR) {
        return NULL;
    }
    if (value != NULL) {
        return Py_NewRef(value);
    }
    if (!PyDict_CheckExact(op)) {
        PyObject *missing = _PyObject_LookupSpecial(op, str_missing);
        if (missing != NULL) {
            PyObject *res = PyObject_CallOneArg(missing, key);
            Py_DECREF(missing);
            return res;
        }
        if (PyErr_Occurred()) {
            return NULL;
        }
    }
    _PyErr_SetKeyError(key);
    return NULL;
}

static int
dict_ass_sub(PyObject *op, PyObject *key, PyObject *value)
{
    if (value == NULL) {
        return PyDict_DelItem(op, key);
    }
    return PyDict_SetItem(op, key, value);
}

static int
dict_contains(PyObject *op, PyObject *key)
{
    return PyDict_Contains(op, key);
}

/* 1 if A and B hold equal items, 0 if not, -1 on error. */
static int
dict_equal(PyDictObject *a, PyDictObject *b)
{
    if (a->ma_used != b->ma_used) {
        return 0;
    }
    Py_ssize_t pos = 0;
    PyObject *key, *aval;
    Py_hash_t hash;
    while (_PyDict_Next((PyObject *)a, &pos, &key, &aval, &hash)) {
        Py_INCREF(key);
        Py_INCREF(aval);
        PyObject *bval;
        Py_ssize_t ix = dict_lookup(b, key, hash, &bval);
        int cmp;
        if (ix == IX_ERROR) {
            cmp = -1;
        } else if (bval == NULL) {
            cmp = 0;
        } else {
            Py_INCREF(bval);
            cmp = PyObject_RichCompareBool(aval, bval, Py_EQ);
            Py_DECREF(bval);
        }
        Py_DECREF(key);
        Py_DECREF(aval);
        if (cmp <= 0) {
            return cmp;
        }
    }
    return 1;
}

static PyObject *
dict_richcompare(PyObject *v, PyObject *w, int op)
{
    if (!PyDict_Check(v) || !PyDict_Check(w) || (op != Py_EQ && op != Py_NE)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    int cmp = dict_equal((PyDictObject *)v, (PyDictObject *)w);
    if (cmp < 0) {
        return NULL;
    }
    return PyBool_FromLong((op == Py_EQ) == (cmp == 1));
}

/* dict(arg) / update(arg): a dict, something with keys(), or an iterable of pairs. */
static int
dict_update_arg(PyObject *self, PyObject *arg)
{
    if (PyDict_CheckExact(arg)) {
        return PyDict_Merge(self, arg, 1);
    }
    PyObject *func;
    PyObject *name = PyUnicode_InternFromString("keys");
    if (name == NULL) {
        return -1;
    }
    int rc = _PyObject_LookupAttr(arg, name, &func);
    Py_DECREF(name);
    if (rc < 0) {
        return -1;
    }
    if (func != NULL) {
        Py_DECREF(func);
        return PyDict_Merge(self, arg, 1);
    }
    return PyDict_MergeFromSeq2(self, arg, 1);
}

static int
dict_update_common(PyObject *self, PyObject *args, PyObject *kwds, const char *name)
{
    if (pyrs_tuple_check_nargs(name, PyTuple_GET_SIZE(args), 0, 1) < 0) {
        return -1;
    }
    if (PyTuple_GET_SIZE(args) == 1 && dict_update_arg(self, PyTuple_GET_ITEM(args, 0)) < 0) {
        return -1;
    }
    if (kwds != NULL && PyDict_GET_SIZE(kwds) != 0) {
        /* f(**{1: 2}) arrives here with a non-str key: CPython rejects it */
        if (!PyArg_ValidateKeywordArguments(kwds)) {
            return -1;
        }
        return PyDict_Merge(self, kwds, 1);
    }
    return 0;
}

static int
dict_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    return dict_update_common(self, args, kwds, "dict");
}

static PyObject *
dict_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    (void)args;
    (void)kwds;
    PyObject *self = type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    PyDictObject *d = (PyDictObject *)self;
    d->ma_used = 0;
    d->ma_version_tag = NEW_VERSION();
    d->ma_keys = get_empty_keys();
    d->ma_values = NULL;
    return self;
}

static PyObject *dict_iter(PyObject *dict);

static PyObject *
dict_or(PyObject *self, PyObject *other)
{
    if (!PyDict_Check(self) || !PyDict_Check(other)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *res = PyDict_Copy(self);
    if (res != NULL && dict_update_arg(res, other) < 0) {
        Py_CLEAR(res);
    }
    return res;
}

static PyObject *
dict_ior(PyObject *self, PyObject *other)
{
    if (dict_update_arg(self, other) < 0) {
        return NULL;
    }
    return Py_NewRef(self);
}

/* ---- methods ---- */

static PyObject *
dict_getitem_method(PyObject *self, PyObject *key)
{
    return dict_subscript(self, key);
}

static PyObject *
dict_contains_method(PyObject *self, PyObject *key)
{
    int rc = PyDict_Contains(self, key);
    if (rc < 0) {
        return NULL;
    }
    return PyBool_FromLong(rc);
}

static PyObject *
dict_get(PyObject *self, PyObject *args)
{
    if (pyrs_tuple_check_nargs("get", PyTuple_GET_SIZE(args), 1, 2) < 0) {
        return NULL;
    }
    PyObject *key = PyTuple_GET_ITEM(args, 0);
    PyObject *dflt = PyTuple_GET_SIZE(args) > 1 ? PyTuple_GET_ITEM(args, 1) : Py_None;
    Py_hash_t hash = pyrs_containers_key_hash(key);
    if (hash == -1) {
        return NULL;
    }
    PyObject *value;
    if (dict_lookup((PyDictObject *)self, key, hash, &value) == IX_ERROR) {
        return NULL;
    }
    return Py_NewRef(value != NULL ? value : dflt);
}

static PyObject *
dict_setdefault(PyObject *self, PyObject *args)
{
    if (pyrs_tuple_check_nargs("setdefault", PyTuple_GET_SIZE(args), 1, 2) < 0) {
        return NULL;
    }
    PyObject *dflt = PyTuple_GET_SIZE(args) > 1 ? PyTuple_GET_ITEM(args, 1) : Py_None;
    PyObject *res = PyDict_SetDefault(self, PyTuple_GET_ITEM(args, 0), dflt);
    return Py_XNewRef(res);
}

static PyObject *
dict_pop(PyObject *self, PyObject *args)
{
    if (pyrs_tuple_check_nargs("pop", PyTuple_GET_SIZE(args), 1, 2) < 0) {
        return NULL;
    }
    PyObject *dflt = PyTuple_GET_SIZE(args) > 1 ? PyTuple_GET_ITEM(args, 1) : NULL;
    return _PyDict_Pop(self, PyTuple_GET_ITEM(args, 0), dflt);
}

static PyObject *
dict_popitem(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyDictObject *mp = (PyDictObject *)self;
    if (mp->ma_used == 0) {
        PyErr_SetString(PyExc_KeyError, "popitem(): dictionary is empty");
        return NULL;
    }
    PyObject *res = PyTuple_New(2);
    if (res == NULL) {
        return NULL;
    }
    if (dict_unsplit(mp) < 0) {
        Py_DECREF(res);
        return NULL;
    }
    PyDictKeysObject *dk = mp->ma_keys;
    PyrsDictEntry *ep = DK_ENTRIES(dk);
    Py_ssize_t i = dk->dk_nentries - 1;
    while (i >= 0 && ep[i].me_value == NULL) {
        i--;
    }
    set_index(dk, slot_of_entry(dk, ep[i].me_hash, i), IX_DUMMY);
    PyTuple_SET_ITEM(res, 0, ep[i].me_key);
    PyTuple_SET_ITEM(res, 1, ep[i].me_value);
    ep[i].me_key = NULL;
    ep[i].me_value = NULL;
    /* The freed entry slots are reused by later insertions (usable stays, the index has a
     * dummy instead). */
    dk->dk_nentries = i;
    dk->dk_version = 0;
    mp->ma_used--;
    mp->ma_version_tag = NEW_VERSION();
    return res;
}

static PyObject *
dict_update(PyObject *self, PyObject *args, PyObject *kwds)
{
    if (dict_update_common(self, args, kwds, "update") < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
dict_clear(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyDict_Clear(self);
    Py_RETURN_NONE;
}

static PyObject *
dict_copy(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyDict_Copy(self);
}

static PyObject *
dict_sizeof(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromSsize_t(_PyDict_SizeOf((PyDictObject *)self));
}

static PyObject *
dict_fromkeys(PyObject *cls, PyObject *args)
{
    if (pyrs_tuple_check_nargs("fromkeys", PyTuple_GET_SIZE(args), 1, 2) < 0) {
        return NULL;
    }
    PyObject *iterable = PyTuple_GET_ITEM(args, 0);
    PyObject *value = PyTuple_GET_SIZE(args) > 1 ? PyTuple_GET_ITEM(args, 1) : Py_None;
    PyObject *d = PyObject_CallNoArgs(cls), *key;
    if (d == NULL) {
        return NULL;
    }
    if (PyDict_CheckExact(d) && ((PyDictObject *)d)->ma_used == 0 &&
        (PyDict_CheckExact(iterable) || PyAnySet_CheckExact(iterable))) {
        PyDictObject *mp = (PyDictObject *)d;
        Py_ssize_t n =
            PyDict_CheckExact(iterable) ? PyDict_GET_SIZE(iterable) : PySet_GET_SIZE(iterable);
        int kind = PYRS_DICT_KEYS_GENERAL;
        if (PyDict_CheckExact(iterable) &&
            ((PyDictObject *)iterable)->ma_keys->dk_kind != PYRS_DICT_KEYS_GENERAL) {
            kind = PYRS_DICT_KEYS_UNICODE;
        }
        if (dict_resize(mp, estimate_log2_keysize(n), kind) < 0) {
            Py_DECREF(d);
            return NULL;
        }
        Py_ssize_t pos = 0;
        Py_hash_t hash;
        int more;
        while ((more = PyDict_CheckExact(iterable)
                           ? _PyDict_Next(iterable, &pos, &key, NULL, &hash)
                           : _PySet_NextEntry(iterable, &pos, &key, &hash))) {
            /* KEY is borrowed from ITERABLE, which a key's __eq__ may clear meanwhile */
            Py_INCREF(key);
            int r = insert_dict(mp, key, hash, value);
            Py_DECREF(key);
            if (r < 0) {
                Py_DECREF(d);
                return NULL;
            }
        }
        return d;
    }
    PyObject *it = PyObject_GetIter(iterable);
    if (it == NULL) {
        Py_DECREF(d);
        return NULL;
    }
    while ((key = PyIter_Next(it)) != NULL) {
        int status =
            PyDict_CheckExact(d) ? PyDict_SetItem(d, key, value) : PyObject_SetItem(d, key, value);
        Py_DECREF(key);
        if (status < 0) {
            goto fail;
        }
    }
    if (PyErr_Occurred()) {
        goto fail;
    }
    Py_DECREF(it);
    return d;
fail:
    Py_DECREF(it);
    Py_DECREF(d);
    return NULL;
}

static PyObject *dictkeys_new(PyObject *dict, PyObject *Py_UNUSED(ignored));
static PyObject *dictvalues_new(PyObject *dict, PyObject *Py_UNUSED(ignored));
static PyObject *dictitems_new(PyObject *dict, PyObject *Py_UNUSED(ignored));
static PyObject *dict_reversed(PyObject *dict, PyObject *Py_UNUSED(ignored));

static PyMethodDef dict_methods[] = {
    {"__contains__", dict_contains_method, METH_O | METH_COEXIST,
     "__contains__($self, key, /)\n--\n\nTrue if the dictionary has the specified key, else "
     "False."},
    {"__getitem__", dict_getitem_method, METH_O | METH_COEXIST, "x.__getitem__(y) <==> x[y]"},
    {"__sizeof__", dict_sizeof, METH_NOARGS, "D.__sizeof__() -> size of D in memory, in bytes"},
    {"get", dict_get, METH_VARARGS,
     "get($self, key, default=None, /)\n--\n\n"
     "Return the value for key if key is in the dictionary, else default."},
    {"setdefault", dict_setdefault, METH_VARARGS,
     "setdefault($self, key, default=None, /)\n--\n\n"
     "Insert key with a value of default if key is not in the dictionary.\n\n"
     "Return the value for key if key is in the dictionary, else default."},
    {"pop", dict_pop, METH_VARARGS,
     "D.pop(k[,d]) -> v, remove specified key and return the corresponding value.\n\n"
     "If the key is not found, return the default if given; otherwise,\n"
     "raise a KeyError."},
    {"popitem", dict_popitem, METH_NOARGS,
     "popitem($self, /)\n--\n\nRemove and return a (key, value) pair as a 2-tuple.\n\n"
     "Pairs are returned in LIFO (last-in, first-out) order.\n"
     "Raises KeyError if the dict is empty."},
    {"keys", dictkeys_new, METH_NOARGS,
     "D.keys() -> a set-like object providing a view on D's keys"},
    {"items", dictitems_new, METH_NOARGS,
     "D.items() -> a set-like object providing a view on D's items"},
    {"values", dictvalues_new, METH_NOARGS,
     "D.values() -> an object providing a view on D's values"},
    {"update", (PyCFunction)(void (*)(void))dict_update, METH_VARARGS | METH_KEYWORDS,
     "D.update([E, ]**F) -> None.  Update D from dict/iterable E and F."},
    {"fromkeys", dict_fromkeys, METH_VARARGS | METH_CLASS,
     "fromkeys($type, iterable, value=None, /)\n--\n\n"
     "Create a new dictionary with keys from iterable and values set to value."},
    {"clear", dict_clear, METH_NOARGS, "D.clear() -> None.  Remove all items from D."},
    {"copy", dict_copy, METH_NOARGS, "D.copy() -> a shallow copy of D"},
    {"__reversed__", dict_reversed, METH_NOARGS,
     "__reversed__($self, /)\n--\n\nReturn a reverse iterator over the dict keys."},
    {"__class_getitem__", pyrs_tuple_class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods dict_as_sequence = {
    .sq_contains = dict_contains,
};

static PyMappingMethods dict_as_mapping = {
    .mp_length = dict_length,
    .mp_subscript = dict_subscript,
    .mp_ass_subscript = dict_ass_sub,
};

static PyNumberMethods dict_as_number = {
    .nb_or = dict_or,
    .nb_inplace_or = dict_ior,
};

PyTypeObject PyDict_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "dict",
    .tp_basicsize = sizeof(PyDictObject),
    .tp_dealloc = dict_dealloc,
    .tp_repr = dict_repr,
    .tp_as_number = &dict_as_number,
    .tp_as_sequence = &dict_as_sequence,
    .tp_as_mapping = &dict_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE |
                Py_TPFLAGS_DICT_SUBCLASS | _Py_TPFLAGS_MATCH_SELF | Py_TPFLAGS_MAPPING,
    .tp_doc = "dict() -> new empty dictionary\n"
              "dict(mapping) -> new dictionary initialized from a mapping object's\n"
              "    (key, value) pairs\n"
              "dict(iterable) -> new dictionary initialized as if via:\n"
              "    d = {}\n"
              "    for k, v in iterable:\n"
              "        d[k] = v\n"
              "dict(**kwargs) -> new dictionary initialized with the name=value pairs\n"
              "    in the keyword argument list.  For example:  dict(one=1, two=2)",
    .tp_traverse = dict_traverse,
    .tp_clear = dict_tp_clear,
    .tp_richcompare = dict_richcompare,
    .tp_iter = dict_iter,
    .tp_methods = dict_methods,
    .tp_init = dict_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = dict_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- iterators ---- */

#define ITER_KEYS   0
#define ITER_VALUES 1
#define ITER_ITEMS  2

typedef struct {
    PyObject_HEAD
    PyDictObject *di_dict; /* owned; NULL once exhausted */
    Py_ssize_t di_used;    /* ma_used when created; -1 after a size-change error */
    Py_ssize_t di_pos;     /* next entry index (reverse: current index) */
    PyObject *di_result;   /* owned (key, value) tuple items() hands out again when the
                              consumer dropped it (CPython's reuse), or NULL */
    Py_ssize_t len;        /* items still expected */
} dictiterobject;

static PyTypeObject *const iter_types[2][3] = {
    {&PyDictIterKey_Type, &PyDictIterValue_Type, &PyDictIterItem_Type},
    {&PyDictRevIterKey_Type, &PyDictRevIterValue_Type, &PyDictRevIterItem_Type},
};

static PyObject *
dictiter_new(PyDictObject *dict, int kind, int reverse)
{
    dictiterobject *di = PyObject_GC_New(dictiterobject, iter_types[reverse][kind]);
    if (di == NULL) {
        return NULL;
    }
    di->di_dict = (PyDictObject *)Py_NewRef(dict);
    di->di_used = dict->ma_used;
    di->di_result = NULL;
    di->len = dict->ma_used;
    if (reverse && dict->ma_used != 0) {
        di->di_pos =
            dict->ma_values != NULL ? dict->ma_values->last - 1 : dict->ma_keys->dk_nentries - 1;
    } else {
        di->di_pos = reverse ? -1 : 0;
    }
    PyObject_GC_Track(di);
    return (PyObject *)di;
}

static PyObject *
dict_iter(PyObject *dict)
{
    return dictiter_new((PyDictObject *)dict, ITER_KEYS, 0);
}

static PyObject *
dict_reversed(PyObject *dict, PyObject *Py_UNUSED(ignored))
{
    return dictiter_new((PyDictObject *)dict, ITER_KEYS, 1);
}

static void
dictiter_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    Py_XDECREF(((dictiterobject *)op)->di_dict);
    Py_XDECREF(((dictiterobject *)op)->di_result);
    PyObject_GC_Del(op);
}

static int
dictiter_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(((dictiterobject *)op)->di_dict);
    Py_VISIT(((dictiterobject *)op)->di_result);
    return 0;
}

static PyObject *
dictiter_len(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    dictiterobject *di = (dictiterobject *)op;
    Py_ssize_t len = 0;
    if (di->di_dict != NULL && di->di_used == di->di_dict->ma_used) {
        len = di->len;
    }
    return PyLong_FromSsize_t(len);
}

static inline PyObject *
make_result(dictiterobject *di, int kind, PyObject *key, PyObject *value)
{
    if (kind == ITER_KEYS) {
        return Py_NewRef(key);
    }
    if (kind == ITER_VALUES) {
        return Py_NewRef(value);
    }
    PyObject *res = di->di_result;
    if (res != NULL && Py_REFCNT(res) == 1) {
        /* nobody else holds the previous pair: refill it */
        PyObject *oldkey = PyTuple_GET_ITEM(res, 0), *oldvalue = PyTuple_GET_ITEM(res, 1);
        PyTuple_SET_ITEM(res, 0, Py_NewRef(key));
        PyTuple_SET_ITEM(res, 1, Py_NewRef(value));
        Py_INCREF(res);
        Py_DECREF(oldkey);
        Py_DECREF(oldvalue);
        PyObject_GC_Track(res); /* a no-op unless the collector untracked it */
        return res;
    }
    res = PyTuple_Pack(2, key, value);
    if (res != NULL && di->di_result == NULL) {
        di->di_result = Py_NewRef(res);
    }
    return res;
}

/* Advances DI: 1 with the next entry's key and value (borrowed); 0 when exhausted (the
 * iterator lets its dict go) or with RuntimeError set when the dict changed size or keys. */
static inline __attribute__((always_inline)) int
dictiter_advance(dictiterobject *di, PyObject **pkey, PyObject **pvalue)
{
    PyDictObject *d = di->di_dict;
    if (d == NULL) {
        return 0;
    }
    if (di->di_used != d->ma_used) {
        PyErr_SetString(PyExc_RuntimeError, "dictionary changed size during iteration");
        di->di_used = -1; /* the error repeats on every later call */
        return 0;
    }
    Py_ssize_t pos = di->di_pos;
    if (!next_entry(d, &pos, pkey, pvalue, NULL)) {
        goto exhausted;
    }
    if (di->len == 0) {
        PyErr_SetString(PyExc_RuntimeError, "dictionary keys changed during iteration");
        goto exhausted;
    }
    di->di_pos = pos;
    di->len--;
    return 1;
exhausted:
    di->di_dict = NULL;
    Py_DECREF(d);
    return 0;
}

static inline __attribute__((always_inline)) PyObject *
dictiter_next_common(PyObject *op, int kind)
{
    PyObject *key, *value;
    if (!dictiter_advance((dictiterobject *)op, &key, &value)) {
        return NULL;
    }
    return make_result((dictiterobject *)op, kind, key, value);
}

/* See pyrs/dict.h. */
int
pyrs_dict_iter_next_pair(PyObject *it, PyObject **out)
{
    PyObject *key, *value;
    if (!dictiter_advance((dictiterobject *)it, &key, &value)) {
        return 0;
    }
    pyrs_containers_store_pair(out, Py_NewRef(key), Py_NewRef(value));
    return 1;
}

static PyObject *
dictreviter_next_common(PyObject *op, int kind)
{
    dictiterobject *di = (dictiterobject *)op;
    PyDictObject *d = di->di_dict;
    if (d == NULL) {
        return NULL;
    }
    if (d->ma_used != di->di_used) {
        PyErr_SetString(PyExc_RuntimeError, "dictionary changed size during iteration");
        di->di_used = -1;
        return NULL;
    }
    Py_ssize_t i = di->di_pos;
    PyrsDictEntry *ep = DK_ENTRIES(d->ma_keys);
    for (; i >= 0; i--) {
        PyObject *value = entry_value(d, i);
        if (value != NULL) {
            di->di_pos = i - 1;
            di->len--;
            return make_result(di, kind, ep[i].me_key, value);
        }
    }
    di->di_pos = -1;
    di->di_dict = NULL;
    Py_DECREF(d);
    return NULL;
}

static PyObject *
dictiter_nextkey(PyObject *op)
{
    return dictiter_next_common(op, ITER_KEYS);
}

static PyObject *
dictiter_nextvalue(PyObject *op)
{
    return dictiter_next_common(op, ITER_VALUES);
}

static PyObject *
dictiter_nextitem(PyObject *op)
{
    return dictiter_next_common(op, ITER_ITEMS);
}

static PyObject *
dictreviter_nextkey(PyObject *op)
{
    return dictreviter_next_common(op, ITER_KEYS);
}

static PyObject *
dictreviter_nextvalue(PyObject *op)
{
    return dictreviter_next_common(op, ITER_VALUES);
}

static PyObject *
dictreviter_nextitem(PyObject *op)
{
    return dictreviter_next_common(op, ITER_ITEMS);
}

/* (iter, (list(copy of self),)): the remaining items, without consuming SELF. */
static PyObject *
dictiter_reduce(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    dictiterobject *di = (dictiterobject *)op, *copy;
    PyObject *list = NULL;
    if (di->di_dict == NULL) {
        list = PyList_New(0);
    } else {
        copy = PyObject_GC_New(dictiterobject, Py_TYPE(op));
        if (copy == NULL) {
            return NULL;
        }
        copy->di_dict = (PyDictObject *)Py_NewRef(di->di_dict);
        copy->di_used = di->di_used;
        copy->di_pos = di->di_pos;
        copy->di_result = NULL;
        copy->len = di->len;
        PyObject_GC_Track(copy);
        list = PySequence_List((PyObject *)copy);
        Py_DECREF(copy);
    }
    if (list == NULL) {
        return NULL;
    }
    PyObject *res = pyrs_iter_reduce(list, NULL, NULL);
    Py_DECREF(list);
    return res;
}

static PyMethodDef dictiter_methods[] = {
    {"__length_hint__", dictiter_len, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", dictiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {NULL, NULL, 0, NULL},
};

#define DICT_ITER_TYPE(cname, pyname, nextfn)                                                      \
    PyTypeObject cname = {                                                                         \
        PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = pyname,                                   \
        .tp_basicsize = sizeof(dictiterobject),                                                    \
        .tp_dealloc = dictiter_dealloc,                                                            \
        .tp_getattro = PyObject_GenericGetAttr,                                                    \
        .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,                                       \
        .tp_traverse = dictiter_traverse,                                                          \
        .tp_iter = PyObject_SelfIter,                                                              \
        .tp_iternext = nextfn,                                                                     \
        .tp_methods = dictiter_methods,                                                            \
    }

DICT_ITER_TYPE(PyDictIterKey_Type, "dict_keyiterator", dictiter_nextkey);
DICT_ITER_TYPE(PyDictIterValue_Type, "dict_valueiterator", dictiter_nextvalue);
DICT_ITER_TYPE(PyDictIterItem_Type, "dict_itemiterator", dictiter_nextitem);
DICT_ITER_TYPE(PyDictRevIterKey_Type, "dict_reversekeyiterator", dictreviter_nextkey);
DICT_ITER_TYPE(PyDictRevIterValue_Type, "dict_reversevalueiterator", dictreviter_nextvalue);
DICT_ITER_TYPE(PyDictRevIterItem_Type, "dict_reverseitemiterator", dictreviter_nextitem);

/* ---- views ---- */

typedef struct {
    PyObject_HEAD
    PyDictObject *dv_dict; /* owned */
} dictviewobject;

static PyObject *
dictview_new(PyObject *dict, PyTypeObject *type)
{
    if (dict == NULL || !PyDict_Check(dict)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    dictviewobject *dv = PyObject_GC_New(dictviewobject, type);
    if (dv == NULL) {
        return NULL;
    }
    dv->dv_dict = (PyDictObject *)Py_NewRef(dict);
    PyObject_GC_Track(dv);
    return (PyObject *)dv;
}

static PyObject *
dictkeys_new(PyObject *dict, PyObject *Py_UNUSED(ignored))
{
    return dictview_new(dict, &PyDictKeys_Type);
}

static PyObject *
dictvalues_new(PyObject *dict, PyObject *Py_UNUSED(ignored))
{
    return dictview_new(dict, &PyDictValues_Type);
}

static PyObject *
dictitems_new(PyObject *dict, PyObject *Py_UNUSED(ignored))
{
    return dictview_new(dict, &PyDictItems_Type);
}

static void
dictview_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    Py_XDECREF(((dictviewobject *)op)->dv_dict);
    PyObject_GC_Del(op);
}

static int
dictview_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(((dictviewobject *)op)->dv_dict);
    return 0;
}

static Py_ssize_t
dictview_len(PyObject *op)
{
    dictviewobject *dv = (dictviewobject *)op;
    return dv->dv_dict == NULL ? 0 : dv->dv_dict->ma_used;
}

static PyObject *
dictview_mapping(PyObject *op, void *Py_UNUSED(closure))
{
    return PyDictProxy_New((PyObject *)((dictviewobject *)op)->dv_dict);
}

static PyGetSetDef dictview_getset[] = {
    {"mapping", dictview_mapping, NULL, "dictionary that this view refers to", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyObject *
dictview_repr(PyObject *op)
{
    int rc = Py_ReprEnter(op);
    if (rc != 0) {
        return rc > 0 ? PyUnicode_FromString("...") : NULL;
    }
    PyObject *seq = PySequence_List(op), *res = NULL;
    if (seq != NULL) {
        res = PyUnicode_FromFormat("%s(%R)", _PyType_Name(Py_TYPE(op)), seq);
        Py_DECREF(seq);
    }
    Py_ReprLeave(op);
    return res;
}

static PyObject *
dictkeys_iter(PyObject *op)
{
    dictviewobject *dv = (dictviewobject *)op;
    return dictiter_new(dv->dv_dict, ITER_KEYS, 0);
}

static PyObject *
dictvalues_iter(PyObject *op)
{
    dictviewobject *dv = (dictviewobject *)op;
    return dictiter_new(dv->dv_dict, ITER_VALUES, 0);
}

static PyObject *
dictitems_iter(PyObject *op)
{
    dictviewobject *dv = (dictviewobject *)op;
    return dictiter_new(dv->dv_dict, ITER_ITEMS, 0);
}

static PyObject *
dictkeys_reversed(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    return dictiter_new(((dictviewobject *)op)->dv_dict, ITER_KEYS, 1);
}

static PyObject *
dictvalues_reversed(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    return dictiter_new(((dictviewobject *)op)->dv_dict, ITER_VALUES, 1);
}

static PyObject *
dictitems_reversed(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    return dictiter_new(((dictviewobject *)op)->dv_dict, ITER_ITEMS, 1);
}

static int
dictkeys_contains(PyObject *op, PyObject *key)
{
    dictviewobject *dv = (dictviewobject *)op;
    return dv->dv_dict == NULL ? 0 : PyDict_Contains((PyObject *)dv->dv_dict, key);
}

static int
dictitems_contains(PyObject *op, PyObject *obj)
{
    dictviewobject *dv = (dictviewobject *)op;
    if (dv->dv_dict == NULL || !PyTuple_Check(obj) || PyTuple_GET_SIZE(obj) != 2) {
        return 0;
    }
    PyObject *key = PyTuple_GET_ITEM(obj, 0), *value = PyTuple_GET_ITEM(obj, 1);
    PyObject *found = PyDict_GetItemWithError((PyObject *)dv->dv_dict, key);
    if (found == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    Py_INCREF(found);
    int result = PyObject_RichCompareBool(found, value, Py_EQ);
    Py_DECREF(found);
    return result;
}

/* 1 if every element of SELF is in OTHER. */
static int
all_contained_in(PyObject *self, PyObject *other)
{
    PyObject *iter = PyObject_GetIter(self), *next;
    int ok = 1;
    if (iter == NULL) {
        return -1;
    }
    while (ok > 0 && (next = PyIter_Next(iter)) != NULL) {
        ok = PySequence_Contains(other, next);
        Py_DECREF(next);
    }
    Py_DECREF(iter);
    if (ok > 0 && PyErr_Occurred()) {
        return -1;
    }
    return ok;
}

static PyObject *
dictview_richcompare(PyObject *self, PyObject *other, int op)
{
    if (!PyAnySet_Check(other) && !PyDictViewSet_Check(other)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    Py_ssize_t len_self = PyObject_Size(self), len_other;
    if (len_self < 0 || (len_other = PyObject_Size(other)) < 0) {
        return NULL;
    }
    int ok = 0;
    switch (op) {
    case Py_NE:
    case Py_EQ:
        if (len_self == len_other) {
            ok = all_contained_in(self, other);
        }
        if (op == Py_NE && ok >= 0) {
            ok = !ok;
        }
        break;
    case Py_LT:
        if (len_self < len_other) {
            ok = all_contained_in(self, other);
        }
        break;
    case Py_LE:
        if (len_self <= len_other) {
            ok = all_contained_in(self, other);
        }
        break;
    case Py_GT:
        if (len_self > len_other) {
            ok = all_contained_in(other, self);
        }
        break;
    default:
        if (len_self >= len_other) {
            ok = all_contained_in(other, self);
        }
        break;
    }
    if (ok < 0) {
        return NULL;
    }
    return PyBool_FromLong(ok);
}

/* A new set of the view's elements (keys views read the dict directly). */
static PyObject *
dictviews_to_set(PyObject *self)
{
    PyObject *left = self;
    if (PyDictKeys_Check(self)) {
        left = (PyObject *)((dictviewobject *)self)->dv_dict;
    }
    return PySet_New(left);
}

static PyObject *
dictviews_sub(PyObject *self, PyObject *other)
{
    PyObject *result = dictviews_to_set(self);
    if (result != NULL && pyrs_set_difference_update(result, other) < 0) {
        Py_CLEAR(result);
    }
    return result;
}

static PyObject *
dictviews_or(PyObject *self, PyObject *other)
{
    PyObject *result = dictviews_to_set(self);
    if (result != NULL && _PySet_Update(result, other) < 0) {
        Py_CLEAR(result);
    }
    return result;
}

/* items ^ items, pairing by key as CPython 3.11 does (so the result's order matches). */
static PyObject *
dictitems_xor(PyObject *self, PyObject *other)
{
    PyObject *d2 = (PyObject *)((dictviewobject *)other)->dv_dict;
    PyObject *temp = PyDict_Copy((PyObject *)((dictviewobject *)self)->dv_dict);
    PyObject *result = temp ? PySet_New(NULL) : NULL, *key, *val2, *rest = NULL;
    Py_ssize_t pos = 0;
    Py_hash_t hash;
    if (result == NULL) {
        goto error;
    }
    while (_PyDict_Next(d2, &pos, &key, &val2, &hash)) {
        Py_INCREF(key);
        Py_INCREF(val2);
        PyObject *val1 = pyrs_dict_lookup_known_hash(temp, key, hash);
        int rc = 0;
        if (val1 == NULL) {
            rc = PyErr_Occurred() ? -1 : 0;
        } else {
            Py_INCREF(val1);
            rc = PyObject_RichCompareBool(val1, val2, Py_EQ);
            Py_DECREF(val1);
        }
        if (rc > 0) {
            rc = _PyDict_DelItem_KnownHash(temp, key, hash);
        } else if (rc == 0) {
            PyObject *pair = PyTuple_Pack(2, key, val2);
            rc = pair ? PySet_Add(result, pair) : -1;
            Py_XDECREF(pair);
        }
        Py_DECREF(key);
        Py_DECREF(val2);
        if (rc < 0) {
            goto error;
        }
    }
    rest = dictitems_new(temp, NULL);
    if (rest == NULL || _PySet_Update(result, rest) < 0) {
        goto error;
    }
    Py_DECREF(rest);
    Py_DECREF(temp);
    return result;
error:
    Py_XDECREF(rest);
    Py_XDECREF(temp);
    Py_XDECREF(result);
    return NULL;
}

static PyObject *
dictviews_xor(PyObject *self, PyObject *other)
{
    if (PyDictItems_Check(self) && PyDictItems_Check(other)) {
        return dictitems_xor(self, other);
    }
    PyObject *result = dictviews_to_set(self);
    if (result != NULL && pyrs_set_symmetric_difference_update(result, other) < 0) {
        Py_CLEAR(result);
    }
    return result;
}

static PyObject *
dictviews_and(PyObject *self, PyObject *other)
{
    /* The interpreter swaps the operands when the view is on the right. */
    if (!PyDictViewSet_Check(self)) {
        PyObject *tmp = other;
        other = self;
        self = tmp;
    }
    Py_ssize_t len_self = dictview_len(self);
    if (PySet_CheckExact(other) && len_self <= PySet_GET_SIZE(other)) {
        return pyrs_set_intersection(other, self);
    }
    if (PyDictViewSet_Check(other) && dictview_len(other) > len_self) {
        PyObject *tmp = other;
        other = self;
        self = tmp;
    }
    int (*contains)(PyObject *, PyObject *) =
        PyDictKeys_Check(self) ? dictkeys_contains : dictitems_contains;
    PyObject *result = PySet_New(NULL), *it = NULL, *key;
    if (result == NULL || (it = PyObject_GetIter(other)) == NULL) {
        goto error;
    }
    while ((key = PyIter_Next(it)) != NULL) {
        int rv = contains(self, key);
        if (rv > 0) {
            rv = PySet_Add(result, key);
        }
        Py_DECREF(key);
        if (rv < 0) {
            goto error;
        }
    }
    if (PyErr_Occurred()) {
        goto error;
    }
    Py_DECREF(it);
    return result;
error:
    Py_XDECREF(it);
    Py_XDECREF(result);
    return NULL;
}

static PyObject *
dictviews_isdisjoint(PyObject *self, PyObject *other)
{
    if (self == other) {
        return PyBool_FromLong(dictview_len(self) == 0);
    }
    if (PyAnySet_Check(other) || PyDictViewSet_Check(other)) {
        Py_ssize_t len_self = dictview_len(self), len_other = PyObject_Size(other);
        if (len_other < 0) {
            return NULL;
        }
        if (len_other > len_self) {
            PyObject *tmp = other;
            other = self;
            self = tmp;
        }
    }
    PyObject *it = PyObject_GetIter(other), *item;
    if (it == NULL) {
        return NULL;
    }
    while ((item = PyIter_Next(it)) != NULL) {
        int contains = PySequence_Contains(self, item);
        Py_DECREF(item);
        if (contains != 0) {
            Py_DECREF(it);
            return contains < 0 ? NULL : PyBool_FromLong(0);
        }
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) {
        return NULL;
    }
    Py_RETURN_TRUE;
}

static PyNumberMethods dictviews_as_number = {
    .nb_subtract = dictviews_sub,
    .nb_and = dictviews_and,
    .nb_xor = dictviews_xor,
    .nb_or = dictviews_or,
};

static PySequenceMethods dictkeys_as_sequence = {
    .sq_length = dictview_len,
    .sq_contains = dictkeys_contains,
};

static PySequenceMethods dictitems_as_sequence = {
    .sq_length = dictview_len,
    .sq_contains = dictitems_contains,
};

static PySequenceMethods dictvalues_as_sequence = {
    .sq_length = dictview_len,
};

static PyMethodDef dictkeys_methods[] = {
    {"isdisjoint", dictviews_isdisjoint, METH_O,
     "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", dictkeys_reversed, METH_NOARGS,
     "Return a reverse iterator over the dict keys."},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef dictitems_methods[] = {
    {"isdisjoint", dictviews_isdisjoint, METH_O,
     "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", dictitems_reversed, METH_NOARGS,
     "Return a reverse iterator over the dict items."},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef dictvalues_methods[] = {
    {"__reversed__", dictvalues_reversed, METH_NOARGS,
     "Return a reverse iterator over the dict values."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PyDictKeys_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "dict_keys",
    .tp_basicsize = sizeof(dictviewobject),
    .tp_dealloc = dictview_dealloc,
    .tp_repr = dictview_repr,
    .tp_as_number = &dictviews_as_number,
    .tp_as_sequence = &dictkeys_as_sequence,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = dictview_traverse,
    .tp_richcompare = dictview_richcompare,
    .tp_iter = dictkeys_iter,
    .tp_methods = dictkeys_methods,
    .tp_getset = dictview_getset,
};

PyTypeObject PyDictItems_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "dict_items",
    .tp_basicsize = sizeof(dictviewobject),
    .tp_dealloc = dictview_dealloc,
    .tp_repr = dictview_repr,
    .tp_as_number = &dictviews_as_number,
    .tp_as_sequence = &dictitems_as_sequence,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = dictview_traverse,
    .tp_richcompare = dictview_richcompare,
    .tp_iter = dictitems_iter,
    .tp_methods = dictitems_methods,
    .tp_getset = dictview_getset,
};

PyTypeObject PyDictValues_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "dict_values",
    .tp_basicsize = sizeof(dictviewobject),
    .tp_dealloc = dictview_dealloc,
    .tp_repr = dictview_repr,
    .tp_as_sequence = &dictvalues_as_sequence,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = dictview_traverse,
    .tp_iter = dictvalues_iter,
    .tp_methods = dictvalues_methods,
    .tp_getset = dictview_getset,
};

int
pyrs_dict_init(void)
{
    PyTypeObject *types[] = {
        &PyDict_Type,
        &PyDictKeys_Type,
        &PyDictValues_Type,
        &PyDictItems_Type,
        &PyDictIterKey_Type,
        &PyDictIterValue_Type,
        &PyDictIterItem_Type,
        &PyDictRevIterKey_Type,
        &PyDictRevIterValue_Type,
        &PyDictRevIterItem_Type,
    };
    (void)get_empty_keys();
    for (size_t i = 0; i < Py_ARRAY_LENGTH(types); i++) {
        if (PyType_Ready(types[i]) < 0) {
            return -1;
        }
    }
    if (str_missing == NULL) {
        str_missing = PyUnicode_InternFromString("__missing__");
        if (str_missing == NULL) {
            return -1;
        }
    }
    return 0;
}
