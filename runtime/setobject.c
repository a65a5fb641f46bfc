/* setobject.c: set and frozenset, mirroring CPython 3.11's Objects/setobject.c: the same
 * open-addressing table (runs of linear probes, then perturbed jumps; dummy reuse; the same
 * fill/resize thresholds and copy fast paths), so iteration order equals CPython's for the
 * same operations; the frozenset hash algorithm; every method and operator. */
#include "Python.h"
#include "pyrs/containers.h"
#include "pyrs/lifecycle.h"
#include "pyrs/set.h"

#define LINEAR_PROBES    9
#define PERTURB_SHIFT    5
#define DISCARD_NOTFOUND 0
#define DISCARD_FOUND    1

/* Marks deleted slots (with hash -1). Never visible to Python code. */
static PyObject dummy_struct = {.ob_refcnt = PY_SSIZE_T_MAX / 2, .ob_type = &PyBaseObject_Type};
#define dummy (&dummy_struct)

static PyObject *make_new_set(PyTypeObject *type, PyObject *iterable);
static int set_update_internal(PySetObject *so, PyObject *other);
static int set_grow(PySetObject *so);

/* ---- the table ---- */

/* KEY is an exact str or int: equality with another of its exact type runs no Python code. */
static inline int
exact_str_or_int(PyObject *key)
{
    return PyUnicode_CheckExact(key) || PyLong_CheckExact(key);
}

/* A == B for A and B of the same exact type, str or int. */
static inline int
exact_keys_equal(PyObject *a, PyObject *b)
{
    if (PyUnicode_CheckExact(a)) {
        return _PyUnicode_Equal(a, b);
    }
    Py_ssize_t n = Py_SIZE(a);
    if (n != Py_SIZE(b)) {
        return 0;
    }
    return memcmp(((PyLongObject *)a)->ob_digit, ((PyLongObject *)b)->ob_digit,
                  (size_t)Py_ABS(n) * sizeof(digit)) == 0;
}

/* Adds KEY (borrowed) with HASH; reuses the first dummy on the probe path. */
static int
set_add_entry(PySetObject *so, PyObject *key, Py_hash_t hash)
{
    setentry *freeslot, *entry;
    size_t perturb, mask, i;
    int probes, cmp;
    Py_INCREF(key); /* keep it alive across comparisons */
restart:
    mask = (size_t)so->mask;
    i = (size_t)hash & mask;
    freeslot = NULL;
    perturb = (size_t)hash;
    for (;;) {
        entry = &so->table[i];
        probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL) {
                goto found_unused_or_dummy;
            }
            if (entry->hash == hash) {
                PyObject *startkey = entry->key;
                if (startkey == key) {
                    goto found_active;
                }
                if (Py_IS_TYPE(startkey, Py_TYPE(key)) && exact_str_or_int(key)) {
                    if (exact_keys_equal(startkey, key)) {
                        goto found_active;
                    }
                    goto next_entry; /* unequal, and no Python code ran */
                }
                setentry *table = so->table;
                Py_INCREF(startkey);
                cmp = PyObject_RichCompareBool(startkey, key, Py_EQ);
                Py_DECREF(startkey);
                if (cmp > 0) {
                    goto found_active;
                }
                if (cmp < 0) {
                    Py_DECREF(key);
                    return -1;
                }
                if (table != so->table || entry->key != startkey) {
                    goto restart;
                }
                mask = (size_t)so->mask;
            } else if (entry->hash == -1) {
                /* CPython 3.11 keeps the last dummy on the path (observable in order). */
                freeslot = entry;
            }
        next_entry:
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused_or_dummy:
    if (freeslot != NULL) {
        so->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        return 0;
    }
    so->fill++;
    so->used++;
    entry->key = key;
    entry->hash = hash;
    if ((size_t)so->fill * 5 < mask * 3) {
        return 0;
    }
    return set_grow(so);
found_active:
    Py_DECREF(key);
    return 0;
}

/* Places a key known to be absent into a table without dummies. */
static void
set_insert_clean(setentry *table, size_t mask, PyObject *key, Py_hash_t hash)
{
    size_t perturb = (size_t)hash, i = (size_t)hash & mask;
    setentry *entry;
    for (;;) {
        entry = &table[i];
        if (entry->key == NULL) {
            goto found_null;
        }
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                entry++;
                if (entry->key == NULL) {
                    goto found_null;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_null:
    entry->key = key;
    entry->hash = hash;
}

/* Rebuilds the table with the smallest power-of-two size above MINUSED (dummies dropped). */
static int
set_table_resize(PySetObject *so, Py_ssize_t minused)
{
    setentry small_copy[PySet_MINSIZE];
    size_t newsize = PySet_MINSIZE;
    while (newsize <= (size_t)minused) {
        newsize <<= 1;
    }
    setentry *oldtable = so->table;
    size_t oldmask = (size_t)so->mask;
    int old_malloced = oldtable != so->smalltable;
    setentry *newtable;
    if (newsize == PySet_MINSIZE) {
        newtable = so->smalltable;
        if (newtable == oldtable) {
            if (so->fill == so->used) {
                return 0; /* no dummies to purge */
            }
            memcpy(small_copy, oldtable, sizeof(small_copy));
            oldtable = small_copy;
        }
    } else {
        if (newsize > (size_t)PY_SSIZE_T_MAX / sizeof(setentry)) {
            PyErr_NoMemory();
            return -1;
        }
        newtable = PyMem_Malloc(sizeof(setentry) * newsize);
        if (newtable == NULL) {
            PyErr_NoMemory();
            return -1;
        }
    }
    memset(newtable, 0, sizeof(setentry) * newsize);
    so->mask = (Py_ssize_t)newsize - 1;
    so->table = newtable;
    for (setentry *entry = oldtable; entry <= oldtable + oldmask; entry++) {
        if (entry->key != NULL && entry->key != dummy) {
            set_insert_clean(newtable, newsize - 1, entry->key, entry->hash);
        }
    }
    so->fill = so->used;
    if (old_malloced) {
        PyMem_Free(oldtable);
    }
    return 0;
}

static int
set_grow(PySetObject *so)
{
    return set_table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

/* The slot holding KEY, or an unused slot when absent; NULL on error. */
static setentry *
set_lookkey(PySetObject *so, PyObject *key, Py_hash_t hash)
{
    setentry *entry;
    size_t perturb = (size_t)hash, mask = (size_t)so->mask, i = (size_t)hash & mask;
    int probes, cmp;
    for (;;) {
        entry = &so->table[i];
        probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL) {
                return entry;
            }
            if (entry->hash == hash) {
                PyObject *startkey = entry->key;
                if (startkey == key) {
                    return entry;
                }
                if (Py_IS_TYPE(startkey, Py_TYPE(key)) && exact_str_or_int(key)) {
                    if (exact_keys_equal(startkey, key)) {
                        return entry;
                    }
                    entry++;
                    continue; /* unequal, and no Python code ran */
                }
                setentry *table = so->table;
                Py_INCREF(startkey);
                cmp = PyObject_RichCompareBool(startkey, key, Py_EQ);
                Py_DECREF(startkey);
                if (cmp < 0) {
                    return NULL;
                }
                if (table != so->table || entry->key != startkey) {
                    return set_lookkey(so, key, hash);
                }
                if (cmp > 0) {
                    return entry;
                }
                mask = (size_t)so->mask;
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

static int
set_contains_entry(PySetObject *so, PyObject *key, Py_hash_t hash)
{
    setentry *entry = set_lookkey(so, key, hash);
    if (entry == NULL) {
        return -1;
    }
    return entry->key != NULL;
}

static int
set_discard_entry(PySetObject *so, PyObject *key, Py_hash_t hash)
{
    setentry *entry = set_lookkey(so, key, hash);
    if (entry == NULL) {
        return -1;
    }
    if (entry->key == NULL) {
        return DISCARD_NOTFOUND;
    }
    PyObject *old_key = entry->key;
    entry->key = dummy;
    entry->hash = -1;
    so->used--;
    Py_DECREF(old_key);
    return DISCARD_FOUND;
}

static int
set_add_key(PySetObject *so, PyObject *key)
{
    Py_hash_t hash = pyrs_containers_key_hash(key);
    if (hash == -1) {
        return -1;
    }
    return set_add_entry(so, key, hash);
}

static int
set_contains_key(PySetObject *so, PyObject *key)
{
    Py_hash_t hash = pyrs_containers_key_hash(key);
    if (hash == -1) {
        return -1;
    }
    return set_contains_entry(so, key, hash);
}

static int
set_discard_key(PySetObject *so, PyObject *key)
{
    Py_hash_t hash = pyrs_containers_key_hash(key);
    if (hash == -1) {
        return -1;
    }
    return set_discard_entry(so, key, hash);
}

static void
set_empty_to_minsize(PySetObject *so)
{
    memset(so->smalltable, 0, sizeof(so->smalltable));
    so->fill = 0;
    so->used = 0;
    so->mask = PySet_MINSIZE - 1;
    so->table = so->smalltable;
    so->hash = -1;
}

static int
set_clear_internal(PySetObject *so)
{
    setentry small_copy[PySet_MINSIZE];
    setentry *table = so->table;
    int malloced = table != so->smalltable;
    Py_ssize_t fill = so->fill;
    size_t size = (size_t)so->mask + 1;
    /* Empty the set before any decref can run code that looks at it. */
    if (malloced) {
        set_empty_to_minsize(so);
    } else if (fill > 0) {
        memcpy(small_copy, table, sizeof(small_copy));
        table = small_copy;
        set_empty_to_minsize(so);
    }
    for (size_t i = 0; fill > 0 && i < size; i++) {
        if (table[i].key != NULL) {
            --fill;
            if (table[i].key != dummy) {
                Py_DECREF(table[i].key);
            }
        }
    }
    if (malloced) {
        PyMem_Free(table);
    }
    return 0;
}

/* Next active slot at or after *POS. */
static int
set_next(PySetObject *so, Py_ssize_t *pos, setentry **entry_ptr)
{
    Py_ssize_t i = *pos, mask = so->mask;
    setentry *entry = &so->table[i];
    while (i <= mask && (entry->key == NULL || entry->key == dummy)) {
        i++;
        entry++;
    }
    *pos = i + 1;
    if (i > mask) {
        return 0;
    }
    *entry_ptr = entry;
    return 1;
}

/* Adds every element of the set OTHER, with CPython's copy fast paths. */
static int
set_merge(PySetObject *so, PyObject *otherset)
{
    PySetObject *other = (PySetObject *)otherset;
    if (other == so || other->used == 0) {
        return 0;
    }
    if ((so->fill + other->used) * 5 >= so->mask * 3) {
        if (set_table_resize(so, (so->used + other->used) * 2) != 0) {
            return -1;
        }
    }
    setentry *so_entry = so->table, *other_entry = other->table;
    if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
        for (Py_ssize_t i = 0; i <= other->mask; i++, so_entry++, other_entry++) {
            if (other_entry->key != NULL) {
                so_entry->key = Py_NewRef(other_entry->key);
                so_entry->hash = other_entry->hash;
            }
        }
        so->fill = other->fill;
        so->used = other->used;
        return 0;
    }
    if (so->fill == 0) {
        so->fill = other->used;
        so->used = other->used;
        for (Py_ssize_t i = other->mask + 1; i > 0; i--, other_entry++) {
            PyObject *key = other_entry->key;
            if (key != NULL && key != dummy) {
                set_insert_clean(so->table, (size_t)so->mask, Py_NewRef(key), other_entry->hash);
            }
        }
        return 0;
    }
    for (Py_ssize_t i = 0; i <= other->mask; i++) {
        other_entry = &other->table[i];
        PyObject *key = other_entry->key;
        if (key != NULL && key != dummy && set_add_entry(so, key, other_entry->hash) < 0) {
            return -1;
        }
    }
    return 0;
}

static int
set_update_internal(PySetObject *so, PyObject *other)
{
    if (PyAnySet_Check(other)) {
        return set_merge(so, other);
    }
    if (PyDict_CheckExact(other)) {
        Py_ssize_t dictsize = PyDict_GET_SIZE(other), pos = 0;
        PyObject *key, *value;
        Py_hash_t hash;
        if ((so->fill + dictsize) * 5 >= so->mask * 3) {
            if (set_table_resize(so, (so->used + dictsize) * 2) != 0) {
                return -1;
            }
        }
        while (_PyDict_Next(other, &pos, &key, &value, &hash)) {
            if (set_add_entry(so, key, hash) < 0) {
                return -1;
            }
        }
        return 0;
    }
    PyObject *it = PyObject_GetIter(other), *key;
    if (it == NULL) {
        return -1;
    }
    while ((key = PyIter_Next(it)) != NULL) {
        int rc = set_add_key(so, key);
        Py_DECREF(key);
        if (rc < 0) {
            Py_DECREF(it);
            return -1;
        }
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

static PyObject *
make_new_set(PyTypeObject *type, PyObject *iterable)
{
    PySetObject *so = (PySetObject *)type->tp_alloc(type, 0);
    if (so == NULL) {
        return NULL;
    }
    so->fill = 0;
    so->used = 0;
    so->mask = PySet_MINSIZE - 1;
    so->table = so->smalltable;
    so->hash = -1;
    so->finger = 0;
    so->weakreflist = NULL;
    if (iterable != NULL && set_update_internal(so, iterable) < 0) {
        Py_DECREF(so);
        return NULL;
    }
    return (PyObject *)so;
}

/* A new set or frozenset of TYPE's exact base. */
static PyObject *
make_new_set_basetype(PyTypeObject *type, PyObject *iterable)
{
    if (type != &PySet_Type && type != &PyFrozenSet_Type) {
        type = PyType_IsSubtype(type, &PySet_Type) ? &PySet_Type : &PyFrozenSet_Type;
    }
    return make_new_set(type, iterable);
}

static PyObject *
set_copy(PyObject *so, PyObject *Py_UNUSED(ignored))
{
    return make_new_set_basetype(Py_TYPE(so), so);
}

/* Exchanges the contents of A and B (used by the *_update methods). */
static void
set_swap_bodies(PySetObject *a, PySetObject *b)
{
    setentry tab[PySet_MINSIZE];
    Py_ssize_t t;
    t = a->fill;
    a->fill = b->fill;
    b->fill = t;
    t = a->used;
    a->used = b->used;
    b->used = t;
    t = a->mask;
    a->mask = b->mask;
    b->mask = t;
    setentry *u = a->table;
    if (a->table == a->smalltable) {
        u = b->smalltable;
    }
    a->table = b->table;
    if (b->table == b->smalltable) {
        a->table = a->smalltable;
    }
    b->table = u;
    if (a->table == a->smalltable || b->table == b->smalltable) {
        memcpy(tab, a->smalltable, sizeof(tab));
        memcpy(a->smalltable, b->smalltable, sizeof(tab));
        memcpy(b->smalltable, tab, sizeof(tab));
    }
    if (PyType_IsSubtype(Py_TYPE(a), &PyFrozenSet_Type) &&
        PyType_IsSubtype(Py_TYPE(b), &PyFrozenSet_Type)) {
        Py_hash_t h = a->hash;
        a->hash = b->hash;
        b->hash = h;
    } else {
        a->hash = -1;
        b->hash = -1;
    }
}

/* ---- set algebra ---- */

static PyObject *
set_intersection(PySetObject *so, PyObject *other)
{
    if ((PyObject *)so == other) {
        return set_copy((PyObject *)so, NULL);
    }
    PyObject *result = make_new_set_basetype(Py_TYPE(so), NULL), *key;
    if (result == NULL) {
        return NULL;
    }
    if (PyAnySet_Check(other)) {
        Py_ssize_t pos = 0;
        setentry *entry;
        if (PySet_GET_SIZE(other) > PySet_GET_SIZE(so)) {
            PyObject *tmp = (PyObject *)so;
            so = (PySetObject *)other;
            other = tmp;
        }
        while (set_next((PySetObject *)other, &pos, &entry)) {
            key = Py_NewRef(entry->key);
            Py_hash_t hash = entry->hash;
            int rv = set_contains_entry(so, key, hash);
            if (rv > 0) {
                rv = set_add_entry((PySetObject *)result, key, hash);
            }
            Py_DECREF(key);
            if (rv < 0) {
                Py_DECREF(result);
                return NULL;
            }
        }
        return result;
    }
    PyObject *it = PyObject_GetIter(other);
    if (it == NULL) {
        Py_DECREF(result);
        return NULL;
    }
    while ((key = PyIter_Next(it)) != NULL) {
        Py_hash_t hash = pyrs_containers_key_hash(key);
        int rv = hash == -1 ? -1 : set_contains_entry(so, key, hash);
        if (rv > 0) {
            rv = set_add_entry((PySetObject *)result, key, hash);
        }
        Py_DECREF(key);
        if (rv < 0) {
            Py_DECREF(it);
            Py_DECREF(result);
            return NULL;
        }
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) {
        Py_DECREF(result);
        return NULL;
    }
    return result;
}

PyObject *
pyrs_set_intersection(PyObject *set, PyObject *other)
{
    return set_intersection((PySetObject *)set, other);
}

static int
set_difference_update_internal(PySetObject *so, PyObject *other)
{
    if ((PyObject *)so == other) {
        return set_clear_internal(so);
    }
    if (PyAnySet_Check(other)) {
        setentry *entry;
        Py_ssize_t pos = 0;
        /* A much bigger OTHER is first cut down to what SO can lose. */
        if ((PySet_GET_SIZE(other) >> 3) > PySet_GET_SIZE(so)) {
            other = set_intersection(so, other);
            if (other == NULL) {
                return -1;
            }
        } else {
            Py_INCREF(other);
        }
        while (set_next((PySetObject *)other, &pos, &entry)) {
            PyObject *key = Py_NewRef(entry->key);
            int rv = set_discard_entry(so, key, entry->hash);
            Py_DECREF(key);
            if (rv < 0) {
                Py_DECREF(other);
                return -1;
            }
        }
        Py_DECREF(other);
    } else {
        PyObject *it = PyObject_GetIter(other), *key;
        if (it == NULL) {
            return -1;
        }
        while ((key = PyIter_Next(it)) != NULL) {
            int rv = set_discard_key(so, key);
            Py_DECREF(key);
            if (rv < 0) {
                Py_DECREF(it);
                return -1;
            }
        }
        Py_DECREF(it);
        if (PyErr_Occurred()) {
            return -1;
        }
    }
    /* Too many dummies: rebuild. */
    if ((size_t)(so->fill - so->used) <= (size_t)so->mask / 4) {
        return 0;
    }
    return set_grow(so);
}

int
pyrs_set_difference_update(PyObject *set, PyObject *other)
{
    return set_difference_update_internal((PySetObject *)set, other);
}

static PyObject *
set_copy_and_difference(PySetObject *so, PyObject *other)
{
    PyObject *result = set_copy((PyObject *)so, NULL);
    if (result != NULL && set_difference_update_internal((PySetObject *)result, other) < 0) {
        Py_CLEAR(result);
    }
    return result;
}

static PyObject *
set_difference(PySetObject *so, PyObject *other)
{
    Py_ssize_t other_size;
    if (PyAnySet_Check(other)) {
        other_size = PySet_GET_SIZE(other);
    } else if (PyDict_CheckExact(other)) {
        other_size = PyDict_GET_SIZE(other);
    } else {
        return set_copy_and_difference(so, other);
    }
    if ((PySet_GET_SIZE(so) >> 2) > other_size) {
        return set_copy_and_difference(so, other);
    }
    PyObject *result = make_new_set_basetype(Py_TYPE(so), NULL);
    if (result == NULL) {
        return NULL;
    }
    setentry *entry;
    Py_ssize_t pos = 0;
    int is_dict = PyDict_CheckExact(other);
    while (set_next(so, &pos, &entry)) {
        PyObject *key = Py_NewRef(entry->key);
        Py_hash_t hash = entry->hash;
        int rv = is_dict ? _PyDict_Contains_KnownHash(other, key, hash)
                         : set_contains_entry((PySetObject *)other, key, hash);
        if (rv == 0) {
            rv = set_add_entry((PySetObject *)result, key, hash);
        }
        Py_DECREF(key);
        if (rv < 0) {
            Py_DECREF(result);
            return NULL;
        }
    }
    return result;
}

static int
symmetric_update_from_set(PySetObject *so, PySetObject *otherset)
{
    setentry *entry;
    Py_ssize_t pos = 0;
    while (set_next(otherset, &pos, &entry)) {
        PyObject *key = Py_NewRef(entry->key);
        Py_hash_t hash = entry->hash;
        int rv = set_discard_entry(so, key, hash);
        if (rv == DISCARD_NOTFOUND) {
            rv = set_add_entry(so, key, hash);
        }
        Py_DECREF(key);
        if (rv < 0) {
            return -1;
        }
    }
    return 0;
}

static int
set_symmetric_difference_update_internal(PySetObject *so, PyObject *other)
{
    if ((PyObject *)so == other) {
        return set_clear_internal(so);
    }
    if (PyDict_CheckExact(other)) {
        Py_ssize_t pos = 0;
        PyObject *key, *value;
        Py_hash_t hash;
        while (_PyDict_Next(other, &pos, &key, &value, &hash)) {
            Py_INCREF(key);
            int rv = set_discard_entry(so, key, hash);
            if (rv == DISCARD_NOTFOUND) {
                rv = set_add_entry(so, key, hash);
            }
            Py_DECREF(key);
            if (rv < 0) {
                return -1;
            }
        }
        return 0;
    }
    PyObject *otherset;
    if (PyAnySet_Check(other)) {
        otherset = Py_NewRef(other);
    } else {
        otherset = make_new_set_basetype(Py_TYPE(so), other);
        if (otherset == NULL) {
            return -1;
        }
    }
    int rc = symmetric_update_from_set(so, (PySetObject *)otherset);
    Py_DECREF(otherset);
    return rc;
}

int
pyrs_set_symmetric_difference_update(PyObject *set, PyObject *other)
{
    return set_symmetric_difference_update_internal((PySetObject *)set, other);
}

static PyObject *
set_symmetric_difference(PySetObject *so, PyObject *other)
{
    PyObject *otherset = make_new_set_basetype(Py_TYPE(so), other);
    if (otherset == NULL) {
        return NULL;
    }
    if (set_symmetric_difference_update_internal((PySetObject *)otherset, (PyObject *)so) < 0) {
        Py_DECREF(otherset);
        return NULL;
    }
    return otherset;
}

/* 1 if every element of SO is in OTHER (any iterable). */
static int
set_issubset_impl(PySetObject *so, PyObject *other)
{
    if (!PyAnySet_Check(other)) {
        PyObject *tmp = make_new_set(&PySet_Type, other);
        if (tmp == NULL) {
            return -1;
        }
        int rv = set_issubset_impl(so, tmp);
        Py_DECREF(tmp);
        return rv;
    }
    if (PySet_GET_SIZE(so) > PySet_GET_SIZE(other)) {
        return 0;
    }
    setentry *entry;
    Py_ssize_t pos = 0;
    while (set_next(so, &pos, &entry)) {
        PyObject *key = Py_NewRef(entry->key);
        int rv = set_contains_entry((PySetObject *)other, key, entry->hash);
        Py_DECREF(key);
        if (rv <= 0) {
            return rv;
        }
    }
    return 1;
}

static int
set_issuperset_impl(PySetObject *so, PyObject *other)
{
    if (PyAnySet_Check(other)) {
        return set_issubset_impl((PySetObject *)other, (PyObject *)so);
    }
    PyObject *it = PyObject_GetIter(other), *key;
    if (it == NULL) {
        return -1;
    }
    while ((key = PyIter_Next(it)) != NULL) {
        int rv = set_contains_key(so, key);
        Py_DECREF(key);
        if (rv <= 0) {
            Py_DECREF(it);
            return rv;
        }
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 1;
}

static int
set_isdisjoint_impl(PySetObject *so, PyObject *other)
{
    if ((PyObject *)so == other) {
        return PySet_GET_SIZE(so) == 0;
    }
    if (PyAnySet_Check(other)) {
        if (PySet_GET_SIZE(other) > PySet_GET_SIZE(so)) {
            PyObject *tmp = (PyObject *)so;
            so = (PySetObject *)other;
            other = tmp;
        }
        setentry *entry;
        Py_ssize_t pos = 0;
        while (set_next((PySetObject *)other, &pos, &entry)) {
            PyObject *key = Py_NewRef(entry->key);
            int rv = set_contains_entry(so, key, entry->hash);
            Py_DECREF(key);
            if (rv != 0) {
                return rv < 0 ? -1 : 0;
            }
        }
        return 1;
    }
    PyObject *it = PyObject_GetIter(other), *key;
    if (it == NULL) {
        return -1;
    }
    while ((key = PyIter_Next(it)) != NULL) {
        int rv = set_contains_key(so, key);
        Py_DECREF(key);
        if (rv != 0) {
            Py_DECREF(it);
            return rv < 0 ? -1 : 0;
        }
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 1;
}

static PyObject *
bool_or_null(int rv)
{
    return rv < 0 ? NULL : PyBool_FromLong(rv);
}

/* ---- C-API ---- */

PyObject *
PySet_New(PyObject *iterable)
{
    return make_new_set(&PySet_Type, iterable);
}

PyObject *
PyFrozenSet_New(PyObject *iterable)
{
    return make_new_set(&PyFrozenSet_Type, iterable);
}

Py_ssize_t
PySet_Size(PyObject *anyset)
{
    if (!PyAnySet_Check(anyset)) {
        PyErr_BadInternalCall();
        return -1;
    }
    return PySet_GET_SIZE(anyset);
}

int
PySet_Clear(PyObject *set)
{
    if (!PySet_Check(set)) {
        PyErr_BadInternalCall();
        return -1;
    }
    return set_clear_internal((PySetObject *)set);
}

int
PySet_Contains(PyObject *anyset, PyObject *key)
{
    if (!PyAnySet_Check(anyset)) {
        PyErr_BadInternalCall();
        return -1;
    }
    return set_contains_key((PySetObject *)anyset, key);
}

int
PySet_Discard(PyObject *set, PyObject *key)
{
    if (!PySet_Check(set)) {
        PyErr_BadInternalCall();
        return -1;
    }
    return set_discard_key((PySetObject *)set, key);
}

int
PySet_Add(PyObject *anyset, PyObject *key)
{
    if (!PySet_Check(anyset) && (!PyFrozenSet_Check(anyset) || Py_REFCNT(anyset) != 1)) {
        PyErr_BadInternalCall();
        return -1;
    }
    return set_add_key((PySetObject *)anyset, key);
}

int
_PySet_NextEntry(PyObject *set, Py_ssize_t *pos, PyObject **key, Py_hash_t *hash)
{
    setentry *entry;
    if (!PyAnySet_Check(set)) {
        PyErr_BadInternalCall();
        return -1;
    }
    if (set_next((PySetObject *)set, pos, &entry) == 0) {
        return 0;
    }
    *key = entry->key;
    *hash = entry->hash;
    return 1;
}

static PyObject *
set_pop(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    PySetObject *so = (PySetObject *)op;
    if (so->used == 0) {
        PyErr_SetString(PyExc_KeyError, "pop from an empty set");
        return NULL;
    }
    /* Resume the scan where the last pop stopped, so repeated pops stay linear. */
    setentry *entry = so->table + (so->finger & so->mask), *limit = so->table + so->mask;
    while (entry->key == NULL || entry->key == dummy) {
        entry++;
        if (entry > limit) {
            entry = so->table;
        }
    }
    PyObject *key = entry->key;
    entry->key = dummy;
    entry->hash = -1;
    so->used--;
    so->finger = entry - so->table + 1;
    return key;
}

PyObject *
PySet_Pop(PyObject *set)
{
    if (!PySet_Check(set)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    return set_pop(set, NULL);
}

int
_PySet_Update(PyObject *set, PyObject *iterable)
{
    if (!PyAnySet_Check(set)) {
        PyErr_BadInternalCall();
        return -1;
    }
    return set_update_internal((PySetObject *)set, iterable);
}

/* ---- type slots ---- */

static void
set_dealloc(PyObject *op)
{
    PySetObject *so = (PySetObject *)op;
    Py_ssize_t used = so->fill;
    PyObject_GC_UnTrack(op);
    if (pyrs_trash_begin(op, set_dealloc)) {
        return;
    }
    if (so->weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    for (setentry *entry = so->table; used > 0; entry++) {
        if (entry->key != NULL) {
            used--;
            if (entry->key != dummy) {
                Py_DECREF(entry->key);
            }
        }
    }
    if (so->table != so->smalltable) {
        PyMem_Free(so->table);
    }
    Py_TYPE(op)->tp_free(op);
    pyrs_trash_end();
}

static int
set_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_ssize_t pos = 0;
    setentry *entry;
    while (set_next((PySetObject *)op, &pos, &entry)) {
        Py_VISIT(entry->key);
    }
    return 0;
}

static int
set_tp_clear(PyObject *op)
{
    return set_clear_internal((PySetObject *)op);
}

/* The frozenset hash of CPython 3.11: order-independent mix of the entry hashes. */
static Py_uhash_t
shuffle_bits(Py_uhash_t h)
{
    return ((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL;
}

static Py_hash_t
frozenset_hash(PyObject *self)
{
    PySetObject *so = (PySetObject *)self;
    if (so->hash != -1) {
        return so->hash;
    }
    Py_uhash_t hash = 0;
    for (setentry *entry = so->table; entry <= &so->table[so->mask]; entry++) {
        hash ^= shuffle_bits((Py_uhash_t)entry->hash);
    }
    /* Cancel the contribution of an odd number of unused and of dummy slots. */
    if ((so->mask + 1 - so->fill) & 1) {
        hash ^= shuffle_bits(0);
    }
    if ((so->fill - so->used) & 1) {
        hash ^= shuffle_bits((Py_uhash_t)-1);
    }
    hash ^= ((Py_uhash_t)PySet_GET_SIZE(self) + 1) * 1927868237UL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923UL;
    if (hash == (Py_uhash_t)-1) {
        hash = 590923713UL;
    }
    so->hash = (Py_hash_t)hash;
    return so->hash;
}

static PyObject *
set_repr(PyObject *op)
{
    PySetObject *so = (PySetObject *)op;
    int status = Py_ReprEnter(op);
    if (status != 0) {
        return status < 0 ? NULL : PyUnicode_FromFormat("%s(...)", Py_TYPE(op)->tp_name);
    }
    PyObject *res = NULL;
    if (so->used == 0) {
        res = PyUnicode_FromFormat("%s()", Py_TYPE(op)->tp_name);
    } else {
        PyObject *keys = PySequence_List(op);
        if (keys != NULL) {
            PyObject *open = PySet_CheckExact(op)
                                 ? PyUnicode_FromString("{")
                                 : PyUnicode_FromFormat("%s({", Py_TYPE(op)->tp_name);
            const char *open_s = open ? PyUnicode_AsUTF8(open) : NULL;
            if (open_s != NULL) {
                res = pyrs_tuple_repr_items(((PyListObject *)keys)->ob_item, Py_SIZE(keys), open_s,
                                            PySet_CheckExact(op) ? "}" : "})");
            }
            Py_XDECREF(open);
            Py_DECREF(keys);
        }
    }
    Py_ReprLeave(op);
    return res;
}

static Py_ssize_t
set_len(PyObject *so)
{
    return ((PySetObject *)so)->used;
}

/* key in set, where an unhashable set key is retried as a frozenset. */
/* See pyrs/set.h. */
int
pyrs_set_contains(PyObject *op, PyObject *key)
{
    int rv = set_contains_key((PySetObject *)op, key);
    if (rv < 0) {
        if (!PySet_Check(key) || !PyErr_ExceptionMatches(PyExc_TypeError)) {
            return -1;
        }
        PyErr_Clear();
        PyObject *tmpkey = make_new_set(&PyFrozenSet_Type, key);
        if (tmpkey == NULL) {
            return -1;
        }
        rv = set_contains_key((PySetObject *)op, tmpkey);
        Py_DECREF(tmpkey);
    }
    return rv;
}

static PyObject *
set_richcompare(PyObject *v, PyObject *w, int op)
{
    if (!PyAnySet_Check(w)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PySetObject *a = (PySetObject *)v, *b = (PySetObject *)w;
    int r;
    switch (op) {
    case Py_EQ:
    case Py_NE:
        if (PySet_GET_SIZE(a) != PySet_GET_SIZE(b)) {
            r = 0;
        } else if (a->hash != -1 && b->hash != -1 && a->hash != b->hash) {
            r = 0;
        } else {
            r = set_issubset_impl(a, w);
        }
        if (r >= 0 && op == Py_NE) {
            r = !r;
        }
        return bool_or_null(r);
    case Py_LE:
        return bool_or_null(set_issubset_impl(a, w));
    case Py_GE:
        return bool_or_null(set_issuperset_impl(a, w));
    case Py_LT:
        if (PySet_GET_SIZE(a) >= PySet_GET_SIZE(b)) {
            Py_RETURN_FALSE;
        }
        return bool_or_null(set_issubset_impl(a, w));
    default:
        if (PySet_GET_SIZE(a) <= PySet_GET_SIZE(b)) {
            Py_RETURN_FALSE;
        }
        return bool_or_null(set_issuperset_impl(a, w));
    }
}

static PyObject *
set_or(PyObject *so, PyObject *other)
{
    if (!PyAnySet_Check(so) || !PyAnySet_Check(other)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *result = set_copy(so, NULL);
    if (result == NULL || so == other) {
        return result;
    }
    if (set_update_internal((PySetObject *)result, other) < 0) {
        Py_DECREF(result);
        return NULL;
    }
    return result;
}

static PyObject *
set_and(PyObject *so, PyObject *other)
{
    if (!PyAnySet_Check(so) || !PyAnySet_Check(other)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    return set_intersection((PySetObject *)so, other);
}

static PyObject *
set_sub(PyObject *so, PyObject *other)
{
    if (!PyAnySet_Check(so) || !PyAnySet_Check(other)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    return set_difference((PySetObject *)so, other);
}

static PyObject *
set_xor(PyObject *so, PyObject *other)
{
    if (!PyAnySet_Check(so) || !PyAnySet_Check(other)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    return set_symmetric_difference((PySetObject *)so, other);
}

static PyObject *
set_ior(PyObject *so, PyObject *other)
{
    if (!PyAnySet_Check(other)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (set_update_internal((PySetObject *)so, other) < 0) {
        return NULL;
    }
    return Py_NewRef(so);
}

static PyObject *
set_iand(PyObject *so, PyObject *other)
{
    if (!PyAnySet_Check(other)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *tmp = set_intersection((PySetObject *)so, other);
    if (tmp == NULL) {
        return NULL;
    }
    set_swap_bodies((PySetObject *)so, (PySetObject *)tmp);
    Py_DECREF(tmp);
    return Py_NewRef(so);
}

static PyObject *
set_isub(PyObject *so, PyObject *other)
{
    if (!PyAnySet_Check(other)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (set_difference_update_internal((PySetObject *)so, other) < 0) {
        return NULL;
    }
    return Py_NewRef(so);
}

static PyObject *
set_ixor(PyObject *so, PyObject *other)
{
    if (!PyAnySet_Check(other)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (set_symmetric_difference_update_internal((PySetObject *)so, other) < 0) {
        return NULL;
    }
    return Py_NewRef(so);
}

/* ---- methods ---- */

static PyObject *
set_add(PyObject *so, PyObject *key)
{
    if (set_add_key((PySetObject *)so, key) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
set_clear(PyObject *so, PyObject *Py_UNUSED(ignored))
{
    set_clear_internal((PySetObject *)so);
    Py_RETURN_NONE;
}

static PyObject *
frozenset_copy(PyObject *so, PyObject *Py_UNUSED(ignored))
{
    if (PyFrozenSet_CheckExact(so)) {
        return Py_NewRef(so);
    }
    return set_copy(so, NULL);
}

static PyObject *
set_direct_contains(PyObject *so, PyObject *key)
{
    return bool_or_null(pyrs_set_contains(so, key));
}

/* discard / remove: a set key is retried as a frozenset like `in`. */
static int
set_discard_retry(PyObject *so, PyObject *key)
{
    int rv = set_discard_key((PySetObject *)so, key);
    if (rv < 0) {
        if (!PySet_Check(key) || !PyErr_ExceptionMatches(PyExc_TypeError)) {
            return -1;
        }
        PyErr_Clear();
        PyObject *tmpkey = make_new_set(&PyFrozenSet_Type, key);
        if (tmpkey == NULL) {
            return -1;
        }
        rv = set_discard_key((PySetObject *)so, tmpkey);
        Py_DECREF(tmpkey);
    }
    return rv;
}

static PyObject *
set_discard(PyObject *so, PyObject *key)
{
    if (set_discard_retry(so, key) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
set_remove(PyObject *so, PyObject *key)
{
    int rv = set_discard_retry(so, key);
    if (rv < 0) {
        return NULL;
    }
    if (rv == DISCARD_NOTFOUND) {
        _PyErr_SetKeyError(key);
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
set_union(PyObject *so, PyObject *args)
{
    PyObject *result = set_copy(so, NULL);
    if (result == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
        PyObject *other = PyTuple_GET_ITEM(args, i);
        if (other == so) {
            continue;
        }
        if (set_update_internal((PySetObject *)result, other) < 0) {
            Py_DECREF(result);
            return NULL;
        }
    }
    return result;
}

static PyObject *
set_update(PyObject *so, PyObject *args)
{
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
        if (set_update_internal((PySetObject *)so, PyTuple_GET_ITEM(args, i)) < 0) {
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

static PyObject *
set_intersection_multi(PyObject *so, PyObject *args)
{
    if (PyTuple_GET_SIZE(args) == 0) {
        return set_copy(so, NULL);
    }
    PyObject *result = Py_NewRef(so);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
        PyObject *newresult = set_intersection((PySetObject *)result, PyTuple_GET_ITEM(args, i));
        Py_DECREF(result);
        if (newresult == NULL) {
            return NULL;
        }
        result = newresult;
    }
    return result;
}

static PyObject *
set_intersection_update_multi(PyObject *so, PyObject *args)
{
    PyObject *tmp = set_intersection_multi(so, args);
    if (tmp == NULL) {
        return NULL;
    }
    set_swap_bodies((PySetObject *)so, (PySetObject *)tmp);
    Py_DECREF(tmp);
    Py_RETURN_NONE;
}

static PyObject *
set_difference_multi(PyObject *so, PyObject *args)
{
    if (PyTuple_GET_SIZE(args) == 0) {
        return set_copy(so, NULL);
    }
    PyObject *result = set_difference((PySetObject *)so, PyTuple_GET_ITEM(args, 0));
    for (Py_ssize_t i = 1; result != NULL && i < PyTuple_GET_SIZE(args); i++) {
        if (set_difference_update_internal((PySetObject *)result, PyTuple_GET_ITEM(args, i)) < 0) {
            Py_CLEAR(result);
        }
    }
    return result;
}

static PyObject *
set_difference_update(PyObject *so, PyObject *args)
{
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
        if (set_difference_update_internal((PySetObject *)so, PyTuple_GET_ITEM(args, i)) < 0) {
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

static PyObject *
set_symmetric_difference_method(PyObject *so, PyObject *other)
{
    return set_symmetric_difference((PySetObject *)so, other);
}

static PyObject *
set_symmetric_difference_update(PyObject *so, PyObject *other)
{
    if (set_symmetric_difference_update_internal((PySetObject *)so, other) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
set_issubset(PyObject *so, PyObject *other)
{
    return bool_or_null(set_issubset_impl((PySetObject *)so, other));
}

static PyObject *
set_issuperset(PyObject *so, PyObject *other)
{
    return bool_or_null(set_issuperset_impl((PySetObject *)so, other));
}

static PyObject *
set_isdisjoint(PyObject *so, PyObject *other)
{
    return bool_or_null(set_isdisjoint_impl((PySetObject *)so, other));
}

static PyObject *
set_reduce(PyObject *so, PyObject *Py_UNUSED(ignored))
{
    PyObject *keys = PySequence_List(so), *args = NULL, *state = NULL, *res = NULL;
    if (keys == NULL || (args = PyTuple_Pack(1, keys)) == NULL) {
        goto done;
    }
    /* the state is __getstate__(), so __slots__ values are pickled too (3.11) */
    state = PyObject_CallMethod(so, "__getstate__", NULL);
    if (state == NULL) {
        goto done;
    }
    res = PyTuple_Pack(3, (PyObject *)Py_TYPE(so), args, state);
done:
    Py_XDECREF(keys);
    Py_XDECREF(args);
    Py_XDECREF(state);
    return res;
}

static PyObject *
set_sizeof(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    PySetObject *so = (PySetObject *)op;
    size_t res = (size_t)Py_TYPE(op)->tp_basicsize;
    if (so->table != so->smalltable) {
        res += ((size_t)so->mask + 1) * sizeof(setentry);
    }
    return PyLong_FromSize_t(res);
}

static int
set_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    PySetObject *self = (PySetObject *)op;
    if (pyrs_tuple_check_no_kwargs("set", kwds) < 0 ||
        pyrs_tuple_check_nargs(Py_TYPE(op)->tp_name, PyTuple_GET_SIZE(args), 0, 1) < 0) {
        return -1;
    }
    if (self->fill) {
        set_clear_internal(self);
    }
    self->hash = -1;
    if (PyTuple_GET_SIZE(args) == 0) {
        return 0;
    }
    return set_update_internal(self, PyTuple_GET_ITEM(args, 0));
}

static PyObject *
set_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    (void)args;
    if (type == &PySet_Type && pyrs_tuple_check_no_kwargs("set", kwds) < 0) {
        return NULL;
    }
    return make_new_set(type, NULL);
}

static PyObject *
frozenset_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    if ((type == &PyFrozenSet_Type || type->tp_init == PyFrozenSet_Type.tp_init) &&
        pyrs_tuple_check_no_kwargs("frozenset", kwds) < 0) {
        return NULL;
    }
    if (pyrs_tuple_check_nargs(type->tp_name, PyTuple_GET_SIZE(args), 0, 1) < 0) {
        return NULL;
    }
    PyObject *iterable = PyTuple_GET_SIZE(args) ? PyTuple_GET_ITEM(args, 0) : NULL;
    if (type == &PyFrozenSet_Type && iterable != NULL && PyFrozenSet_CheckExact(iterable)) {
        return Py_NewRef(iterable);
    }
    return make_new_set(type, iterable);
}

static PyObject *set_iter(PyObject *so);

static PyMethodDef set_methods[] = {
    {"add", set_add, METH_O,
     "Add an element to a set.\n\nThis has no effect if the element is already present."},
    {"clear", set_clear, METH_NOARGS, "Remove all elements from this set."},
    {"__contains__", set_direct_contains, METH_O | METH_COEXIST, "x.__contains__(y) <==> y in x."},
    {"copy", set_copy, METH_NOARGS, "Return a shallow copy of a set."},
    {"discard", set_discard, METH_O,
     "Remove an element from a set if it is a member.\n\n"
     "Unlike set.remove(), the discard() method does not raise\n"
     "an exception when an element is missing from the set."},
    {"difference", set_difference_multi, METH_VARARGS,
     "Return the difference of two or more sets as a new set.\n\n"
     "(i.e. all elements that are in this set but not the others.)"},
    {"difference_update", set_difference_update, METH_VARARGS,
     "Remove all elements of another set from this set."},
    {"intersection", set_intersection_multi, METH_VARARGS,
     "Return the intersection of two sets as a new set.\n\n"
     "(i.e. all elements that are in both sets.)"},
    {"intersection_update", set_intersection_update_multi, METH_VARARGS,
     "Update a set with the intersection of itself and another."},
    {"isdisjoint", set_isdisjoint, METH_O, "Return True if two sets have a null intersection."},
    {"issubset", set_issubset, METH_O, "Report whether another set contains this set."},
    {"issuperset", set_issuperset, METH_O, "Report whether this set contains another set."},
    {"pop", set_pop, METH_NOARGS,
     "Remove and return an arbitrary set element.\nRaises KeyError if the set is empty."},
    {"__reduce__", set_reduce, METH_NOARGS, "Return state information for pickling."},
    {"remove", set_remove, METH_O,
     "Remove an element from a set; it must be a member.\n\n"
     "If the element is not a member, raise a KeyError."},
    {"__sizeof__", set_sizeof, METH_NOARGS, "S.__sizeof__() -> size of S in memory, in bytes"},
    {"symmetric_difference", set_symmetric_difference_method, METH_O,
     "Return the symmetric difference of two sets as a new set.\n\n"
     "(i.e. all elements that are in exactly one of the sets.)"},
    {"symmetric_difference_update", set_symmetric_difference_update, METH_O,
     "Update a set with the symmetric difference of itself and another."},
    {"union", set_union, METH_VARARGS,
     "Return the union of sets as a new set.\n\n(i.e. all elements that are in either set.)"},
    {"update", set_update, METH_VARARGS, "Update a set with the union of itself and others."},
    {"__class_getitem__", pyrs_tuple_class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef frozenset_methods[] = {
    {"__contains__", set_direct_contains, METH_O | METH_COEXIST, "x.__contains__(y) <==> y in x."},
    {"copy", frozenset_copy, METH_NOARGS, "Return a shallow copy of a set."},
    {"difference", set_difference_multi, METH_VARARGS,
     "Return the difference of two or more sets as a new set.\n\n"
     "(i.e. all elements that are in this set but not the others.)"},
    {"intersection", set_intersection_multi, METH_VARARGS,
     "Return the intersection of two sets as a new set.\n\n"
     "(i.e. all elements that are in both sets.)"},
    {"isdisjoint", set_isdisjoint, METH_O, "Return True if two sets have a null intersection."},
    {"issubset", set_issubset, METH_O, "Report whether another set contains this set."},
    {"issuperset", set_issuperset, METH_O, "Report whether this set contains another set."},
    {"__reduce__", set_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__sizeof__", set_sizeof, METH_NOARGS, "S.__sizeof__() -> size of S in memory, in bytes"},
    {"symmetric_difference", set_symmetric_difference_method, METH_O,
     "Return the symmetric difference of two sets as a new set.\n\n"
     "(i.e. all elements that are in exactly one of the sets.)"},
    {"union", set_union, METH_VARARGS,
     "Return the union of sets as a new set.\n\n(i.e. all elements that are in either set.)"},
    {"__class_getitem__", pyrs_tuple_class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

static PyNumberMethods set_as_number = {
    .nb_subtract = set_sub,
    .nb_and = set_and,
    .nb_xor = set_xor,
    .nb_or = set_or,
    .nb_inplace_subtract = set_isub,
    .nb_inplace_and = set_iand,
    .nb_inplace_xor = set_ixor,
    .nb_inplace_or = set_ior,
};

static PyNumberMethods frozenset_as_number = {
    .nb_subtract = set_sub,
    .nb_and = set_and,
    .nb_xor = set_xor,
    .nb_or = set_or,
};

static PySequenceMethods set_as_sequence = {
    .sq_length = set_len,
    .sq_contains = pyrs_set_contains,
};

PyTypeObject PySet_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "set",
    .tp_basicsize = sizeof(PySetObject),
    .tp_dealloc = set_dealloc,
    .tp_repr = set_repr,
    .tp_as_number = &set_as_number,
    .tp_as_sequence = &set_as_sequence,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags =
        Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF,
    .tp_doc = "set() -> new empty set object\n"
              "set(iterable) -> new set object\n\n"
              "Build an unordered collection of unique elements.",
    .tp_traverse = set_traverse,
    .tp_clear = set_tp_clear,
    .tp_richcompare = set_richcompare,
    .tp_weaklistoffset = offsetof(PySetObject, weakreflist),
    .tp_iter = set_iter,
    .tp_methods = set_methods,
    .tp_init = set_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = set_new,
    .tp_free = PyObject_GC_Del,
};

PyTypeObject PyFrozenSet_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "frozenset",
    .tp_basicsize = sizeof(PySetObject),
    .tp_dealloc = set_dealloc,
    .tp_repr = set_repr,
    .tp_as_number = &frozenset_as_number,
    .tp_as_sequence = &set_as_sequence,
    .tp_hash = frozenset_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags =
        Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF,
    .tp_doc = "frozenset() -> empty frozenset object\n"
              "frozenset(iterable) -> frozenset object\n\n"
              "Build an immutable unordered collection of unique elements.",
    .tp_traverse = set_traverse,
    .tp_clear = set_tp_clear,
    .tp_richcompare = set_richcompare,
    .tp_weaklistoffset = offsetof(PySetObject, weakreflist),
    .tp_iter = set_iter,
    .tp_methods = frozenset_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = frozenset_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- iterator ---- */

typedef struct {
    PyObject_HEAD
    PySetObject *si_set; /* owned; NULL once exhausted */
    Py_ssize_t si_used;  /* used when created; -1 after a size-change error */
    Py_ssize_t si_pos;   /* next slot */
    Py_ssize_t len;      /* elements still expected */
} setiterobject;

static PyObject *
set_iter(PyObject *so)
{
    setiterobject *si = PyObject_GC_New(setiterobject, &PySetIter_Type);
    if (si == NULL) {
        return NULL;
    }
    si->si_set = (PySetObject *)Py_NewRef(so);
    si->si_used = ((PySetObject *)so)->used;
    si->si_pos = 0;
    si->len = ((PySetObject *)so)->used;
    PyObject_GC_Track(si);
    return (PyObject *)si;
}

static void
setiter_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    Py_XDECREF(((setiterobject *)op)->si_set);
    PyObject_GC_Del(op);
}

static int
setiter_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(((setiterobject *)op)->si_set);
    return 0;
}

static PyObject *
setiter_len(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    setiterobject *si = (setiterobject *)op;
    Py_ssize_t len = 0;
    if (si->si_set != NULL && si->si_used == si->si_set->used) {
        len = si->len;
    }
    return PyLong_FromSsize_t(len);
}

static PyObject *
setiter_iternext(PyObject *op)
{
    setiterobject *si = (setiterobject *)op;
    PySetObject *so = si->si_set;
    if (so == NULL) {
        return NULL;
    }
    if (si->si_used != so->used) {
        PyErr_SetString(PyExc_RuntimeError, "Set changed size during iteration");
        si->si_used = -1;
        return NULL;
    }
    Py_ssize_t i = si->si_pos, mask = so->mask;
    setentry *entry = so->table;
    while (i <= mask && (entry[i].key == NULL || entry[i].key == dummy)) {
        i++;
    }
    si->si_pos = i + 1;
    if (i > mask) {
        si->si_set = NULL;
        Py_DECREF(so);
        return NULL;
    }
    si->len--;
    return Py_NewRef(entry[i].key);
}

/* (iter, (list of the remaining elements,)), without consuming SELF. */
static PyObject *
setiter_reduce(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    setiterobject *si = (setiterobject *)op;
    PyObject *list;
    if (si->si_set == NULL) {
        list = PyList_New(0);
    } else {
        setiterobject *copy = PyObject_GC_New(setiterobject, &PySetIter_Type);
        if (copy == NULL) {
            return NULL;
        }
        copy->si_set = (PySetObject *)Py_NewRef(si->si_set);
        copy->si_used = si->si_used;
        copy->si_pos = si->si_pos;
        copy->len = si->len;
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

static PyMethodDef setiter_methods[] = {
    {"__length_hint__", setiter_len, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", setiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PySetIter_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "set_iterator",
    .tp_basicsize = sizeof(setiterobject),
    .tp_dealloc = setiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = setiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = setiter_iternext,
    .tp_methods = setiter_methods,
};

int
pyrs_set_init(void)
{
    if (PyType_Ready(&PySet_Type) < 0 || PyType_Ready(&PyFrozenSet_Type) < 0 ||
        PyType_Ready(&PySetIter_Type) < 0) {
        return -1;
    }
    return 0;
}
