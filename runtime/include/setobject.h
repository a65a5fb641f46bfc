/* setobject.h: set and frozenset with CPython 3.11's PySetObject layout (open addressing
 * with an 8-slot inline table) and their C-API (Objects/setobject.c's surface). */
#ifndef PYRS_SETOBJECT_H
#define PYRS_SETOBJECT_H

#include "object.h"

#define PySet_MINSIZE 8

/* One slot: key NULL = never used, key = the dummy marker (hash -1) = deleted. */
typedef struct {
    PyObject *key;  /* owned reference, NULL, or the dummy */
    Py_hash_t hash; /* cached hash of key */
} setentry;

typedef struct {
    PyObject_HEAD
    Py_ssize_t fill;                    /* active + dummy slots */
    Py_ssize_t used;                    /* active slots */
    Py_ssize_t mask;                    /* table size - 1 (size is a power of 2) */
    setentry *table;                    /* smalltable or a heap array of mask + 1 slots */
    Py_hash_t hash;                     /* frozenset hash cache, -1 until computed */
    Py_ssize_t finger;                  /* where pop() resumes its scan */
    setentry smalltable[PySet_MINSIZE]; /* inline table for small sets */
    PyObject *weakreflist;              /* weak references to this set */
} PySetObject;

PyAPI_DATA(PyTypeObject) PySet_Type;
PyAPI_DATA(PyTypeObject) PyFrozenSet_Type;
PyAPI_DATA(PyTypeObject) PySetIter_Type;

#define PySet_GET_SIZE(so)         (((PySetObject *)(so))->used)
#define PyFrozenSet_CheckExact(ob) Py_IS_TYPE((ob), &PyFrozenSet_Type)
#define PyFrozenSet_Check(ob)                                                                      \
    (Py_IS_TYPE((ob), &PyFrozenSet_Type) || PyType_IsSubtype(Py_TYPE(ob), &PyFrozenSet_Type))
#define PySet_CheckExact(op) Py_IS_TYPE((op), &PySet_Type)
#define PySet_Check(ob)                                                                            \
    (Py_IS_TYPE((ob), &PySet_Type) || PyType_IsSubtype(Py_TYPE(ob), &PySet_Type))
#define PyAnySet_CheckExact(ob)                                                                    \
    (Py_IS_TYPE((ob), &PySet_Type) || Py_IS_TYPE((ob), &PyFrozenSet_Type))
#define PyAnySet_Check(ob)                                                                         \
    (PyAnySet_CheckExact(ob) || PyType_IsSubtype(Py_TYPE(ob), &PySet_Type) ||                      \
     PyType_IsSubtype(Py_TYPE(ob), &PyFrozenSet_Type))

/* New set / frozenset from ITERABLE (NULL for empty); NULL on error. */
PyAPI_FUNC(PyObject *) PySet_New(PyObject *iterable);
PyAPI_FUNC(PyObject *) PyFrozenSet_New(PyObject *iterable);
/* Adds KEY (borrowed); also allowed on a fresh frozenset. 0 or -1. */
PyAPI_FUNC(int) PySet_Add(PyObject *set, PyObject *key);
/* 1 if removed, 0 if absent, -1 on error. */
PyAPI_FUNC(int) PySet_Discard(PyObject *set, PyObject *key);
/* 1, 0, or -1 on error. */
PyAPI_FUNC(int) PySet_Contains(PyObject *anyset, PyObject *key);
PyAPI_FUNC(Py_ssize_t) PySet_Size(PyObject *anyset);
/* Removes and returns an arbitrary item (new reference); KeyError when empty. */
PyAPI_FUNC(PyObject *) PySet_Pop(PyObject *set);
/* Empties the set. 0 or -1. */
PyAPI_FUNC(int) PySet_Clear(PyObject *set);
/* Table-order iteration with borrowed *key and its hash; 1 or 0 at the end. */
PyAPI_FUNC(int) _PySet_NextEntry(PyObject *set, Py_ssize_t *pos, PyObject **key, Py_hash_t *hash);
/* set.update(iterable). 0 or -1. */
PyAPI_FUNC(int) _PySet_Update(PyObject *set, PyObject *iterable);

#endif /* PYRS_SETOBJECT_H */
