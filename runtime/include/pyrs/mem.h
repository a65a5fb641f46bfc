/* pyrs/mem.h: internal memory hooks of mem.c (fault injection for tests, statistics). */
#ifndef PYRS_MEM_H
#define PYRS_MEM_H

#include "Python.h"
#include "pyrs/port.h"

/* Make the Nth allocation from now (1 = the next one) through PyMem_* / PyObject_* fail;
 * 0 disables. Raw allocations are never failed. Test hook only. */
void pyrs_mem_fail_after(long n);
/* Number of allocations that the hook has failed since start-up. */
long pyrs_mem_failed_count(void);

/* PYRS_MEM_SYSTEM=1 builds (the fuzzer's runtime) use the C library's allocator. */
#ifndef PYRS_MEM_SYSTEM
#define PYRS_MEM_SYSTEM 0
#endif

/* 1 when freed ints, floats and lists are kept for reuse. PYRS_MEM_SYSTEM builds (valgrind,
 * the fuzzer) hand them back to the allocator at once, so memcheck and ASan see a use after
 * free, and no stale pointer left in a free list makes a leaked object look reachable. */
#define PYRS_FREE_LISTS (!PYRS_MEM_SYSTEM)

#if PYRS_MEM_SYSTEM
#define pyrs_mem_obj_malloc PyObject_Malloc
#define pyrs_mem_obj_free   PyObject_Free
#else
#include <mimalloc.h>

/* 1 while the PyObject_* domain is the default mimalloc one and no fault injection is armed
 * (mem.c keeps it current). */
extern int pyrs_mem_obj_fast;

/* PyObject_Malloc for the hottest object allocations, inlined: no exception is set on
 * failure (NULL), exactly as PyObject_Malloc. SIZE must be at most PY_SSIZE_T_MAX. */
static inline void *
pyrs_mem_obj_malloc(size_t size)
{
    return PYRS_LIKELY(pyrs_mem_obj_fast) ? mi_malloc(size) : PyObject_Malloc(size);
}

/* PyObject_Free, inlined the same way. */
static inline void
pyrs_mem_obj_free(void *ptr)
{
    if (PYRS_LIKELY(pyrs_mem_obj_fast)) {
        mi_free(ptr);
    } else {
        PyObject_Free(ptr);
    }
}
#endif

#endif /* PYRS_MEM_H */
