/* unicodedata: the Unicode 14.0 character database (CPython 3.11's Modules/unicodedata.c) over
 * the generated tables of pyrs/unidata.h: properties, names and lookup, decomposition and
 * normalization. unicodedata.ucd_3_2_0 exists (idna and stringprep import it) but its queries
 * raise NotImplementedError: the Unicode 3.2.0 tables are not generated yet. */
#include "Python.h"
#include "pycapsule.h"
#include "pyrs/call.h"
#include "pyrs/unicode.h"
#include "pyrs/unidata.h"

/* unicodedata.UCD: only the ucd_3_2_0 instance exists. */
typedef struct {
    PyObject_HEAD
} UCDObject;

static PyTypeObject UCD_Type;

/* 1 when SELF is the ucd_3_2_0 object (NotImplementedError raised), else 0. */
static int
old_version(PyObject *self)
{
    if (self != NULL && Py_IS_TYPE(self, &UCD_Type)) {
        PyErr_SetString(PyExc_NotImplementedError,
                        "unicodedata.ucd_3_2_0: the Unicode 3.2.0 tables are not available in "
                        "pyrs yet");
        return 1;
    }
    return 0;
}

/* The code point of a one-character str argument of FNAME, or -1 with TypeError. */
static long
char_arg(const char *fname, PyObject *arg)
{
    if (!PyUnicode_Check(arg) || PyUnicode_GET_LENGTH(arg) != 1) {
        PyErr_Format(
            PyExc_TypeError, "%s() argument%s must be a unicode character, not %.50s", fname,
            strcmp(fname, "category") == 0 || strcmp(fname, "bidirectional") == 0 ||
                    strcmp(fname, "combining") == 0 || strcmp(fname, "mirrored") == 0 ||
                    strcmp(fname, "east_asian_width") == 0 || strcmp(fname, "decomposition") == 0
                ? ""
                : " 1",
            Py_TYPE(arg)->tp_name);
        return -1;
    }
    return (long)PyUnicode_READ_CHAR(arg, 0);
}

/* (chr[, default]) for decimal/digit/numeric/name; 0 or -1. */
static int
char_default_args(const char *fname, PyObject *const *args, Py_ssize_t nargs, long *ch,
                  PyObject **def)
{
    if (!_PyArg_CheckPositional(fname, nargs, 1, 2)) {
        return -1;
    }
    *ch = char_arg(fname, args[0]);
    *def = nargs > 1 ? args[1] : NULL;
    return *ch < 0 ? -1 : 0;
}

static PyObject *
missing(PyObject *def, const char *msg)
{
    if (def != NULL) {
        return Py_NewRef(def);
    }
    PyErr_SetString(PyExc_ValueError, msg);
    return NULL;
}

#define STR_PROPERTY(name, expr)                                                                   \
    static PyObject *unicodedata_##name(PyObject *self, PyObject *arg)                             \
    {                                                                                              \
        long ch = char_arg(#name, arg);                                                            \
        if (ch < 0 || old_version(self)) {                                                         \
            return NULL;                                                                           \
        }                                                                                          \
        return PyUnicode_FromString(expr((uint32_t)ch));                                           \
    }
STR_PROPERTY(category, pyrs_unidata_category_name)
STR_PROPERTY(bidirectional, pyrs_unidata_bidirectional_name)
STR_PROPERTY(east_asian_width, pyrs_unidata_east_asian_width_name)
STR_PROPERTY(decomposition, pyrs_unidata_decomposition)

static PyObject *
unicodedata_combining(PyObject *self, PyObject *arg)
{
    long ch = char_arg("combining", arg);
    if (ch < 0 || old_version(self)) {
        return NULL;
    }
    return PyLong_FromLong(pyrs_unidata_record((uint32_t)ch)->combining);
}

static PyObject *
unicodedata_mirrored(PyObject *self, PyObject *arg)
{
    long ch = char_arg("mirrored", arg);
    if (ch < 0 || old_version(self)) {
        return NULL;
    }
    return PyLong_FromLong((pyrs_unidata_record((uint32_t)ch)->flags & PYRS_UNIDATA_MIRRORED) != 0);
}

static PyObject *
unicodedata_decimal(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    long ch;
    PyObject *def;
    if (char_default_args("decimal", args, nargs, &ch, &def) < 0 || old_version(self)) {
        return NULL;
    }
    int v = pyrs_unidata_record((uint32_t)ch)->decimal;
    return v >= 0 ? PyLong_FromLong(v) : missing(def, "not a decimal");
}

static PyObject *
unicodedata_digit(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    long ch;
    PyObject *def;
    if (char_default_args("digit", args, nargs, &ch, &def) < 0 || old_version(self)) {
        return NULL;
    }
    int v = pyrs_unidata_record((uint32_t)ch)->digit;
    return v >= 0 ? PyLong_FromLong(v) : missing(def, "not a digit");
}

static PyObject *
unicodedata_numeric(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    long ch;
    PyObject *def;
    if (char_default_args("numeric", args, nargs, &ch, &def) < 0 || old_version(self)) {
        return NULL;
    }
    uint16_t idx = pyrs_unidata_record((uint32_t)ch)->numeric;
    if (idx == 0) {
        return missing(def, "not a numeric character");
    }
    return PyFloat_FromDouble(pyrs_unidata_numeric_value(idx));
}

static PyObject *
unicodedata_name(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    long ch;
    PyObject *def;
    char buf[256];
    if (char_default_args("name", args, nargs, &ch, &def) < 0 || old_version(self)) {
        return NULL;
    }
    if (!pyrs_unidata_name((uint32_t)ch, buf, sizeof buf)) {
        return missing(def, "no such name");
    }
    return PyUnicode_FromString(buf);
}

static PyObject *
unicodedata_lookup(PyObject *self, PyObject *arg)
{
    const char *name;
    Py_ssize_t len;
    uint32_t ch;
    if (PyUnicode_Check(arg)) {
        name = PyUnicode_AsUTF8AndSize(arg, &len);
    } else if (PyBytes_Check(arg)) {
        name = PyBytes_AS_STRING(arg);
        len = PyBytes_GET_SIZE(arg);
    } else {
        PyErr_Format(PyExc_TypeError, "lookup() argument must be str or bytes, not %.50s",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    if (name == NULL || old_version(self)) {
        return NULL;
    }
    if (len > 256) {
        PyErr_SetString(PyExc_KeyError, "name too long");
        return NULL;
    }
    if (!pyrs_unidata_lookup(name, (size_t)len, &ch)) {
        PyErr_Format(PyExc_KeyError, "undefined character name '%.*s'", (int)len, name);
        return NULL;
    }
    return PyUnicode_FromOrdinal((int)ch);
}

/* The (form, str) arguments of normalize / is_normalized; 0 or -1. */
static int
norm_args(const char *fname, PyObject *const *args, Py_ssize_t nargs, const char **form)
{
    if (!_PyArg_CheckPositional(fname, nargs, 2, 2)) {
        return -1;
    }
    for (int i = 0; i < 2; i++) {
        if (!PyUnicode_Check(args[i])) {
            PyErr_Format(PyExc_TypeError, "%s() argument %d must be str, not %.50s", fname, i + 1,
                         Py_TYPE(args[i])->tp_name);
            return -1;
        }
    }
    *form = PyUnicode_AsUTF8(args[0]);
    if (*form == NULL) {
        return -1;
    }
    if (strcmp(*form, "NFC") && strcmp(*form, "NFD") && strcmp(*form, "NFKC") &&
        strcmp(*form, "NFKD")) {
        PyErr_SetString(PyExc_ValueError, "invalid normalization form");
        return -1;
    }
    return 0;
}

static PyObject *
unicodedata_normalize(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    const char *form;
    if (norm_args("normalize", args, nargs, &form) < 0 || old_version(self)) {
        return NULL;
    }
    return pyrs_unicode_normalize(form, args[1]);
}

static PyObject *
unicodedata_is_normalized(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    const char *form;
    if (norm_args("is_normalized", args, nargs, &form) < 0 || old_version(self)) {
        return NULL;
    }
    PyObject *norm = pyrs_unicode_normalize(form, args[1]);
    if (norm == NULL) {
        return NULL;
    }
    int eq = PyUnicode_Compare(norm, args[1]) == 0;
    Py_DECREF(norm);
    return PyBool_FromLong(eq);
}

#define FAST(name)                                                                                 \
    {                                                                                              \
#name, (PyCFunction)(void (*)(void))unicodedata_##name, METH_FASTCALL, NULL                \
    }

static PyMethodDef unicodedata_methods[] = {
    FAST(decimal),
    FAST(digit),
    FAST(numeric),
    {"category", unicodedata_category, METH_O, NULL},
    {"bidirectional", unicodedata_bidirectional, METH_O, NULL},
    {"combining", unicodedata_combining, METH_O, NULL},
    {"mirrored", unicodedata_mirrored, METH_O, NULL},
    {"east_asian_width", unicodedata_east_asian_width, METH_O, NULL},
    {"decomposition", unicodedata_decomposition, METH_O, NULL},
    FAST(name),
    {"lookup", unicodedata_lookup, METH_O, NULL},
    FAST(is_normalized),
    FAST(normalize),
    {NULL, NULL, 0, NULL},
};

static PyObject *
ucd_unidata_version(PyObject *Py_UNUSED(self), void *Py_UNUSED(closure))
{
    return PyUnicode_FromString("3.2.0");
}

static PyGetSetDef ucd_getset[] = {
    {"unidata_version", ucd_unidata_version, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static void
ucd_dealloc(PyObject *op)
{
    PyObject_Free(op);
}

static PyTypeObject UCD_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "unicodedata.UCD",
    .tp_basicsize = sizeof(UCDObject),
    .tp_dealloc = ucd_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_methods = unicodedata_methods,
    .tp_getset = ucd_getset,
};

/* unicodedata._ucnhash_CAPI: the name <-> code point functions C code reaches through a
 * capsule (CPython's _PyUnicode_Name_CAPI layout). Aliases and named sequences are not
 * distinguished by pyrs's tables, so WITH_ALIAS_AND_SEQ / WITH_NAMED_SEQ are ignored. */
typedef struct {
    int (*getname)(Py_UCS4 code, char *buffer, int buflen, int with_alias_and_seq);
    int (*getcode)(const char *name, int namelen, Py_UCS4 *code, int with_named_seq);
} UcnhashCAPI;

static int
capi_getname(Py_UCS4 code, char *buffer, int buflen, int Py_UNUSED(with_alias_and_seq))
{
    return buflen > 0 && pyrs_unidata_name(code, buffer, (size_t)buflen);
}

static int
capi_getcode(const char *name, int namelen, Py_UCS4 *code, int Py_UNUSED(with_named_seq))
{
    uint32_t ch;
    if (namelen < 0 || !pyrs_unidata_lookup(name, (size_t)namelen, &ch)) {
        return 0;
    }
    *code = ch;
    return 1;
}

static UcnhashCAPI ucnhash_capi = {capi_getname, capi_getcode};

static int
unicodedata_exec(PyObject *m)
{
    if (PyType_Ready(&UCD_Type) < 0) {
        return -1;
    }
    PyObject *ucd = (PyObject *)PyObject_New(UCDObject, &UCD_Type);
    if (ucd == NULL || PyModule_AddObject(m, "ucd_3_2_0", ucd) < 0) {
        Py_XDECREF(ucd);
        return -1;
    }
    PyObject *capsule = PyCapsule_New(&ucnhash_capi, "unicodedata._ucnhash_CAPI", NULL);
    if (capsule == NULL || PyModule_AddObject(m, "_ucnhash_CAPI", capsule) < 0) {
        Py_XDECREF(capsule);
        return -1;
    }
    if (PyModule_AddStringConstant(m, "unidata_version", "14.0.0") < 0 ||
        PyModule_AddObjectRef(m, "UCD", (PyObject *)&UCD_Type) < 0) {
        return -1;
    }
    return 0;
}

static struct PyModuleDef unicodedata_module = {
    PyModuleDef_HEAD_INIT, "unicodedata", NULL, 0, unicodedata_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_unicodedata(void);

PyMODINIT_FUNC
PyInit_unicodedata(void)
{
    PyObject *m = PyModule_Create(&unicodedata_module);
    if (m != NULL && unicodedata_exec(m) < 0) {
        Py_CLEAR(m);
    }
    return m;
}
