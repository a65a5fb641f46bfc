/* The hash object types of the _md5, _sha1, _sha256, _sha512 and _sha3 modules over OpenSSL's
 * EVP digests: update/digest/hexdigest/copy, name/digest_size/block_size, and for SHA-3 the
 * _capacity_bits/_rate_bits/_suffix attributes and SHAKE's digest(length), as CPython 3.11's
 * Modules/md5module.c, sha*module.c and _sha3 behave. */
#include "hashobject.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

typedef struct {
    PyObject_HEAD
    EVP_MD_CTX *ctx;   /* the running digest */
    PyrsHashKind kind; /* which algorithm */
} HashObject;

typedef struct {
    const char *name;          /* hashlib name */
    const EVP_MD *(*md)(void); /* OpenSSL digest */
    int digest_size;           /* bytes; 0 for SHAKE */
    int block_size;            /* bytes */
    int sha3;                  /* 1 for SHA-3/SHAKE (capacity, rate, suffix) */
    int xof;                   /* 1 for SHAKE: digest(length) */
} HashInfo;

static const HashInfo infos[PYRS_HASH_COUNT] = {
    {"md5", EVP_md5, 16, 64, 0, 0},
    {"sha1", EVP_sha1, 20, 64, 0, 0},
    {"sha224", EVP_sha224, 28, 64, 0, 0},
    {"sha256", EVP_sha256, 32, 64, 0, 0},
    {"sha384", EVP_sha384, 48, 128, 0, 0},
    {"sha512", EVP_sha512, 64, 128, 0, 0},
    {"sha3_224", EVP_sha3_224, 28, 144, 1, 0},
    {"sha3_256", EVP_sha3_256, 32, 136, 1, 0},
    {"sha3_384", EVP_sha3_384, 48, 104, 1, 0},
    {"sha3_512", EVP_sha3_512, 64, 72, 1, 0},
    {"shake_128", EVP_shake128, 0, 168, 1, 1},
    {"shake_256", EVP_shake256, 0, 136, 1, 1},
};

static PyTypeObject hash_types[PYRS_HASH_COUNT];

/* ---- OpenSSL's memory through the runtime's raw allocator ----------------------------------- */

static void *
crypto_malloc(size_t n, const char *file, int line)
{
    (void)file;
    (void)line;
    return PyMem_RawMalloc(n);
}

static void *
crypto_realloc(void *p, size_t n, const char *file, int line)
{
    (void)file;
    (void)line;
    return PyMem_RawRealloc(p, n);
}

static void
crypto_free(void *p, const char *file, int line)
{
    (void)file;
    (void)line;
    PyMem_RawFree(p);
}

/* Digest contexts are then allocated like every other object's memory (CPython's _hashlib
 * leaves OpenSSL on malloc). OpenSSL accepts this only before its first allocation; when it
 * refuses, it keeps its own allocator, which is equally correct. */
static void
install_crypto_allocator(void)
{
    static int done;
    if (!done) {
        done = 1;
        (void)CRYPTO_set_mem_functions(crypto_malloc, crypto_realloc, crypto_free);
    }
}

/* ---- data arguments ------------------------------------------------------------------------- */

/* Feeds OBJ to the digest: 0, or -1 with TypeError (str, non-buffer) or a buffer error. */
static int
feed(HashObject *self, PyObject *obj)
{
    if (PyUnicode_Check(obj)) {
        PyErr_SetString(PyExc_TypeError, "Strings must be encoded before hashing");
        return -1;
    }
    if (!PyObject_CheckBuffer(obj)) {
        PyErr_SetString(PyExc_TypeError, "object supporting the buffer API required");
        return -1;
    }
    Py_buffer b;
    if (PyObject_GetBuffer(obj, &b, PyBUF_SIMPLE) < 0) {
        return -1;
    }
    int ok = EVP_DigestUpdate(self->ctx, b.buf, (size_t)b.len);
    PyBuffer_Release(&b);
    if (!ok) {
        PyErr_SetString(PyExc_ValueError, "digest update failed");
        return -1;
    }
    return 0;
}

static HashObject *
hash_alloc(PyrsHashKind kind)
{
    HashObject *self = PyObject_New(HashObject, &hash_types[kind]);
    if (self == NULL) {
        return NULL;
    }
    self->kind = kind;
    self->ctx = EVP_MD_CTX_new();
    if (self->ctx == NULL) {
        Py_DECREF(self);
        PyErr_NoMemory();
        return NULL;
    }
    return self;
}

PyObject *
pyrs_hash_new(PyrsHashKind kind, PyObject *data)
{
    if (pyrs_hash_type(kind) == NULL) {
        return NULL;
    }
    HashObject *self = hash_alloc(kind);
    if (self == NULL) {
        return NULL;
    }
    if (!EVP_DigestInit_ex(self->ctx, infos[kind].md(), NULL)) {
        Py_DECREF(self);
        PyErr_SetString(PyExc_ValueError, "unsupported hash type");
        return NULL;
    }
    if (data != NULL && feed(self, data) < 0) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

/* Splits (data [, *, usedforsecurity]) fast-call arguments; DATANAME may be NULL when the
 * data is positional-only. 0, or -1 with TypeError. */
static int
split_args(const char *name, const char *dataname, PyObject *const *args, Py_ssize_t nargs,
           PyObject *kwnames, PyObject **data)
{
    *data = nargs > 0 ? args[0] : NULL;
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most 1 positional argument (%zd given)", name,
                     nargs);
        return -1;
    }
    Py_ssize_t nkw = kwnames != NULL ? PyTuple_GET_SIZE(kwnames) : 0;
    for (Py_ssize_t i = 0; i < nkw; i++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, i);
        if (PyUnicode_CompareWithASCIIString(key, "usedforsecurity") == 0) {
            if (PyObject_IsTrue(args[nargs + i]) < 0) {
                return -1;
            }
            continue;
        }
        if (dataname != NULL && PyUnicode_CompareWithASCIIString(key, dataname) == 0) {
            if (*data != NULL) {
                PyErr_Format(PyExc_TypeError,
                             "argument for %s() given by name ('%s') and position (1)", name,
                             dataname);
                return -1;
            }
            *data = args[nargs + i];
            continue;
        }
        PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for %s()", key, name);
        return -1;
    }
    return 0;
}

PyObject *
pyrs_hash_construct(PyrsHashKind kind, const char *name, PyObject *const *args, Py_ssize_t nargs,
                    PyObject *kwnames)
{
    PyObject *data;
    if (split_args(name, "string", args, nargs, kwnames, &data) < 0) {
        return NULL;
    }
    return pyrs_hash_new(kind, data);
}

/* ---- methods -------------------------------------------------------------------------------- */

static PyObject *
hash_update(PyObject *op, PyObject *obj)
{
    if (feed((HashObject *)op, obj) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
hash_copy(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    HashObject *self = (HashObject *)op;
    HashObject *copy = hash_alloc(self->kind);
    if (copy == NULL) {
        return NULL;
    }
    if (!EVP_MD_CTX_copy_ex(copy->ctx, self->ctx)) {
        Py_DECREF(copy);
        PyErr_SetString(PyExc_ValueError, "digest copy failed");
        return NULL;
    }
    return (PyObject *)copy;
}

/* The digest of a copy of the running state into OUT (LEN bytes for SHAKE). 0 or -1. */
static int
final_digest(HashObject *self, unsigned char *out, size_t len)
{
    EVP_MD_CTX *tmp = EVP_MD_CTX_new();
    if (tmp == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    int ok = EVP_MD_CTX_copy_ex(tmp, self->ctx);
    if (ok) {
        ok = infos[self->kind].xof ? EVP_DigestFinalXOF(tmp, out, len)
                                   : EVP_DigestFinal_ex(tmp, out, NULL);
    }
    EVP_MD_CTX_free(tmp);
    if (!ok) {
        PyErr_SetString(PyExc_ValueError, "digest finalisation failed");
        return -1;
    }
    return 0;
}

static PyObject *
digest_as(HashObject *self, size_t len, int hex)
{
    unsigned char stack[EVP_MAX_MD_SIZE], *buf = stack;
    if (len > sizeof(stack) && (buf = PyMem_Malloc(len)) == NULL) {
        return PyErr_NoMemory();
    }
    PyObject *res = NULL;
    if (len == 0 || final_digest(self, buf, len) == 0) {
        if (!hex) {
            res = PyBytes_FromStringAndSize((const char *)buf, (Py_ssize_t)len);
        } else {
            static const char digits[] = "0123456789abcdef";
            res = PyUnicode_New((Py_ssize_t)len * 2, 127);
            if (res != NULL) {
                Py_UCS1 *out = PyUnicode_1BYTE_DATA(res);
                for (size_t i = 0; i < len; i++) {
                    out[2 * i] = (Py_UCS1)digits[buf[i] >> 4];
                    out[2 * i + 1] = (Py_UCS1)digits[buf[i] & 15];
                }
            }
        }
    }
    if (buf != stack) {
        PyMem_Free(buf);
    }
    return res;
}

static PyObject *
hash_digest(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    HashObject *self = (HashObject *)op;
    return digest_as(self, (size_t)infos[self->kind].digest_size, 0);
}

static PyObject *
hash_hexdigest(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    HashObject *self = (HashObject *)op;
    return digest_as(self, (size_t)infos[self->kind].digest_size, 1);
}

/* SHAKE's length argument: 0 and *out, or -1 with ValueError/OverflowError/TypeError. */
static int
xof_length(PyObject *arg, size_t *out)
{
    if (!PyLong_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "an integer is required");
        return -1;
    }
    if (_PyLong_Sign(arg) < 0) {
        PyErr_SetString(PyExc_ValueError, "value must be positive");
        return -1;
    }
    unsigned long v = PyLong_AsUnsignedLong(arg);
    if (v == (unsigned long)-1 && PyErr_Occurred()) {
        return -1;
    }
    if (v >= (1UL << 29)) {
        PyErr_SetString(PyExc_ValueError, "length is too large");
        return -1;
    }
    *out = v;
    return 0;
}

static PyObject *
shake_digest(PyObject *op, PyObject *arg)
{
    size_t len;
    if (xof_length(arg, &len) < 0) {
        return NULL;
    }
    return digest_as((HashObject *)op, len, 0);
}

static PyObject *
shake_hexdigest(PyObject *op, PyObject *arg)
{
    size_t len;
    if (xof_length(arg, &len) < 0) {
        return NULL;
    }
    return digest_as((HashObject *)op, len, 1);
}

/* ---- attributes ----------------------------------------------------------------------------- */

static PyObject *
get_name(PyObject *op, void *Py_UNUSED(closure))
{
    return PyUnicode_FromString(infos[((HashObject *)op)->kind].name);
}

static PyObject *
get_digest_size(PyObject *op, void *Py_UNUSED(closure))
{
    return PyLong_FromLong(infos[((HashObject *)op)->kind].digest_size);
}

static PyObject *
get_block_size(PyObject *op, void *Py_UNUSED(closure))
{
    return PyLong_FromLong(infos[((HashObject *)op)->kind].block_size);
}

static PyObject *
get_rate_bits(PyObject *op, void *Py_UNUSED(closure))
{
    return PyLong_FromLong(infos[((HashObject *)op)->kind].block_size * 8);
}

static PyObject *
get_capacity_bits(PyObject *op, void *Py_UNUSED(closure))
{
    return PyLong_FromLong(1600 - infos[((HashObject *)op)->kind].block_size * 8);
}

static PyObject *
get_suffix(PyObject *op, void *Py_UNUSED(closure))
{
    return PyBytes_FromStringAndSize(infos[((HashObject *)op)->kind].xof ? "\x1f" : "\x06", 1);
}

static PyGetSetDef hash_getset[] = {
    {"name", get_name, NULL, NULL, NULL},
    {"digest_size", get_digest_size, NULL, NULL, NULL},
    {"block_size", get_block_size, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyGetSetDef sha3_getset[] = {
    {"name", get_name, NULL, NULL, NULL},
    {"digest_size", get_digest_size, NULL, NULL, NULL},
    {"block_size", get_block_size, NULL, NULL, NULL},
    {"_rate_bits", get_rate_bits, NULL, NULL, NULL},
    {"_capacity_bits", get_capacity_bits, NULL, NULL, NULL},
    {"_suffix", get_suffix, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMethodDef hash_methods[] = {
    {"copy", hash_copy, METH_NOARGS, "Return a copy of the hash object."},
    {"digest", hash_digest, METH_NOARGS, "Return the digest value as a bytes object."},
    {"hexdigest", hash_hexdigest, METH_NOARGS,
     "Return the digest value as a string of hexadecimal "
     "digits."},
    {"update", hash_update, METH_O, "Update this hash object's state with the provided string."},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef shake_methods[] = {
    {"copy", hash_copy, METH_NOARGS, "Return a copy of the hash object."},
    {"digest", shake_digest, METH_O, "Return the digest value as a bytes object."},
    {"hexdigest", shake_hexdigest, METH_O,
     "Return the digest value as a string of hexadecimal "
     "digits."},
    {"update", hash_update, METH_O, "Update this hash object's state with the provided string."},
    {NULL, NULL, 0, NULL},
};

/* ---- the types ------------------------------------------------------------------------------ */

static void
hash_dealloc(PyObject *op)
{
    EVP_MD_CTX_free(((HashObject *)op)->ctx);
    PyObject_Free(op);
}

static PyObject *
hash_new_refused(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    (void)args;
    (void)kwds;
    PyErr_Format(PyExc_TypeError, "cannot create '%s' instances", type->tp_name);
    return NULL;
}

/* sha3_224(data=b'', /, *, usedforsecurity=True) and friends: the SHA-3 types are callable. */
static PyObject *
sha3_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    PyrsHashKind kind = (PyrsHashKind)(type - hash_types);
    if (kind < 0 || kind >= PYRS_HASH_COUNT) {
        PyErr_SetString(PyExc_TypeError, "SHA-3 subclasses are not supported");
        return NULL;
    }
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    PyObject *data = nargs > 0 ? PyTuple_GET_ITEM(args, 0) : NULL;
    if (nargs > 1) {
        /* CPython 3.11 names every SHA-3 constructor sha3_224 in its messages */
        PyErr_Format(PyExc_TypeError, "sha3_224() takes at most 1 positional argument (%zd given)",
                     nargs);
        return NULL;
    }
    if (kwds != NULL) {
        PyObject *key, *value;
        Py_ssize_t pos = 0;
        while (PyDict_Next(kwds, &pos, &key, &value)) {
            if (PyUnicode_CompareWithASCIIString(key, "usedforsecurity") != 0) {
                PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for sha3_224()",
                             key);
                return NULL;
            }
        }
    }
    return pyrs_hash_new(kind, data);
}

#define HASH_TYPE(tpname, kind_sha3)                                                               \
    {                                                                                              \
        PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = tpname,                                   \
                                            .tp_basicsize = sizeof(HashObject),                    \
                                            .tp_dealloc = hash_dealloc,                            \
                                            .tp_getattro = PyObject_GenericGetAttr,                \
                                            .tp_flags = Py_TPFLAGS_DEFAULT,                        \
                                            .tp_getset = (kind_sha3) ? sha3_getset : hash_getset,  \
                                            .tp_new = (kind_sha3) ? sha3_new : hash_new_refused,   \
    }

static PyTypeObject hash_types[PYRS_HASH_COUNT] = {
    HASH_TYPE("_md5.md5", 0),        HASH_TYPE("_sha1.sha1", 0),
    HASH_TYPE("_sha256.sha224", 0),  HASH_TYPE("_sha256.sha256", 0),
    HASH_TYPE("_sha512.sha384", 0),  HASH_TYPE("_sha512.sha512", 0),
    HASH_TYPE("_sha3.sha3_224", 1),  HASH_TYPE("_sha3.sha3_256", 1),
    HASH_TYPE("_sha3.sha3_384", 1),  HASH_TYPE("_sha3.sha3_512", 1),
    HASH_TYPE("_sha3.shake_128", 1), HASH_TYPE("_sha3.shake_256", 1),
};

PyTypeObject *
pyrs_hash_type(PyrsHashKind kind)
{
    PyTypeObject *tp = &hash_types[kind];
    install_crypto_allocator();
    if (tp->tp_methods == NULL) {
        tp->tp_methods = infos[kind].xof ? shake_methods : hash_methods;
    }
    if (PyType_Ready(tp) < 0) {
        return NULL;
    }
    return tp;
}
