/* hashlib/hashobject.h: the OpenSSL-backed hash objects shared by the _md5, _sha1, _sha256,
 * _sha512 and _sha3 modules (hashobject.c). Internal to stdlib/hashlib. */
#ifndef PYRS_HASHOBJECT_H
#define PYRS_HASHOBJECT_H

#include "Python.h"

/* The algorithms, in the order of the type table in hashobject.c. */
typedef enum {
    PYRS_HASH_MD5,
    PYRS_HASH_SHA1,
    PYRS_HASH_SHA224,
    PYRS_HASH_SHA256,
    PYRS_HASH_SHA384,
    PYRS_HASH_SHA512,
    PYRS_HASH_SHA3_224,
    PYRS_HASH_SHA3_256,
    PYRS_HASH_SHA3_384,
    PYRS_HASH_SHA3_512,
    PYRS_HASH_SHAKE_128,
    PYRS_HASH_SHAKE_256,
    PYRS_HASH_COUNT
} PyrsHashKind;

/* The ready type object of KIND: borrowed reference, or NULL with an exception. */
PyTypeObject *pyrs_hash_type(PyrsHashKind kind);

/* A new hash object of KIND fed with DATA (NULL for none); NULL with an exception (TypeError
 * for str or non-buffer data). */
PyObject *pyrs_hash_new(PyrsHashKind kind, PyObject *data);

/* The module-level constructor of the md5/sha1/sha2 modules: NAME(string=None, *,
 * usedforsecurity=True). New reference or NULL. */
PyObject *pyrs_hash_construct(PyrsHashKind kind, const char *name, PyObject *const *args,
                              Py_ssize_t nargs, PyObject *kwnames);

#endif /* PYRS_HASHOBJECT_H */
