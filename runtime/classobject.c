/* classobject.c: bound methods (the `method` type, types.MethodType) and `instancemethod`.
 * Mirrors CPython 3.11's Objects/classobject.c behaviour: calls prepend __self__, attribute
 * reads fall through to __func__, equality compares __self__ by identity. */
#include "Python.h"
#include "classobject.h"
#include "pyrs/containers.h"
#include "pyrs/lifecycle.h"

/* ---- bound method ---------------------------------------------------------------------- */

/* Interned "__qualname__" / "__name__", created on first use; NULL with an exception set on
 * failure. */
static PyObject *
attr_name(PyObject **cache, const char *text)
{
    if (*cache == NULL) {
        *cache = PyUnicode_InternFromString(text);
    }
    return *cache;
}

static PyObject *str_qualname;
static PyObject *str_name;

/* Looks up the display name of FUNC: __qualname__ (unless ONLY_NAME), else __name__, as a
 * new reference to a str, or NULL when it has none; -1 on error. */
static int
callable_name(PyObject *func, int only_name, PyObject **name)
{
    *name = NULL;
    PyObject *qn = attr_name(&str_qualname, "__qualname__");
    PyObject *n = attr_name(&str_name, "__name__");
    if (qn == NULL || n == NULL) {
        return -1;
    }
    if (!only_name && _PyObject_LookupAttr(func, qn, name) < 0) {
        return -1;
    }
    if (*name == NULL && _PyObject_LookupAttr(func, n, name) < 0) {
        return -1;
    }
    if (*name != NULL && !PyUnicode_Check(*name)) {
        Py_CLEAR(*name);
    }
    return 0;
}

/* Calls im_func with im_self prepended, reusing the caller's spare slot in front of ARGS
 * when it offers one (PY_VECTORCALL_ARGUMENTS_OFFSET) to avoid copying. */
static PyObject *
method_vectorcall(PyObject *method, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    PyObject *self = PyMethod_GET_SELF(method);
    PyObject *func = PyMethod_GET_FUNCTION(method);
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (nargsf & PY_VECTORCALL_ARGUMENTS_OFFSET) {
        PyObject **newargs = (PyObject **)args - 1;
        PyObject *saved = newargs[0];
        newargs[0] = self;
        PyObject *res = PyObject_Vectorcall(func, newargs, (size_t)nargs + 1, kwnames);
        newargs[0] = saved;
        return res;
    }
    Py_ssize_t nkw = kwnames == NULL ? 0 : PyTuple_GET_SIZE(kwnames);
    Py_ssize_t total = nargs + nkw;
    PyObject *small[8];
    PyObject **newargs = small;
    if (total + 1 > (Py_ssize_t)Py_ARRAY_LENGTH(small)) {
        newargs = PyMem_Malloc((size_t)(total + 1) * sizeof(PyObject *));
        if (newargs == NULL) {
            return PyErr_NoMemory();
        }
    }
    newargs[0] = self;
    if (total > 0) {
        memcpy(newargs + 1, args, (size_t)total * sizeof(PyObject *));
    }
    PyObject *res = PyObject_Vectorcall(func, newargs, (size_t)nargs + 1, kwnames);
    if (newargs != small) {
        PyMem_Free(newargs);
    }
    return res;
}

PyObject *
PyMethod_New(PyObject *func, PyObject *self)
{
    if (self == NULL) {
        PyErr_BadInternalCall();
        return NULL;
    }
    PyMethodObject *im = PyObject_GC_New(PyMethodObject, &PyMethod_Type);
    if (im == NULL) {
        return NULL;
    }
    im->im_weakreflist = NULL;
    im->im_func = Py_NewRef(func);
    im->im_self = Py_NewRef(self);
    im->vectorcall = method_vectorcall;
    PyObject_GC_Track(im);
    return (PyObject *)im;
}

PyObject *
PyMethod_Function(PyObject *m)
{
    if (!PyMethod_Check(m)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    return PyMethod_GET_FUNCTION(m);
}

PyObject *
PyMethod_Self(PyObject *m)
{
    if (!PyMethod_Check(m)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    return PyMethod_GET_SELF(m);
}

static PyObject *
method_new(PyTypeObject *Py_UNUSED(type), PyObject *args, PyObject *kwargs)
{
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0) {
        PyErr_SetString(PyExc_TypeError, "method() takes no keyword arguments");
        return NULL;
    }
    if (PyTuple_GET_SIZE(args) != 2) {
        PyErr_Format(PyExc_TypeError, "method expected 2 arguments, got %zd",
                     PyTuple_GET_SIZE(args));
        return NULL;
    }
    PyObject *func = PyTuple_GET_ITEM(args, 0);
    PyObject *self = PyTuple_GET_ITEM(args, 1);
    if (!PyCallable_Check(func)) {
        PyErr_SetString(PyExc_TypeError, "first argument must be callable");
        return NULL;
    }
    if (self == Py_None) {
        PyErr_SetString(PyExc_TypeError, "instance must not be None");
        return NULL;
    }
    return PyMethod_New(func, self);
}

static void
method_dealloc(PyObject *op)
{
    PyMethodObject *im = (PyMethodObject *)op;
    PyObject_GC_UnTrack(op);
    if (pyrs_trash_begin(op, method_dealloc)) {
        return;
    }
    if (im->im_weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    Py_DECREF(im->im_func);
    Py_XDECREF(im->im_self);
    PyObject_GC_Del(op);
    pyrs_trash_end();
}

static int
method_traverse(PyObject *op, visitproc visit, void *arg)
{
    PyMethodObject *im = (PyMethodObject *)op;
    Py_VISIT(im->im_func);
    Py_VISIT(im->im_self);
    return 0;
}

/* "<bound method QUALNAME of SELF>", using __qualname__, else __name__, else "?". */
static PyObject *
method_repr(PyObject *op)
{
    PyMethodObject *im = (PyMethodObject *)op;
    PyObject *name;
    if (callable_name(im->im_func, 0, &name) < 0) {
        return NULL;
    }
    PyObject *res = PyUnicode_FromFormat("<bound method %V of %R>", name, "?", im->im_self);
    Py_XDECREF(name);
    return res;
}

static PyObject *
method_richcompare(PyObject *self, PyObject *other, int op)
{
    if ((op != Py_EQ && op != Py_NE) || !PyMethod_Check(self) || !PyMethod_Check(other)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyMethodObject *a = (PyMethodObject *)self, *b = (PyMethodObject *)other;
    int eq = PyObject_RichCompareBool(a->im_func, b->im_func, Py_EQ);
    if (eq < 0) {
        return NULL;
    }
    if (eq == 1) {
        eq = a->im_self == b->im_self;
    }
    PyObject *res = (eq ? op == Py_EQ : op == Py_NE) ? Py_True : Py_False;
    return Py_NewRef(res);
}

static Py_hash_t
method_hash(PyObject *op)
{
    PyMethodObject *im = (PyMethodObject *)op;
    Py_hash_t x = _Py_HashPointer(im->im_self);
    Py_hash_t y = PyObject_Hash(im->im_func);
    if (y == -1) {
        return -1;
    }
    x ^= y;
    return x == -1 ? -2 : x;
}

/* Attributes of the method type itself win (data descriptors first, as for any object);
 * everything else is read from __func__. */
static PyObject *
type_attr_or_callable_attr(PyObject *obj, PyObject *name, PyObject *callable)
{
    PyTypeObject *tp = Py_TYPE(obj);
    PyObject *descr = _PyType_Lookup(tp, name);
    if (descr != NULL) {
        descrgetfunc f = Py_TYPE(descr)->tp_descr_get;
        if (f != NULL) {
            return f(descr, obj, (PyObject *)tp);
        }
        return Py_NewRef(descr);
    }
    return PyObject_GetAttr(callable, name);
}

static PyObject *
method_getattro(PyObject *obj, PyObject *name)
{
    return type_attr_or_callable_attr(obj, name, PyMethod_GET_FUNCTION(obj));
}

static PyObject *
method_get_doc(PyObject *op, void *Py_UNUSED(closure))
{
    return PyObject_GetAttrString(PyMethod_GET_FUNCTION(op), "__doc__");
}

static PyMemberDef method_members[] = {
    {"__func__", T_OBJECT, offsetof(PyMethodObject, im_func), READONLY,
     "the function (or other callable) implementing a method"},
    {"__self__", T_OBJECT, offsetof(PyMethodObject, im_self), READONLY,
     "the instance to which a method is bound"},
    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef method_getset[] = {
    {"__doc__", method_get_doc, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* (builtins.getattr, (OBJ, NAME)): how bound methods and descriptors pickle (by reference).
 * New reference or NULL. */
static PyObject *
reduce_to_getattr(PyObject *obj, PyObject *name)
{
    PyObject *getattr = NULL;
    PyObject *builtins = PyImport_ImportModule("builtins");
    if (builtins != NULL) {
        getattr = PyObject_GetAttrString(builtins, "getattr");
        Py_DECREF(builtins);
    }
    return getattr == NULL ? NULL : Py_BuildValue("N(OO)", getattr, obj, name);
}

static PyObject *
method_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *name = PyObject_GetAttrString(PyMethod_GET_FUNCTION(self), "__name__");
    PyObject *res = name == NULL ? NULL : reduce_to_getattr(PyMethod_GET_SELF(self), name);
    Py_XDECREF(name);
    return res;
}

static PyMethodDef method_methods[] = {
    {"__reduce__", method_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PyMethod_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "method",
    .tp_basicsize = sizeof(PyMethodObject),
    .tp_dealloc = method_dealloc,
    .tp_vectorcall_offset = offsetof(PyMethodObject, vectorcall),
    .tp_repr = method_repr,
    .tp_hash = method_hash,
    .tp_call = PyVectorcall_Call,
    .tp_getattro = method_getattro,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "method(function, instance)\n\nCreate a bound instance method object.",
    .tp_traverse = method_traverse,
    .tp_richcompare = method_richcompare,
    .tp_weaklistoffset = offsetof(PyMethodObject, im_weakreflist),
    .tp_members = method_members,
    .tp_getset = method_getset,
    .tp_methods = method_methods,
    /* no tp_descr_get: as in CPython 3.11, a bound method is not a descriptor (so
     * classmethod(bound_method) binds the class as its next argument) */
    .tp_new = method_new,
};

/* ---- instancemethod ------------------------------------------------------------------- */

PyObject *
PyInstanceMethod_New(PyObject *func)
{
    PyInstanceMethodObject *im = PyObject_GC_New(PyInstanceMethodObject, &PyInstanceMethod_Type);
    if (im == NULL) {
        return NULL;
    }
    im->func = Py_NewRef(func);
    PyObject_GC_Track(im);
    return (PyObject *)im;
}

PyObject *
PyInstanceMethod_Function(PyObject *im)
{
    if (!PyInstanceMethod_Check(im)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    return PyInstanceMethod_GET_FUNCTION(im);
}

static PyObject *
instancemethod_new(PyTypeObject *Py_UNUSED(type), PyObject *args, PyObject *kwargs)
{
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0) {
        PyErr_SetString(PyExc_TypeError, "instancemethod() takes no keyword arguments");
        return NULL;
    }
    if (PyTuple_GET_SIZE(args) != 1) {
        PyErr_Format(PyExc_TypeError, "instancemethod expected 1 argument, got %zd",
                     PyTuple_GET_SIZE(args));
        return NULL;
    }
    PyObject *func = PyTuple_GET_ITEM(args, 0);
    if (!PyCallable_Check(func)) {
        PyErr_SetString(PyExc_TypeError, "first argument must be callable");
        return NULL;
    }
    return PyInstanceMethod_New(func);
}

static void
instancemethod_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    Py_DECREF(PyInstanceMethod_GET_FUNCTION(op));
    PyObject_GC_Del(op);
}

static int
instancemethod_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(PyInstanceMethod_GET_FUNCTION(op));
    return 0;
}

static PyObject *
instancemethod_call(PyObject *op, PyObject *args, PyObject *kwargs)
{
    return PyObject_Call(PyInstanceMethod_GET_FUNCTION(op), args, kwargs);
}

/* Binds like a plain function: on an instance it becomes a bound method. */
static PyObject *
instancemethod_descr_get(PyObject *op, PyObject *obj, PyObject *Py_UNUSED(type))
{
    PyObject *func = PyInstanceMethod_GET_FUNCTION(op);
    if (obj == NULL) {
        return Py_NewRef(func);
    }
    return PyMethod_New(func, obj);
}

static PyObject *
instancemethod_repr(PyObject *op)
{
    PyObject *func = PyInstanceMethod_GET_FUNCTION(op);
    PyObject *name;
    if (callable_name(func, 1, &name) < 0) {
        return NULL;
    }
    PyObject *res = PyUnicode_FromFormat("<instancemethod %V at %p>", name, "?", op);
    Py_XDECREF(name);
    return res;
}

static PyObject *
instancemethod_getattro(PyObject *obj, PyObject *name)
{
    return type_attr_or_callable_attr(obj, name, PyInstanceMethod_GET_FUNCTION(obj));
}

static PyMemberDef instancemethod_members[] = {
    {"__func__", T_OBJECT, offsetof(PyInstanceMethodObject, func), READONLY,
     "the function (or other callable) implementing a method"},
    {NULL, 0, 0, 0, NULL},
};

PyTypeObject PyInstanceMethod_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "instancemethod",
    .tp_basicsize = sizeof(PyInstanceMethodObject),
    .tp_dealloc = instancemethod_dealloc,
    .tp_repr = instancemethod_repr,
    .tp_call = instancemethod_call,
    .tp_getattro = instancemethod_getattro,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "instancemethod(function)\n\nBind a function to a class.",
    .tp_traverse = instancemethod_traverse,
    .tp_members = instancemethod_members,
    .tp_descr_get = instancemethod_descr_get,
    .tp_new = instancemethod_new,
};

int
pyrs_classobject_init(void)
{
    if (PyType_Ready(&PyMethod_Type) < 0 || PyType_Ready(&PyInstanceMethod_Type) < 0) {
        return -1;
    }
    return 0;
}
