/* pyrs/containers.h: helpers shared by the container types (tuple, list, dict, set, slice,
 * range, iterators): argument-count checks with CPython's Argument Clinic wording, slice
 * index conversion, and repr assembly. Internal header. */
#ifndef PYRS_CONTAINERS_H
#define PYRS_CONTAINERS_H

#include "Python.h"

/* types.GenericAlias (genericaliasobject.c, not yet in the tree): weak, so the containers link
 * without it; pyrs_tuple_class_getitem raises TypeError while it is missing. */
PyAPI_FUNC(PyObject *) Py_GenericAlias(PyObject *origin, PyObject *args) __attribute__((weak));
/* tupleobject.c: the __class_getitem__ of every container type (METH_O | METH_CLASS). */
PyObject *pyrs_tuple_class_getitem(PyObject *cls, PyObject *args);

/* tupleobject.c. 0 if MIN <= NARGS <= MAX, else -1 with TypeError worded as CPython's
 * "NAME expected at most 1 argument, got 2". */
PYRS_MUST_CHECK int pyrs_tuple_check_nargs(const char *name, Py_ssize_t nargs, Py_ssize_t min,
                                           Py_ssize_t max);
/* 0 if KWDS is NULL or empty, else -1 with "NAME() takes no keyword arguments". */
PYRS_MUST_CHECK int pyrs_tuple_check_no_kwargs(const char *name, PyObject *kwds);
/* OPEN + ", ".join(repr(x) for x in ITEMS[0..N)) + CLOSE as a new str; NULL on error. May run
 * Python code (__repr__). */
PyObject *pyrs_tuple_repr_items(PyObject *const *items, Py_ssize_t n, const char *open,
                                const char *close);
/* New tuple holding the items of ITERABLE (a tuple is returned as is); NULL on error. */
PyObject *pyrs_tuple_from_iterable(PyObject *iterable);

/* hash(KEY) for dict and set tables: the cached hash of an exact str and the value of an
 * exact int of at most two digits (below 2**60, so already reduced modulo 2**61 - 1) without a
 * call, else PyObject_Hash. -1 with the exception set when KEY is unhashable; may run Python
 * code (__hash__). */
static inline Py_hash_t
pyrs_containers_key_hash(PyObject *key)
{
    if (PyUnicode_CheckExact(key)) {
        Py_hash_t h = ((PyASCIIObject *)key)->hash;
        if (h != -1) {
            return h;
        }
    } else if (PyLong_CheckExact(key)) {
        Py_ssize_t n = Py_SIZE(key);
        const digit *d = ((PyLongObject *)key)->ob_digit;
        if (n >= -2 && n <= 2) {
            Py_hash_t x = n == 0 ? 0 : (Py_hash_t)d[0];
            if (n == 2 || n == -2) {
                x |= (Py_hash_t)d[1] << PyLong_SHIFT;
            }
            x = n < 0 ? -x : x;
            return x == -1 ? -2 : x;
        }
    }
    return PyObject_Hash(key);
}

/* Stores A and B (both stolen) in OUT[0] and OUT[1], releasing the previous values after
 * both are in place (the release can run __del__): how pair iterators hand an item to the
 * VM's registers without a tuple. */
static inline void
pyrs_containers_store_pair(PyObject **out, PyObject *a, PyObject *b)
{
    PyObject *old0 = out[0], *old1 = out[1];
    out[0] = a;
    out[1] = b;
    Py_XDECREF(old0);
    Py_XDECREF(old1);
}

/* enumobject.c. The next (index, item) of IT, an exact enumerate, stored as by
 * pyrs_containers_store_pair: 1; 0 when exhausted or with the exception set (the underlying
 * iterator's, or MemoryError). Runs the underlying iterator's Python code. */
int pyrs_enum_next_pair(PyObject *it, PyObject **out);

/* tupleobject.c: bounded-depth deallocation of nested containers (CPython's trashcan).
 * A container's tp_dealloc starts with `if (pyrs_trash_begin(op, own_dealloc)) return;` and
 * ends with pyrs_trash_end(). Past a nesting depth the object is parked and deallocated later
 * by the outermost level, so freeing a 10**6-deep list does not exhaust the C stack.
 * OWN_DEALLOC is the calling function: only objects whose type's tp_dealloc is exactly that
 * are parked (subclass instances are torn down by their own dealloc first). */
int pyrs_trash_begin(PyObject *op, destructor own_dealloc);
void pyrs_trash_end(void);

/* sliceobject.c. Converts V (None leaves *PI unchanged) with __index__, clamping to
 * Py_ssize_t; 0, or -1 with "slice indices must be integers or None or have an __index__
 * method". */
PYRS_MUST_CHECK int pyrs_slice_index(PyObject *v, Py_ssize_t *pi);
/* As pyrs_slice_index but None is an error too ("... integers or have an __index__ ..."). */
PYRS_MUST_CHECK int pyrs_slice_index_not_none(PyObject *v, Py_ssize_t *pi);

/* listobject.c. list(ITERABLE) as a new list; NULL on error. */
PyObject *pyrs_list_from_iterable(PyObject *iterable);

/* dictobject.c. Borrowed value for KEY with a known HASH, NULL if missing (no error) or on
 * error (exception set); may run Python code. */
PyObject *pyrs_dict_lookup_known_hash(PyObject *mp, PyObject *key, Py_hash_t hash);

/* iterobject.c: new reference to builtins.NAME (for iterators' __reduce__), or NULL with
 * an exception (RuntimeError while no builtins module exists). */
PyObject *pyrs_iter_builtin(const char *name);
/* iterobject.c: the __reduce__ value (builtins.iter, (SEQ,), STATE) of a positional
 * iterator, or (iter, (EMPTY,)) when exhausted (SEQ NULL); STATE NULL omits it. */
PyObject *pyrs_iter_reduce(PyObject *seq, PyObject *state, PyObject *empty);

/* enumobject.c: readies enumerate and reversed (called by pyrs_iter_init). 0 or -1. */
PYRS_MUST_CHECK int pyrs_enum_init(void);

#endif /* PYRS_CONTAINERS_H */
