/* funcobject.c: Python functions (the `function` type) and cells, with CPython 3.11's
 * attributes and error messages. Calls go through vectorcall into the VM (vm/call.c). */
#include "pyrs/gen.h"
#include "pyrs/frameobject.h"
#include "Python.h"
#include "pyrs/code.h"
#include "pyrs/eval.h"

#include "structmember.h"

/* Interned "__name__", used to read the module name from globals. */
static PyObject *str_dunder_name;

/* The builtins a function records (its __builtins__): GLOBALS["__builtins__"] (a module's
 * dict when it is a module), else the interpreter's, as CPython 3.11 does. New reference. The
 * VM still looks builtins up in the interpreter's dict. */
static PyObject *
builtins_of(PyObject *globals)
{
    static PyObject *str_dunder_builtins;
    if (str_dunder_builtins == NULL) {
        str_dunder_builtins = PyUnicode_InternFromString("__builtins__");
    }
    PyObject *b = str_dunder_builtins == NULL ? NULL : PyDict_GetItem(globals, str_dunder_builtins);
    if (b != NULL && PyModule_Check(b)) {
        b = PyModule_GetDict(b);
    }
    if (b == NULL) {
        b = pyrs_eval_builtins();
    }
    return Py_XNewRef(b);
}

PyObject *
PyFunction_NewWithQualName(PyObject *code, PyObject *globals, PyObject *qualname)
{
    if (!PyrsCode_Check(code) || !PyDict_Check(globals)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    PyrsCodeObject *co = (PyrsCodeObject *)code;
    if (str_dunder_name == NULL &&
        (str_dunder_name = PyUnicode_InternFromString("__name__")) == NULL) {
        return NULL;
    }
    PyObject *module = PyDict_GetItemWithError(globals, str_dunder_name);
    if (module == NULL && PyErr_Occurred()) {
        return NULL;
    }
    PyFunctionObject *f = PyObject_GC_New(PyFunctionObject, &PyFunction_Type);
    if (f == NULL) {
        return NULL;
    }
    f->func_globals = Py_NewRef(globals);
    f->func_builtins = builtins_of(globals);
    f->func_name = Py_NewRef(co->co_name);
    f->func_qualname = Py_NewRef(qualname != NULL ? qualname : co->co_qualname);
    f->func_code = Py_NewRef(code);
    f->func_defaults = NULL;
    f->func_kwdefaults = NULL;
    f->func_closure = NULL;
    PyObject *doc = Py_None;
    /* The compiler puts a function's docstring (or None) in co_consts[0]. */
    if (PyTuple_GET_SIZE(co->co_consts) > 0 &&
        PyUnicode_Check(PyTuple_GET_ITEM(co->co_consts, 0))) {
        doc = PyTuple_GET_ITEM(co->co_consts, 0);
    }
    f->func_doc = Py_NewRef(doc);
    f->func_dict = NULL;
    f->func_weakreflist = NULL;
    f->func_module = Py_XNewRef(module);
    f->func_annotations = NULL;
    f->vectorcall = pyrs_eval_function_vectorcall;
    f->func_version = 0;
    PyObject_GC_Track(f);
    return (PyObject *)f;
}

PyObject *
PyFunction_New(PyObject *code, PyObject *globals)
{
    return PyFunction_NewWithQualName(code, globals, NULL);
}

#define FUNC_GETTER(name, field)                                                                   \
    PyObject *name(PyObject *op)                                                                   \
    {                                                                                              \
        if (!PyFunction_Check(op)) {                                                               \
            PyErr_BadInternalCall();                                                               \
            return NULL;                                                                           \
        }                                                                                          \
        return ((PyFunctionObject *)op)->field;                                                    \
    }
FUNC_GETTER(PyFunction_GetCode, func_code)
FUNC_GETTER(PyFunction_GetGlobals, func_globals)
FUNC_GETTER(PyFunction_GetModule, func_module)
FUNC_GETTER(PyFunction_GetDefaults, func_defaults)
FUNC_GETTER(PyFunction_GetKwDefaults, func_kwdefaults)
FUNC_GETTER(PyFunction_GetClosure, func_closure)
FUNC_GETTER(PyFunction_GetAnnotations, func_annotations)

/* Stores VALUE (None meaning NULL) into *SLOT if it is NULL/None or passes CHECK. */
static int
set_optional(PyObject *op, PyObject **slot, PyObject *value, int (*check)(PyObject *))
{
    if (!PyFunction_Check(op) || (value != NULL && value != Py_None && !check(value))) {
        PyErr_SetString(PyExc_SystemError, "bad argument to internal function");
        return -1;
    }
    if (value == Py_None) {
        value = NULL;
    }
    Py_XSETREF(*slot, Py_XNewRef(value));
    return 0;
}

static int
is_tuple(PyObject *o)
{
    return PyTuple_Check(o);
}

static int
is_dict(PyObject *o)
{
    return PyDict_Check(o);
}

int
PyFunction_SetDefaults(PyObject *op, PyObject *defaults)
{
    return set_optional(op, &((PyFunctionObject *)op)->func_defaults, defaults, is_tuple);
}

int
PyFunction_SetKwDefaults(PyObject *op, PyObject *defaults)
{
    return set_optional(op, &((PyFunctionObject *)op)->func_kwdefaults, defaults, is_dict);
}

int
PyFunction_SetClosure(PyObject *op, PyObject *closure)
{
    return set_optional(op, &((PyFunctionObject *)op)->func_closure, closure, is_tuple);
}

static void
func_dealloc(PyObject *op)
{
    PyFunctionObject *f = (PyFunctionObject *)op;
    PyObject_GC_UnTrack(op);
    if (f->func_weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    Py_CLEAR(f->func_globals);
    Py_CLEAR(f->func_builtins);
    Py_CLEAR(f->func_name);
    Py_CLEAR(f->func_qualname);
    Py_CLEAR(f->func_code);
    Py_CLEAR(f->func_defaults);
    Py_CLEAR(f->func_kwdefaults);
    Py_CLEAR(f->func_closure);
    Py_CLEAR(f->func_doc);
    Py_CLEAR(f->func_dict);
    Py_CLEAR(f->func_module);
    Py_CLEAR(f->func_annotations);
    PyObject_GC_Del(op);
}

static int
func_traverse(PyObject *op, visitproc visit, void *arg)
{
    PyFunctionObject *f = (PyFunctionObject *)op;
    Py_VISIT(f->func_globals);
    Py_VISIT(f->func_code);
    Py_VISIT(f->func_defaults);
    Py_VISIT(f->func_kwdefaults);
    Py_VISIT(f->func_closure);
    Py_VISIT(f->func_doc);
    Py_VISIT(f->func_dict);
    Py_VISIT(f->func_module);
    Py_VISIT(f->func_annotations);
    return 0;
}

static PyObject *
func_repr(PyObject *op)
{
    return PyUnicode_FromFormat("<function %U at %p>", ((PyFunctionObject *)op)->func_qualname, op);
}

/* Functions are non-data descriptors: looked up on an instance they become bound methods. */
static PyObject *
func_descr_get(PyObject *func, PyObject *obj, PyObject *Py_UNUSED(type))
{
    if (obj == Py_None || obj == NULL) {
        return Py_NewRef(func);
    }
    return PyMethod_New(func, obj);
}

static PyObject *
func_get_dict(PyObject *op, void *Py_UNUSED(closure))
{
    PyFunctionObject *f = (PyFunctionObject *)op;
    if (f->func_dict == NULL && (f->func_dict = PyDict_New()) == NULL) {
        return NULL;
    }
    return Py_NewRef(f->func_dict);
}

static int
func_set_dict(PyObject *op, PyObject *value, void *Py_UNUSED(closure))
{
    if (value == NULL) {
        PyErr_SetString(PyExc_TypeError, "cannot delete __dict__");
        return -1;
    }
    if (!PyDict_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "__dict__ must be set to a dictionary");
        return -1;
    }
    Py_XSETREF(((PyFunctionObject *)op)->func_dict, Py_NewRef(value));
    return 0;
}

/* __name__ and __qualname__ must stay str. */
static int
set_str_field(PyObject **slot, PyObject *value, const char *what)
{
    if (value == NULL || !PyUnicode_Check(value)) {
        PyErr_Format(PyExc_TypeError, "%s must be set to a string object", what);
        return -1;
    }
    Py_XSETREF(*slot, Py_NewRef(value));
    return 0;
}

static PyObject *
func_get_name(PyObject *op, void *Py_UNUSED(closure))
{
    return Py_NewRef(((PyFunctionObject *)op)->func_name);
}

static int
func_set_name(PyObject *op, PyObject *value, void *Py_UNUSED(closure))
{
    return set_str_field(&((PyFunctionObject *)op)->func_name, value, "__name__");
}

static PyObject *
func_get_qualname(PyObject *op, void *Py_UNUSED(closure))
{
    return Py_NewRef(((PyFunctionObject *)op)->func_qualname);
}

static int
func_set_qualname(PyObject *op, PyObject *value, void *Py_UNUSED(closure))
{
    return set_str_field(&((PyFunctionObject *)op)->func_qualname, value, "__qualname__");
}

static PyObject *
func_get_defaults(PyObject *op, void *Py_UNUSED(closure))
{
    PyObject *d = ((PyFunctionObject *)op)->func_defaults;
    return Py_NewRef(d != NULL ? d : Py_None);
}

static int
func_set_defaults(PyObject *op, PyObject *value, void *Py_UNUSED(closure))
{
    if (value != NULL && value != Py_None && !PyTuple_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "__defaults__ must be set to a tuple object");
        return -1;
    }
    return PyFunction_SetDefaults(op, value == NULL ? Py_None : value);
}

static PyObject *
func_get_kwdefaults(PyObject *op, void *Py_UNUSED(closure))
{
    PyObject *d = ((PyFunctionObject *)op)->func_kwdefaults;
    return Py_NewRef(d != NULL ? d : Py_None);
}

static int
func_set_kwdefaults(PyObject *op, PyObject *value, void *Py_UNUSED(closure))
{
    if (value != NULL && value != Py_None && !PyDict_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "__kwdefaults__ must be set to a dict object");
        return -1;
    }
    return PyFunction_SetKwDefaults(op, value == NULL ? Py_None : value);
}

static PyObject *
func_get_annotations(PyObject *op, void *Py_UNUSED(closure))
{
    PyFunctionObject *f = (PyFunctionObject *)op;
    if (f->func_annotations == NULL && (f->func_annotations = PyDict_New()) == NULL) {
        return NULL;
    }
    return Py_NewRef(f->func_annotations);
}

static int
func_set_annotations(PyObject *op, PyObject *value, void *Py_UNUSED(closure))
{
    if (value == Py_None) {
        value = NULL;
    }
    if (value != NULL && !PyDict_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "__annotations__ must be set to a dict object");
        return -1;
    }
    Py_XSETREF(((PyFunctionObject *)op)->func_annotations, Py_XNewRef(value));
    return 0;
}

static PyObject *
func_get_code(PyObject *op, void *Py_UNUSED(closure))
{
    return Py_NewRef(((PyFunctionObject *)op)->func_code);
}

/* f.__code__ = code: CPython's checks (a code object with as many free variables as the
 * function has closure cells). */
static int
func_set_code(PyObject *op, PyObject *value, void *Py_UNUSED(closure))
{
    PyFunctionObject *fn = (PyFunctionObject *)op;
    if (value == NULL || !PyrsCode_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "__code__ must be set to a code object");
        return -1;
    }
    Py_ssize_t nfree = ((PyrsCodeObject *)value)->co_nfree;
    Py_ssize_t nclosure = fn->func_closure == NULL ? 0 : PyTuple_GET_SIZE(fn->func_closure);
    if (nclosure != nfree) {
        PyErr_Format(PyExc_ValueError, "%U() requires a code object with %zd free vars, not %zd",
                     fn->func_name, nclosure, nfree);
        return -1;
    }
    Py_XSETREF(fn->func_code, Py_NewRef(value));
    return 0;
}

static PyMemberDef func_members[] = {
    {"__closure__", T_OBJECT, offsetof(PyFunctionObject, func_closure), READONLY, NULL},
    {"__doc__", T_OBJECT, offsetof(PyFunctionObject, func_doc), 0, NULL},
    {"__globals__", T_OBJECT, offsetof(PyFunctionObject, func_globals), READONLY, NULL},
    {"__module__", T_OBJECT, offsetof(PyFunctionObject, func_module), 0, NULL},
    {"__builtins__", T_OBJECT, offsetof(PyFunctionObject, func_builtins), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef func_getset[] = {
    {"__code__", func_get_code, func_set_code, NULL, NULL},
    {"__defaults__", func_get_defaults, func_set_defaults, NULL, NULL},
    {"__kwdefaults__", func_get_kwdefaults, func_set_kwdefaults, NULL, NULL},
    {"__annotations__", func_get_annotations, func_set_annotations, NULL, NULL},
    {"__dict__", func_get_dict, func_set_dict, NULL, NULL},
    {"__name__", func_get_name, func_set_name, NULL, NULL},
    {"__qualname__", func_get_qualname, func_set_qualname, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject PyFunction_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "function",
    .tp_basicsize = sizeof(PyFunctionObject),
    .tp_dealloc = func_dealloc,
    .tp_vectorcall_offset = offsetof(PyFunctionObject, vectorcall),
    .tp_repr = func_repr,
    .tp_call = PyVectorcall_Call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL |
                Py_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_traverse = func_traverse,
    .tp_weaklistoffset = offsetof(PyFunctionObject, func_weakreflist),
    .tp_members = func_members,
    .tp_getset = func_getset,
    .tp_descr_get = func_descr_get,
    .tp_dictoffset = offsetof(PyFunctionObject, func_dict),
};

/* ---- cells ---------------------------------------------------------------------------- */

PyObject *
PyCell_New(PyObject *obj)
{
    PyCellObject *c = PyObject_GC_New(PyCellObject, &PyCell_Type);
    if (c == NULL) {
        return NULL;
    }
    c->ob_ref = Py_XNewRef(obj);
    PyObject_GC_Track(c);
    return (PyObject *)c;
}

PyObject *
PyCell_Get(PyObject *cell)
{
    if (!PyCell_Check(cell)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    return Py_XNewRef(PyCell_GET(cell));
}

int
PyCell_Set(PyObject *cell, PyObject *value)
{
    if (!PyCell_Check(cell)) {
        PyErr_BadInternalCall();
        return -1;
    }
    PyObject *old = PyCell_GET(cell);
    PyCell_SET(cell, Py_XNewRef(value));
    Py_XDECREF(old);
    return 0;
}

static void
cell_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    Py_XDECREF(PyCell_GET(op));
    PyObject_GC_Del(op);
}

static int
cell_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(PyCell_GET(op));
    return 0;
}

static int
cell_clear(PyObject *op)
{
    Py_CLEAR(((PyCellObject *)op)->ob_ref);
    return 0;
}

static PyObject *
cell_repr(PyObject *op)
{
    PyObject *ref = PyCell_GET(op);
    if (ref == NULL) {
        return PyUnicode_FromFormat("<cell at %p: empty>", op);
    }
    return PyUnicode_FromFormat("<cell at %p: %s object at %p>", op, Py_TYPE(ref)->tp_name, ref);
}

static PyObject *
cell_get_contents(PyObject *op, void *Py_UNUSED(closure))
{
    PyObject *ref = PyCell_GET(op);
    if (ref == NULL) {
        PyErr_SetString(PyExc_ValueError, "Cell is empty");
        return NULL;
    }
    return Py_NewRef(ref);
}

static int
cell_set_contents(PyObject *op, PyObject *value, void *Py_UNUSED(closure))
{
    return PyCell_Set(op, value);
}

/* cell([contents]): an empty cell, or one holding CONTENTS. */
static PyObject *
cell_new(PyTypeObject *Py_UNUSED(tp), PyObject *args, PyObject *kwds)
{
    if (kwds != NULL && PyDict_GET_SIZE(kwds) != 0) {
        PyErr_SetString(PyExc_TypeError, "cell() takes no keyword arguments");
        return NULL;
    }
    PyObject *contents = NULL;
    if (!PyArg_UnpackTuple(args, "cell", 0, 1, &contents)) {
        return NULL;
    }
    return PyCell_New(contents);
}

/* Cells compare by their contents; an empty cell sorts before a full one. */
static PyObject *
cell_richcompare(PyObject *a, PyObject *b, int op)
{
    if (!PyCell_Check(a) || !PyCell_Check(b)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *x = PyCell_GET(a);
    PyObject *y = PyCell_GET(b);
    if (x != NULL && y != NULL) {
        return PyObject_RichCompare(x, y, op);
    }
    int c = (x != NULL) - (y != NULL);
    Py_RETURN_RICHCOMPARE(c, 0, op);
}

static PyGetSetDef cell_getset[] = {
    {"cell_contents", cell_get_contents, cell_set_contents, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject PyCell_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "cell",
    .tp_basicsize = sizeof(PyCellObject),
    .tp_dealloc = cell_dealloc,
    .tp_repr = cell_repr,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = cell_traverse,
    .tp_clear = cell_clear,
    .tp_getset = cell_getset,
    .tp_richcompare = cell_richcompare,
    .tp_new = cell_new,
};

int
pyrs_func_init(void)
{
    if (PyType_Ready(&PyFunction_Type) < 0 || PyType_Ready(&PyCell_Type) < 0 ||
        pyrs_gen_init() < 0 || pyrs_frameobj_init() < 0) {
        return -1;
    }
    return pyrs_code_init();
}
