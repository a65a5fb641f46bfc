/* methodobject.c: builtin_function_or_method (PyCFunctionObject) and builtin_method
 * (PyCMethodObject): creation from PyMethodDef, every METH_* calling convention through
 * vectorcall or tp_call, with CPython 3.11's reprs and argument errors. */
#include "Python.h"
#include "pyrs/call.h"
#include "pyrs/containers.h"
#include "pyrs/descr.h"
#include "pyrs/lifecycle.h"
#include "pyrs/object.h"

#undef PyCFunction_New
#undef PyCFunction_NewEx

#define FUNC(op) ((PyCFunctionObject *)(op))

/* ---- vectorcall entries, one per convention ---- */

/* Raises "F() takes no keyword arguments" when KWNAMES is non-empty; 0 if fine, -1 if raised. */
static int
check_kwnames(PyObject *func, PyObject *kwnames)
{
    if (kwnames == NULL || PyTuple_GET_SIZE(kwnames) == 0) {
        return 0;
    }
    PyObject *funcstr = _PyObject_FunctionStr(func);
    if (funcstr != NULL) {
        PyErr_Format(PyExc_TypeError, "%U takes no keyword arguments", funcstr);
        Py_DECREF(funcstr);
    }
    return -1;
}

static PyObject *
vc_noargs(PyObject *func, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    (void)args;
    if (check_kwnames(func, kwnames) < 0) {
        return NULL;
    }
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (nargs != 0) {
        PyObject *funcstr = _PyObject_FunctionStr(func);
        if (funcstr != NULL) {
            PyErr_Format(PyExc_TypeError, "%U takes no arguments (%zd given)", funcstr, nargs);
            Py_DECREF(funcstr);
        }
        return NULL;
    }
    PyCFunction meth = FUNC(func)->m_ml->ml_meth;
    return meth(PyCFunction_GET_SELF(func), NULL);
}

static PyObject *
vc_o(PyObject *func, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    if (check_kwnames(func, kwnames) < 0) {
        return NULL;
    }
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (nargs != 1) {
        PyObject *funcstr = _PyObject_FunctionStr(func);
        if (funcstr != NULL) {
            PyErr_Format(PyExc_TypeError, "%U takes exactly one argument (%zd given)", funcstr,
                         nargs);
            Py_DECREF(funcstr);
        }
        return NULL;
    }
    PyCFunction meth = FUNC(func)->m_ml->ml_meth;
    return meth(PyCFunction_GET_SELF(func), args[0]);
}

static PyObject *
vc_fastcall(PyObject *func, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    if (check_kwnames(func, kwnames) < 0) {
        return NULL;
    }
    _PyCFunctionFast meth = (_PyCFunctionFast)(void (*)(void))FUNC(func)->m_ml->ml_meth;
    return meth(PyCFunction_GET_SELF(func), args, PyVectorcall_NARGS(nargsf));
}

static PyObject *
vc_fastcall_keywords(PyObject *func, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    _PyCFunctionFastWithKeywords meth =
        (_PyCFunctionFastWithKeywords)(void (*)(void))FUNC(func)->m_ml->ml_meth;
    return meth(PyCFunction_GET_SELF(func), args, PyVectorcall_NARGS(nargsf), kwnames);
}

static PyObject *
vc_method(PyObject *func, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    PyCMethod meth = (PyCMethod)(void (*)(void))FUNC(func)->m_ml->ml_meth;
    return meth(PyCFunction_GET_SELF(func), ((PyCMethodObject *)func)->mm_class, args,
                (size_t)PyVectorcall_NARGS(nargsf), kwnames);
}

/* tp_call: METH_VARARGS functions directly; the others (which C extensions such as Cython
 * modules reach through tp_call too) through their vectorcall entry, as CPython's. */
static PyObject *
cfunction_call(PyObject *func, PyObject *args, PyObject *kwargs)
{
    int flags = PyCFunction_GET_FLAGS(func);
    if (!(flags & METH_VARARGS)) {
        return PyVectorcall_Call(func, args, kwargs);
    }
    PyObject *self = PyCFunction_GET_SELF(func);
    if (flags & METH_KEYWORDS) {
        PyCFunctionWithKeywords meth =
            (PyCFunctionWithKeywords)(void (*)(void))FUNC(func)->m_ml->ml_meth;
        return meth(self, args, kwargs);
    }
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0) {
        PyObject *funcstr = _PyObject_FunctionStr(func);
        if (funcstr != NULL) {
            PyErr_Format(PyExc_TypeError, "%U takes no keyword arguments", funcstr);
            Py_DECREF(funcstr);
        }
        return NULL;
    }
    return FUNC(func)->m_ml->ml_meth(self, args);
}

PyObject *
PyCFunction_Call(PyObject *callable, PyObject *args, PyObject *kwargs)
{
    return PyObject_Call(callable, args, kwargs);
}

/* ---- construction ---- */

PyObject *
PyCMethod_New(PyMethodDef *ml, PyObject *self, PyObject *module, PyTypeObject *cls)
{
    vectorcallfunc vectorcall;
    switch (ml->ml_flags &
            (METH_VARARGS | METH_FASTCALL | METH_NOARGS | METH_O | METH_KEYWORDS | METH_METHOD)) {
    case METH_VARARGS:
    case METH_VARARGS | METH_KEYWORDS:
        vectorcall = NULL;
        break;
    case METH_FASTCALL:
        vectorcall = vc_fastcall;
        break;
    case METH_FASTCALL | METH_KEYWORDS:
        vectorcall = vc_fastcall_keywords;
        break;
    case METH_NOARGS:
        vectorcall = vc_noargs;
        break;
    case METH_O:
        vectorcall = vc_o;
        break;
    case METH_METHOD | METH_FASTCALL | METH_KEYWORDS:
        vectorcall = vc_method;
        break;
    default:
        PyErr_Format(PyExc_SystemError, "%s() method: bad call flags", ml->ml_name);
        return NULL;
    }
    PyCFunctionObject *op;
    if (ml->ml_flags & METH_METHOD) {
        if (cls == NULL) {
            PyErr_SetString(PyExc_SystemError, "attempting to create PyCMethod with a "
                                               "METH_METHOD flag but no class");
            return NULL;
        }
        PyCMethodObject *om = PyObject_GC_New(PyCMethodObject, &PyCMethod_Type);
        if (om == NULL) {
            return NULL;
        }
        om->mm_class = (PyTypeObject *)Py_NewRef((PyObject *)cls);
        op = (PyCFunctionObject *)om;
    } else {
        if (cls != NULL) {
            PyErr_SetString(PyExc_SystemError, "attempting to create PyCFunction with class "
                                               "but no METH_METHOD flag");
            return NULL;
        }
        op = PyObject_GC_New(PyCFunctionObject, &PyCFunction_Type);
        if (op == NULL) {
            return NULL;
        }
    }
    op->m_weakreflist = NULL;
    op->m_ml = ml;
    op->m_self = Py_XNewRef(self);
    op->m_module = Py_XNewRef(module);
    op->vectorcall = vectorcall;
    PyObject_GC_Track(op);
    return (PyObject *)op;
}

PyObject *
PyCFunction_NewEx(PyMethodDef *ml, PyObject *self, PyObject *module)
{
    return PyCMethod_New(ml, self, module, NULL);
}

PyObject *
PyCFunction_New(PyMethodDef *ml, PyObject *self)
{
    return PyCMethod_New(ml, self, NULL, NULL);
}

PyCFunction
PyCFunction_GetFunction(PyObject *op)
{
    if (!PyCFunction_Check(op)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    return FUNC(op)->m_ml->ml_meth;
}

PyObject *
PyCFunction_GetSelf(PyObject *op)
{
    if (!PyCFunction_Check(op)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    return PyCFunction_GET_SELF(op);
}

int
PyCFunction_GetFlags(PyObject *op)
{
    if (!PyCFunction_Check(op)) {
        PyErr_BadInternalCall();
        return -1;
    }
    return PyCFunction_GET_FLAGS(op);
}

/* ---- the type ---- */

static void
meth_dealloc(PyObject *self)
{
    PyCFunctionObject *m = FUNC(self);
    PyObject_GC_UnTrack(self);
    if (pyrs_trash_begin(self, meth_dealloc)) {
        return;
    }
    if (m->m_weakreflist != NULL) {
        PyObject_ClearWeakRefs(self);
    }
    if (m->m_ml->ml_flags & METH_METHOD) {
        Py_XDECREF(((PyCMethodObject *)self)->mm_class);
    }
    Py_XDECREF(m->m_self);
    Py_XDECREF(m->m_module);
    PyObject_GC_Del(self);
    pyrs_trash_end();
}

static int
meth_traverse(PyObject *self, visitproc visit, void *arg)
{
    PyCFunctionObject *m = FUNC(self);
    if (m->m_ml->ml_flags & METH_METHOD) {
        Py_VISIT(((PyCMethodObject *)self)->mm_class);
    }
    Py_VISIT(m->m_self);
    Py_VISIT(m->m_module);
    return 0;
}

static PyObject *
meth_repr(PyObject *self)
{
    PyCFunctionObject *m = FUNC(self);
    if (m->m_self == NULL || PyModule_Check(m->m_self)) {
        return PyUnicode_FromFormat("<built-in function %s>", m->m_ml->ml_name);
    }
    return PyUnicode_FromFormat("<built-in method %s of %s object at %p>", m->m_ml->ml_name,
                                Py_TYPE(m->m_self)->tp_name, (void *)m->m_self);
}

static PyObject *
meth_richcompare(PyObject *self, PyObject *other, int op)
{
    if ((op != Py_EQ && op != Py_NE) || !PyCFunction_Check(self) || !PyCFunction_Check(other)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyCFunctionObject *a = FUNC(self), *b = FUNC(other);
    int eq = a->m_self == b->m_self && a->m_ml->ml_meth == b->m_ml->ml_meth;
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

static Py_hash_t
meth_hash(PyObject *self)
{
    PyCFunctionObject *a = FUNC(self);
    Py_hash_t x = _Py_HashPointer(a->m_self);
    Py_hash_t y = _Py_HashPointer((void *)(uintptr_t)a->m_ml->ml_meth);
    x ^= y;
    return x == -1 ? -2 : x;
}

static PyObject *
meth_get_doc(PyObject *self, void *Py_UNUSED(c))
{
    return pyrs_descr_doc_from_internal(FUNC(self)->m_ml->ml_name, FUNC(self)->m_ml->ml_doc);
}

static PyObject *
meth_get_text_signature(PyObject *self, void *Py_UNUSED(c))
{
    return pyrs_descr_text_signature(FUNC(self)->m_ml->ml_name, FUNC(self)->m_ml->ml_doc);
}

static PyObject *
meth_get_name(PyObject *self, void *Py_UNUSED(c))
{
    return PyUnicode_FromString(FUNC(self)->m_ml->ml_name);
}

static PyObject *
meth_get_qualname(PyObject *self, void *Py_UNUSED(c))
{
    PyCFunctionObject *m = FUNC(self);
    if (m->m_self == NULL || PyModule_Check(m->m_self)) {
        return PyUnicode_FromString(m->m_ml->ml_name);
    }
    PyObject *type = PyType_Check(m->m_self) ? m->m_self : (PyObject *)Py_TYPE(m->m_self);
    PyObject *type_qualname = PyObject_GetAttr(type, pyrs_object_id("__qualname__"));
    if (type_qualname == NULL) {
        return NULL;
    }
    if (!PyUnicode_Check(type_qualname)) {
        PyErr_SetString(PyExc_TypeError, "<method>.__class__.__qualname__ is not a unicode object");
        Py_DECREF(type_qualname);
        return NULL;
    }
    PyObject *res = PyUnicode_FromFormat("%S.%s", type_qualname, m->m_ml->ml_name);
    Py_DECREF(type_qualname);
    return res;
}

static PyObject *
meth_get_self(PyObject *self, void *Py_UNUSED(c))
{
    PyObject *s = PyCFunction_GET_SELF(self);
    return Py_NewRef(s == NULL ? Py_None : s);
}

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
meth_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyCFunctionObject *m = FUNC(self);
    if (m->m_self == NULL || PyModule_Check(m->m_self)) {
        return PyUnicode_FromString(m->m_ml->ml_name);
    }
    PyObject *name = PyUnicode_FromString(m->m_ml->ml_name);
    PyObject *res = name == NULL ? NULL : reduce_to_getattr(m->m_self, name);
    Py_XDECREF(name);
    return res;
}

static PyGetSetDef meth_getsets[] = {
    {"__doc__", meth_get_doc, NULL, NULL, NULL},
    {"__name__", meth_get_name, NULL, NULL, NULL},
    {"__qualname__", meth_get_qualname, NULL, NULL, NULL},
    {"__self__", meth_get_self, NULL, NULL, NULL},
    {"__text_signature__", meth_get_text_signature, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef meth_members[] = {
    {"__module__", T_OBJECT, offsetof(PyCFunctionObject, m_module), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyMethodDef meth_methods[] = {
    {"__reduce__", meth_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PyCFunction_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "builtin_function_or_method",
    .tp_basicsize = sizeof(PyCFunctionObject),
    .tp_dealloc = meth_dealloc,
    .tp_vectorcall_offset = offsetof(PyCFunctionObject, vectorcall),
    .tp_repr = meth_repr,
    .tp_hash = meth_hash,
    .tp_call = cfunction_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_traverse = meth_traverse,
    .tp_richcompare = meth_richcompare,
    .tp_weaklistoffset = offsetof(PyCFunctionObject, m_weakreflist),
    .tp_methods = meth_methods,
    .tp_members = meth_members,
    .tp_getset = meth_getsets,
};

PyTypeObject PyCMethod_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "builtin_method",
    .tp_basicsize = sizeof(PyCMethodObject),
    .tp_dealloc = meth_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_traverse = meth_traverse,
    .tp_base = &PyCFunction_Type,
};
