/* pyhash.h: hashing helpers with CPython 3.11's algorithms: the numeric modular hash
 * (modulus 2**61 - 1), pointer hashing, and SipHash-1-3 over bytes keyed by PYTHONHASHSEED. */
#ifndef PYRS_PYHASH_H
#define PYRS_PYHASH_H

#include "pyrs/port.h"

/* Numeric hashing parameters (sys.hash_info). */
#define _PyHASH_BITS       61
#define _PyHASH_MODULUS    (((size_t)1 << _PyHASH_BITS) - 1)
#define _PyHASH_INF        314159
#define _PyHASH_IMAG       1000003UL
#define _PyHASH_MULTIPLIER 1000003UL
#define PyHASH_BITS        _PyHASH_BITS
#define PyHASH_MODULUS     _PyHASH_MODULUS
#define PyHASH_INF         _PyHASH_INF
#define PyHASH_IMAG        _PyHASH_IMAG
#define PyHASH_MULTIPLIER  _PyHASH_MULTIPLIER
#define Py_HASH_CUTOFF     0

/* hash() of a float value; a NaN hashes by the identity of INST (CPython 3.10+). Never -1. */
PyAPI_FUNC(Py_hash_t) _Py_HashDouble(PyObject *inst, double v);
/* hash() of an object by identity: the address rotated by 4 bits; never -1. */
PyAPI_FUNC(Py_hash_t) _Py_HashPointer(const void *ptr);
PyAPI_FUNC(Py_hash_t) _Py_HashPointerRaw(const void *ptr);
/* SipHash-1-3 of LEN bytes with the process key (0 for LEN 0); never -1. */
PyAPI_FUNC(Py_hash_t) _Py_HashBytes(const void *src, Py_ssize_t len);

/* The hash algorithm description exposed as sys.hash_info.algorithm etc. */
typedef struct {
    Py_hash_t (*const hash)(const void *, Py_ssize_t); /* the function */
    const char *name;                                  /* "siphash13" */
    const int hash_bits;                               /* 64 */
    const int seed_bits;                               /* 128 */
} PyHash_FuncDef;
PyAPI_FUNC(PyHash_FuncDef *) PyHash_GetFuncDef(void);

/* The secret keys (CPython's _Py_HashSecret union; siphash uses k0/k1). */
typedef union {
    unsigned char uc[24]; /* raw bytes */
    struct {
        Py_hash_t prefix; /* FNV prefix (unused) */
        Py_hash_t suffix; /* FNV suffix (unused) */
    } fnv;
    struct {
        uint64_t k0; /* SipHash key, first half */
        uint64_t k1; /* SipHash key, second half */
    } siphash;
    struct {
        unsigned char padding[16]; /* overlaps the keys */
        Py_hash_t suffix;          /* expat's salt */
    } expat;
} _Py_HashSecret_t;
PyAPI_DATA(_Py_HashSecret_t) _Py_HashSecret;

#endif /* PYRS_PYHASH_H */
