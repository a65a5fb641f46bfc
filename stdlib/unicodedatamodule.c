/* unicodedata: the Unicode 14.0 character database (CPython 3.11's Modules/unicodedata.c) over
 * the generated tables of pyrs/unidata.h: properties, names and lookup, decomposition and
 * normalization; unicodedata.ucd_3_2_0 answers the same queries for Unicode 3.2.0 (idna and
 * stringprep use it) from the generated differences of pyrs/ucd32.h. */
#include "Python.h"
#include "pycapsule.h"
#include "pyrs/call.h"
#include "pyrs/unicode.h"
#include "pyrs/ucd32.h"
#include "pyrs/unidata.h"

#include <strings.h>

/* unicodedata.UCD: only the ucd_3_2_0 instance exists. */
typedef struct {
    PyObject_HEAD
} UCDObject;

static PyTypeObject UCD_Type;

/* The 3.2.0 differences of CH, or NULL when CH is the same in both versions. */
static const PyrsUcd32Record *
find_old(uint32_t ch)
{
    size_t lo = 0, hi = pyrs_ucd32_nrecords;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const PyrsUcd32Record *r = &pyrs_ucd32_records[mid];
        if (ch < r->first) {
            hi = mid;
        } else if (ch > r->last) {
            lo = mid + 1;
        } else {
            return r;
        }
    }
    return NULL;
}

/* find_old(CH) when SELF is the ucd_3_2_0 object; NULL for the module itself. */
static const PyrsUcd32Record *
old_record(PyObject *self, uint32_t ch)
{
    return self != NULL && Py_IS_TYPE(self, &UCD_Type) ? find_old(ch) : NULL;
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
        if (ch < 0) {                                                                              \
            return NULL;                                                                           \
        }                                                                                          \
        const PyrsUcd32Record *old = old_record(self, (uint32_t)ch);                               \
        return PyUnicode_FromString(old != NULL && old->name != NULL ? old->name                   \
                                                                     : expr((uint32_t)ch));        \
    }
STR_PROPERTY(category, pyrs_unidata_category_name)
STR_PROPERTY(bidirectional, pyrs_unidata_bidirectional_name)
STR_PROPERTY(east_asian_width, pyrs_unidata_east_asian_width_name)
STR_PROPERTY(decomposition, pyrs_unidata_decomposition)

static PyObject *
unicodedata_combining(PyObject *self, PyObject *arg)
{
    long ch = char_arg("combining", arg);
    if (ch < 0) {
        return NULL;
    }
    const PyrsUcd32Record *old = old_record(self, (uint32_t)ch);
    if (old != NULL && old->combining >= 0) {
        return PyLong_FromLong(old->combining);
    }
    return PyLong_FromLong(pyrs_unidata_record((uint32_t)ch)->combining);
}

static PyObject *
unicodedata_mirrored(PyObject *self, PyObject *arg)
{
    long ch = char_arg("mirrored", arg);
    if (ch < 0) {
        return NULL;
    }
    const PyrsUcd32Record *old = old_record(self, (uint32_t)ch);
    if (old != NULL && old->mirrored >= 0) {
        return PyLong_FromLong(old->mirrored);
    }
    return PyLong_FromLong((pyrs_unidata_record((uint32_t)ch)->flags & PYRS_UNIDATA_MIRRORED) != 0);
}

static PyObject *
unicodedata_decimal(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    long ch;
    PyObject *def;
    if (char_default_args("decimal", args, nargs, &ch, &def) < 0) {
        return NULL;
    }
    const PyrsUcd32Record *old = old_record(self, (uint32_t)ch);
    int v = old != NULL && old->decimal != -2 ? old->decimal
                                              : pyrs_unidata_record((uint32_t)ch)->decimal;
    return v >= 0 ? PyLong_FromLong(v) : missing(def, "not a decimal");
}

static PyObject *
unicodedata_digit(PyObject *Py_UNUSED(self), PyObject *const *args, Py_ssize_t nargs)
{
    long ch;
    PyObject *def;
    /* digit() is the same in 3.2.0 (tools/gen_unicode_ucd32.py checks it) */
    if (char_default_args("digit", args, nargs, &ch, &def) < 0) {
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
    if (char_default_args("numeric", args, nargs, &ch, &def) < 0) {
        return NULL;
    }
    const PyrsUcd32Record *old = old_record(self, (uint32_t)ch);
    if (old != NULL && (old->flags & PYRS_UCD32_NOT_NUMERIC)) {
        return missing(def, "not a numeric character");
    }
    if (old != NULL && (old->flags & PYRS_UCD32_NUMERIC)) {
        return PyFloat_FromDouble(old->numeric);
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
    if (char_default_args("name", args, nargs, &ch, &def) < 0) {
        return NULL;
    }
    const PyrsUcd32Record *old = old_record(self, (uint32_t)ch);
    if ((old != NULL && (old->flags & PYRS_UCD32_UNNAMED)) ||
        !pyrs_unidata_name((uint32_t)ch, buf, sizeof buf)) {
        return missing(def, "no such name");
    }
    return PyUnicode_FromString(buf);
}

/* Whether NAME (found as CH) is a name ucd_3_2_0 knows: 1 for the module itself. Like
 * CPython, 3.2.0 has no aliases and no names for characters assigned later, except that the
 * algorithmic Hangul syllable and CJK ideograph names are accepted for any such character. */
static int
old_name(PyObject *self, const char *name, size_t len, uint32_t ch)
{
    if (self == NULL || !Py_IS_TYPE(self, &UCD_Type) ||
        (len >= 16 && strncasecmp(name, "HANGUL SYLLABLE ", 16) == 0) ||
        (len >= 22 && strncasecmp(name, "CJK UNIFIED IDEOGRAPH-", 22) == 0)) {
        return 1;
    }
    const PyrsUcd32Record *old = old_record(self, ch);
    char buf[256];
    if ((old != NULL && (old->flags & PYRS_UCD32_UNNAMED)) ||
        !pyrs_unidata_name(ch, buf, sizeof buf)) {
        return 0;
    }
    return strlen(buf) == len && strncasecmp(buf, name, len) == 0; /* else an alias */
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
    if (name == NULL) {
        return NULL;
    }
    if (len > 256) {
        PyErr_SetString(PyExc_KeyError, "name too long");
        return NULL;
    }
    if (!pyrs_unidata_lookup(name, (size_t)len, &ch) || !old_name(self, name, (size_t)len, ch)) {
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

/* The 3.2.0 normalization correction of CH (the code point 3.2.0 decomposes it to), or 0. */
static uint32_t
old_correction(uint32_t ch)
{
    for (size_t i = 0; i < pyrs_ucd32_ncorrections; i++) {
        if (pyrs_ucd32_corrections[i][0] == ch) {
            return pyrs_ucd32_corrections[i][1];
        }
    }
    return 0;
}

/* S with the 3.2.0 normalization corrections applied. */
static PyObject *
old_normalization_input(PyObject *s)
{
    PyrsUniWriter w;
    pyrs_uniwriter_init(&w);
    for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(s); i++) {
        uint32_t ch = PyUnicode_READ_CHAR(s, i), fix = old_correction(ch);
        if (pyrs_uniwriter_putc(&w, fix != 0 ? fix : ch) < 0) {
            pyrs_uniwriter_dealloc(&w);
            return NULL;
        }
    }
    return pyrs_uniwriter_finish(&w);
}

/* Whether CH was unassigned in Unicode 3.2.0: ucd_3_2_0 leaves it undecomposed (CPython still
 * uses the current combining classes and compositions around it). */
static int
old_unassigned(uint32_t ch)
{
    const PyrsUcd32Record *old = find_old(ch);
    return old != NULL && old->category != NULL && strcmp(old->category, "Cn") == 0;
}

/* unicodedata.normalize(FORM, S), or ucd_3_2_0's when SELF is that object. */
static PyObject *
normalize(PyObject *self, const char *form, PyObject *s)
{
    if (self == NULL || !Py_IS_TYPE(self, &UCD_Type)) {
        return pyrs_unicode_normalize(form, s);
    }
    PyObject *input = old_normalization_input(s);
    PyObject *res = input != NULL ? pyrs_unicode_normalize_keep(form, input, old_unassigned) : NULL;
    Py_XDECREF(input);
    return res;
}

static PyObject *
unicodedata_normalize(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    const char *form;
    if (norm_args("normalize", args, nargs, &form) < 0) {
        return NULL;
    }
    return normalize(self, form, args[1]);
}

static PyObject *
unicodedata_is_normalized(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    const char *form;
    if (norm_args("is_normalized", args, nargs, &form) < 0) {
        return NULL;
    }
    PyObject *norm = normalize(self, form, args[1]);
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
