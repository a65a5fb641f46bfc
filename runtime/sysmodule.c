/* sysmodule.c: the `sys` module of CPython 3.11 (Python/sysmodule.c): interpreter facts as
 * struct sequences (flags, int_info, float_info, hash_info, version_info, thread_info),
 * sys.implementation (a types.SimpleNamespace, whose type lives here as in CPython), hooks,
 * limits and the PySys_* C-API. The import attributes (path, meta_path, path_hooks,
 * path_importer_cache) belong to import.c. The standard streams are simple line writers until
 * _io replaces them. Tracing and profiling functions are stored but never called. */
#include "pyrs/config.h"
#include "pyrs/eval.h"
#include "pyrs/frameobject.h"
#include "pyrs/import.h"
#include "pyrs/long.h"
#include "pyrs/object.h"
#include "pyrs/sys.h"
#include "pyrs/gil.h"
#include "pyrs/state.h"
#include "pyrs/vm.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <float.h>
#include <pthread.h>
#include <unistd.h>

/* 3.11.2 final, as CPython's PY_VERSION_HEX */
#define PY_VERSION_HEX_PYRS 0x030B02F0

/* ---- the stream objects: write(str) -> int, flush(), readline() ------------------------- */

typedef struct {
    PyObject_HEAD
    FILE *fp; /* stdin, stdout or stderr */
    int fd;   /* 0, 1 or 2 */
} StdPrinter;

static PyObject *
stdprinter_write(PyObject *self, PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "write() argument must be str, not %.100s",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    Py_ssize_t len;
    const char *s = PyUnicode_AsUTF8AndSize(arg, &len);
    if (s == NULL) {
        return NULL; /* lone surrogates: CPython's stdout uses strict errors too */
    }
    StdPrinter *p = (StdPrinter *)self;
    if (p->fd == 0) {
        PyErr_SetString(PyExc_OSError, "not writable");
        return NULL;
    }
    if (len > 0 && fwrite(s, 1, (size_t)len, p->fp) != (size_t)len) {
        PyErr_SetFromErrno(PyExc_OSError);
        return NULL;
    }
    return PyLong_FromSsize_t(PyUnicode_GET_LENGTH(arg));
}

static PyObject *
stdprinter_flush(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    fflush(((StdPrinter *)self)->fp);
    Py_RETURN_NONE;
}

static PyObject *
stdprinter_fileno(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(((StdPrinter *)self)->fd);
}

static PyObject *
stdprinter_isatty(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyBool_FromLong(isatty(((StdPrinter *)self)->fd));
}

/* Reads up to and including '\n' (or to EOF when ALL); "" at end of file. */
static PyObject *
read_text(FILE *fp, int all)
{
    size_t cap = 256, n = 0;
    char *buf = PyMem_Malloc(cap);
    if (buf == NULL) {
        return PyErr_NoMemory();
    }
    int c;
    while ((c = fgetc(fp)) != EOF) {
        if (n + 1 >= cap) {
            char *nb = PyMem_Realloc(buf, cap *= 2);
            if (nb == NULL) {
                PyMem_Free(buf);
                return PyErr_NoMemory();
            }
            buf = nb;
        }
        buf[n++] = (char)c;
        if (c == '\n' && !all) {
            break;
        }
    }
    PyObject *res = PyUnicode_DecodeUTF8(buf, (Py_ssize_t)n, "surrogateescape");
    PyMem_Free(buf);
    return res;
}

static PyObject *
stdprinter_readline(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return read_text(((StdPrinter *)self)->fp, 0);
}

static PyObject *
stdprinter_read(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return read_text(((StdPrinter *)self)->fp, 1);
}

static PyObject *
stdprinter_get_encoding(PyObject *Py_UNUSED(self), void *Py_UNUSED(closure))
{
    return PyUnicode_FromString("utf-8");
}

static PyObject *
stdprinter_get_errors(PyObject *self, void *Py_UNUSED(closure))
{
    return PyUnicode_FromString(((StdPrinter *)self)->fd == 1 ? "strict" : "backslashreplace");
}

static PyObject *
stdprinter_get_name(PyObject *self, void *Py_UNUSED(closure))
{
    static const char *const names[] = {"<stdin>", "<stdout>", "<stderr>"};
    return PyUnicode_FromString(names[((StdPrinter *)self)->fd]);
}

static PyObject *
stdprinter_get_closed(PyObject *Py_UNUSED(self), void *Py_UNUSED(closure))
{
    Py_RETURN_FALSE;
}

static PyMethodDef stdprinter_methods[] = {
    {"write", stdprinter_write, METH_O, NULL},
    {"flush", stdprinter_flush, METH_NOARGS, NULL},
    {"fileno", stdprinter_fileno, METH_NOARGS, NULL},
    {"isatty", stdprinter_isatty, METH_NOARGS, NULL},
    {"readline", stdprinter_readline, METH_NOARGS, NULL},
    {"read", stdprinter_read, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef stdprinter_getset[] = {
    {"encoding", stdprinter_get_encoding, NULL, NULL, NULL},
    {"errors", stdprinter_get_errors, NULL, NULL, NULL},
    {"name", stdprinter_get_name, NULL, NULL, NULL},
    {"closed", stdprinter_get_closed, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject StdPrinter_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "stdprinter",
    .tp_basicsize = sizeof(StdPrinter),
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_methods = stdprinter_methods,
    .tp_getset = stdprinter_getset,
};

static PyObject *
stdprinter_new(FILE *fp, int fd)
{
    StdPrinter *p = PyObject_New(StdPrinter, &StdPrinter_Type);
    if (p != NULL) {
        p->fp = fp;
        p->fd = fd;
    }
    return (PyObject *)p;
}

int
pyrs_sys_is_std_stream(PyObject *obj, FILE **fp)
{
    if (Py_IS_TYPE(obj, &StdPrinter_Type)) {
        *fp = ((StdPrinter *)obj)->fp;
        return 1;
    }
    return 0;
}

/* ---- types.SimpleNamespace (the type of sys.implementation) ------------------------------ */

typedef struct {
    PyObject_HEAD
    PyObject *ns_dict; /* the attributes */
} NamespaceObject;

static PyMemberDef namespace_members[] = {
    {"__dict__", T_OBJECT, offsetof(NamespaceObject, ns_dict), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyObject *
namespace_new(PyTypeObject *type, PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))
{
    NamespaceObject *ns = (NamespaceObject *)type->tp_alloc(type, 0);
    if (ns == NULL) {
        return NULL;
    }
    ns->ns_dict = PyDict_New();
    if (ns->ns_dict == NULL) {
        Py_DECREF(ns);
        return NULL;
    }
    return (PyObject *)ns;
}

static int
namespace_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    if (PyTuple_GET_SIZE(args) != 0) {
        PyErr_Format(PyExc_TypeError, "no positional arguments expected");
        return -1;
    }
    if (kwds == NULL) {
        return 0;
    }
    if (!PyArg_ValidateKeywordArguments(kwds)) {
        return -1;
    }
    return PyDict_Update(((NamespaceObject *)self)->ns_dict, kwds);
}

static void
namespace_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    Py_CLEAR(((NamespaceObject *)self)->ns_dict);
    Py_TYPE(self)->tp_free(self);
}

/* "namespace(a=1, b=2)" (subclasses show their own name), "namespace(...)" when recursive. */
static PyObject *
namespace_repr(PyObject *self)
{
    const char *name = Py_IS_TYPE(self, &_PyNamespace_Type) ? "namespace" : Py_TYPE(self)->tp_name;
    int r = Py_ReprEnter(self);
    if (r != 0) {
        return r > 0 ? PyUnicode_FromFormat("%s(...)", name) : NULL;
    }
    PyObject *parts = PyList_New(0), *res = NULL;
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    PyObject *d = ((NamespaceObject *)self)->ns_dict;
    while (parts != NULL && PyDict_Next(d, &pos, &key, &value)) {
        if (!PyUnicode_Check(key) || PyUnicode_GET_LENGTH(key) == 0) {
            continue;
        }
        PyObject *item = PyUnicode_FromFormat("%U=%R", key, value);
        if (item == NULL || PyList_Append(parts, item) < 0) {
            Py_CLEAR(parts);
        }
        Py_XDECREF(item);
    }
    if (parts != NULL) {
        PyObject *sep = PyUnicode_FromString(", ");
        PyObject *body = sep != NULL ? PyUnicode_Join(sep, parts) : NULL;
        Py_XDECREF(sep);
        res = body != NULL ? PyUnicode_FromFormat("%s(%U)", name, body) : NULL;
        Py_XDECREF(body);
        Py_DECREF(parts);
    }
    Py_ReprLeave(self);
    return res;
}

static int
namespace_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((NamespaceObject *)self)->ns_dict);
    return 0;
}

static int
namespace_clear(PyObject *self)
{
    Py_CLEAR(((NamespaceObject *)self)->ns_dict);
    return 0;
}

static PyObject *
namespace_richcompare(PyObject *self, PyObject *other, int op)
{
    if (PyObject_TypeCheck(self, &_PyNamespace_Type) &&
        PyObject_TypeCheck(other, &_PyNamespace_Type)) {
        return PyObject_RichCompare(((NamespaceObject *)self)->ns_dict,
                                    ((NamespaceObject *)other)->ns_dict, op);
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *
namespace_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("(O()O)", (PyObject *)Py_TYPE(self), ((NamespaceObject *)self)->ns_dict);
}

static PyMethodDef namespace_methods[] = {
    {"__reduce__", namespace_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

PyTypeObject _PyNamespace_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "types.SimpleNamespace",
    .tp_basicsize = sizeof(NamespaceObject),
    .tp_dealloc = namespace_dealloc,
    .tp_repr = namespace_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_traverse = namespace_traverse,
    .tp_clear = namespace_clear,
    .tp_richcompare = namespace_richcompare,
    .tp_methods = namespace_methods,
    .tp_members = namespace_members,
    .tp_dictoffset = offsetof(NamespaceObject, ns_dict),
    .tp_init = namespace_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = namespace_new,
    .tp_free = PyObject_GC_Del,
};

PyObject *
_PyNamespace_New(PyObject *kwds)
{
    PyObject *ns = namespace_new(&_PyNamespace_Type, NULL, NULL);
    if (ns != NULL && kwds != NULL && PyDict_Update(((NamespaceObject *)ns)->ns_dict, kwds) < 0) {
        Py_CLEAR(ns);
    }
    return ns;
}

/* ---- interpreter state kept by sys ------------------------------------------------------ */

static struct {
    PyObject *module;                  /* the sys module */
    PyObject *modules;                 /* sys.modules */
    PyObject *trace;                   /* settrace's function (stored, not called) */
    PyObject *profile;                 /* setprofile's function (stored, not called) */
    PyObject *audit_hooks;             /* list of Python audit hooks */
    PyObject *firstiter;               /* set_asyncgen_hooks */
    PyObject *finalizer;               /* set_asyncgen_hooks */
    double switch_interval;            /* seconds */
    int coro_depth;                    /* coroutine origin tracking depth */
    int dlopenflags;                   /* flags for dlopen of extension modules */
    Py_audit_hook_function c_hooks[8]; /* PySys_AddAuditHook */
    void *c_hook_data[8];              /* their userData */
    int n_c_hooks;                     /* how many */
} sys_state = {.switch_interval = 0.005, .dlopenflags = RTLD_NOW};

/* ---- struct sequences ------------------------------------------------------------------- */

static PyTypeObject FlagsType, IntInfoType, FloatInfoType, HashInfoType, VersionInfoType,
    ThreadInfoType, AsyncGenHooksType, UnraisableHookArgsType;

static PyStructSequence_Field flags_fields[] = {
    {"debug", NULL},
    {"inspect", NULL},
    {"interactive", NULL},
    {"optimize", NULL},
    {"dont_write_bytecode", NULL},
    {"no_user_site", NULL},
    {"no_site", NULL},
    {"ignore_environment", NULL},
    {"verbose", NULL},
    {"bytes_warning", NULL},
    {"quiet", NULL},
    {"hash_randomization", NULL},
    {"isolated", NULL},
    {"dev_mode", NULL},
    {"utf8_mode", NULL},
    {"warn_default_encoding", NULL},
    {"safe_path", NULL},
    {"int_max_str_digits", NULL},
    {NULL, NULL},
};
static PyStructSequence_Desc flags_desc = {"sys.flags", NULL, flags_fields, 18};

static PyStructSequence_Field int_info_fields[] = {
    {"bits_per_digit", NULL},
    {"sizeof_digit", NULL},
    {"default_max_str_digits", NULL},
    {"str_digits_check_threshold", NULL},
    {NULL, NULL},
};
static PyStructSequence_Desc int_info_desc = {"sys.int_info", NULL, int_info_fields, 4};

static PyStructSequence_Field float_info_fields[] = {
    {"max", NULL},     {"max_exp", NULL},    {"max_10_exp", NULL}, {"min", NULL},
    {"min_exp", NULL}, {"min_10_exp", NULL}, {"dig", NULL},        {"mant_dig", NULL},
    {"epsilon", NULL}, {"radix", NULL},      {"rounds", NULL},     {NULL, NULL},
};
static PyStructSequence_Desc float_info_desc = {"sys.float_info", NULL, float_info_fields, 11};

static PyStructSequence_Field hash_info_fields[] = {
    {"width", NULL},     {"modulus", NULL},   {"inf", NULL},       {"nan", NULL},    {"imag", NULL},
    {"algorithm", NULL}, {"hash_bits", NULL}, {"seed_bits", NULL}, {"cutoff", NULL}, {NULL, NULL},
};
static PyStructSequence_Desc hash_info_desc = {"sys.hash_info", NULL, hash_info_fields, 9};

static PyStructSequence_Field version_info_fields[] = {
    {"major", NULL},        {"minor", NULL},  {"micro", NULL},
    {"releaselevel", NULL}, {"serial", NULL}, {NULL, NULL},
};
static PyStructSequence_Desc version_info_desc = {"sys.version_info", NULL, version_info_fields, 5};

static PyStructSequence_Field thread_info_fields[] = {
    {"name", NULL},
    {"lock", NULL},
    {"version", NULL},
    {NULL, NULL},
};
static PyStructSequence_Desc thread_info_desc = {"sys.thread_info", NULL, thread_info_fields, 3};

static PyStructSequence_Field asyncgen_hooks_fields[] = {
    {"firstiter", NULL},
    {"finalizer", NULL},
    {NULL, NULL},
};
static PyStructSequence_Desc asyncgen_hooks_desc = {"asyncgen_hooks", NULL, asyncgen_hooks_fields,
                                                    2};

static PyStructSequence_Field unraisable_fields[] = {
    {"exc_type", NULL}, {"exc_value", NULL}, {"exc_traceback", NULL},
    {"err_msg", NULL},  {"object", NULL},    {NULL, NULL},
};
static PyStructSequence_Desc unraisable_desc = {"UnraisableHookArgs", NULL, unraisable_fields, 5};

/* A new instance of TYPE from the Py_BuildValue FORMAT items (all stolen into the fields). */
static PyObject *
make_structseq(PyTypeObject *type, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *items = _Py_VaBuildValue_SizeT(format, va);
    va_end(va);
    if (items == NULL) {
        return NULL;
    }
    PyObject *seq = PyStructSequence_New(type);
    if (seq == NULL) {
        Py_DECREF(items);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(items); i++) {
        PyStructSequence_SET_ITEM(seq, i, Py_NewRef(PyTuple_GET_ITEM(items, i)));
    }
    Py_DECREF(items);
    return seq;
}

static PyObject *
make_flags(void)
{
    const char *seed = pyrs_config_getenv("PYTHONHASHSEED");
    int hash_randomization = pyrs_config.hash_random || !(seed != NULL && strcmp(seed, "0") == 0);
    const PyrsConfig *c = &pyrs_config;
    return make_structseq(&FlagsType, "(iiiiiiiiiiiiiNiiNi)", c->debug, c->inspect, c->interactive,
                          c->optimize, c->dont_write_bytecode, c->no_user_site, c->no_site,
                          c->ignore_environment, c->verbose, c->bytes_warning, c->quiet,
                          hash_randomization, c->isolated, PyBool_FromLong(c->dev_mode),
                          c->utf8_mode, c->warn_default_encoding, PyBool_FromLong(c->safe_path),
                          c->int_max_str_digits);
}

/* sys._xoptions: -X NAME=VALUE gives 'VALUE', a bare -X NAME gives True. */
static PyObject *
make_xoptions(void)
{
    PyObject *d = PyDict_New();
    for (int i = 0; d != NULL && i < pyrs_config.nxoptions; i++) {
        const char *x = pyrs_config.xoptions[i];
        const char *eq = strchr(x, '=');
        PyObject *key =
            eq ? PyUnicode_DecodeFSDefaultAndSize(x, eq - x) : PyUnicode_DecodeFSDefault(x);
        PyObject *value = eq ? PyUnicode_DecodeFSDefault(eq + 1) : Py_NewRef(Py_True);
        if (key == NULL || value == NULL || PyDict_SetItem(d, key, value) < 0) {
            Py_CLEAR(d);
        }
        Py_XDECREF(key);
        Py_XDECREF(value);
    }
    return d;
}

static PyObject *
make_float_info(void)
{
    return make_structseq(&FloatInfoType, "(diidiiiidii)", DBL_MAX, DBL_MAX_EXP, DBL_MAX_10_EXP,
                          DBL_MIN, DBL_MIN_EXP, DBL_MIN_10_EXP, DBL_DIG, DBL_MANT_DIG, DBL_EPSILON,
                          FLT_RADIX, FLT_ROUNDS);
}

static PyObject *
make_hash_info(void)
{
    return make_structseq(&HashInfoType, "(iniiisiii)", (int)(8 * sizeof(Py_hash_t)),
                          (Py_ssize_t)_PyHASH_MODULUS, _PyHASH_INF, 0, (int)_PyHASH_IMAG,
                          "siphash13", 64, 128, Py_HASH_CUTOFF);
}

static PyObject *
make_version_info(void)
{
    return make_structseq(&VersionInfoType, "(iiisi)", 3, 11, 2, "final", 0);
}

/* Readies the static struct sequence types once. */
static int
init_structseq_types(void)
{
    struct {
        PyTypeObject *type;
        PyStructSequence_Desc *desc;
        unsigned long flags;
    } types[] = {
        {&FlagsType, &flags_desc, Py_TPFLAGS_DISALLOW_INSTANTIATION},
        {&IntInfoType, &int_info_desc, 0},
        {&FloatInfoType, &float_info_desc, 0},
        {&HashInfoType, &hash_info_desc, 0},
        {&VersionInfoType, &version_info_desc, Py_TPFLAGS_DISALLOW_INSTANTIATION},
        {&ThreadInfoType, &thread_info_desc, 0},
        {&AsyncGenHooksType, &asyncgen_hooks_desc, 0},
        {&UnraisableHookArgsType, &unraisable_desc, 0},
    };
    for (size_t i = 0; i < Py_ARRAY_LENGTH(types); i++) {
        if (_PyStructSequence_InitType(types[i].type, types[i].desc, types[i].flags) < 0) {
            return -1;
        }
    }
    return 0;
}

/* ---- functions: objects and sizes ------------------------------------------------------- */

size_t
_PySys_GetSizeOf(PyObject *o)
{
    PyObject *method = _PyObject_LookupSpecial(o, pyrs_object_id("__sizeof__"));
    PyObject *res = NULL;
    if (method == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_TypeError, "Type %.100s doesn't define __sizeof__",
                         Py_TYPE(o)->tp_name);
        }
    } else {
        res = PyObject_CallNoArgs(method);
        Py_DECREF(method);
    }
    if (res == NULL) {
        return (size_t)-1;
    }
    Py_ssize_t size = PyLong_AsSsize_t(res);
    Py_DECREF(res);
    if (size == -1 && PyErr_Occurred()) {
        return (size_t)-1;
    }
    if (size < 0) {
        PyErr_SetString(PyExc_ValueError, "__sizeof__() should return >= 0");
        return (size_t)-1;
    }
    return (size_t)size + (PyObject_IS_GC(o) ? sizeof(PyGC_Head) : 0);
}

static PyObject *
sys_getsizeof(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"object", "default", NULL};
    PyObject *o, *dflt = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O:getsizeof", (char **)kwlist, &o, &dflt)) {
        return NULL;
    }
    size_t size = _PySys_GetSizeOf(o);
    if (size == (size_t)-1 && PyErr_Occurred()) {
        if (dflt != NULL && PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            return Py_NewRef(dflt);
        }
        return NULL;
    }
    return PyLong_FromSize_t(size);
}

static PyObject *
sys_getrefcount(PyObject *Py_UNUSED(m), PyObject *arg)
{
    return PyLong_FromSsize_t(Py_REFCNT(arg));
}

static PyObject *
sys_intern(PyObject *Py_UNUSED(m), PyObject *arg)
{
    if (!PyUnicode_CheckExact(arg)) {
        PyErr_Format(PyExc_TypeError, "intern() argument must be str, not %.50s",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    Py_INCREF(arg);
    PyUnicode_InternInPlace(&arg);
    return arg;
}

static PyObject *
sys_getallocatedblocks(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(0);
}

static PyObject *
sys_none(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    Py_RETURN_NONE;
}

static PyObject *
sys_zero(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(0);
}

/* ---- functions: exceptions and frames --------------------------------------------------- */

static PyObject *
sys_exception(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    PyObject *exc = PyErr_GetHandledException();
    return exc != NULL ? exc : Py_NewRef(Py_None);
}

static PyObject *
sys_exc_info(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    PyObject *exc = PyErr_GetHandledException();
    if (exc == NULL || exc == Py_None) {
        Py_XDECREF(exc);
        return PyTuple_Pack(3, Py_None, Py_None, Py_None);
    }
    PyObject *tb = PyException_GetTraceback(exc);
    PyObject *r = PyTuple_Pack(3, (PyObject *)Py_TYPE(exc), exc, tb != NULL ? tb : Py_None);
    Py_XDECREF(tb);
    Py_DECREF(exc);
    return r;
}

static PyObject *
sys_getframe(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("_getframe", nargs, 0, 1)) {
        return NULL;
    }
    long depth = 0;
    if (nargs == 1) {
        if (PyFloat_Check(args[0])) {
            PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
            return NULL;
        }
        depth = PyLong_AsLong(args[0]);
        if (depth == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    PyrsFrame *f = pyrs_frame_top();
    while (depth-- > 0 && f != NULL) {
        f = pyrs_frame_back(f);
    }
    if (f == NULL) {
        PyErr_SetString(PyExc_ValueError, "call stack is not deep enough");
        return NULL;
    }
    return pyrs_frameobj_get(f);
}

/* {thread id: innermost frame} of every thread running Python code (pystate.c). */
static PyObject *
sys_current_frames(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return pyrs_state_threads_dict(0);
}

static PyObject *
sys_current_exceptions(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return pyrs_state_threads_dict(1);
}

/* traceback.c's type; no header declares it yet. */
#include "traceback.h"

/* Writes the report of VALUE (traceback, chain, notes) to FILE, CPython's default format.
 * The runtime's printer writes to C's stderr, so for any other file object the text comes
 * from the traceback module (identical output). 0, or -1 with an exception. */
static int
print_exception_to(PyObject *file, PyObject *type, PyObject *value, PyObject *tb)
{
    if (!PyExceptionInstance_Check(value)) {
        PyObject *r = PyObject_CallMethod(
            file, "write", "N",
            PyUnicode_FromFormat(
                "TypeError: print_exception(): Exception expected for value, %s found\n",
                Py_TYPE(value)->tp_name));
        Py_XDECREF(r);
        return r != NULL ? 0 : -1;
    }
    if (tb != NULL && !Py_IS_TYPE(tb, &PyTraceBack_Type)) {
        tb = NULL;
    }
    if (tb != NULL) {
        PyObject *cur = PyException_GetTraceback(value);
        if (cur == NULL && PyException_SetTraceback(value, tb) < 0) {
            return -1;
        }
        Py_XDECREF(cur);
    }
    FILE *fp;
    if (pyrs_sys_is_std_stream(file, &fp) && fp == stderr) {
        pyrs_vm_print_exception(value);
        return 0;
    }
    (void)type; /* the printer takes everything from the exception, as CPython's */
    if (pyrs_vm_print_exception_to(file, value) < 0) {
        return -1;
    }
    return 0;
}

/* excepthook(exctype, value, traceback, /): the default report on sys.stderr. */
static PyObject *
sys_excepthook(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("excepthook", nargs, 3, 3)) {
        return NULL;
    }
    PyObject *file = PySys_GetObject("stderr");
    if (file == NULL || file == Py_None) {
        Py_RETURN_NONE;
    }
    Py_INCREF(file);
    int r = print_exception_to(file, args[0], args[1], args[2]);
    Py_DECREF(file);
    return r < 0 ? NULL : Py_NewRef(Py_None);
}

/* unraisablehook(unraisable, /): "Exception ignored in: OBJ" and the report, on sys.stderr. */
static PyObject *
sys_unraisablehook(PyObject *Py_UNUSED(m), PyObject *arg)
{
    if (!Py_IS_TYPE(arg, &UnraisableHookArgsType)) {
        PyErr_SetString(PyExc_TypeError,
                        "sys.unraisablehook argument type must be UnraisableHookArgs");
        return NULL;
    }
    PyObject *exc_type = PyStructSequence_GET_ITEM(arg, 0);
    PyObject *exc_value = PyStructSequence_GET_ITEM(arg, 1);
    PyObject *exc_tb = PyStructSequence_GET_ITEM(arg, 2);
    PyObject *err_msg = PyStructSequence_GET_ITEM(arg, 3);
    PyObject *obj = PyStructSequence_GET_ITEM(arg, 4);
    PyObject *file = PySys_GetObject("stderr");
    if (file == NULL || file == Py_None) {
        Py_RETURN_NONE;
    }
    PyObject *header = NULL;
    if (obj != Py_None) {
        PyObject *text = PyObject_Repr(obj);
        if (text == NULL) {
            PyErr_Clear();
            text = PyUnicode_FromString("<object repr() failed>");
        }
        header =
            text != NULL
                ? PyUnicode_FromFormat(
                      "%S: %U\n",
                      err_msg != Py_None ? err_msg : pyrs_object_id("Exception ignored in"), text)
                : NULL;
        Py_XDECREF(text);
    } else if (err_msg != Py_None) {
        header = PyUnicode_FromFormat("%S:\n", err_msg);
    }
    Py_INCREF(file);
    PyObject *w = header != NULL ? PyObject_CallMethod(file, "write", "O", header)
                                 : (PyErr_Occurred() ? NULL : Py_NewRef(Py_None));
    Py_XDECREF(header);
    int r = w != NULL ? 0 : -1;
    Py_XDECREF(w);
    if (r == 0 && exc_type != Py_None) {
        r = print_exception_to(file, exc_type, exc_value, exc_tb);
    }
    Py_DECREF(file);
    return r < 0 ? NULL : Py_NewRef(Py_None);
}

/* displayhook(object, /): prints repr(object) and stores it in builtins._ (None is skipped). */
static PyObject *
sys_displayhook(PyObject *Py_UNUSED(m), PyObject *o)
{
    PyObject *builtins = pyrs_eval_builtins();
    if (builtins == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "lost builtins module");
        return NULL;
    }
    if (o == Py_None) {
        Py_RETURN_NONE;
    }
    if (PyDict_SetItemString(builtins, "_", Py_None) < 0) {
        return NULL;
    }
    PyObject *out = PySys_GetObject("stdout");
    if (out == NULL || out == Py_None) {
        PyErr_SetString(PyExc_RuntimeError, "lost sys.stdout");
        return NULL;
    }
    PyObject *text = PyObject_Repr(o);
    if (text == NULL) {
        return NULL;
    }
    PyObject *line = PyUnicode_FromFormat("%U\n", text);
    Py_DECREF(text);
    PyObject *r = line != NULL ? PyObject_CallMethod(out, "write", "O", line) : NULL;
    Py_XDECREF(line);
    if (r == NULL) {
        return NULL;
    }
    Py_DECREF(r);
    if (PyDict_SetItemString(builtins, "_", o) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* breakpointhook(*args, **kws): calls $PYTHONBREAKPOINT (default pdb.set_trace). */
static PyObject *
sys_breakpointhook(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwds)
{
    const char *env = pyrs_config_getenv("PYTHONBREAKPOINT");
    const char *hookname = env != NULL && env[0] != '\0' ? env : "pdb.set_trace";
    if (strcmp(hookname, "0") == 0) {
        Py_RETURN_NONE;
    }
    const char *dot = strrchr(hookname, '.');
    PyObject *hook = NULL;
    if (dot != hookname) { /* a leading dot names no module: only the warning below */
        PyObject *modname = dot != NULL ? PyUnicode_FromStringAndSize(hookname, dot - hookname)
                                        : PyUnicode_FromString("builtins");
        const char *attr = dot != NULL ? dot + 1 : hookname;
        PyObject *mod = modname != NULL ? PyImport_Import(modname) : NULL;
        Py_XDECREF(modname);
        hook = mod != NULL ? PyObject_GetAttrString(mod, attr) : NULL;
        Py_XDECREF(mod);
    }
    if (hook == NULL) {
        if (PyErr_Occurred() && !PyErr_ExceptionMatches(PyExc_ImportError) &&
            !PyErr_ExceptionMatches(PyExc_AttributeError)) {
            return NULL;
        }
        PyErr_Clear();
        if (PyErr_WarnFormat(PyExc_RuntimeWarning, 0,
                             "Ignoring unimportable $PYTHONBREAKPOINT: \"%s\"", hookname) < 0) {
            return NULL;
        }
        Py_RETURN_NONE;
    }
    PyObject *res = PyObject_Call(hook, args, kwds);
    Py_DECREF(hook);
    return res;
}

/* ---- functions: limits, hooks, encodings ------------------------------------------------ */

static PyObject *
sys_getrecursionlimit(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(Py_GetRecursionLimit());
}

static PyObject *
sys_setrecursionlimit(PyObject *Py_UNUSED(m), PyObject *arg)
{
    if (PyFloat_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
        return NULL;
    }
    int overflow;
    long limit = PyLong_AsLongAndOverflow(arg, &overflow);
    if (limit == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (overflow || limit > INT_MAX || limit < INT_MIN) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
        return NULL;
    }
    if (limit < 1) {
        PyErr_SetString(PyExc_ValueError, "recursion limit must be greater or equal than 1");
        return NULL;
    }
    /* Python frames running now, plus this call: CPython counts C function calls too */
    int depth = pyrs_frame_depth() + 1;
    if (depth >= limit) {
        PyErr_Format(PyExc_RecursionError,
                     "cannot set the recursion limit to %i at the recursion depth %i: "
                     "the limit is too low",
                     (int)limit, depth);
        return NULL;
    }
    Py_SetRecursionLimit((int)limit);
    Py_RETURN_NONE;
}

static PyObject *
sys_get_int_max_str_digits(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(pyrs_long_get_max_str_digits());
}

static PyObject *
sys_set_int_max_str_digits(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"maxdigits", NULL};
    int maxdigits;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "i:set_int_max_str_digits", (char **)kwlist,
                                     &maxdigits)) {
        return NULL;
    }
    if (pyrs_long_set_max_str_digits(maxdigits) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
sys_getswitchinterval(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return PyFloat_FromDouble(sys_state.switch_interval);
}

static PyObject *
sys_setswitchinterval(PyObject *Py_UNUSED(m), PyObject *arg)
{
    double interval = PyFloat_AsDouble(arg);
    if (interval == -1.0 && PyErr_Occurred()) {
        if (PyErr_ExceptionMatches(PyExc_TypeError) && !PyFloat_Check(arg)) {
            PyErr_Format(PyExc_TypeError, "must be real number, not %.50s", Py_TYPE(arg)->tp_name);
        }
        return NULL;
    }
    if (interval <= 0.0) {
        PyErr_SetString(PyExc_ValueError, "switch interval must be strictly positive");
        return NULL;
    }
    sys_state.switch_interval = interval;
    pyrs_gil_set_interval(interval);
    Py_RETURN_NONE;
}

/* settrace/setprofile keep the function for gettrace/getprofile; the VM does not call it. */
static PyObject *
store_hook(PyObject **slot, PyObject *arg)
{
    Py_XSETREF(*slot, arg == Py_None ? NULL : Py_NewRef(arg));
    Py_RETURN_NONE;
}

static PyObject *
sys_settrace(PyObject *Py_UNUSED(m), PyObject *arg)
{
    return store_hook(&sys_state.trace, arg);
}

static PyObject *
sys_gettrace(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return Py_NewRef(sys_state.trace != NULL ? sys_state.trace : Py_None);
}

static PyObject *
sys_setprofile(PyObject *Py_UNUSED(m), PyObject *arg)
{
    return store_hook(&sys_state.profile, arg);
}

static PyObject *
sys_getprofile(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return Py_NewRef(sys_state.profile != NULL ? sys_state.profile : Py_None);
}

static PyObject *
sys_call_tracing(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("call_tracing", nargs, 2, 2)) {
        return NULL;
    }
    if (!PyTuple_Check(args[1])) {
        _PyArg_BadArgument("call_tracing", "argument 2", "tuple", args[1]);
        return NULL;
    }
    return PyObject_Call(args[0], args[1], NULL);
}

static PyObject *
sys_get_asyncgen_hooks(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    PyObject *res = PyStructSequence_New(&AsyncGenHooksType);
    if (res == NULL) {
        return NULL;
    }
    PyStructSequence_SET_ITEM(res, 0,
                              Py_NewRef(sys_state.firstiter ? sys_state.firstiter : Py_None));
    PyStructSequence_SET_ITEM(res, 1,
                              Py_NewRef(sys_state.finalizer ? sys_state.finalizer : Py_None));
    return res;
}

/* set_asyncgen_hooks([firstiter] [, finalizer]): each must be callable or None. */
static PyObject *
sys_set_asyncgen_hooks(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"firstiter", "finalizer", NULL};
    PyObject *firstiter = NULL, *finalizer = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OO:set_asyncgen_hooks", (char **)kwlist,
                                     &firstiter, &finalizer)) {
        return NULL;
    }
    if (finalizer != NULL && finalizer != Py_None && !PyCallable_Check(finalizer)) {
        PyErr_Format(PyExc_TypeError, "callable finalizer expected, got %.50s",
                     Py_TYPE(finalizer)->tp_name);
        return NULL;
    }
    if (firstiter != NULL && firstiter != Py_None && !PyCallable_Check(firstiter)) {
        PyErr_Format(PyExc_TypeError, "callable firstiter expected, got %.50s",
                     Py_TYPE(firstiter)->tp_name);
        return NULL;
    }
    if (finalizer != NULL) {
        (void)store_hook(&sys_state.finalizer, finalizer);
        Py_DECREF(Py_None);
    }
    if (firstiter != NULL) {
        (void)store_hook(&sys_state.firstiter, firstiter);
        Py_DECREF(Py_None);
    }
    Py_RETURN_NONE;
}

int
pyrs_sys_coro_origin_depth(void)
{
    return sys_state.coro_depth;
}

static PyObject *
sys_get_coroutine_origin_tracking_depth(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(sys_state.coro_depth);
}

static PyObject *
sys_set_coroutine_origin_tracking_depth(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"depth", NULL};
    int depth;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "i:set_coroutine_origin_tracking_depth",
                                     (char **)kwlist, &depth)) {
        return NULL;
    }
    if (depth < 0) {
        PyErr_SetString(PyExc_ValueError, "depth must be >= 0");
        return NULL;
    }
    sys_state.coro_depth = depth;
    Py_RETURN_NONE;
}

static PyObject *
sys_getdlopenflags(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(sys_state.dlopenflags);
}

static PyObject *
sys_setdlopenflags(PyObject *Py_UNUSED(m), PyObject *arg)
{
    if (PyFloat_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
        return NULL;
    }
    long flags = PyLong_AsLong(arg);
    if (flags == -1 && PyErr_Occurred()) {
        return NULL;
    }
    sys_state.dlopenflags = (int)flags;
    Py_RETURN_NONE;
}

static PyObject *
sys_getdefaultencoding(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return PyUnicode_FromString("utf-8");
}

static PyObject *
sys_getfilesystemencodeerrors(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return PyUnicode_FromString("surrogateescape");
}

static PyObject *
sys_is_finalizing(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return PyBool_FromLong(pyrs_gil_is_finalizing());
}

static PyObject *
sys_exit(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("exit", nargs, 0, 1)) {
        return NULL;
    }
    PyErr_SetObject(PyExc_SystemExit, nargs ? args[0] : Py_None);
    return NULL;
}

/* ---- auditing --------------------------------------------------------------------------- */

/* Calls every hook with (EVENT, ARGS). 0, or -1 with the hook's exception. */
static int
run_audit_hooks(const char *event, PyObject *eventobj, PyObject *args)
{
    for (int i = 0; i < sys_state.n_c_hooks; i++) {
        if (sys_state.c_hooks[i](event, args, sys_state.c_hook_data[i]) < 0) {
            return -1;
        }
    }
    PyObject *hooks = sys_state.audit_hooks;
    for (Py_ssize_t i = 0; hooks != NULL && i < PyList_GET_SIZE(hooks); i++) {
        PyObject *r = PyObject_CallFunctionObjArgs(PyList_GET_ITEM(hooks, i), eventobj, args, NULL);
        if (r == NULL) {
            return -1;
        }
        Py_DECREF(r);
    }
    return 0;
}

static int
audit_active(void)
{
    return sys_state.n_c_hooks > 0 ||
           (sys_state.audit_hooks != NULL && PyList_GET_SIZE(sys_state.audit_hooks) > 0);
}

int
PySys_Audit(const char *event, const char *format, ...)
{
    if (!audit_active()) {
        return 0;
    }
    PyObject *args;
    if (format != NULL && format[0] != '\0') {
        va_list va;
        va_start(va, format);
        args = _Py_VaBuildValue_SizeT(format, va);
        va_end(va);
        if (args != NULL && !PyTuple_Check(args)) {
            Py_SETREF(args, PyTuple_Pack(1, args));
        }
    } else {
        args = PyTuple_New(0);
    }
    PyObject *eventobj = args != NULL ? PyUnicode_FromString(event) : NULL;
    int r = eventobj != NULL ? run_audit_hooks(event, eventobj, args) : -1;
    Py_XDECREF(eventobj);
    Py_XDECREF(args);
    return r;
}

int
PySys_AddAuditHook(Py_audit_hook_function hook, void *userData)
{
    if (sys_state.n_c_hooks == (int)Py_ARRAY_LENGTH(sys_state.c_hooks)) {
        PyErr_SetString(PyExc_RuntimeError, "too many C audit hooks");
        return -1;
    }
    sys_state.c_hooks[sys_state.n_c_hooks] = hook;
    sys_state.c_hook_data[sys_state.n_c_hooks++] = userData;
    return 0;
}

static PyObject *
sys_audit(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs == 0) {
        PyErr_SetString(PyExc_TypeError, "audit() missing 1 required positional argument: 'event'");
        return NULL;
    }
    if (!audit_active()) {
        Py_RETURN_NONE;
    }
    if (!PyUnicode_Check(args[0])) {
        PyErr_Format(PyExc_TypeError, "expected str for argument 'event', not %.200s",
                     Py_TYPE(args[0])->tp_name);
        return NULL;
    }
    const char *event = PyUnicode_AsUTF8(args[0]);
    PyObject *rest = event != NULL ? PyTuple_New(nargs - 1) : NULL;
    if (rest == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 1; i < nargs; i++) {
        PyTuple_SET_ITEM(rest, i - 1, Py_NewRef(args[i]));
    }
    int r = run_audit_hooks(event, args[0], rest);
    Py_DECREF(rest);
    return r < 0 ? NULL : Py_NewRef(Py_None);
}

static PyObject *
sys_addaudithook(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"hook", NULL};
    PyObject *hook;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:addaudithook", (char **)kwlist, &hook)) {
        return NULL;
    }
    /* the existing hooks may veto the new one; an Exception subclass just ignores it */
    if (PySys_Audit("sys.addaudithook", NULL) < 0) {
        if (PyErr_ExceptionMatches(PyExc_Exception)) {
            PyErr_Clear();
            Py_RETURN_NONE;
        }
        return NULL;
    }
    if (sys_state.audit_hooks == NULL && (sys_state.audit_hooks = PyList_New(0)) == NULL) {
        return NULL;
    }
    if (PyList_Append(sys_state.audit_hooks, hook) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* ---- entry points for the runtime's own error reports ----------------------------------- */

/* The hook sys.NAME when a program replaced it (borrowed), else NULL. */
static PyObject *
replaced_hook(const char *name, const char *dunder)
{
    PyObject *hook = PySys_GetObject(name);
    if (hook == NULL || hook == Py_None || hook == PySys_GetObject(dunder)) {
        return NULL;
    }
    return hook;
}

int
pyrs_sys_call_excepthook(PyObject *type, PyObject *value, PyObject *tb)
{
    PyObject *hook = replaced_hook("excepthook", "__excepthook__");
    if (hook == NULL) {
        return 0;
    }
    Py_INCREF(hook);
    PyObject *r = PyObject_CallFunctionObjArgs(hook, type, value != NULL ? value : Py_None,
                                               tb != NULL ? tb : Py_None, NULL);
    Py_DECREF(hook);
    if (r == NULL) {
        return -1;
    }
    Py_DECREF(r);
    return 1;
}

int
pyrs_sys_call_unraisablehook(PyObject *type, PyObject *value, PyObject *tb, PyObject *err_msg,
                             PyObject *obj)
{
    PyObject *hook = replaced_hook("unraisablehook", "__unraisablehook__");
    if (hook == NULL) {
        return 0;
    }
    PyObject *args = PyStructSequence_New(&UnraisableHookArgsType);
    if (args == NULL) {
        return -1;
    }
    PyObject *items[5] = {type, value, tb, err_msg, obj};
    for (int i = 0; i < 5; i++) {
        PyStructSequence_SET_ITEM(args, i, Py_NewRef(items[i] != NULL ? items[i] : Py_None));
    }
    Py_INCREF(hook);
    PyObject *r = PyObject_CallOneArg(hook, args);
    Py_DECREF(hook);
    Py_DECREF(args);
    if (r == NULL) {
        return -1;
    }
    Py_DECREF(r);
    return 1;
}

#define FASTCALL(f) ((PyCFunction)(void (*)(void))(f))

static PyMethodDef sys_methods[] = {
    {"addaudithook", FASTCALL(sys_addaudithook), METH_VARARGS | METH_KEYWORDS, NULL},
    {"audit", FASTCALL(sys_audit), METH_FASTCALL, NULL},
    {"breakpointhook", FASTCALL(sys_breakpointhook), METH_VARARGS | METH_KEYWORDS, NULL},
    {"_clear_type_cache", sys_none, METH_NOARGS, NULL},
    {"_current_frames", sys_current_frames, METH_NOARGS, NULL},
    {"_current_exceptions", sys_current_exceptions, METH_NOARGS, NULL},
    {"displayhook", sys_displayhook, METH_O, NULL},
    {"exception", sys_exception, METH_NOARGS, NULL},
    {"exc_info", sys_exc_info, METH_NOARGS, NULL},
    {"excepthook", FASTCALL(sys_excepthook), METH_FASTCALL, NULL},
    {"exit", FASTCALL(sys_exit), METH_FASTCALL, NULL},
    {"getdefaultencoding", sys_getdefaultencoding, METH_NOARGS, NULL},
    {"getdlopenflags", sys_getdlopenflags, METH_NOARGS, NULL},
    {"getallocatedblocks", sys_getallocatedblocks, METH_NOARGS, NULL},
    {"getfilesystemencoding", sys_getdefaultencoding, METH_NOARGS, NULL},
    {"getfilesystemencodeerrors", sys_getfilesystemencodeerrors, METH_NOARGS, NULL},
    {"getrefcount", sys_getrefcount, METH_O, NULL},
    {"getrecursionlimit", sys_getrecursionlimit, METH_NOARGS, NULL},
    {"getsizeof", FASTCALL(sys_getsizeof), METH_VARARGS | METH_KEYWORDS, NULL},
    {"_getframe", FASTCALL(sys_getframe), METH_FASTCALL, NULL},
    {"intern", sys_intern, METH_O, NULL},
    {"is_finalizing", sys_is_finalizing, METH_NOARGS, NULL},
    {"setswitchinterval", sys_setswitchinterval, METH_O, NULL},
    {"getswitchinterval", sys_getswitchinterval, METH_NOARGS, NULL},
    {"setdlopenflags", sys_setdlopenflags, METH_O, NULL},
    {"setprofile", sys_setprofile, METH_O, NULL},
    {"getprofile", sys_getprofile, METH_NOARGS, NULL},
    {"setrecursionlimit", sys_setrecursionlimit, METH_O, NULL},
    {"settrace", sys_settrace, METH_O, NULL},
    {"gettrace", sys_gettrace, METH_NOARGS, NULL},
    {"call_tracing", FASTCALL(sys_call_tracing), METH_FASTCALL, NULL},
    {"_debugmallocstats", sys_none, METH_NOARGS, NULL},
    {"_getquickenedcount", sys_zero, METH_NOARGS, NULL},
    {"set_coroutine_origin_tracking_depth", FASTCALL(sys_set_coroutine_origin_tracking_depth),
     METH_VARARGS | METH_KEYWORDS, NULL},
    {"get_coroutine_origin_tracking_depth", sys_get_coroutine_origin_tracking_depth, METH_NOARGS,
     NULL},
    {"set_asyncgen_hooks", FASTCALL(sys_set_asyncgen_hooks), METH_VARARGS | METH_KEYWORDS, NULL},
    {"get_asyncgen_hooks", sys_get_asyncgen_hooks, METH_NOARGS, NULL},
    {"unraisablehook", sys_unraisablehook, METH_O, NULL},
    {"get_int_max_str_digits", sys_get_int_max_str_digits, METH_NOARGS, NULL},
    {"set_int_max_str_digits", FASTCALL(sys_set_int_max_str_digits), METH_VARARGS | METH_KEYWORDS,
     NULL},
    {NULL, NULL, 0, NULL},
};

/* ---- module attributes ------------------------------------------------------------------ */

/* sys.stdlib_module_names: the oracle's list (CPython 3.11, Python/stdlib_module_names.h). */
// clang-format off
static const char *const stdlib_module_names[] = {
    "__future__", "_abc", "_aix_support", "_ast", "_asyncio", "_bisect", "_blake2",
    "_bootsubprocess", "_bz2", "_codecs", "_codecs_cn", "_codecs_hk", "_codecs_iso2022",
    "_codecs_jp", "_codecs_kr", "_codecs_tw", "_collections", "_collections_abc", "_compat_pickle",
    "_compression", "_contextvars", "_crypt", "_csv", "_ctypes", "_curses", "_curses_panel",
    "_datetime", "_dbm", "_decimal", "_elementtree", "_frozen_importlib",
    "_frozen_importlib_external", "_functools", "_gdbm", "_hashlib", "_heapq", "_imp", "_io",
    "_json", "_locale", "_lsprof", "_lzma", "_markupbase", "_md5", "_msi", "_multibytecodec",
    "_multiprocessing", "_opcode", "_operator", "_osx_support", "_overlapped", "_pickle",
    "_posixshmem", "_posixsubprocess", "_py_abc", "_pydecimal", "_pyio", "_queue", "_random",
    "_scproxy", "_sha1", "_sha256", "_sha3", "_sha512", "_signal", "_sitebuiltins", "_socket",
    "_sqlite3", "_sre", "_ssl", "_stat", "_statistics", "_string", "_strptime", "_struct",
    "_symtable", "_thread", "_threading_local", "_tkinter", "_tokenize", "_tracemalloc", "_typing",
    "_uuid", "_warnings", "_weakref", "_weakrefset", "_winapi", "_zoneinfo", "abc", "aifc",
    "antigravity", "argparse", "array", "ast", "asynchat", "asyncio", "asyncore", "atexit",
    "audioop", "base64", "bdb", "binascii", "bisect", "builtins", "bz2", "cProfile", "calendar",
    "cgi", "cgitb", "chunk", "cmath", "cmd", "code", "codecs", "codeop", "collections", "colorsys",
    "compileall", "concurrent", "configparser", "contextlib", "contextvars", "copy", "copyreg",
    "crypt", "csv", "ctypes", "curses", "dataclasses", "datetime", "dbm", "decimal", "difflib",
    "dis", "distutils", "doctest", "email", "encodings", "ensurepip", "enum", "errno",
    "faulthandler", "fcntl", "filecmp", "fileinput", "fnmatch", "fractions", "ftplib", "functools",
    "gc", "genericpath", "getopt", "getpass", "gettext", "glob", "graphlib", "grp", "gzip",
    "hashlib", "heapq", "hmac", "html", "http", "idlelib", "imaplib", "imghdr", "imp", "importlib",
    "inspect", "io", "ipaddress", "itertools", "json", "keyword", "lib2to3", "linecache", "locale",
    "logging", "lzma", "mailbox", "mailcap", "marshal", "math", "mimetypes", "mmap",
    "modulefinder", "msilib", "msvcrt", "multiprocessing", "netrc", "nis", "nntplib", "nt",
    "ntpath", "nturl2path", "numbers", "opcode", "operator", "optparse", "os", "ossaudiodev",
    "pathlib", "pdb", "pickle", "pickletools", "pipes", "pkgutil", "platform", "plistlib",
    "poplib", "posix", "posixpath", "pprint", "profile", "pstats", "pty", "pwd", "py_compile",
    "pyclbr", "pydoc", "pydoc_data", "pyexpat", "queue", "quopri", "random", "re", "readline",
    "reprlib", "resource", "rlcompleter", "runpy", "sched", "secrets", "select", "selectors",
    "shelve", "shlex", "shutil", "signal", "site", "smtpd", "smtplib", "sndhdr", "socket",
    "socketserver", "spwd", "sqlite3", "sre_compile", "sre_constants", "sre_parse", "ssl", "stat",
    "statistics", "string", "stringprep", "struct", "subprocess", "sunau", "symtable", "sys",
    "sysconfig", "syslog", "tabnanny", "tarfile", "telnetlib", "tempfile", "termios", "textwrap",
    "this", "threading", "time", "timeit", "tkinter", "token", "tokenize", "tomllib", "trace",
    "traceback", "tracemalloc", "tty", "turtle", "turtledemo", "types", "typing", "unicodedata",
    "unittest", "urllib", "uu", "uuid", "venv", "warnings", "wave", "weakref", "webbrowser",
    "winreg", "winsound", "wsgiref", "xdrlib", "xml", "xmlrpc", "zipapp", "zipfile", "zipimport",
    "zlib", "zoneinfo",
};
// clang-format on

PyObject *
PyImport_GetModuleDict(void)
{
    return sys_state.modules;
}

PyObject *
PySys_GetObject(const char *name)
{
    if (sys_state.module == NULL) {
        return NULL;
    }
    PyObject *exc_type, *exc_value, *exc_tb;
    PyErr_Fetch(&exc_type, &exc_value, &exc_tb);
    PyObject *v = PyDict_GetItemString(PyModule_GetDict(sys_state.module), name);
    PyErr_Restore(exc_type, exc_value, exc_tb);
    return v;
}

int
PySys_SetObject(const char *name, PyObject *v)
{
    if (sys_state.module == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "lost sys module");
        return -1;
    }
    PyObject *d = PyModule_GetDict(sys_state.module);
    if (v != NULL) {
        return PyDict_SetItemString(d, name, v);
    }
    PyObject *key = PyUnicode_FromString(name);
    if (key == NULL) {
        return -1;
    }
    int r = PyDict_Contains(d, key) > 0 ? PyDict_DelItem(d, key) : 0;
    Py_DECREF(key);
    return r;
}

/* Writes TEXT to sys.NAME (C stdio when sys has no such stream); errors are swallowed as
 * PySys_WriteStdout documents. */
static void
sys_write_str(const char *name, FILE *fallback, PyObject *text)
{
    PyObject *exc_type, *exc_value, *exc_tb;
    PyErr_Fetch(&exc_type, &exc_value, &exc_tb);
    PyObject *file = PySys_GetObject(name);
    PyObject *r = NULL;
    if (text != NULL && file != NULL && file != Py_None) {
        r = PyObject_CallMethod(file, "write", "O", text);
    } else if (text != NULL) {
        const char *s = PyUnicode_AsUTF8(text);
        if (s != NULL) {
            fputs(s, fallback);
        }
    }
    Py_XDECREF(r);
    PyErr_Restore(exc_type, exc_value, exc_tb);
}

static void
sys_write_format(const char *name, FILE *fallback, int bounded, const char *format, va_list va)
{
    PyObject *text;
    if (bounded) {
        char buf[1001];
        vsnprintf(buf, sizeof(buf), format, va);
        text = PyUnicode_DecodeUTF8(buf, (Py_ssize_t)strlen(buf), "replace");
    } else {
        text = PyUnicode_FromFormatV(format, va);
    }
    if (text == NULL) {
        PyErr_Clear();
        return;
    }
    sys_write_str(name, fallback, text);
    Py_DECREF(text);
}

void
PySys_WriteStdout(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    sys_write_format("stdout", stdout, 1, format, va);
    va_end(va);
}

void
PySys_WriteStderr(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    sys_write_format("stderr", stderr, 1, format, va);
    va_end(va);
}

void
PySys_FormatStdout(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    sys_write_format("stdout", stdout, 0, format, va);
    va_end(va);
}

void
PySys_FormatStderr(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    sys_write_format("stderr", stderr, 0, format, va);
    va_end(va);
}

PyObject *
PySys_GetXOptions(void)
{
    return PySys_GetObject("_xoptions");
}

static int
set_attr(PyObject *dict, const char *name, PyObject *value)
{
    if (value == NULL) {
        return -1;
    }
    int r = PyDict_SetItemString(dict, name, value);
    Py_DECREF(value);
    return r;
}

int
pyrs_sys_set_argv(int argc, char **argv)
{
    PyObject *list = PyList_New(0);
    if (list == NULL) {
        return -1;
    }
    for (int i = 0; i < argc; i++) {
        PyObject *s = PyUnicode_DecodeFSDefault(argv[i]);
        if (s == NULL || PyList_Append(list, s) < 0) {
            Py_XDECREF(s);
            Py_DECREF(list);
            return -1;
        }
        Py_DECREF(s);
    }
    return set_attr(PyModule_GetDict(sys_state.module), "argv", list);
}

/* A tuple or list (per AS_TUPLE) of the C strings. */
static PyObject *
str_sequence(const char *const *items, size_t n, int as_tuple)
{
    PyObject *list = PyList_New(0);
    for (size_t i = 0; list != NULL && i < n; i++) {
        PyObject *s = PyUnicode_FromString(items[i]);
        if (s == NULL || PyList_Append(list, s) < 0) {
            Py_CLEAR(list);
        }
        Py_XDECREF(s);
    }
    if (list == NULL || !as_tuple) {
        return list;
    }
    PyObject *t = PyList_AsTuple(list);
    Py_DECREF(list);
    return t;
}

/* 'builtins', 'sys' and every native module of the generated table, sorted. */
static PyObject *
make_builtin_module_names(void)
{
    PyObject *list = PyList_New(0);
    if (list == NULL) {
        return NULL;
    }
    const char *fixed[] = {"builtins", "sys"};
    for (size_t i = 0; i < 2; i++) {
        PyObject *s = PyUnicode_FromString(fixed[i]);
        if (s == NULL || PyList_Append(list, s) < 0) {
            Py_XDECREF(s);
            goto error;
        }
        Py_DECREF(s);
    }
    for (const struct _inittab *p = pyrs_builtin_inittab; p->name != NULL; p++) {
        PyObject *s = PyUnicode_FromString(p->name);
        int found = s != NULL ? PySequence_Contains(list, s) : -1;
        if (found < 0 || (!found && PyList_Append(list, s) < 0)) {
            Py_XDECREF(s);
            goto error;
        }
        Py_DECREF(s);
    }
    if (PyList_Sort(list) < 0) {
        goto error;
    }
    PyObject *t = PyList_AsTuple(list);
    Py_DECREF(list);
    return t;
error:
    Py_DECREF(list);
    return NULL;
}

/* The process's real command line (/proc/self/cmdline), as CPython's sys.orig_argv. */
static PyObject *
make_orig_argv(void)
{
    PyObject *list = PyList_New(0);
    FILE *f = fopen("/proc/self/cmdline", "rb");
    if (list == NULL || f == NULL) {
        if (f != NULL) {
            fclose(f);
        }
        return list;
    }
    char buf[65536];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    for (size_t i = 0; i < n; i += strlen(buf + i) + 1) {
        PyObject *s = PyUnicode_DecodeFSDefault(buf + i);
        if (s == NULL || PyList_Append(list, s) < 0) {
            Py_XDECREF(s);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(s);
    }
    return list;
}

static PyObject *
make_executable(void)
{
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
    if (n < 0) {
        return PyUnicode_FromString("");
    }
    buf[n] = '\0';
    return PyUnicode_DecodeFSDefault(buf);
}

/* Appends TEXT[0..LEN) to LIST; 0, or -1 with an exception. */
static int
append_text(PyObject *list, const char *text, Py_ssize_t len)
{
    PyObject *s = PyUnicode_DecodeFSDefaultAndSize(text, len);
    int r = s != NULL ? PyList_Append(list, s) : -1;
    Py_XDECREF(s);
    return r;
}

/* sys.warnoptions as CPython fills it: PYTHONWARNINGS split on commas, then -W options, then
 * the -b switch's bytes warning. */
static PyObject *
make_warnoptions(void)
{
    PyObject *list = PyList_New(0);
    const char *env = pyrs_config_getenv("PYTHONWARNINGS");
    if (list != NULL && pyrs_config.dev_mode && append_text(list, "default", 7) < 0) {
        Py_CLEAR(list); /* -X dev shows every warning once per location */
    }
    for (const char *p = env; list != NULL && p != NULL && *p != '\0';) {
        const char *comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        if (len > 0 && append_text(list, p, (Py_ssize_t)len) < 0) {
            Py_CLEAR(list);
        }
        p = comma != NULL ? comma + 1 : NULL;
    }
    for (int i = 0; list != NULL && i < pyrs_config.nwarnoptions; i++) {
        const char *w = pyrs_config.warnoptions[i];
        if (append_text(list, w, (Py_ssize_t)strlen(w)) < 0) {
            Py_CLEAR(list);
        }
    }
    if (list != NULL && pyrs_config.bytes_warning > 0) {
        const char *w =
            pyrs_config.bytes_warning > 1 ? "error::BytesWarning" : "default::BytesWarning";
        if (append_text(list, w, (Py_ssize_t)strlen(w)) < 0) {
            Py_CLEAR(list);
        }
    }
    return list;
}

static PyObject *
make_implementation(PyObject *version_info)
{
    PyObject *kw = Py_BuildValue("{s:s,s:s,s:O,s:i,s:s}", "name", "pyrs", "cache_tag", "pyrs-311",
                                 "version", version_info, "hexversion", PY_VERSION_HEX_PYRS,
                                 "_multiarch", "x86_64-linux-gnu");
    if (kw == NULL) {
        return NULL;
    }
    PyObject *ns = _PyNamespace_New(kw);
    Py_DECREF(kw);
    return ns;
}

#define STR_(x) #x
#define STR(x)  STR_(x)
#define PYRS_SYS_VERSION                                                                           \
    "3.11.2 (main, " __DATE__ ", " __TIME__                                                        \
    ") [Clang " STR(__clang_major__) "." STR(__clang_minor__) "." STR(__clang_patchlevel__) "]"

static const char copyright_text[] =
    "Copyright (c) 2001-2023 Python Software Foundation.\nAll Rights Reserved.\n\n"
    "Copyright (c) 2000 BeOpen.com.\nAll Rights Reserved.\n\n"
    "Copyright (c) 1995-2001 Corporation for National Research Initiatives.\n"
    "All Rights Reserved.\n\n"
    "Copyright (c) 1991-1995 Stichting Mathematisch Centrum, Amsterdam.\nAll Rights Reserved.";

const char *
pyrs_sys_version_text(void)
{
    return PYRS_SYS_VERSION;
}

/* The plain values: version facts, platform and paths. */
static int
init_values(PyObject *d)
{
    PyObject *exe = make_executable();
    int r = set_attr(d, "version", PyUnicode_FromString(PYRS_SYS_VERSION)) < 0 ||
            set_attr(d, "hexversion", PyLong_FromLong(PY_VERSION_HEX_PYRS)) < 0 ||
            set_attr(d, "api_version", PyLong_FromLong(PYTHON_API_VERSION)) < 0 ||
            set_attr(d, "copyright", PyUnicode_FromString(copyright_text)) < 0 ||
            set_attr(d, "platform", PyUnicode_FromString("linux")) < 0 ||
            set_attr(d, "byteorder", PyUnicode_FromString("little")) < 0 ||
            set_attr(d, "maxsize", PyLong_FromSsize_t(PY_SSIZE_T_MAX)) < 0 ||
            set_attr(d, "maxunicode", PyLong_FromLong(0x10FFFF)) < 0 ||
            set_attr(d, "float_repr_style", PyUnicode_FromString("short")) < 0 ||
            set_attr(d, "abiflags", PyUnicode_FromString("")) < 0 ||
            set_attr(d, "platlibdir", PyUnicode_FromString("lib")) < 0 ||
            set_attr(d, "prefix", PyUnicode_FromString("/usr")) < 0 ||
            set_attr(d, "base_prefix", PyUnicode_FromString("/usr")) < 0 ||
            set_attr(d, "exec_prefix", PyUnicode_FromString("/usr")) < 0 ||
            set_attr(d, "base_exec_prefix", PyUnicode_FromString("/usr")) < 0 ||
            set_attr(d, "_stdlib_dir", PyUnicode_FromString("/usr/lib/python3.11")) < 0 ||
            set_attr(d, "_framework", PyUnicode_FromString("")) < 0 ||
            set_attr(d, "_git", Py_BuildValue("(sss)", "pyrs", "", "")) < 0 ||
            PyDict_SetItemString(d, "_home", Py_None) < 0 ||
            (exe != NULL && PyDict_SetItemString(d, "_base_executable", exe) < 0) ||
            set_attr(d, "executable", exe) < 0;
    return r ? -1 : 0;
}

/* Structure-valued attributes and the configuration the command line would set. */
static int
init_structs(PyObject *d)
{
    const char *pycache = pyrs_config_xoption("pycache_prefix");
    if (pycache == NULL) {
        pycache = pyrs_config_getenv("PYTHONPYCACHEPREFIX");
    }
    PyObject *version_info = make_version_info();
    if (version_info == NULL || PyDict_SetItemString(d, "version_info", version_info) < 0) {
        Py_XDECREF(version_info);
        return -1;
    }
    PyObject *names = str_sequence(stdlib_module_names, Py_ARRAY_LENGTH(stdlib_module_names), 1);
    PyObject *frozen = names != NULL ? PyFrozenSet_New(names) : NULL;
    Py_XDECREF(names);
    int r =
        set_attr(d, "implementation", make_implementation(version_info)) < 0 ||
        set_attr(d, "flags", make_flags()) < 0 ||
        set_attr(d, "int_info",
                 make_structseq(&IntInfoType, "(iiii)", PyLong_SHIFT, (int)sizeof(digit),
                                PYRS_LONG_DEFAULT_MAX_STR_DIGITS,
                                PYRS_LONG_MAX_STR_DIGITS_THRESHOLD)) < 0 ||
        set_attr(d, "float_info", make_float_info()) < 0 ||
        set_attr(d, "hash_info", make_hash_info()) < 0 ||
        set_attr(d, "thread_info",
                 make_structseq(&ThreadInfoType, "(sss)", "pthread", "semaphore", "NPTL 2.36")) <
            0 ||
        set_attr(d, "builtin_module_names", make_builtin_module_names()) < 0 ||
        set_attr(d, "stdlib_module_names", frozen) < 0 ||
        set_attr(d, "orig_argv", make_orig_argv()) < 0 || set_attr(d, "argv", PyList_New(0)) < 0 ||
        set_attr(d, "warnoptions", make_warnoptions()) < 0 ||
        set_attr(d, "_xoptions", make_xoptions()) < 0 ||
        set_attr(d, "pycache_prefix",
                 pycache != NULL && pycache[0] != '\0' ? PyUnicode_DecodeFSDefault(pycache)
                                                       : Py_NewRef(Py_None)) < 0 ||
        set_attr(d, "dont_write_bytecode", PyBool_FromLong(pyrs_config.dont_write_bytecode)) < 0;
    Py_DECREF(version_info);
    return r ? -1 : 0;
}

/* The functions, and the __xxxhook__ originals CPython keeps next to them. */
static int
init_functions(PyObject *d)
{
    for (PyMethodDef *m = sys_methods; m->ml_name != NULL; m++) {
        if (set_attr(d, m->ml_name, PyCFunction_NewEx(m, sys_state.module, NULL)) < 0) {
            return -1;
        }
    }
    static const char *const hooks[] = {"displayhook", "excepthook", "breakpointhook",
                                        "unraisablehook"};
    for (size_t i = 0; i < Py_ARRAY_LENGTH(hooks); i++) {
        char name[40];
        snprintf(name, sizeof(name), "__%s__", hooks[i]);
        if (PyDict_SetItemString(d, name, PyDict_GetItemString(d, hooks[i])) < 0) {
            return -1;
        }
    }
    return 0;
}

static int
init_streams(PyObject *d)
{
    struct {
        FILE *fp;
        int fd;
        const char *name;
        const char *dunder;
    } streams[] = {
        {stdin, 0, "stdin", "__stdin__"},
        {stdout, 1, "stdout", "__stdout__"},
        {stderr, 2, "stderr", "__stderr__"},
    };
    for (size_t i = 0; i < Py_ARRAY_LENGTH(streams); i++) {
        PyObject *s = stdprinter_new(streams[i].fp, streams[i].fd);
        if (s == NULL || PyDict_SetItemString(d, streams[i].name, s) < 0 ||
            PyDict_SetItemString(d, streams[i].dunder, s) < 0) {
            Py_XDECREF(s);
            return -1;
        }
        Py_DECREF(s);
    }
    return 0;
}

static int
init_typing_types(void)
{
    PyTypeObject *types[] = {&Py_GenericAliasType, &_PyUnion_Type, &PyCapsule_Type,
                             &_PyNamespace_Type, &StdPrinter_Type};
    for (size_t i = 0; i < Py_ARRAY_LENGTH(types); i++) {
        if (PyType_Ready(types[i]) < 0) {
            return -1;
        }
    }
    return 0;
}

int
pyrs_sys_init(void)
{
    if (init_typing_types() < 0 || init_structseq_types() < 0) {
        return -1;
    }
    sys_state.module = PyModule_New("sys");
    sys_state.modules = PyDict_New();
    if (sys_state.module == NULL || sys_state.modules == NULL) {
        return -1;
    }
    PyObject *d = PyModule_GetDict(sys_state.module);
    if (init_functions(d) < 0 || init_streams(d) < 0 || init_values(d) < 0 || init_structs(d) < 0 ||
        PyDict_SetItemString(d, "modules", sys_state.modules) < 0 ||
        PyDict_SetItemString(sys_state.modules, "sys", sys_state.module) < 0) {
        return -1;
    }
    return 0;
}
