/* mem.c: the PyMem_Raw*, PyMem_* and PyObject_* allocator families on mimalloc, with
 * CPython 3.11's contracts (0-byte requests give a unique pointer, no exception is set),
 * the allocator-swap API, and a fault-injection hook for tests. */

#include "pyrs/mem.h"

#include "Python.h"

#include <mimalloc.h>

#include "pyrs/lifecycle.h"

/* PYRS_MEM_SYSTEM=1 (the fuzzer's instrumented runtime, tests/fuzz): the C library's allocator
 * instead of mimalloc, so AddressSanitizer sees every block, and single requests above 256 MiB
 * fail (MemoryError) instead of exhausting the fuzzer's memory. */
#ifndef PYRS_MEM_SYSTEM
#define PYRS_MEM_SYSTEM 0
#endif
#if PYRS_MEM_SYSTEM
#include <stdlib.h>
#define SYSTEM_MAX_REQUEST ((size_t)256 << 20)
static void *
system_malloc(size_t n)
{
    return n > SYSTEM_MAX_REQUEST ? NULL : malloc(n);
}
static void *
system_calloc(size_t n, size_t size)
{
    return size != 0 && n > SYSTEM_MAX_REQUEST / size ? NULL : calloc(n, size);
}
static void *
system_realloc(void *p, size_t n)
{
    return n > SYSTEM_MAX_REQUEST ? NULL : realloc(p, n);
}
#define mi_malloc  system_malloc
#define mi_calloc  system_calloc
#define mi_realloc system_realloc
#define mi_free    free
#endif

/* Fault injection: when fail_countdown reaches 0 the allocation fails. */
static long fail_countdown;
static long failed_total;
/* 1 while the object domain is the default mimalloc one and no fault is armed: PyObject_Malloc
 * then calls mimalloc directly instead of through the checked, swappable path (pyrs/mem.h). */
int pyrs_mem_obj_fast = 1;

static void *
mi_malloc_ctx(void *Py_UNUSED(ctx), size_t size)
{
    return mi_malloc(size == 0 ? 1 : size);
}

static void *
mi_calloc_ctx(void *Py_UNUSED(ctx), size_t nelem, size_t elsize)
{
    if (nelem == 0 || elsize == 0) {
        nelem = 1;
        elsize = 1;
    }
    return mi_calloc(nelem, elsize);
}

static void *
mi_realloc_ctx(void *Py_UNUSED(ctx), void *ptr, size_t new_size)
{
    return mi_realloc(ptr, new_size == 0 ? 1 : new_size);
}

static void
mi_free_ctx(void *Py_UNUSED(ctx), void *ptr)
{
    mi_free(ptr);
}

#define MI_ALLOCATOR                                                                               \
    {                                                                                              \
        NULL, mi_malloc_ctx, mi_calloc_ctx, mi_realloc_ctx, mi_free_ctx                            \
    }

static PyMemAllocatorEx raw_alloc = MI_ALLOCATOR;
static PyMemAllocatorEx mem_alloc = MI_ALLOCATOR;
static PyMemAllocatorEx obj_alloc = MI_ALLOCATOR;

/* Returns 1 when the fault-injection hook says this allocation must fail. */
static int
injected_failure(void)
{
    if (PYRS_LIKELY(fail_countdown == 0)) {
        return 0;
    }
    if (--fail_countdown == 0) {
        failed_total++;
        return 1;
    }
    return 0;
}

static void
update_obj_fast(void)
{
    pyrs_mem_obj_fast =
        fail_countdown == 0 && obj_alloc.malloc == mi_malloc_ctx && obj_alloc.free == mi_free_ctx;
}

void
pyrs_mem_fail_after(long n)
{
    fail_countdown = n < 0 ? 0 : n;
    update_obj_fast();
}

long
pyrs_mem_failed_count(void)
{
    return failed_total;
}

int
pyrs_mem_init(void)
{
    return 0;
}

void *
PyMem_RawMalloc(size_t size)
{
    if (size > (size_t)PY_SSIZE_T_MAX) {
        return NULL;
    }
    return raw_alloc.malloc(raw_alloc.ctx, size);
}

void *
PyMem_RawCalloc(size_t nelem, size_t elsize)
{
    if (elsize != 0 && nelem > (size_t)PY_SSIZE_T_MAX / elsize) {
        return NULL;
    }
    return raw_alloc.calloc(raw_alloc.ctx, nelem, elsize);
}

void *
PyMem_RawRealloc(void *ptr, size_t new_size)
{
    if (new_size > (size_t)PY_SSIZE_T_MAX) {
        return NULL;
    }
    return raw_alloc.realloc(raw_alloc.ctx, ptr, new_size);
}

void
PyMem_RawFree(void *ptr)
{
    raw_alloc.free(raw_alloc.ctx, ptr);
}

/* The checked entry points shared by the MEM and OBJ domains. */
static void *
dom_malloc(PyMemAllocatorEx *a, size_t size)
{
    if (size > (size_t)PY_SSIZE_T_MAX || injected_failure()) {
        return NULL;
    }
    return a->malloc(a->ctx, size);
}

static void *
dom_calloc(PyMemAllocatorEx *a, size_t nelem, size_t elsize)
{
    if ((elsize != 0 && nelem > (size_t)PY_SSIZE_T_MAX / elsize) || injected_failure()) {
        return NULL;
    }
    return a->calloc(a->ctx, nelem, elsize);
}

static void *
dom_realloc(PyMemAllocatorEx *a, void *ptr, size_t new_size)
{
    if (new_size > (size_t)PY_SSIZE_T_MAX || injected_failure()) {
        return NULL;
    }
    return a->realloc(a->ctx, ptr, new_size);
}

void *
PyMem_Malloc(size_t size)
{
    return dom_malloc(&mem_alloc, size);
}

void *
PyMem_Calloc(size_t nelem, size_t elsize)
{
    return dom_calloc(&mem_alloc, nelem, elsize);
}

void *
PyMem_Realloc(void *ptr, size_t new_size)
{
    return dom_realloc(&mem_alloc, ptr, new_size);
}

void
PyMem_Free(void *ptr)
{
    mem_alloc.free(mem_alloc.ctx, ptr);
}

void *
PyObject_Malloc(size_t size)
{
    if (PYRS_LIKELY(pyrs_mem_obj_fast) && size <= (size_t)PY_SSIZE_T_MAX) {
        return mi_malloc(size);
    }
    return dom_malloc(&obj_alloc, size);
}

void *
PyObject_Calloc(size_t nelem, size_t elsize)
{
    return dom_calloc(&obj_alloc, nelem, elsize);
}

void *
PyObject_Realloc(void *ptr, size_t new_size)
{
    return dom_realloc(&obj_alloc, ptr, new_size);
}

void
PyObject_Free(void *ptr)
{
    if (PYRS_LIKELY(obj_alloc.free == mi_free_ctx)) {
        mi_free(ptr);
        return;
    }
    obj_alloc.free(obj_alloc.ctx, ptr);
}

static char *
strdup_with(void *(*alloc)(size_t), const char *str)
{
    size_t size = strlen(str) + 1;
    char *copy = alloc(size);
    if (copy != NULL) {
        memcpy(copy, str, size);
    }
    return copy;
}

char *
_PyMem_RawStrdup(const char *str)
{
    return strdup_with(PyMem_RawMalloc, str);
}

char *
_PyMem_Strdup(const char *str)
{
    return strdup_with(PyMem_Malloc, str);
}

static PyMemAllocatorEx *
domain_allocator(PyMemAllocatorDomain domain)
{
    switch (domain) {
    case PYMEM_DOMAIN_RAW:
        return &raw_alloc;
    case PYMEM_DOMAIN_MEM:
        return &mem_alloc;
    case PYMEM_DOMAIN_OBJ:
        return &obj_alloc;
    }
    return NULL;
}

void
PyMem_GetAllocator(PyMemAllocatorDomain domain, PyMemAllocatorEx *allocator)
{
    PyMemAllocatorEx *a = domain_allocator(domain);
    if (a != NULL) {
        *allocator = *a;
    } else {
        memset(allocator, 0, sizeof(*allocator));
    }
}

void
PyMem_SetAllocator(PyMemAllocatorDomain domain, PyMemAllocatorEx *allocator)
{
    PyMemAllocatorEx *a = domain_allocator(domain);
    if (a != NULL) {
        *a = *allocator;
    }
    update_obj_fast();
}

const char *
_PyMem_GetCurrentAllocatorName(void)
{
    /* CPython names its own allocators ("pymalloc", "malloc_debug", ...); ours is mimalloc
     * unless a caller swapped the object allocator. */
    return obj_alloc.malloc == mi_malloc_ctx ? "mimalloc" : NULL;
}

void
PyMem_SetupDebugHooks(void)
{
    /* mimalloc has its own debug mode (MIMALLOC_* environment); nothing to install. */
}

static void *
arena_alloc(void *Py_UNUSED(ctx), size_t size)
{
    return mi_malloc(size);
}

static void
arena_free(void *Py_UNUSED(ctx), void *ptr, size_t Py_UNUSED(size))
{
    mi_free(ptr);
}

static PyObjectArenaAllocator arena_allocator = {NULL, arena_alloc, arena_free};

void
PyObject_GetArenaAllocator(PyObjectArenaAllocator *allocator)
{
    *allocator = arena_allocator;
}

void
PyObject_SetArenaAllocator(PyObjectArenaAllocator *allocator)
{
    arena_allocator = *allocator;
}

PyObject *
PyObject_Init(PyObject *op, PyTypeObject *tp)
{
    Py_SET_TYPE(op, tp);
    if (PyType_HasFeature(tp, Py_TPFLAGS_HEAPTYPE)) {
        Py_INCREF(tp);
    }
    Py_SET_REFCNT(op, 1);
    return op;
}

PyVarObject *
PyObject_InitVar(PyVarObject *op, PyTypeObject *tp, Py_ssize_t size)
{
    Py_SET_SIZE(op, size);
    PyObject_Init((PyObject *)op, tp);
    return op;
}

PyObject *
_PyObject_New(PyTypeObject *tp)
{
    PyObject *op = PyObject_Malloc((size_t)_PyObject_SIZE(tp));
    if (op == NULL) {
        return PyErr_NoMemory();
    }
    return PyObject_Init(op, tp);
}

PyVarObject *
_PyObject_NewVar(PyTypeObject *tp, Py_ssize_t n)
{
    if (n < 0 ||
        (tp->tp_itemsize != 0 && n > (PY_SSIZE_T_MAX - tp->tp_basicsize) / tp->tp_itemsize)) {
        return (PyVarObject *)PyErr_NoMemory();
    }
    PyVarObject *op = PyObject_Malloc(_PyObject_VAR_SIZE(tp, n));
    if (op == NULL) {
        return (PyVarObject *)PyErr_NoMemory();
    }
    return PyObject_InitVar(op, tp, n);
}
