/* pyrs/gc.h: the cycle collector's internal interface (gc.c), used by pylifecycle.c, the
 * future gc module and the unit tests. All functions need a thread state. */
#ifndef PYRS_GC_H
#define PYRS_GC_H

#include "Python.h"

#define PYRS_GC_NUM_GENERATIONS 3

int pyrs_gc_init(void);
/* Bytes allocated in front of an object of type TP: the PyGC_Head for GC types plus, for
 * Py_TPFLAGS_MANAGED_DICT types, CPython 3.11's two pre-header pointers (dict, values). */
size_t pyrs_gc_preheader_size(PyTypeObject *tp);
/* Allocate zeroed memory for an object of SIZE bytes of type TP (pre-header included); returns
 * the object address with the GC head zeroed and the allocation counted (may collect), or
 * NULL with MemoryError. The header (refcount, type) is not initialised; not tracked. */
PyObject *pyrs_gc_alloc(PyTypeObject *tp, size_t size);
/* Count one new GC object towards the generation-0 threshold and collect if due (what
 * CPython's _PyObject_GC_Link does); for allocators that lay out the pre-header themselves. */
void pyrs_gc_link(PyObject *op);
/* Collect generation GEN (0..2) and the younger ones; returns the number of unreachable
 * objects found (collected + uncollectable), or -1 with ValueError for a bad generation.
 * Runs finalizers, weakref callbacks and gc.callbacks (Python code). 0 while a collection
 * is already running. */
Py_ssize_t pyrs_gc_collect(int gen);
/* Thresholds and counts as gc.get_threshold() / gc.get_count(). */
void pyrs_gc_get_threshold(int out[PYRS_GC_NUM_GENERATIONS]);
void pyrs_gc_set_threshold(const int thresholds[PYRS_GC_NUM_GENERATIONS]);
void pyrs_gc_get_count(int out[PYRS_GC_NUM_GENERATIONS]);
/* gc.get_objects(generation) (GEN -1 = all): new list or NULL with an exception. */
PyObject *pyrs_gc_get_objects(int gen);
/* gc.get_referrers(*objs) / gc.get_referents(*objs): new list or NULL. */
PyObject *pyrs_gc_get_referrers(PyObject *objs);
PyObject *pyrs_gc_get_referents(PyObject *objs);
/* gc.freeze() / gc.unfreeze() / gc.get_freeze_count(). */
void pyrs_gc_freeze(void);
void pyrs_gc_unfreeze(void);
Py_ssize_t pyrs_gc_get_freeze_count(void);
/* gc.garbage and gc.callbacks lists (borrowed; created by pyrs_gc_init once lists exist). */
PyObject *pyrs_gc_garbage(void);
PyObject *pyrs_gc_callbacks(void);
/* gc.set_debug / get_debug flags (DEBUG_STATS 1, COLLECTABLE 2, UNCOLLECTABLE 4,
 * SAVEALL 32, LEAK 38). */
void pyrs_gc_set_debug(int flags);
int pyrs_gc_get_debug(void);
/* Statistics per generation as gc.get_stats(): collections, collected, uncollectable. */
void pyrs_gc_get_stats(int gen, Py_ssize_t *collections, Py_ssize_t *collected,
                       Py_ssize_t *uncollectable);

/* For the leak check at exit of a -DPYRS_MEM_SYSTEM (valgrind) build: untracks every object
 * without freeing it, so that the generation lists no longer make every GC object reachable
 * and valgrind reports a GC object that nothing refers to as lost, as any other block. The
 * collector never sees those objects again. */
void pyrs_gc_forget_all(void);

#define PYRS_GC_DEBUG_STATS         1
#define PYRS_GC_DEBUG_COLLECTABLE   2
#define PYRS_GC_DEBUG_UNCOLLECTABLE 4
#define PYRS_GC_DEBUG_SAVEALL       32

#endif /* PYRS_GC_H */
