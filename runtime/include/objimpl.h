/* objimpl.h: object memory (PyObject_Malloc and friends), object initialisation and
 * creation (PyObject_Init, PyObject_New) and the cycle-GC interface (PyGC_Head in front of
 * every GC object, PyObject_GC_*), with CPython 3.11's names, layouts and contracts. */
#ifndef PYRS_OBJIMPL_H
#define PYRS_OBJIMPL_H

#include "pyrs/port.h"

/* Object memory: NULL on failure without an exception (mem.c). */
PyAPI_FUNC(void *) PyObject_Malloc(size_t size);
PyAPI_FUNC(void *) PyObject_Calloc(size_t nelem, size_t elsize);
PyAPI_FUNC(void *) PyObject_Realloc(void *ptr, size_t new_size);
PyAPI_FUNC(void) PyObject_Free(void *ptr);

#define PyObject_MALLOC  PyObject_Malloc
#define PyObject_REALLOC PyObject_Realloc
#define PyObject_FREE    PyObject_Free
#define PyObject_Del     PyObject_Free
#define PyObject_DEL     PyObject_Free

/* Initialise the header of freshly allocated memory: sets the type (a new reference for heap
 * types) and refcount 1; returns OP. PyObject_InitVar also sets ob_size. */
PyAPI_FUNC(PyObject *) PyObject_Init(PyObject *op, PyTypeObject *tp);
PyAPI_FUNC(PyVarObject *) PyObject_InitVar(PyVarObject *op, PyTypeObject *tp, Py_ssize_t size);

/* Allocate and initialise a non-GC object of tp_basicsize (+ n * tp_itemsize) bytes; new
 * reference, or NULL with MemoryError. The memory is not zeroed beyond the header. */
PyAPI_FUNC(PyObject *) _PyObject_New(PyTypeObject *tp);
PyAPI_FUNC(PyVarObject *) _PyObject_NewVar(PyTypeObject *tp, Py_ssize_t n);

#define PyObject_New(type, typeobj)       ((type *)_PyObject_New(typeobj))
#define PyObject_NewVar(type, typeobj, n) ((type *)_PyObject_NewVar((typeobj), (n)))
#define PyObject_NEW                      PyObject_New
#define PyObject_NEW_VAR                  PyObject_NewVar
#define PyObject_INIT(op, tp)             PyObject_Init(_PyObject_CAST(op), (tp))
#define PyObject_INIT_VAR(op, tp, n)      PyObject_InitVar(_PyVarObject_CAST(op), (tp), (n))

/* Size of a variable object of NITEMS items, rounded up to pointer alignment. */
#define _PyObject_SIZE(typeobj) ((typeobj)->tp_basicsize)
#define _PyObject_VAR_SIZE(typeobj, nitems)                                                        \
    ((size_t)(((typeobj)->tp_basicsize + (nitems) * (typeobj)->tp_itemsize +                       \
               (SIZEOF_VOID_P - 1)) &                                                              \
              ~(SIZEOF_VOID_P - 1)))
#ifndef SIZEOF_VOID_P
#define SIZEOF_VOID_P 8
#endif

/* The 16 bytes in front of every GC object (CPython 3.11). _gc_next links the generation list
 * (0 means untracked; bit 0 marks "unreachable" during a collection). _gc_prev links backwards
 * in its upper bits and holds two flags in its low bits: FINALIZED (tp_finalize has run) and
 * COLLECTING; during a collection its upper bits hold the working reference count. */
typedef struct {
    uintptr_t _gc_next; /* next object in the generation list, 0 when untracked */
    uintptr_t _gc_prev; /* previous object | flags (or gc_refs << 2 while collecting) */
} PyGC_Head;

#define _PyGC_PREV_MASK_FINALIZED  ((uintptr_t)1)
#define _PyGC_PREV_MASK_COLLECTING ((uintptr_t)2)
#define _PyGC_PREV_SHIFT           2
#define _PyGC_PREV_MASK            (((uintptr_t)-1) << _PyGC_PREV_SHIFT)

#define _Py_AS_GC(o)               ((PyGC_Head *)(o)-1)
#define _Py_FROM_GC(g)             ((PyObject *)((PyGC_Head *)(g) + 1))

/* Is OP a GC object (its type has Py_TPFLAGS_HAVE_GC and tp_is_gc, if any, agrees)? */
PyAPI_FUNC(int) PyObject_IS_GC(PyObject *op);
#define _PyType_IS_GC(t) PyType_HasFeature((t), Py_TPFLAGS_HAVE_GC)

/* GC object lifetime (gc.c). _PyObject_GC_New/NewVar return an untracked object with refcount
 * 1, or NULL with MemoryError; they may run a collection first. Resize keeps the object's
 * address only if the allocator can; NULL with MemoryError (the old object stays valid). */
PyAPI_FUNC(PyObject *) _PyObject_GC_New(PyTypeObject *tp);
PyAPI_FUNC(PyVarObject *) _PyObject_GC_NewVar(PyTypeObject *tp, Py_ssize_t nitems);
PyAPI_FUNC(PyVarObject *) _PyObject_GC_Resize(PyVarObject *op, Py_ssize_t nitems);
/* Track / untrack in the youngest generation; tracking twice or untracking an untracked
 * object is a no-op (CPython asserts in debug builds). */
PyAPI_FUNC(void) PyObject_GC_Track(void *op);
PyAPI_FUNC(void) PyObject_GC_UnTrack(void *op);
/* Release the memory of a GC object (untracks it if needed); does not run tp_dealloc. */
PyAPI_FUNC(void) PyObject_GC_Del(void *op);
/* 1 if tracked / if tp_finalize has already run on it; 0 otherwise (and for non-GC objects). */
PyAPI_FUNC(int) PyObject_GC_IsTracked(PyObject *op);
PyAPI_FUNC(int) PyObject_GC_IsFinalized(PyObject *op);

#define PyObject_GC_New(type, typeobj)       ((type *)_PyObject_GC_New(typeobj))
#define PyObject_GC_NewVar(type, typeobj, n) ((type *)_PyObject_GC_NewVar((typeobj), (n)))
#define PyObject_GC_Resize(type, op, n)      ((type *)_PyObject_GC_Resize(_PyVarObject_CAST(op), (n)))

static inline int
_PyObject_GC_IS_TRACKED(PyObject *op)
{
    return _Py_AS_GC(op)->_gc_next != 0;
}
#define _PyObject_GC_IS_TRACKED(op) _PyObject_GC_IS_TRACKED(_PyObject_CAST(op))
#define _PyObject_GC_MAY_BE_TRACKED(op)                                                            \
    (PyObject_IS_GC(_PyObject_CAST(op)) && _PyObject_GC_IS_TRACKED(op))
/* The fast variants: same contract as PyObject_GC_Track/UnTrack. */
#define _PyObject_GC_TRACK(op)   PyObject_GC_Track(op)
#define _PyObject_GC_UNTRACK(op) PyObject_GC_UnTrack(op)

/* Collector control (gc.c): PyGC_Collect runs a full collection and returns the number of
 * unreachable objects found (0 if the collector is already running or disabled by error).
 * PyGC_Enable/Disable return the previous state; PyGC_IsEnabled the current one. */
PyAPI_FUNC(Py_ssize_t) PyGC_Collect(void);
PyAPI_FUNC(int) PyGC_Enable(void);
PyAPI_FUNC(int) PyGC_Disable(void);
PyAPI_FUNC(int) PyGC_IsEnabled(void);

/* tp_traverse helper: visit a member if non-NULL, return the visitor's nonzero result. */
#define Py_VISIT(op)                                                                               \
    do {                                                                                           \
        if (op) {                                                                                  \
            int vret = visit(_PyObject_CAST(op), arg);                                             \
            if (vret) {                                                                            \
                return vret;                                                                       \
            }                                                                                      \
        }                                                                                          \
    } while (0)

/* Weak-reference list head of an object whose type supports weak references. */
#define _PyObject_GET_WEAKREFS_LISTPTR(o)                                                          \
    ((PyObject **)(((char *)(o)) + Py_TYPE(o)->tp_weaklistoffset))

/* Arena allocator hooks (used by the AST arena of extensions; rarely). */
typedef struct {
    void *ctx;                                       /* user context */
    void *(*alloc)(void *ctx, size_t size);          /* allocate an arena */
    void (*free)(void *ctx, void *ptr, size_t size); /* release an arena */
} PyObjectArenaAllocator;
PyAPI_FUNC(void) PyObject_GetArenaAllocator(PyObjectArenaAllocator *allocator);
PyAPI_FUNC(void) PyObject_SetArenaAllocator(PyObjectArenaAllocator *allocator);

#endif /* PYRS_OBJIMPL_H */
