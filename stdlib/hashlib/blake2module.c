/* The _blake2 module: BLAKE2b and BLAKE2s (RFC 7693) written here, with the full parameter
 * block (digest_size, key, salt, person, fanout, depth, leaf_size, node_offset, node_depth,
 * inner_size, last_node) that OpenSSL's EVP interface does not offer; CPython 3.11's
 * _blake2.blake2b/blake2s types, their argument checks and messages. */
#include "Python.h"

#include <stdint.h>

static const uint8_t sigma[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
};

static const uint64_t iv64[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};
static const uint32_t iv32[8] = {
    0x6A09E667U, 0xBB67AE85U, 0x3C6EF372U, 0xA54FF53AU,
    0x510E527FU, 0x9B05688CU, 0x1F83D9ABU, 0x5BE0CD19U,
};

/* One state for both variants: words are 64-bit for b and 32-bit (held in 64) for s. */
typedef struct {
    int is_b;         /* 1 for BLAKE2b, 0 for BLAKE2s */
    uint64_t h[8];    /* chained state */
    uint64_t t[2];    /* byte counter */
    uint8_t buf[128]; /* pending block */
    size_t buflen;    /* bytes in buf */
    int last_node;    /* finalise with f1 set */
    int outlen;       /* digest bytes */
} Blake2State;

static uint64_t
rotr64(uint64_t x, int n)
{
    return (x >> n) | (x << (64 - n));
}

static uint32_t
rotr32(uint32_t x, int n)
{
    return (x >> n) | (x << (32 - n));
}

static uint64_t
load_le(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--) {
        v = (v << 8) | p[i];
    }
    return v;
}

static void
compress_b(Blake2State *S, const uint8_t *block, int final)
{
    uint64_t m[16], v[16];
    for (int i = 0; i < 16; i++) {
        m[i] = load_le(block + 8 * i, 8);
    }
    for (int i = 0; i < 8; i++) {
        v[i] = S->h[i];
        v[i + 8] = iv64[i];
    }
    v[12] ^= S->t[0];
    v[13] ^= S->t[1];
    if (final) {
        v[14] = ~v[14];
        if (S->last_node) {
            v[15] = ~v[15];
        }
    }
#define GB(a, b, c, d, x, y)                                                                       \
    do {                                                                                           \
        v[a] = v[a] + v[b] + (x);                                                                  \
        v[d] = rotr64(v[d] ^ v[a], 32);                                                            \
        v[c] = v[c] + v[d];                                                                        \
        v[b] = rotr64(v[b] ^ v[c], 24);                                                            \
        v[a] = v[a] + v[b] + (y);                                                                  \
        v[d] = rotr64(v[d] ^ v[a], 16);                                                            \
        v[c] = v[c] + v[d];                                                                        \
        v[b] = rotr64(v[b] ^ v[c], 63);                                                            \
    } while (0)
    for (int r = 0; r < 12; r++) {
        const uint8_t *s = sigma[r];
        GB(0, 4, 8, 12, m[s[0]], m[s[1]]);
        GB(1, 5, 9, 13, m[s[2]], m[s[3]]);
        GB(2, 6, 10, 14, m[s[4]], m[s[5]]);
        GB(3, 7, 11, 15, m[s[6]], m[s[7]]);
        GB(0, 5, 10, 15, m[s[8]], m[s[9]]);
        GB(1, 6, 11, 12, m[s[10]], m[s[11]]);
        GB(2, 7, 8, 13, m[s[12]], m[s[13]]);
        GB(3, 4, 9, 14, m[s[14]], m[s[15]]);
    }
#undef GB
    for (int i = 0; i < 8; i++) {
        S->h[i] ^= v[i] ^ v[i + 8];
    }
}

static void
compress_s(Blake2State *S, const uint8_t *block, int final)
{
    uint32_t m[16], v[16];
    for (int i = 0; i < 16; i++) {
        m[i] = (uint32_t)load_le(block + 4 * i, 4);
    }
    for (int i = 0; i < 8; i++) {
        v[i] = (uint32_t)S->h[i];
        v[i + 8] = iv32[i];
    }
    v[12] ^= (uint32_t)S->t[0];
    v[13] ^= (uint32_t)(S->t[0] >> 32);
    if (final) {
        v[14] = ~v[14];
        if (S->last_node) {
            v[15] = ~v[15];
        }
    }
#define GS(a, b, c, d, x, y)                                                                       \
    do {                                                                                           \
        v[a] = v[a] + v[b] + (x);                                                                  \
        v[d] = rotr32(v[d] ^ v[a], 16);                                                            \
        v[c] = v[c] + v[d];                                                                        \
        v[b] = rotr32(v[b] ^ v[c], 12);                                                            \
        v[a] = v[a] + v[b] + (y);                                                                  \
        v[d] = rotr32(v[d] ^ v[a], 8);                                                             \
        v[c] = v[c] + v[d];                                                                        \
        v[b] = rotr32(v[b] ^ v[c], 7);                                                             \
    } while (0)
    for (int r = 0; r < 10; r++) {
        const uint8_t *s = sigma[r];
        GS(0, 4, 8, 12, m[s[0]], m[s[1]]);
        GS(1, 5, 9, 13, m[s[2]], m[s[3]]);
        GS(2, 6, 10, 14, m[s[4]], m[s[5]]);
        GS(3, 7, 11, 15, m[s[6]], m[s[7]]);
        GS(0, 5, 10, 15, m[s[8]], m[s[9]]);
        GS(1, 6, 11, 12, m[s[10]], m[s[11]]);
        GS(2, 7, 8, 13, m[s[12]], m[s[13]]);
        GS(3, 4, 9, 14, m[s[14]], m[s[15]]);
    }
#undef GS
    for (int i = 0; i < 8; i++) {
        S->h[i] = (uint32_t)S->h[i] ^ v[i] ^ v[i + 8];
    }
}

static size_t
block_bytes(const Blake2State *S)
{
    return S->is_b ? 128 : 64;
}

static void
add_counter(Blake2State *S, uint64_t n)
{
    S->t[0] += n;
    if (S->t[0] < n) {
        S->t[1]++;
    }
}

static void
blake2_compress(Blake2State *S, const uint8_t *block, int final)
{
    if (S->is_b) {
        compress_b(S, block, final);
    } else {
        compress_s(S, block, final);
    }
}

static void
blake2_update(Blake2State *S, const uint8_t *in, size_t n)
{
    size_t bb = block_bytes(S);
    while (n > 0) {
        if (S->buflen == bb) {
            /* a full block is compressed only once more input shows it is not the last */
            add_counter(S, bb);
            blake2_compress(S, S->buf, 0);
            S->buflen = 0;
        }
        size_t take = bb - S->buflen < n ? bb - S->buflen : n;
        memcpy(S->buf + S->buflen, in, take);
        S->buflen += take;
        in += take;
        n -= take;
    }
}

/* The digest of a copy of S into OUT (S->outlen bytes). */
static void
blake2_final(const Blake2State *S0, uint8_t *out)
{
    Blake2State S = *S0;
    size_t bb = block_bytes(&S);
    add_counter(&S, S.buflen);
    memset(S.buf + S.buflen, 0, bb - S.buflen);
    blake2_compress(&S, S.buf, 1);
    int wb = S.is_b ? 8 : 4;
    for (int i = 0; i < S.outlen; i++) {
        out[i] = (uint8_t)(S.h[i / wb] >> (8 * (i % wb)));
    }
}

/* ---- the Python types ----------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    Blake2State state; /* the running hash */
} Blake2Object;

static PyTypeObject Blake2b_Type;
static PyTypeObject Blake2s_Type;

static int
feed(Blake2Object *self, PyObject *obj)
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
    blake2_update(&self->state, b.buf, (size_t)b.len);
    PyBuffer_Release(&b);
    return 0;
}

/* The options of the constructor, after validation. */
typedef struct {
    PyObject *data;
    long digest_size, fanout, depth, node_depth, inner_size;
    unsigned long long leaf_size, node_offset;
    int last_node;
    Py_buffer key, salt, person;
} Blake2Args;

static int
long_opt(PyObject *o, long *out)
{
    if (PyFloat_Check(o)) {
        PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
        return -1;
    }
    long v = PyLong_AsLong(o);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    *out = v;
    return 0;
}

static int
ulong_opt(PyObject *o, unsigned long long *out)
{
    if (PyLong_Check(o) && _PyLong_Sign(o) < 0) {
        PyErr_SetString(PyExc_ValueError, "value must be positive");
        return -1;
    }
    PyObject *i = PyNumber_Index(o);
    if (i == NULL) {
        return -1;
    }
    unsigned long long v = PyLong_AsUnsignedLongLong(i);
    Py_DECREF(i);
    if (v == (unsigned long long)-1 && PyErr_Occurred()) {
        return -1;
    }
    *out = v;
    return 0;
}

static int
buffer_opt(PyObject *o, Py_buffer *view)
{
    if (PyUnicode_Check(o)) {
        PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%.100s'",
                     Py_TYPE(o)->tp_name);
        return -1;
    }
    return PyObject_GetBuffer(o, view, PyBUF_SIMPLE);
}

static void
release_args(Blake2Args *a)
{
    if (a->key.obj != NULL) {
        PyBuffer_Release(&a->key);
    }
    if (a->salt.obj != NULL) {
        PyBuffer_Release(&a->salt);
    }
    if (a->person.obj != NULL) {
        PyBuffer_Release(&a->person);
    }
}

/* Reads and checks the constructor arguments for a variant with OUTBYTES/KEYBYTES/SALTBYTES and
 * PERSONALBYTES (64/64/16/16 or 32/32/8/8). 0, or -1 with an exception. */
static int
parse_args(const char *name, int is_b, PyObject *args, PyObject *kwds, Blake2Args *a)
{
    int outbytes = is_b ? 64 : 32, saltbytes = is_b ? 16 : 8;
    memset(a, 0, sizeof(*a));
    a->digest_size = outbytes;
    a->fanout = 1;
    a->depth = 1;
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most 1 positional argument (%zd given)", name,
                     nargs);
        return -1;
    }
    a->data = nargs ? PyTuple_GET_ITEM(args, 0) : NULL;
    if (kwds != NULL) {
        PyObject *key, *v;
        Py_ssize_t pos = 0;
        while (PyDict_Next(kwds, &pos, &key, &v)) {
            const char *k = PyUnicode_AsUTF8(key);
            int rc = 0;
            if (k == NULL) {
                return -1;
            }
            if (strcmp(k, "digest_size") == 0) {
                rc = long_opt(v, &a->digest_size);
            } else if (strcmp(k, "key") == 0) {
                rc = buffer_opt(v, &a->key);
            } else if (strcmp(k, "salt") == 0) {
                rc = buffer_opt(v, &a->salt);
            } else if (strcmp(k, "person") == 0) {
                rc = buffer_opt(v, &a->person);
            } else if (strcmp(k, "fanout") == 0) {
                rc = long_opt(v, &a->fanout);
            } else if (strcmp(k, "depth") == 0) {
                rc = long_opt(v, &a->depth);
            } else if (strcmp(k, "leaf_size") == 0) {
                rc = ulong_opt(v, &a->leaf_size);
            } else if (strcmp(k, "node_offset") == 0) {
                rc = ulong_opt(v, &a->node_offset);
            } else if (strcmp(k, "node_depth") == 0) {
                rc = long_opt(v, &a->node_depth);
            } else if (strcmp(k, "inner_size") == 0) {
                rc = long_opt(v, &a->inner_size);
            } else if (strcmp(k, "last_node") == 0) {
                rc = a->last_node = PyObject_IsTrue(v);
            } else if (strcmp(k, "usedforsecurity") == 0) {
                rc = PyObject_IsTrue(v);
            } else {
                PyErr_Format(PyExc_TypeError, "'%s' is an invalid keyword argument for %s()", k,
                             name);
                rc = -1;
            }
            if (rc < 0) {
                return -1;
            }
        }
    }
    if (a->digest_size <= 0 || a->digest_size > outbytes) {
        PyErr_Format(PyExc_ValueError, "digest_size must be between 1 and %d bytes", outbytes);
        return -1;
    }
    if (a->salt.obj != NULL && a->salt.len > saltbytes) {
        PyErr_Format(PyExc_ValueError, "maximum salt length is %d bytes", saltbytes);
        return -1;
    }
    if (a->person.obj != NULL && a->person.len > saltbytes) {
        PyErr_Format(PyExc_ValueError, "maximum person length is %d bytes", saltbytes);
        return -1;
    }
    if (a->fanout < 0 || a->fanout > 255) {
        PyErr_SetString(PyExc_ValueError, "fanout must be between 0 and 255");
        return -1;
    }
    if (a->depth <= 0 || a->depth > 255) {
        PyErr_SetString(PyExc_ValueError, "depth must be between 1 and 255");
        return -1;
    }
    if (a->leaf_size > 0xFFFFFFFFULL) {
        PyErr_SetString(PyExc_OverflowError, "leaf_size is too large");
        return -1;
    }
    if (!is_b && a->node_offset > 0xFFFFFFFFFFFFULL) {
        PyErr_SetString(PyExc_OverflowError, "node_offset is too large");
        return -1;
    }
    if (a->node_depth < 0 || a->node_depth > 255) {
        PyErr_SetString(PyExc_ValueError, "node_depth must be between 0 and 255");
        return -1;
    }
    if (a->inner_size < 0 || a->inner_size > outbytes) {
        PyErr_Format(PyExc_ValueError, "inner_size must be between 0 and is %d", outbytes);
        return -1;
    }
    if (a->key.obj != NULL && a->key.len > outbytes) {
        PyErr_Format(PyExc_ValueError, "maximum key length is %d bytes", outbytes);
        return -1;
    }
    return 0;
}

/* Initialises S from the parameter block the arguments describe. */
static void
init_state(Blake2State *S, int is_b, const Blake2Args *a)
{
    uint8_t p[64];
    memset(p, 0, sizeof(p));
    memset(S, 0, sizeof(*S));
    S->is_b = is_b;
    S->outlen = (int)a->digest_size;
    S->last_node = a->last_node;
    p[0] = (uint8_t)a->digest_size;
    p[1] = (uint8_t)(a->key.obj != NULL ? a->key.len : 0);
    p[2] = (uint8_t)a->fanout;
    p[3] = (uint8_t)a->depth;
    for (int i = 0; i < 4; i++) {
        p[4 + i] = (uint8_t)(a->leaf_size >> (8 * i));
    }
    int off_bytes = is_b ? 8 : 6, salt_at = is_b ? 32 : 16, person_at = is_b ? 48 : 24;
    for (int i = 0; i < off_bytes; i++) {
        p[8 + i] = (uint8_t)(a->node_offset >> (8 * i));
    }
    p[8 + off_bytes] = (uint8_t)a->node_depth;
    p[9 + off_bytes] = (uint8_t)a->inner_size;
    if (a->salt.obj != NULL) {
        memcpy(p + salt_at, a->salt.buf, (size_t)a->salt.len);
    }
    if (a->person.obj != NULL) {
        memcpy(p + person_at, a->person.buf, (size_t)a->person.len);
    }
    for (int i = 0; i < 8; i++) {
        S->h[i] =
            is_b ? iv64[i] ^ load_le(p + 8 * i, 8) : (uint64_t)(iv32[i] ^ load_le(p + 4 * i, 4));
    }
    if (a->key.obj != NULL && a->key.len > 0) {
        uint8_t block[128];
        memset(block, 0, sizeof(block));
        memcpy(block, a->key.buf, (size_t)a->key.len);
        blake2_update(S, block, block_bytes(S));
    }
}

static PyObject *
blake2_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    int is_b = PyType_IsSubtype(type, &Blake2b_Type);
    Blake2Args a;
    if (parse_args(is_b ? "blake2b" : "blake2s", is_b, args, kwds, &a) < 0) {
        release_args(&a);
        return NULL;
    }
    Blake2Object *self = (Blake2Object *)type->tp_alloc(type, 0);
    if (self == NULL) {
        release_args(&a);
        return NULL;
    }
    init_state(&self->state, is_b, &a);
    release_args(&a);
    if (a.data != NULL && feed(self, a.data) < 0) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static PyObject *
b2_update(PyObject *op, PyObject *obj)
{
    if (feed((Blake2Object *)op, obj) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
b2_digest(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    Blake2Object *self = (Blake2Object *)op;
    uint8_t out[64];
    blake2_final(&self->state, out);
    return PyBytes_FromStringAndSize((const char *)out, self->state.outlen);
}

static PyObject *
b2_hexdigest(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    static const char digits[] = "0123456789abcdef";
    Blake2Object *self = (Blake2Object *)op;
    uint8_t out[64];
    char hex[128];
    blake2_final(&self->state, out);
    for (int i = 0; i < self->state.outlen; i++) {
        hex[2 * i] = digits[out[i] >> 4];
        hex[2 * i + 1] = digits[out[i] & 15];
    }
    return PyUnicode_FromStringAndSize(hex, self->state.outlen * 2);
}

static PyObject *
b2_copy(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    Blake2Object *copy = (Blake2Object *)Py_TYPE(op)->tp_alloc(Py_TYPE(op), 0);
    if (copy == NULL) {
        return NULL;
    }
    copy->state = ((Blake2Object *)op)->state;
    return (PyObject *)copy;
}

static PyObject *
b2_get_name(PyObject *op, void *Py_UNUSED(closure))
{
    return PyUnicode_FromString(((Blake2Object *)op)->state.is_b ? "blake2b" : "blake2s");
}

static PyObject *
b2_get_digest_size(PyObject *op, void *Py_UNUSED(closure))
{
    return PyLong_FromLong(((Blake2Object *)op)->state.outlen);
}

static PyObject *
b2_get_block_size(PyObject *op, void *Py_UNUSED(closure))
{
    return PyLong_FromSize_t(block_bytes(&((Blake2Object *)op)->state));
}

static PyMethodDef b2_methods[] = {
    {"copy", b2_copy, METH_NOARGS, "Return a copy of the hash object."},
    {"digest", b2_digest, METH_NOARGS, "Return the digest value as a bytes object."},
    {"hexdigest", b2_hexdigest, METH_NOARGS,
     "Return the digest value as a string of hexadecimal "
     "digits."},
    {"update", b2_update, METH_O,
     "Update this hash object's state with the provided bytes-like "
     "object."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef b2_getset[] = {
    {"name", b2_get_name, NULL, NULL, NULL},
    {"digest_size", b2_get_digest_size, NULL, NULL, NULL},
    {"block_size", b2_get_block_size, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

#define BLAKE2_TYPE(tpname, doc)                                                                   \
    {                                                                                              \
        PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = tpname,                                   \
                                            .tp_basicsize = sizeof(Blake2Object),                  \
                                            .tp_dealloc = (destructor)PyObject_Free,               \
                                            .tp_getattro = PyObject_GenericGetAttr,                \
                                            .tp_flags = Py_TPFLAGS_DEFAULT, .tp_doc = doc,         \
                                            .tp_methods = b2_methods, .tp_getset = b2_getset,      \
                                            .tp_alloc = PyType_GenericAlloc, .tp_new = blake2_new, \
                                            .tp_free = PyObject_Free,                              \
    }

static PyTypeObject Blake2b_Type =
    BLAKE2_TYPE("_blake2.blake2b", "Return a new BLAKE2b hash object.");
static PyTypeObject Blake2s_Type =
    BLAKE2_TYPE("_blake2.blake2s", "Return a new BLAKE2s hash object.");

/* Sets the size constants on TYPE's dict and on the module under PREFIX; 0 or -1. */
static int
add_sizes(PyObject *m, PyTypeObject *type, const char *prefix, int outbytes, int saltbytes)
{
    static const char *const names[] = {"SALT_SIZE", "PERSON_SIZE", "MAX_KEY_SIZE",
                                        "MAX_DIGEST_SIZE"};
    int values[] = {saltbytes, saltbytes, outbytes, outbytes};
    for (int i = 0; i < 4; i++) {
        PyObject *v = PyLong_FromLong(values[i]);
        char full[64];
        snprintf(full, sizeof(full), "%s_%s", prefix, names[i]);
        int rc = v == NULL ? -1 : PyDict_SetItemString(type->tp_dict, names[i], v);
        if (rc == 0) {
            rc = PyModule_AddObjectRef(m, full, v);
        }
        Py_XDECREF(v);
        if (rc < 0) {
            return -1;
        }
    }
    PyType_Modified(type);
    return 0;
}

static int
blake2_exec(PyObject *m)
{
    if (PyType_Ready(&Blake2b_Type) < 0 || PyType_Ready(&Blake2s_Type) < 0) {
        return -1;
    }
    if (PyModule_AddObjectRef(m, "blake2b", (PyObject *)&Blake2b_Type) < 0 ||
        PyModule_AddObjectRef(m, "blake2s", (PyObject *)&Blake2s_Type) < 0) {
        return -1;
    }
    if (add_sizes(m, &Blake2b_Type, "BLAKE2B", 64, 16) < 0 ||
        add_sizes(m, &Blake2s_Type, "BLAKE2S", 32, 8) < 0) {
        return -1;
    }
    return 0;
}

static PyModuleDef_Slot blake2_slots[] = {{Py_mod_exec, (void *)blake2_exec}, {0, NULL}};
static PyModuleDef blake2_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_blake2",
    .m_doc = "_blake2b provides BLAKE2b for hashlib\n",
    .m_size = 0,
    .m_slots = blake2_slots,
};

PyMODINIT_FUNC PyInit__blake2(void);

/* The _blake2 module definition (multi-phase); a borrowed reference to the def. */
PyMODINIT_FUNC
PyInit__blake2(void)
{
    return PyModuleDef_Init(&blake2_module);
}
