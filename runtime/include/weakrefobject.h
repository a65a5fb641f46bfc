/* weakrefobject.h: weak references (weakref.ref, proxies) with CPython 3.11's
 * PyWeakReference layout and PyWeakref_* API; implemented in weakrefobject.c. */
#ifndef PYRS_WEAKREFOBJECT_H
#define PYRS_WEAKREFOBJECT_H

#include "pyrs/port.h"

typedef struct _PyWeakReference PyWeakReference;

struct _PyWeakReference {
    PyObject_HEAD
    PyObject *wr_object;      /* referent (borrowed), Py_None once it died */
    PyObject *wr_callback;    /* callable or NULL */
    Py_hash_t hash;           /* cached hash of the referent, -1 until computed */
    PyWeakReference *wr_prev; /* neighbours in the referent's weakref list */
    PyWeakReference *wr_next;
    vectorcallfunc vectorcall; /* calling the ref returns the referent */
};

PyAPI_DATA(PyTypeObject) _PyWeakref_RefType;
PyAPI_DATA(PyTypeObject) _PyWeakref_ProxyType;
PyAPI_DATA(PyTypeObject) _PyWeakref_CallableProxyType;

#define PyWeakref_CheckRef(op)      PyObject_TypeCheck((op), &_PyWeakref_RefType)
#define PyWeakref_CheckRefExact(op) Py_IS_TYPE((op), &_PyWeakref_RefType)
#define PyWeakref_CheckProxy(op)                                                                   \
    (Py_IS_TYPE((op), &_PyWeakref_ProxyType) || Py_IS_TYPE((op), &_PyWeakref_CallableProxyType))
#define PyWeakref_Check(op) (PyWeakref_CheckRef(op) || PyWeakref_CheckProxy(op))

/* New weak reference / proxy to OB with optional CALLBACK (None means none); new reference,
 * or NULL with TypeError "cannot create weak reference to 'T' object". Callback-less refs
 * are shared. */
PyAPI_FUNC(PyObject *) PyWeakref_NewRef(PyObject *ob, PyObject *callback);
PyAPI_FUNC(PyObject *) PyWeakref_NewProxy(PyObject *ob, PyObject *callback);
/* The referent (borrowed) or Py_None when dead; NULL with SystemError if REF is not a ref. */
PyAPI_FUNC(PyObject *) PyWeakref_GetObject(PyObject *ref);
#define PyWeakref_GET_OBJECT(ref) (((PyWeakReference *)(ref))->wr_object)

/* Called by tp_dealloc of weakly referenceable objects: clears every weak reference to OB
 * and runs their callbacks (errors are reported as unraisable). */
PyAPI_FUNC(void) PyObject_ClearWeakRefs(PyObject *ob);
/* Number of weak references (refs and proxies) in the list starting at HEAD. */
PyAPI_FUNC(Py_ssize_t) _PyWeakref_GetWeakrefCount(PyWeakReference *head);
/* Clear one reference without calling its callback (used by the GC). */
PyAPI_FUNC(void) _PyWeakref_ClearRef(PyWeakReference *self);

#endif /* PYRS_WEAKREFOBJECT_H */
