/* The _md5, _sha1, _sha256, _sha512 and _sha3 modules: hashlib's built-in fallbacks, with the
 * constructors and type names of CPython 3.11 (md5(string=None, *, usedforsecurity=True); the
 * _sha3 types are themselves the constructors). Objects come from hashobject.c. */
#include "hashobject.h"

#define CONSTRUCTOR(fname, kind)                                                                   \
    static PyObject *construct_##fname(PyObject *Py_UNUSED(m), PyObject *const *args,              \
                                       Py_ssize_t nargs, PyObject *kwnames)                        \
    {                                                                                              \
        return pyrs_hash_construct(kind, #fname, args, nargs, kwnames);                            \
    }

CONSTRUCTOR(md5, PYRS_HASH_MD5)
CONSTRUCTOR(sha1, PYRS_HASH_SHA1)
CONSTRUCTOR(sha224, PYRS_HASH_SHA224)
CONSTRUCTOR(sha256, PYRS_HASH_SHA256)
CONSTRUCTOR(sha384, PYRS_HASH_SHA384)
CONSTRUCTOR(sha512, PYRS_HASH_SHA512)

#define METHOD(fname)                                                                              \
    {                                                                                              \
#fname, (PyCFunction)(void (*)(void))construct_##fname, METH_FASTCALL | METH_KEYWORDS,     \
            "Return a new " #fname " hash object; optionally initialized with a string."           \
    }

/* Adds the type of KIND to M under NAME; 0 or -1. */
static int
add_type(PyObject *m, const char *name, PyrsHashKind kind)
{
    PyTypeObject *tp = pyrs_hash_type(kind);
    if (tp == NULL) {
        return -1;
    }
    return PyModule_AddObjectRef(m, name, (PyObject *)tp);
}

/* ---- _md5 ----------------------------------------------------------------------------------- */

static int
md5_exec(PyObject *m)
{
    return add_type(m, "MD5Type", PYRS_HASH_MD5);
}

static PyMethodDef md5_methods[] = {METHOD(md5), {NULL, NULL, 0, NULL}};
static PyModuleDef_Slot md5_slots[] = {{Py_mod_exec, (void *)md5_exec}, {0, NULL}};
static PyModuleDef md5_module = {
    PyModuleDef_HEAD_INIT,    .m_name = "_md5",     .m_size = 0,
    .m_methods = md5_methods, .m_slots = md5_slots,
};

PyMODINIT_FUNC PyInit__md5(void);

/* The _md5 module definition (multi-phase); a borrowed reference to the def. */
PyMODINIT_FUNC
PyInit__md5(void)
{
    return PyModuleDef_Init(&md5_module);
}

/* ---- _sha1 ---------------------------------------------------------------------------------- */

static int
sha1_exec(PyObject *m)
{
    return add_type(m, "SHA1Type", PYRS_HASH_SHA1);
}

static PyMethodDef sha1_methods[] = {METHOD(sha1), {NULL, NULL, 0, NULL}};
static PyModuleDef_Slot sha1_slots[] = {{Py_mod_exec, (void *)sha1_exec}, {0, NULL}};
static PyModuleDef sha1_module = {
    PyModuleDef_HEAD_INIT,     .m_name = "_sha1",     .m_size = 0,
    .m_methods = sha1_methods, .m_slots = sha1_slots,
};

PyMODINIT_FUNC PyInit__sha1(void);

/* The _sha1 module definition (multi-phase); a borrowed reference to the def. */
PyMODINIT_FUNC
PyInit__sha1(void)
{
    return PyModuleDef_Init(&sha1_module);
}

/* ---- _sha256 -------------------------------------------------------------------------------- */

static int
sha256_exec(PyObject *m)
{
    if (add_type(m, "SHA224Type", PYRS_HASH_SHA224) < 0) {
        return -1;
    }
    return add_type(m, "SHA256Type", PYRS_HASH_SHA256);
}

static PyMethodDef sha256_methods[] = {METHOD(sha224), METHOD(sha256), {NULL, NULL, 0, NULL}};
static PyModuleDef_Slot sha256_slots[] = {{Py_mod_exec, (void *)sha256_exec}, {0, NULL}};
static PyModuleDef sha256_module = {
    PyModuleDef_HEAD_INIT,       .m_name = "_sha256",     .m_size = 0,
    .m_methods = sha256_methods, .m_slots = sha256_slots,
};

PyMODINIT_FUNC PyInit__sha256(void);

/* The _sha256 module definition (multi-phase); a borrowed reference to the def. */
PyMODINIT_FUNC
PyInit__sha256(void)
{
    return PyModuleDef_Init(&sha256_module);
}

/* ---- _sha512 -------------------------------------------------------------------------------- */

/* CPython 3.11 registers the sha512 type under the name SHA384Type and lists no other. */
static int
sha512_exec(PyObject *m)
{
    if (pyrs_hash_type(PYRS_HASH_SHA384) == NULL) {
        return -1;
    }
    return add_type(m, "SHA384Type", PYRS_HASH_SHA512);
}

static PyMethodDef sha512_methods[] = {METHOD(sha384), METHOD(sha512), {NULL, NULL, 0, NULL}};
static PyModuleDef_Slot sha512_slots[] = {{Py_mod_exec, (void *)sha512_exec}, {0, NULL}};
static PyModuleDef sha512_module = {
    PyModuleDef_HEAD_INIT,       .m_name = "_sha512",     .m_size = 0,
    .m_methods = sha512_methods, .m_slots = sha512_slots,
};

PyMODINIT_FUNC PyInit__sha512(void);

/* The _sha512 module definition (multi-phase); a borrowed reference to the def. */
PyMODINIT_FUNC
PyInit__sha512(void)
{
    return PyModuleDef_Init(&sha512_module);
}

/* ---- _sha3 ---------------------------------------------------------------------------------- */

static int
sha3_exec(PyObject *m)
{
    static const struct {
        const char *name;
        PyrsHashKind kind;
    } types[] = {
        {"sha3_224", PYRS_HASH_SHA3_224},   {"sha3_256", PYRS_HASH_SHA3_256},
        {"sha3_384", PYRS_HASH_SHA3_384},   {"sha3_512", PYRS_HASH_SHA3_512},
        {"shake_128", PYRS_HASH_SHAKE_128}, {"shake_256", PYRS_HASH_SHAKE_256},
    };
    for (size_t i = 0; i < Py_ARRAY_LENGTH(types); i++) {
        if (add_type(m, types[i].name, types[i].kind) < 0) {
            return -1;
        }
    }
    if (PyModule_AddStringConstant(m, "implementation", "OpenSSL EVP") < 0 ||
        PyModule_AddIntConstant(m, "keccakopt", 64) < 0) {
        return -1;
    }
    return 0;
}

static PyModuleDef_Slot sha3_slots[] = {{Py_mod_exec, (void *)sha3_exec}, {0, NULL}};
static PyModuleDef sha3_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_sha3",
    .m_size = 0,
    .m_slots = sha3_slots,
};

PyMODINIT_FUNC PyInit__sha3(void);

/* The _sha3 module definition (multi-phase); a borrowed reference to the def. */
PyMODINIT_FUNC
PyInit__sha3(void)
{
    return PyModuleDef_Init(&sha3_module);
}
