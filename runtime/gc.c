/* gc.c: the generational cycle collector over PyGC_Head lists, mirroring CPython 3.11's
 * Modules/gcmodule.c: three generations with thresholds (700, 10, 10), gc_refs computed by
 * tp_traverse, PEP 442 finalizers run once with resurrection detected, weakrefs to garbage
 * cleared (callbacks run) before tp_clear, legacy tp_del objects moved to gc.garbage.
 *
 * During a collection an object's _gc_prev temporarily holds its working reference count
 * (shifted by _PyGC_PREV_SHIFT) while COLLECTING is set; only _gc_next links stay valid in
 * that phase, and every list is relinked before anything can run Python code. */
#include "pyrs/gc.h"

#include "pyrs/errors.h"
#include "pyrs/state.h"

#define NEXT_MASK_UNREACHABLE ((uintptr_t)1)

typedef struct {
    PyGC_Head head; /* list of tracked objects */
    int threshold;  /* collection threshold */
    int count;      /* allocations (gen 0) or younger collections since the last one */
} GCGeneration;

typedef struct {
    Py_ssize_t collections;   /* collections of this generation */
    Py_ssize_t collected;     /* objects freed */
    Py_ssize_t uncollectable; /* objects moved to gc.garbage */
} GCStats;

static GCGeneration generations[PYRS_GC_NUM_GENERATIONS];
static GCGeneration permanent; /* gc.freeze() */
static GCStats stats[PYRS_GC_NUM_GENERATIONS];
static int gc_enabled = 1;
static int gc_collecting;
static int gc_debug;
static PyObject *gc_garbage;          /* gc.garbage */
static PyObject *gc_callbacks;        /* gc.callbacks */
static Py_ssize_t long_lived_total;   /* objects that survived the last full collection */
static Py_ssize_t long_lived_pending; /* objects promoted to the oldest generation since */

/* ---- list primitives -------------------------------------------------------------------- */

static inline PyGC_Head *
gc_next(PyGC_Head *g)
{
    return (PyGC_Head *)g->_gc_next;
}

static inline PyGC_Head *
gc_prev(PyGC_Head *g)
{
    return (PyGC_Head *)(g->_gc_prev & _PyGC_PREV_MASK);
}

static inline void
gc_set_prev(PyGC_Head *g, PyGC_Head *prev)
{
    g->_gc_prev = (g->_gc_prev & ~_PyGC_PREV_MASK) | (uintptr_t)prev;
}

static void
list_init(PyGC_Head *list)
{
    list->_gc_next = (uintptr_t)list;
    list->_gc_prev = (uintptr_t)list;
}

static int
list_is_empty(PyGC_Head *list)
{
    return list->_gc_next == (uintptr_t)list;
}

static void
list_append(PyGC_Head *node, PyGC_Head *list)
{
    PyGC_Head *last = gc_prev(list);
    gc_set_prev(node, last);
    last->_gc_next = (uintptr_t)node;
    node->_gc_next = (uintptr_t)list;
    gc_set_prev(list, node);
}

static void
list_remove(PyGC_Head *node)
{
    PyGC_Head *prev = gc_prev(node), *next = gc_next(node);
    prev->_gc_next = (uintptr_t)next;
    gc_set_prev(next, prev);
    node->_gc_next = 0;
}

static void
list_move(PyGC_Head *node, PyGC_Head *list)
{
    list_remove(node);
    list_append(node, list);
}

/* Append every node of FROM to TO, leaving FROM empty. */
static void
list_merge(PyGC_Head *from, PyGC_Head *to)
{
    if (list_is_empty(from)) {
        return;
    }
    PyGC_Head *to_tail = gc_prev(to), *first = gc_next(from), *last = gc_prev(from);
    to_tail->_gc_next = (uintptr_t)first;
    gc_set_prev(first, to_tail);
    last->_gc_next = (uintptr_t)to;
    gc_set_prev(to, last);
    list_init(from);
}

static Py_ssize_t
list_size(PyGC_Head *list)
{
    Py_ssize_t n = 0;
    for (PyGC_Head *g = gc_next(list); g != list; g = gc_next(g)) {
        n++;
    }
    return n;
}

/* ---- per-object state while collecting --------------------------------------------------- */

static inline int
is_collecting(PyGC_Head *g)
{
    return (g->_gc_prev & _PyGC_PREV_MASK_COLLECTING) != 0;
}

static inline Py_ssize_t
get_refs(PyGC_Head *g)
{
    return (Py_ssize_t)(g->_gc_prev >> _PyGC_PREV_SHIFT);
}

static inline void
set_refs(PyGC_Head *g, Py_ssize_t refs)
{
    g->_gc_prev = (g->_gc_prev & _PyGC_PREV_MASK_FINALIZED) | _PyGC_PREV_MASK_COLLECTING |
                  ((uintptr_t)refs << _PyGC_PREV_SHIFT);
}

static inline void
clear_collecting(PyGC_Head *g)
{
    g->_gc_prev &= ~_PyGC_PREV_MASK_COLLECTING;
}

int
PyObject_IS_GC(PyObject *op)
{
    PyTypeObject *tp = Py_TYPE(op);
    return _PyType_IS_GC(tp) && (tp->tp_is_gc == NULL || tp->tp_is_gc(op));
}

/* The GC head of OP if OP is a GC object taking part in the current collection. */
static inline PyGC_Head *
collecting_head(PyObject *op)
{
    if (op == NULL || !PyObject_IS_GC(op)) {
        return NULL;
    }
    PyGC_Head *g = _Py_AS_GC(op);
    return g->_gc_next != 0 && is_collecting(g) ? g : NULL;
}

/* ---- finding the unreachable set --------------------------------------------------------- */

/* gc_refs := ob_refcnt for every object of LIST (prev links are lost from here on). */
static void
update_refs(PyGC_Head *list)
{
    for (PyGC_Head *g = gc_next(list); g != list; g = gc_next(g)) {
        PyObject *op = _Py_FROM_GC(g);
        set_refs(g, Py_REFCNT(op));
    }
}

static int
visit_decref(PyObject *op, void *Py_UNUSED(arg))
{
    PyGC_Head *g = collecting_head(op);
    if (g != NULL && get_refs(g) > 0) {
        set_refs(g, get_refs(g) - 1);
    }
    return 0;
}

/* Subtract references internal to LIST: what remains counts references from outside. */
static void
subtract_refs(PyGC_Head *list)
{
    for (PyGC_Head *g = gc_next(list); g != list; g = gc_next(g)) {
        PyObject *op = _Py_FROM_GC(g);
        traverseproc traverse = Py_TYPE(op)->tp_traverse;
        if (traverse != NULL) {
            (void)traverse(op, visit_decref, NULL);
        }
    }
}

/* A growable stack of objects to scan (raw memory: no GC, no exceptions). */
typedef struct {
    PyObject **items; /* the objects */
    size_t len;       /* used */
    size_t cap;       /* allocated */
    int failed;       /* an allocation failed: fall back to rescanning */
} ScanStack;

static void
stack_push(ScanStack *s, PyObject *op)
{
    if (s->len == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        PyObject **items = PyMem_RawRealloc(s->items, cap * sizeof(PyObject *));
        if (items == NULL) {
            s->failed = 1;
            return;
        }
        s->items = items;
        s->cap = cap;
    }
    s->items[s->len++] = op;
}

static int
visit_mark(PyObject *op, void *arg)
{
    PyGC_Head *g = collecting_head(op);
    if (g != NULL && get_refs(g) == 0) {
        set_refs(g, 1); /* reachable from outside after all */
        stack_push((ScanStack *)arg, op);
    }
    return 0;
}

static void
scan_object(PyObject *op, ScanStack *s)
{
    traverseproc traverse = Py_TYPE(op)->tp_traverse;
    if (traverse != NULL) {
        (void)traverse(op, visit_mark, s);
    }
}

/* Propagate reachability from every object with gc_refs > 0. */
static void
mark_reachable(PyGC_Head *list)
{
    ScanStack s = {NULL, 0, 0, 0};
    for (PyGC_Head *g = gc_next(list); g != list; g = gc_next(g)) {
        if (get_refs(g) > 0) {
            scan_object(_Py_FROM_GC(g), &s);
            while (s.len > 0) {
                scan_object(s.items[--s.len], &s);
            }
        }
    }
    /* Out of memory for the stack: repeat full passes until nothing changes. */
    while (s.failed) {
        s.failed = 0;
        s.len = 0;
        for (PyGC_Head *g = gc_next(list); g != list; g = gc_next(g)) {
            if (get_refs(g) > 0) {
                scan_object(_Py_FROM_GC(g), &s);
            }
        }
        s.failed |= s.len > 0;
    }
    PyMem_RawFree(s.items);
}

/* Split LIST (refs computed and marked) into reachable objects, relinked in LIST with
 * COLLECTING cleared, and unreachable ones appended to UNREACHABLE with COLLECTING kept. */
static void
partition(PyGC_Head *list, PyGC_Head *unreachable)
{
    PyGC_Head *g = gc_next(list);
    list_init(list);
    while (g != list) {
        PyGC_Head *next = gc_next(g);
        if (get_refs(g) > 0) {
            g->_gc_prev &= _PyGC_PREV_MASK_FINALIZED;
            list_append(g, list);
        } else {
            g->_gc_prev &= _PyGC_PREV_MASK_FINALIZED;
            g->_gc_prev |= _PyGC_PREV_MASK_COLLECTING;
            list_append(g, unreachable);
        }
        g = next;
    }
}

static void
deduce_unreachable(PyGC_Head *list, PyGC_Head *unreachable)
{
    update_refs(list);
    subtract_refs(list);
    mark_reachable(list);
    partition(list, unreachable);
}

/* ---- legacy finalizers, weakrefs, PEP 442 finalizers ------------------------------------- */

static int
has_legacy_finalizer(PyObject *op)
{
    return Py_TYPE(op)->tp_del != NULL;
}

static int
visit_move(PyObject *op, void *arg)
{
    PyGC_Head *g = collecting_head(op);
    if (g != NULL) {
        clear_collecting(g);
        list_move(g, (PyGC_Head *)arg);
    }
    return 0;
}

/* Move objects with tp_del, and everything they reach, from UNREACHABLE to FINALIZERS. */
static void
move_legacy_finalizers(PyGC_Head *unreachable, PyGC_Head *finalizers)
{
    PyGC_Head *g = gc_next(unreachable);
    while (g != unreachable) {
        PyGC_Head *next = gc_next(g);
        if (has_legacy_finalizer(_Py_FROM_GC(g))) {
            clear_collecting(g);
            list_move(g, finalizers);
        }
        g = next;
    }
    for (g = gc_next(finalizers); g != finalizers; g = gc_next(g)) {
        traverseproc traverse = Py_TYPE(_Py_FROM_GC(g))->tp_traverse;
        if (traverse != NULL) {
            (void)traverse(_Py_FROM_GC(g), visit_move, finalizers);
        }
    }
}

static PyWeakReference **
weaklist_of(PyObject *op)
{
    PyTypeObject *tp = Py_TYPE(op);
    if (tp->tp_weaklistoffset <= 0) {
        return NULL;
    }
    return (PyWeakReference **)_PyObject_GET_WEAKREFS_LISTPTR(op);
}

/* Clear every weak reference to an unreachable object; weakrefs that are themselves alive
 * and carry a callback are returned (new references) in *CALLS for calling afterwards. */
static size_t
clear_weakrefs(PyGC_Head *unreachable, PyObject ***calls)
{
    size_t n = 0, cap = 0;
    *calls = NULL;
    for (PyGC_Head *g = gc_next(unreachable); g != unreachable; g = gc_next(g)) {
        PyObject *op = _Py_FROM_GC(g);
        if (PyWeakref_Check(op)) {
            /* A dead weakref must not call back into a half-destroyed referent. */
            _PyWeakref_ClearRef((PyWeakReference *)op);
        }
        PyWeakReference **list = weaklist_of(op);
        while (list != NULL && *list != NULL) {
            PyWeakReference *wr = *list;
            _PyWeakref_ClearRef(wr);
            if (wr->wr_callback == NULL || collecting_head((PyObject *)wr) != NULL) {
                continue;
            }
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                PyObject **grown = PyMem_RawRealloc(*calls, cap * sizeof(PyObject *));
                if (grown == NULL) {
                    continue; /* callback lost under memory exhaustion, as good as it gets */
                }
                *calls = grown;
            }
            (*calls)[n++] = Py_NewRef((PyObject *)wr);
        }
    }
    return n;
}

static void
call_weakref_callbacks(PyObject **calls, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        PyWeakReference *wr = (PyWeakReference *)calls[i];
        PyObject *callback = wr->wr_callback;
        if (callback != NULL) {
            PyObject *res = PyObject_CallOneArg(callback, (PyObject *)wr);
            if (res == NULL) {
                PyErr_WriteUnraisable(callback);
            } else {
                Py_DECREF(res);
            }
        }
        Py_DECREF(wr);
    }
    PyMem_RawFree(calls);
}

/* Run tp_finalize once on each unreachable object (PEP 442). Objects are moved to a side list
 * first so that finalizers freeing other members cannot break the iteration. */
static void
finalize_garbage(PyGC_Head *unreachable)
{
    PyGC_Head seen;
    list_init(&seen);
    while (!list_is_empty(unreachable)) {
        PyGC_Head *g = gc_next(unreachable);
        PyObject *op = _Py_FROM_GC(g);
        list_move(g, &seen);
        destructor finalize = Py_TYPE(op)->tp_finalize;
        if (finalize != NULL && !(g->_gc_prev & _PyGC_PREV_MASK_FINALIZED)) {
            g->_gc_prev |= _PyGC_PREV_MASK_FINALIZED;
            Py_INCREF(op);
            finalize(op);
            if (PyErr_Occurred()) {
                PyErr_WriteUnraisable((PyObject *)Py_TYPE(op));
            }
            Py_DECREF(op);
        }
    }
    list_merge(&seen, unreachable);
}

/* Break the cycles: tp_clear on each object; survivors go to OLD. */
static void
delete_garbage(PyGC_Head *collectable, PyGC_Head *old)
{
    while (!list_is_empty(collectable)) {
        PyGC_Head *g = gc_next(collectable);
        PyObject *op = _Py_FROM_GC(g);
        if (gc_debug & PYRS_GC_DEBUG_SAVEALL) {
            if (gc_garbage != NULL && PyList_Append(gc_garbage, op) < 0) {
                PyErr_Clear();
            }
        } else {
            inquiry clear = Py_TYPE(op)->tp_clear;
            if (clear != NULL) {
                Py_INCREF(op);
                (void)clear(op);
                if (PyErr_Occurred()) {
                    PyErr_WriteUnraisable(NULL);
                }
                Py_DECREF(op);
            }
        }
        if (gc_next(collectable) == g) {
            clear_collecting(g); /* still alive: it may die later */
            list_move(g, old);
        }
    }
}

static void
clear_collecting_list(PyGC_Head *list)
{
    for (PyGC_Head *g = gc_next(list); g != list; g = gc_next(g)) {
        clear_collecting(g);
    }
}

/* ---- a collection ------------------------------------------------------------------------ */

static void
invoke_callbacks(const char *phase, int gen, Py_ssize_t collected, Py_ssize_t uncollectable)
{
    if (gc_callbacks == NULL || PyList_GET_SIZE(gc_callbacks) == 0) {
        return;
    }
    PyObject *info = PyDict_New();
    PyObject *g = PyLong_FromLong(gen), *c = PyLong_FromSsize_t(collected);
    PyObject *u = PyLong_FromSsize_t(uncollectable), *ph = PyUnicode_FromString(phase);
    if (info == NULL || g == NULL || c == NULL || u == NULL || ph == NULL ||
        PyDict_SetItemString(info, "generation", g) < 0 ||
        PyDict_SetItemString(info, "collected", c) < 0 ||
        PyDict_SetItemString(info, "uncollectable", u) < 0) {
        PyErr_WriteUnraisable(NULL);
        goto done;
    }
    /* Iterate over a copy: a callback may change gc.callbacks. */
    PyObject *copy = PyList_GetSlice(gc_callbacks, 0, PyList_GET_SIZE(gc_callbacks));
    if (copy == NULL) {
        PyErr_WriteUnraisable(NULL);
        goto done;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(copy); i++) {
        PyObject *cb = PyList_GET_ITEM(copy, i);
        PyObject *args = PyTuple_Pack(2, ph, info);
        PyObject *res = args != NULL ? PyObject_Call(cb, args, NULL) : NULL;
        Py_XDECREF(args);
        if (res == NULL) {
            PyErr_WriteUnraisable(cb);
        }
        Py_XDECREF(res);
    }
    Py_DECREF(copy);
done:
    Py_XDECREF(info);
    Py_XDECREF(g);
    Py_XDECREF(c);
    Py_XDECREF(u);
    Py_XDECREF(ph);
}

/* Legacy-finalizer objects are uncollectable: they go to gc.garbage (and OLD). */
static Py_ssize_t
handle_legacy_finalizers(PyGC_Head *finalizers, PyGC_Head *old)
{
    Py_ssize_t n = 0;
    for (PyGC_Head *g = gc_next(finalizers); g != finalizers; g = gc_next(g)) {
        PyObject *op = _Py_FROM_GC(g);
        n++;
        if ((gc_debug & PYRS_GC_DEBUG_SAVEALL) || has_legacy_finalizer(op)) {
            if (gc_garbage != NULL && PyList_Append(gc_garbage, op) < 0) {
                PyErr_Clear();
            }
        }
    }
    list_merge(finalizers, old);
    return n;
}

/* 1 if the tuple OP holds nothing that could ever be part of a cycle: every item is atomic
 * (not a GC type) or an untracked tuple. */
static int
tuple_is_atomic(PyObject *op)
{
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(op); i++) {
        PyObject *item = PyTuple_GET_ITEM(op, i);
        if (item == NULL || (PyObject_IS_GC(item) &&
                             (!PyTuple_CheckExact(item) || _PyObject_GC_IS_TRACKED(item)))) {
            return 0;
        }
    }
    return 1;
}

/* Untracks the tuples of LIST that hold only atomic items, as CPython's collector does at
 * the start of every collection: constant and key tuples are then never traversed again.
 * Code that refills a tuple it owns re-tracks it (PyObject_GC_Track). */
static void
untrack_tuples(PyGC_Head *list)
{
    PyGC_Head *next;
    for (PyGC_Head *g = gc_next(list); g != list; g = next) {
        next = gc_next(g);
        PyObject *op = _Py_FROM_GC(g);
        if (PyTuple_CheckExact(op) && tuple_is_atomic(op)) {
            PyObject_GC_UnTrack(op);
        }
    }
}

static Py_ssize_t
collect_generation(int gen, Py_ssize_t *n_uncollectable)
{
    if (gen + 1 < PYRS_GC_NUM_GENERATIONS) {
        generations[gen + 1].count++;
    }
    for (int i = 0; i <= gen; i++) {
        generations[i].count = 0;
    }
    PyGC_Head *young = &generations[gen].head;
    for (int i = 0; i < gen; i++) {
        list_merge(&generations[i].head, young);
    }
    PyGC_Head *old = gen + 1 < PYRS_GC_NUM_GENERATIONS ? &generations[gen + 1].head : young;

    PyGC_Head unreachable, finalizers, still_unreachable;
    list_init(&unreachable);
    list_init(&finalizers);
    list_init(&still_unreachable);
    untrack_tuples(young);
    deduce_unreachable(young, &unreachable);
    if (gen == PYRS_GC_NUM_GENERATIONS - 2) {
        long_lived_pending += list_size(young);
    }
    if (young != old) {
        list_merge(young, old); /* the survivors age */
    }
    move_legacy_finalizers(&unreachable, &finalizers);
    Py_ssize_t found = list_size(&unreachable);

    PyObject **calls;
    size_t ncalls = clear_weakrefs(&unreachable, &calls);
    call_weakref_callbacks(calls, ncalls);
    finalize_garbage(&unreachable);

    /* Finalizers may have resurrected objects: recompute over the set alone. */
    clear_collecting_list(&unreachable);
    for (PyGC_Head *g = gc_next(&unreachable); g != &unreachable; g = gc_next(g)) {
        g->_gc_prev |= _PyGC_PREV_MASK_COLLECTING;
    }
    deduce_unreachable(&unreachable, &still_unreachable);
    list_merge(&unreachable, old);
    delete_garbage(&still_unreachable, old);

    Py_ssize_t uncollectable = handle_legacy_finalizers(&finalizers, old);
    if (gen == PYRS_GC_NUM_GENERATIONS - 1) {
        long_lived_pending = 0;
        long_lived_total = list_size(young);
    }
    stats[gen].collections++;
    stats[gen].collected += found;
    stats[gen].uncollectable += uncollectable;
    *n_uncollectable = uncollectable;
    return found;
}

Py_ssize_t
pyrs_gc_collect(int gen)
{
    if (gen < 0 || gen >= PYRS_GC_NUM_GENERATIONS) {
        PyErr_SetString(PyExc_ValueError, "invalid generation");
        return -1;
    }
    if (gc_collecting) {
        return 0;
    }
    gc_collecting = 1;
    /* The pending exception (if any) must survive callbacks and finalizers. */
    PyObject *et, *ev, *etb;
    PyErr_Fetch(&et, &ev, &etb);
    invoke_callbacks("start", gen, 0, 0);
    Py_ssize_t uncollectable = 0;
    Py_ssize_t found = collect_generation(gen, &uncollectable);
    invoke_callbacks("stop", gen, found, uncollectable);
    PyErr_Restore(et, ev, etb);
    gc_collecting = 0;
    return found + uncollectable;
}

/* Collect the oldest generation over its threshold, as CPython picks it: a full collection
 * also waits until the objects promoted since the last one reach 25% of the long-lived
 * ones, which keeps full collections linear overall. */
static void
collect_if_due(void)
{
    for (int i = PYRS_GC_NUM_GENERATIONS - 1; i >= 0; i--) {
        if (generations[i].count > generations[i].threshold && generations[i].threshold > 0) {
            if (i == PYRS_GC_NUM_GENERATIONS - 1 && long_lived_pending < long_lived_total / 4) {
                continue;
            }
            (void)pyrs_gc_collect(i);
            return;
        }
    }
}

void
pyrs_gc_link(PyObject *Py_UNUSED(op))
{
    generations[0].count++;
    if (gc_enabled && !gc_collecting && generations[0].threshold > 0 &&
        generations[0].count > generations[0].threshold && pyrs_state_current != NULL &&
        !PyErr_Occurred()) {
        collect_if_due();
    }
}

/* ---- allocation and tracking ------------------------------------------------------------- */

size_t
pyrs_gc_preheader_size(PyTypeObject *tp)
{
    size_t size = _PyType_IS_GC(tp) ? sizeof(PyGC_Head) : 0;
    if (tp->tp_flags & Py_TPFLAGS_MANAGED_DICT) {
        size += 2 * sizeof(PyObject *);
    }
    return size;
}

PyObject *
pyrs_gc_alloc(PyTypeObject *tp, size_t size)
{
    size_t presize = pyrs_gc_preheader_size(tp);
    if (size > (size_t)PY_SSIZE_T_MAX - presize) {
        return PyErr_NoMemory();
    }
    char *mem = PyObject_Calloc(1, presize + size);
    if (mem == NULL) {
        return PyErr_NoMemory();
    }
    PyObject *op = (PyObject *)(mem + presize);
    if (_PyType_IS_GC(tp)) {
        pyrs_gc_link(op);
    }
    return op;
}

PyObject *
_PyObject_GC_New(PyTypeObject *tp)
{
    PyObject *op = pyrs_gc_alloc(tp, (size_t)_PyObject_SIZE(tp));
    if (op == NULL) {
        return NULL;
    }
    return PyObject_Init(op, tp);
}

PyVarObject *
_PyObject_GC_NewVar(PyTypeObject *tp, Py_ssize_t nitems)
{
    if (nitems < 0) {
        PyErr_BadInternalCall();
        return NULL;
    }
    if (tp->tp_itemsize != 0 && nitems > (PY_SSIZE_T_MAX - tp->tp_basicsize) / tp->tp_itemsize) {
        return (PyVarObject *)PyErr_NoMemory();
    }
    PyObject *op = pyrs_gc_alloc(tp, _PyObject_VAR_SIZE(tp, nitems));
    if (op == NULL) {
        return NULL;
    }
    return PyObject_InitVar((PyVarObject *)op, tp, nitems);
}

PyVarObject *
_PyObject_GC_Resize(PyVarObject *op, Py_ssize_t nitems)
{
    PyTypeObject *tp = Py_TYPE(op);
    size_t presize = pyrs_gc_preheader_size(tp);
    if (nitems < 0 ||
        (tp->tp_itemsize != 0 && nitems > (PY_SSIZE_T_MAX - tp->tp_basicsize) / tp->tp_itemsize)) {
        return (PyVarObject *)PyErr_NoMemory();
    }
    size_t size = _PyObject_VAR_SIZE(tp, nitems);
    PyGC_Head *g = _Py_AS_GC(op);
    int tracked = g->_gc_next != 0;
    if (tracked) {
        list_remove(g); /* the block may move: relink it afterwards */
    }
    char *mem = PyObject_Realloc((char *)op - presize, presize + size);
    if (mem == NULL) {
        if (tracked) {
            list_append(g, &generations[0].head);
        }
        return (PyVarObject *)PyErr_NoMemory();
    }
    op = (PyVarObject *)(mem + presize);
    if (tracked) {
        list_append(_Py_AS_GC(op), &generations[0].head);
    }
    Py_SET_SIZE(op, nitems);
    return op;
}

void
PyObject_GC_Track(void *op_raw)
{
    PyObject *op = op_raw;
    PyGC_Head *g = _Py_AS_GC(op);
    if (g->_gc_next != 0) {
        return;
    }
    list_append(g, &generations[0].head);
}

void
PyObject_GC_UnTrack(void *op_raw)
{
    PyGC_Head *g = _Py_AS_GC((PyObject *)op_raw);
    if (g->_gc_next != 0) {
        list_remove(g);
        g->_gc_prev &= _PyGC_PREV_MASK_FINALIZED;
    }
}

void
PyObject_GC_Del(void *op_raw)
{
    PyObject *op = op_raw;
    size_t presize = pyrs_gc_preheader_size(Py_TYPE(op));
    PyGC_Head *g = _Py_AS_GC(op);
    if (g->_gc_next != 0) {
        list_remove(g);
    }
    if (generations[0].count > 0) {
        generations[0].count--;
    }
    PyObject_Free((char *)op - presize);
}

int
PyObject_GC_IsTracked(PyObject *op)
{
    return PyObject_IS_GC(op) && _Py_AS_GC(op)->_gc_next != 0;
}

int
PyObject_GC_IsFinalized(PyObject *op)
{
    return PyObject_IS_GC(op) && (_Py_AS_GC(op)->_gc_prev & _PyGC_PREV_MASK_FINALIZED) != 0;
}

/* ---- collector control ------------------------------------------------------------------- */

int
pyrs_gc_init(void)
{
    static const int thresholds[PYRS_GC_NUM_GENERATIONS] = {700, 10, 10};
    if (generations[0].head._gc_next != 0) {
        return 0;
    }
    for (int i = 0; i < PYRS_GC_NUM_GENERATIONS; i++) {
        list_init(&generations[i].head);
        generations[i].threshold = thresholds[i];
        generations[i].count = 0;
    }
    list_init(&permanent.head);
    return 0;
}

/* Zeroes the links of every object in LIST and empties it. */
static void
forget_list(PyGC_Head *list)
{
    PyGC_Head *g = gc_next(list);
    while (g != list) {
        PyGC_Head *next = gc_next(g);
        g->_gc_next = 0;
        g->_gc_prev = 0;
        g = next;
    }
    list_init(list);
}

void
pyrs_gc_forget_all(void)
{
    for (int i = 0; i < PYRS_GC_NUM_GENERATIONS; i++) {
        forget_list(&generations[i].head);
    }
    forget_list(&permanent.head);
}

/* gc.garbage / gc.callbacks are created on first use because lists come later in start-up. */
static PyObject *
lazy_list(PyObject **slot)
{
    if (*slot == NULL) {
        *slot = PyList_New(0);
    }
    return *slot;
}

PyObject *
pyrs_gc_garbage(void)
{
    return lazy_list(&gc_garbage);
}

PyObject *
pyrs_gc_callbacks(void)
{
    return lazy_list(&gc_callbacks);
}

Py_ssize_t
PyGC_Collect(void)
{
    if (!gc_enabled) {
        return 0;
    }
    Py_ssize_t n = pyrs_gc_collect(PYRS_GC_NUM_GENERATIONS - 1);
    return n < 0 ? 0 : n;
}

int
PyGC_Enable(void)
{
    int old = gc_enabled;
    gc_enabled = 1;
    return old;
}

int
PyGC_Disable(void)
{
    int old = gc_enabled;
    gc_enabled = 0;
    return old;
}

int
PyGC_IsEnabled(void)
{
    return gc_enabled;
}

void
pyrs_gc_get_threshold(int out[PYRS_GC_NUM_GENERATIONS])
{
    for (int i = 0; i < PYRS_GC_NUM_GENERATIONS; i++) {
        out[i] = generations[i].threshold;
    }
}

void
pyrs_gc_set_threshold(const int thresholds[PYRS_GC_NUM_GENERATIONS])
{
    for (int i = 0; i < PYRS_GC_NUM_GENERATIONS; i++) {
        generations[i].threshold = thresholds[i];
    }
}

void
pyrs_gc_get_count(int out[PYRS_GC_NUM_GENERATIONS])
{
    for (int i = 0; i < PYRS_GC_NUM_GENERATIONS; i++) {
        out[i] = generations[i].count;
    }
}

void
pyrs_gc_set_debug(int flags)
{
    gc_debug = flags;
}

int
pyrs_gc_get_debug(void)
{
    return gc_debug;
}

void
pyrs_gc_get_stats(int gen, Py_ssize_t *collections, Py_ssize_t *collected,
                  Py_ssize_t *uncollectable)
{
    *collections = stats[gen].collections;
    *collected = stats[gen].collected;
    *uncollectable = stats[gen].uncollectable;
}

static int
append_list_objects(PyObject *result, PyGC_Head *list)
{
    for (PyGC_Head *g = gc_next(list); g != list; g = gc_next(g)) {
        PyObject *op = _Py_FROM_GC(g);
        if (op != result && PyList_Append(result, op) < 0) {
            return -1;
        }
    }
    return 0;
}

PyObject *
pyrs_gc_get_objects(int gen)
{
    if (gen >= PYRS_GC_NUM_GENERATIONS) {
        return PyErr_Format(PyExc_ValueError,
                            "generation parameter must be less than the "
                            "number of available generations (%i)",
                            PYRS_GC_NUM_GENERATIONS);
    }
    if (gen < -1) {
        PyErr_SetString(PyExc_ValueError, "generation parameter cannot be negative");
        return NULL;
    }
    PyObject *result = PyList_New(0);
    if (result == NULL) {
        return NULL;
    }
    for (int i = 0; i < PYRS_GC_NUM_GENERATIONS; i++) {
        if ((gen == -1 || gen == i) && append_list_objects(result, &generations[i].head) < 0) {
            Py_DECREF(result);
            return NULL;
        }
    }
    return result;
}

typedef struct {
    PyObject *objs; /* tuple of targets */
    int found;      /* set by the visitor */
} ReferrerSearch;

static int
visit_is_target(PyObject *op, void *arg)
{
    ReferrerSearch *rs = arg;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(rs->objs); i++) {
        if (PyTuple_GET_ITEM(rs->objs, i) == op) {
            rs->found = 1;
            return 1;
        }
    }
    return 0;
}

static int
referrers_in(PyGC_Head *list, PyObject *objs, PyObject *result)
{
    for (PyGC_Head *g = gc_next(list); g != list; g = gc_next(g)) {
        PyObject *op = _Py_FROM_GC(g);
        traverseproc traverse = Py_TYPE(op)->tp_traverse;
        if (op == objs || op == result || traverse == NULL) {
            continue;
        }
        ReferrerSearch rs = {objs, 0};
        (void)traverse(op, visit_is_target, &rs);
        if (rs.found && PyList_Append(result, op) < 0) {
            return -1;
        }
    }
    return 0;
}

PyObject *
pyrs_gc_get_referrers(PyObject *objs)
{
    PyObject *result = PyList_New(0);
    if (result == NULL) {
        return NULL;
    }
    for (int i = 0; i < PYRS_GC_NUM_GENERATIONS; i++) {
        if (referrers_in(&generations[i].head, objs, result) < 0) {
            Py_DECREF(result);
            return NULL;
        }
    }
    return result;
}

static int
visit_append(PyObject *op, void *arg)
{
    return PyList_Append((PyObject *)arg, op) < 0 ? -1 : 0;
}

PyObject *
pyrs_gc_get_referents(PyObject *objs)
{
    PyObject *result = PyList_New(0);
    if (result == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(objs); i++) {
        PyObject *op = PyTuple_GET_ITEM(objs, i);
        traverseproc traverse = Py_TYPE(op)->tp_traverse;
        if (!PyObject_IS_GC(op) || traverse == NULL) {
            continue;
        }
        if (traverse(op, visit_append, result) != 0) {
            Py_DECREF(result);
            return NULL;
        }
    }
    return result;
}

void
pyrs_gc_freeze(void)
{
    for (int i = 0; i < PYRS_GC_NUM_GENERATIONS; i++) {
        list_merge(&generations[i].head, &permanent.head);
        generations[i].count = 0;
    }
}

void
pyrs_gc_unfreeze(void)
{
    list_merge(&permanent.head, &generations[PYRS_GC_NUM_GENERATIONS - 1].head);
}

Py_ssize_t
pyrs_gc_get_freeze_count(void)
{
    return list_size(&permanent.head);
}
