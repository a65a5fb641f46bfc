/* pymem.h: the raw and object-independent memory API (PyMem_Raw*, PyMem_*), CPython 3.11's
 * names and contracts, backed by mimalloc in mem.c. Requests of 0 bytes return a unique
 * non-NULL pointer as CPython does. These functions never set an exception. */
#ifndef PYRS_PYMEM_H
#define PYRS_PYMEM_H

#include "pyrs/port.h"

/* Raw allocators: callable without a thread state; NULL on failure, no exception. */
PyAPI_FUNC(void *) PyMem_RawMalloc(size_t size);
PyAPI_FUNC(void *) PyMem_RawCalloc(size_t nelem, size_t elsize);
PyAPI_FUNC(void *) PyMem_RawRealloc(void *ptr, size_t new_size);
PyAPI_FUNC(void) PyMem_RawFree(void *ptr);

/* Interpreter-side allocators: NULL on failure, no exception (callers raise NoMemory). */
PyAPI_FUNC(void *) PyMem_Malloc(size_t size);
PyAPI_FUNC(void *) PyMem_Calloc(size_t nelem, size_t elsize);
PyAPI_FUNC(void *) PyMem_Realloc(void *ptr, size_t new_size);
PyAPI_FUNC(void) PyMem_Free(void *ptr);

/* Duplicate a NUL-terminated string with PyMem_RawMalloc / PyMem_Malloc; NULL on failure. */
PyAPI_FUNC(char *) _PyMem_RawStrdup(const char *str);
PyAPI_FUNC(char *) _PyMem_Strdup(const char *str);

#define PyMem_MALLOC(n)     PyMem_Malloc(n)
#define PyMem_REALLOC(p, n) PyMem_Realloc((p), (n))
#define PyMem_FREE(p)       PyMem_Free(p)
#define PyMem_Del           PyMem_Free
#define PyMem_DEL           PyMem_Free

/* Typed helpers: NULL when n * sizeof(type) would overflow Py_ssize_t. */
#define PyMem_New(type, n)                                                                         \
    (((size_t)(n) > PY_SSIZE_T_MAX / sizeof(type)) ? NULL                                          \
                                                   : ((type *)PyMem_Malloc((n) * sizeof(type))))
#define PyMem_NEW(type, n) PyMem_New(type, n)
#define PyMem_Resize(p, type, n)                                                                   \
    ((p) = ((size_t)(n) > PY_SSIZE_T_MAX / sizeof(type))                                           \
               ? NULL                                                                              \
               : (type *)PyMem_Realloc((p), (n) * sizeof(type)))
#define PyMem_RESIZE(p, type, n) PyMem_Resize(p, type, n)

/* Allocator domains and the allocator-swap API (PyMem_GetAllocator / SetAllocator). */
typedef enum { PYMEM_DOMAIN_RAW, PYMEM_DOMAIN_MEM, PYMEM_DOMAIN_OBJ } PyMemAllocatorDomain;

typedef struct {
    void *ctx;                                               /* user context */
    void *(*malloc)(void *ctx, size_t size);                 /* allocate */
    void *(*calloc)(void *ctx, size_t nelem, size_t elsize); /* allocate zeroed */
    void *(*realloc)(void *ctx, void *ptr, size_t new_size); /* resize */
    void (*free)(void *ctx, void *ptr);                      /* release */
} PyMemAllocatorEx;

PyAPI_FUNC(void) PyMem_GetAllocator(PyMemAllocatorDomain domain, PyMemAllocatorEx *allocator);
PyAPI_FUNC(void) PyMem_SetAllocator(PyMemAllocatorDomain domain, PyMemAllocatorEx *allocator);
PyAPI_FUNC(void) PyMem_SetupDebugHooks(void);
/* Name of the allocator in use ("mimalloc"), NULL when replaced by PyMem_SetAllocator. */
PyAPI_FUNC(const char *) _PyMem_GetCurrentAllocatorName(void);

#endif /* PYRS_PYMEM_H */
