/* boolobject.c: bool, CPython 3.11's int subclass with the two instances Py_False and Py_True
 * (int layout: ob_size 0 and 1). &, | and ^ of two bools give a bool; everything else is int
 * arithmetic. bool cannot be subclassed (no Py_TPFLAGS_BASETYPE). */
#include "Python.h"
#include "pyrs/lifecycle.h"

PyAPI_DATA(struct _longobject) _Py_FalseStruct;
PyAPI_DATA(struct _longobject) _Py_TrueStruct;

/* Static and never freed: start with a large count so a stray decref cannot reach zero. */
struct _longobject _Py_FalseStruct = {{{999999999, &PyBool_Type}, 0}, {0}};
struct _longobject _Py_TrueStruct = {{{999999999, &PyBool_Type}, 1}, {1}};

/* A new reference to True when v != 0, else False; never fails. */
PyAPI_FUNC(PyObject *)
PyBool_FromLong(long v)
{
    return Py_NewRef(v ? Py_True : Py_False);
}

static PyObject *
bool_repr(PyObject *self)
{
    return PyUnicode_FromString(self == Py_True ? "True" : "False");
}

/* bool(x=False, /): the truth value of x (may run Python code). */
static PyObject *
bool_new(PyTypeObject *Py_UNUSED(type), PyObject *args, PyObject *kwargs)
{
    if (kwargs != NULL && PyDict_Size(kwargs) != 0) {
        PyErr_SetString(PyExc_TypeError, "bool() takes no keyword arguments");
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n > 1) {
        PyErr_Format(PyExc_TypeError, "bool expected at most 1 argument, got %zd", n);
        return NULL;
    }
    if (n == 0) {
        Py_RETURN_FALSE;
    }
    int ok = PyObject_IsTrue(PyTuple_GET_ITEM(args, 0));
    if (ok < 0) {
        return NULL;
    }
    return PyBool_FromLong(ok);
}

/* bool(x=False, /) called through vectorcall. */
static PyObject *
bool_vectorcall(PyObject *Py_UNUSED(type), PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t n = PyVectorcall_NARGS(nargsf);
    if (kwnames != NULL && PyTuple_GET_SIZE(kwnames) != 0) {
        PyErr_SetString(PyExc_TypeError, "bool() takes no keyword arguments");
        return NULL;
    }
    if (n > 1) {
        PyErr_Format(PyExc_TypeError, "bool expected at most 1 argument, got %zd", n);
        return NULL;
    }
    if (n == 0) {
        Py_RETURN_FALSE;
    }
    int ok = PyObject_IsTrue(args[0]);
    return ok < 0 ? NULL : PyBool_FromLong(ok);
}

/* &, |, ^ stay bool only when both operands are bools; otherwise int's slot decides. */
static PyObject *
bool_and(PyObject *a, PyObject *b)
{
    if (!PyBool_Check(a) || !PyBool_Check(b)) {
        return PyLong_Type.tp_as_number->nb_and(a, b);
    }
    return PyBool_FromLong((a == Py_True) & (b == Py_True));
}

static PyObject *
bool_or(PyObject *a, PyObject *b)
{
    if (!PyBool_Check(a) || !PyBool_Check(b)) {
        return PyLong_Type.tp_as_number->nb_or(a, b);
    }
    return PyBool_FromLong((a == Py_True) | (b == Py_True));
}

static PyObject *
bool_xor(PyObject *a, PyObject *b)
{
    if (!PyBool_Check(a) || !PyBool_Check(b)) {
        return PyLong_Type.tp_as_number->nb_xor(a, b);
    }
    return PyBool_FromLong((a == Py_True) ^ (b == Py_True));
}

/* The two instances are never freed; reaching zero references is a refcount bug. */
static void
bool_dealloc(PyObject *Py_UNUSED(self))
{
    pyrs_fatal("deallocating True or False");
}

static PyNumberMethods bool_as_number = {
    .nb_and = bool_and,
    .nb_xor = bool_xor,
    .nb_or = bool_or,
};

PyAPI_DATA(PyTypeObject) PyBool_Type;
PyTypeObject PyBool_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "bool",
    .tp_basicsize = sizeof(PyLongObject), /* as CPython's; Cython checks it */
    .tp_itemsize = sizeof(digit),
    .tp_dealloc = bool_dealloc,
    .tp_repr = bool_repr,
    .tp_as_number = &bool_as_number,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_LONG_SUBCLASS | _Py_TPFLAGS_MATCH_SELF,
    .tp_doc = "bool(x) -> bool\n\nReturns True when the argument x is true, False otherwise.\n"
              "The builtins True and False are the only two instances of the class bool.\n"
              "The class bool is a subclass of the class int, and cannot be subclassed.",
    .tp_base = &PyLong_Type,
    .tp_new = bool_new,
    .tp_vectorcall = bool_vectorcall,
};

/* Readies bool; 0, or -1 with an exception. */
int
pyrs_bool_init(void)
{
    return PyType_Ready(&PyBool_Type);
}
