/* xxsubtype.c: CPython's demo of subtyping built-in types from C (test_descr uses it):
 * spamlist (a list) and spamdict (a dict) with an int `state` and getstate/setstate, a class
 * method and a static method that echo their arguments, and bench(obj, name, n) timing
 * getattr. Our own rendition of the module's documented behaviour. */
#include "Python.h"
#include "structmember.h"

#include <time.h>

typedef struct {
    PyListObject list;
    int state;
} SpamList;

typedef struct {
    PyDictObject dict;
    int state;
} SpamDict;

/* getstate()/setstate() for both types: the int lives at OFFSET. */
static PyObject *
get_state_at(PyObject *self, size_t offset)
{
    return PyLong_FromLong(*(int *)((char *)self + offset));
}

static PyObject *
set_state_at(PyObject *self, PyObject *arg, size_t offset)
{
    int v = _PyLong_AsInt(arg);
    if (v == -1 && PyErr_Occurred()) {
        return NULL;
    }
    *(int *)((char *)self + offset) = v;
    Py_RETURN_NONE;
}

static PyObject *
spamlist_getstate(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return get_state_at(self, offsetof(SpamList, state));
}

static PyObject *
spamlist_setstate(PyObject *self, PyObject *arg)
{
    return set_state_at(self, arg, offsetof(SpamList, state));
}

static PyObject *
spamdict_getstate(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return get_state_at(self, offsetof(SpamDict, state));
}

static PyObject *
spamdict_setstate(PyObject *self, PyObject *arg)
{
    return set_state_at(self, arg, offsetof(SpamDict, state));
}

/* (self or None, args, kwargs or None): what classmeth/staticmeth return. */
static PyObject *
echo(PyObject *self, PyObject *args, PyObject *kw)
{
    return Py_BuildValue("(OOO)", self != NULL ? self : Py_None, args, kw != NULL ? kw : Py_None);
}

static PyObject *
spamlist_classmeth(PyObject *cls, PyObject *args, PyObject *kw)
{
    return echo(cls, args, kw);
}

static PyObject *
spamlist_staticmeth(PyObject *self, PyObject *args, PyObject *kw)
{
    return echo(self, args, kw);
}

static int
spamlist_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    if (PyList_Type.tp_init(self, args, kwds) < 0) {
        return -1;
    }
    ((SpamList *)self)->state = 0;
    return 0;
}

static int
spamdict_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    if (PyDict_Type.tp_init(self, args, kwds) < 0) {
        return -1;
    }
    ((SpamDict *)self)->state = 0;
    return 0;
}

static PyMethodDef spamlist_methods[] = {
    {"getstate", spamlist_getstate, METH_NOARGS, "getstate() -> state"},
    {"setstate", spamlist_setstate, METH_O, "setstate(state)"},
    {"classmeth", (PyCFunction)(void (*)(void))spamlist_classmeth,
     METH_VARARGS | METH_KEYWORDS | METH_CLASS, "classmeth(*args, **kw)"},
    {"staticmeth", (PyCFunction)(void (*)(void))spamlist_staticmeth,
     METH_VARARGS | METH_KEYWORDS | METH_STATIC, "staticmeth(*args, **kw)"},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef spamdict_methods[] = {
    {"getstate", spamdict_getstate, METH_NOARGS, "getstate() -> state"},
    {"setstate", spamdict_setstate, METH_O, "setstate(state)"},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef spamlist_members[] = {
    {"state", T_INT, offsetof(SpamList, state), READONLY,
     "an int variable for demonstration purposes"},
    {NULL, 0, 0, 0, NULL},
};

static PyMemberDef spamdict_members[] = {
    {"state", T_INT, offsetof(SpamDict, state), READONLY,
     "an int variable for demonstration purposes"},
    {NULL, 0, 0, 0, NULL},
};

static PyTypeObject spamlist_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "xxsubtype.spamlist",
    .tp_basicsize = sizeof(SpamList),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_methods = spamlist_methods,
    .tp_members = spamlist_members,
    .tp_init = spamlist_init,
};

static PyTypeObject spamdict_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "xxsubtype.spamdict",
    .tp_basicsize = sizeof(SpamDict),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_methods = spamdict_methods,
    .tp_members = spamdict_members,
    .tp_init = spamdict_init,
};

/* bench(obj, name, n=1000): seconds taken by n rounds of ten getattr(obj, name). */
static PyObject *
xx_bench(PyObject *Py_UNUSED(m), PyObject *args)
{
    PyObject *obj, *name;
    int n = 1000;
    if (!PyArg_ParseTuple(args, "OU|i", &obj, &name, &n)) {
        return NULL;
    }
    clock_t t0 = clock();
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < 10; k++) {
            PyObject *v = PyObject_GetAttr(obj, name);
            if (v == NULL) {
                return NULL;
            }
            Py_DECREF(v);
        }
    }
    return PyFloat_FromDouble((double)(clock() - t0) / CLOCKS_PER_SEC);
}

static PyMethodDef xx_methods[] = {
    {"bench", xx_bench, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef xx_module = {
    PyModuleDef_HEAD_INIT,
    "xxsubtype",
    "Example of C types deriving from built-in types (list and dict); Lib/test/test_descr.py\n"
    "exercises it.",
    -1,
    xx_methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC PyInit_xxsubtype(void);

PyMODINIT_FUNC
PyInit_xxsubtype(void)
{
    if (spamlist_type.tp_base == NULL) {
        spamlist_type.tp_base = &PyList_Type;
        spamdict_type.tp_base = &PyDict_Type;
        if (PyType_Ready(&spamlist_type) < 0 || PyType_Ready(&spamdict_type) < 0) {
            return NULL;
        }
    }
    PyObject *m = PyModule_Create(&xx_module);
    if (m != NULL && (PyModule_AddObjectRef(m, "spamlist", (PyObject *)&spamlist_type) < 0 ||
                      PyModule_AddObjectRef(m, "spamdict", (PyObject *)&spamdict_type) < 0)) {
        Py_CLEAR(m);
    }
    return m;
}
