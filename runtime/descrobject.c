/* descrobject.c: the descriptor types (method_descriptor, classmethod_descriptor,
 * member_descriptor, getset_descriptor, wrapper_descriptor, method-wrapper), mappingproxy,
 * property, classmethod and staticmethod, plus PyMember_GetOne/SetOne, mirroring CPython
 * 3.11's Objects/descrobject.c and funcobject.c behaviour, reprs and error messages. */
#include "Python.h"
#include "pyrs/call.h"
#include "pyrs/containers.h"
#include "pyrs/descr.h"
#include "pyrs/lifecycle.h"
#include "pyrs/object.h"
#include "pyrs/type.h"

#define DESCR(op) ((PyDescrObject *)(op))

/* ---- internal doc strings ---- */

/* Start of the "(sig)" part when DOC begins with NAME(sig)\n--\n\n, else NULL; *BODY gets the
 * doc text after the marker. */
static const char *
find_signature(const char *name, const char *doc, const char **body)
{
    *body = doc;
    if (doc == NULL || name == NULL) {
        return NULL;
    }
    const char *dot = strrchr(name, '.');
    if (dot != NULL) {
        name = dot + 1;
    }
    size_t n = strlen(name);
    if (strncmp(doc, name, n) != 0 || doc[n] != '(') {
        return NULL;
    }
    const char *end = strstr(doc, ")\n--\n\n");
    if (end == NULL) {
        return NULL;
    }
    *body = end + 6;
    return doc + n;
}

PyObject *
pyrs_descr_doc_from_internal(const char *name, const char *doc)
{
    const char *body;
    find_signature(name, doc, &body);
    if (body == NULL || *body == '\0') {
        Py_RETURN_NONE;
    }
    return PyUnicode_FromString(body);
}

PyObject *
pyrs_descr_text_signature(const char *name, const char *doc)
{
    const char *body;
    const char *start = find_signature(name, doc, &body);
    if (start == NULL) {
        Py_RETURN_NONE;
    }
    return PyUnicode_FromStringAndSize(start, (body - 5) - start);
}

/* ---- the common descriptor part ---- */

static PyDescrObject *
descr_new(PyTypeObject *descrtype, PyTypeObject *type, const char *name)
{
    PyDescrObject *descr = (PyDescrObject *)PyType_GenericAlloc(descrtype, 0);
    if (descr == NULL) {
        return NULL;
    }
    descr->d_type = (PyTypeObject *)Py_XNewRef((PyObject *)type);
    descr->d_name = PyUnicode_InternFromString(name);
    if (descr->d_name == NULL) {
        Py_DECREF(descr);
        return NULL;
    }
    return descr;
}

static void
descr_dealloc(PyObject *self)
{
    PyDescrObject *descr = DESCR(self);
    PyObject_GC_UnTrack(self);
    Py_XDECREF(descr->d_type);
    Py_XDECREF(descr->d_name);
    Py_XDECREF(descr->d_qualname);
    PyObject_GC_Del(self);
}

static int
descr_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(DESCR(self)->d_type);
    return 0;
}

static PyObject *
descr_name(PyDescrObject *descr)
{
    if (descr->d_name != NULL && PyUnicode_Check(descr->d_name)) {
        return descr->d_name;
    }
    return NULL;
}

static PyObject *
descr_repr(PyDescrObject *descr, const char *format)
{
    PyObject *name = descr_name(descr);
    return PyUnicode_FromFormat(format, name, "?", descr->d_type->tp_name);
}

/* 1 when OBJ is NULL (access through the class: return the descriptor itself), 0 when OBJ is
 * an acceptable instance, -1 with TypeError otherwise. */
static int
descr_check(PyDescrObject *descr, PyObject *obj)
{
    if (obj == NULL) {
        return 1;
    }
    if (!PyObject_TypeCheck(obj, descr->d_type)) {
        PyErr_Format(PyExc_TypeError,
                     "descriptor '%V' for '%.100s' objects doesn't apply to a '%.100s' object",
                     descr_name(descr), "?", descr->d_type->tp_name, Py_TYPE(obj)->tp_name);
        return -1;
    }
    return 0;
}

static PyObject *
descr_get_qualname(PyObject *self, void *Py_UNUSED(c))
{
    PyDescrObject *descr = DESCR(self);
    if (descr->d_qualname == NULL) {
        PyObject *type_qualname =
            PyObject_GetAttr((PyObject *)descr->d_type, pyrs_object_id("__qualname__"));
        if (type_qualname == NULL) {
            return NULL;
        }
        descr->d_qualname = PyUnicode_FromFormat("%S.%S", type_qualname, descr->d_name);
        Py_DECREF(type_qualname);
        if (descr->d_qualname == NULL) {
            return NULL;
        }
    }
    return Py_NewRef(descr->d_qualname);
}

static PyMemberDef descr_members[] = {
    {"__objclass__", T_OBJECT, offsetof(PyDescrObject, d_type), READONLY, NULL},
    {"__name__", T_OBJECT, offsetof(PyDescrObject, d_name), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

/* ---- method_descriptor ---- */

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

/* Descriptors pickle as getattr(owner, name). */
static PyObject *
descr_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return reduce_to_getattr((PyObject *)PyDescr_TYPE(self), PyDescr_NAME(self));
}

static PyMethodDef descr_methods[] = {
    {"__reduce__", descr_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

#define MDESCR(op) ((PyMethodDescrObject *)(op))

/* "unbound method T.name() needs an argument" / the self type check; 0 or -1. */
static int
method_check_args(PyObject *func, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    if (nargs < 1) {
        PyObject *funcstr = _PyObject_FunctionStr(func);
        if (funcstr != NULL) {
            PyErr_Format(PyExc_TypeError, "unbound method %U needs an argument", funcstr);
            Py_DECREF(funcstr);
        }
        return -1;
    }
    if (descr_check(DESCR(func), args[0]) < 0) {
        return -1;
    }
    if (kwnames != NULL && PyTuple_GET_SIZE(kwnames) != 0) {
        PyObject *funcstr = _PyObject_FunctionStr(func);
        if (funcstr != NULL) {
            PyErr_Format(PyExc_TypeError, "%U takes no keyword arguments", funcstr);
            Py_DECREF(funcstr);
        }
        return -1;
    }
    return 0;
}

static PyObject *
mvc_varargs(PyObject *func, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (method_check_args(func, args, nargs, kwnames) < 0) {
        return NULL;
    }
    PyObject *argstuple = pyrs_call_tuple_from_array(args + 1, nargs - 1);
    if (argstuple == NULL) {
        return NULL;
    }
    PyObject *res = MDESCR(func)->d_method->ml_meth(args[0], argstuple);
    Py_DECREF(argstuple);
    return res;
}

static PyObject *
mvc_varargs_keywords(PyObject *func, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (method_check_args(func, args, nargs, NULL) < 0) {
        return NULL;
    }
    PyObject *argstuple, *kwdict;
    if (pyrs_call_unpack_vector(args + 1, nargs - 1, kwnames, &argstuple, &kwdict) < 0) {
        return NULL;
    }
    PyCFunctionWithKeywords meth =
        (PyCFunctionWithKeywords)(void (*)(void))MDESCR(func)->d_method->ml_meth;
    PyObject *res = meth(args[0], argstuple, kwdict);
    Py_DECREF(argstuple);
    Py_XDECREF(kwdict);
    return res;
}

static PyObject *
mvc_fastcall(PyObject *func, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (method_check_args(func, args, nargs, kwnames) < 0) {
        return NULL;
    }
    _PyCFunctionFast meth = (_PyCFunctionFast)(void (*)(void))MDESCR(func)->d_method->ml_meth;
    return meth(args[0], args + 1, nargs - 1);
}

static PyObject *
mvc_fastcall_keywords(PyObject *func, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (method_check_args(func, args, nargs, NULL) < 0) {
        return NULL;
    }
    _PyCFunctionFastWithKeywords meth =
        (_PyCFunctionFastWithKeywords)(void (*)(void))MDESCR(func)->d_method->ml_meth;
    return meth(args[0], args + 1, nargs - 1, kwnames);
}

static PyObject *
mvc_method(PyObject *func, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (method_check_args(func, args, nargs, NULL) < 0) {
        return NULL;
    }
    PyCMethod meth = (PyCMethod)(void (*)(void))MDESCR(func)->d_method->ml_meth;
    return meth(args[0], DESCR(func)->d_type, args + 1, (size_t)(nargs - 1), kwnames);
}

static PyObject *
mvc_noargs(PyObject *func, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (method_check_args(func, args, nargs, kwnames) < 0) {
        return NULL;
    }
    if (nargs != 1) {
        PyObject *funcstr = _PyObject_FunctionStr(func);
        if (funcstr != NULL) {
            PyErr_Format(PyExc_TypeError, "%U takes no arguments (%zd given)", funcstr, nargs - 1);
            Py_DECREF(funcstr);
        }
        return NULL;
    }
    return MDESCR(func)->d_method->ml_meth(args[0], NULL);
}

static PyObject *
mvc_o(PyObject *func, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (method_check_args(func, args, nargs, kwnames) < 0) {
        return NULL;
    }
    if (nargs != 2) {
        PyObject *funcstr = _PyObject_FunctionStr(func);
        if (funcstr != NULL) {
            PyErr_Format(PyExc_TypeError, "%U takes exactly one argument (%zd given)", funcstr,
                         nargs - 1);
            Py_DECREF(funcstr);
        }
        return NULL;
    }
    return MDESCR(func)->d_method->ml_meth(args[0], args[1]);
}

PyObject *
PyDescr_NewMethod(PyTypeObject *type, PyMethodDef *method)
{
    vectorcallfunc vectorcall;
    switch (method->ml_flags &
            (METH_VARARGS | METH_FASTCALL | METH_NOARGS | METH_O | METH_KEYWORDS | METH_METHOD)) {
    case METH_VARARGS:
        vectorcall = mvc_varargs;
        break;
    case METH_VARARGS | METH_KEYWORDS:
        vectorcall = mvc_varargs_keywords;
        break;
    case METH_FASTCALL:
        vectorcall = mvc_fastcall;
        break;
    case METH_FASTCALL | METH_KEYWORDS:
        vectorcall = mvc_fastcall_keywords;
        break;
    case METH_NOARGS:
        vectorcall = mvc_noargs;
        break;
    case METH_O:
        vectorcall = mvc_o;
        break;
    case METH_METHOD | METH_FASTCALL | METH_KEYWORDS:
        vectorcall = mvc_method;
        break;
    default:
        PyErr_Format(PyExc_SystemError, "%s() method: bad call flags", method->ml_name);
        return NULL;
    }
    PyMethodDescrObject *descr =
        (PyMethodDescrObject *)descr_new(&PyMethodDescr_Type, type, method->ml_name);
    if (descr != NULL) {
        descr->d_method = method;
        descr->vectorcall = vectorcall;
    }
    return (PyObject *)descr;
}

static PyObject *
method_get(PyObject *self, PyObject *obj, PyObject *Py_UNUSED(type))
{
    PyMethodDescrObject *descr = MDESCR(self);
    int check = descr_check(DESCR(self), obj);
    if (check != 0) {
        return check < 0 ? NULL : Py_NewRef(self);
    }
    if (descr->d_method->ml_flags & METH_METHOD) {
        return PyCMethod_New(descr->d_method, obj, NULL, PyDescr_TYPE(descr));
    }
    return PyCFunction_NewEx(descr->d_method, obj, NULL);
}

static PyObject *
method_repr(PyObject *self)
{
    return descr_repr(DESCR(self), "<method '%V' of '%s' objects>");
}

static PyObject *
method_get_doc(PyObject *self, void *Py_UNUSED(c))
{
    return pyrs_descr_doc_from_internal(MDESCR(self)->d_method->ml_name,
                                        MDESCR(self)->d_method->ml_doc);
}

static PyObject *
method_get_text_signature(PyObject *self, void *Py_UNUSED(c))
{
    return pyrs_descr_text_signature(MDESCR(self)->d_method->ml_name,
                                     MDESCR(self)->d_method->ml_doc);
}

static PyGetSetDef method_getsets[] = {
    {"__doc__", method_get_doc, NULL, NULL, NULL},
    {"__qualname__", descr_get_qualname, NULL, NULL, NULL},
    {"__text_signature__", method_get_text_signature, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject PyMethodDescr_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "method_descriptor",
    .tp_basicsize = sizeof(PyMethodDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_vectorcall_offset = offsetof(PyMethodDescrObject, vectorcall),
    .tp_repr = method_repr,
    .tp_call = PyVectorcall_Call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL |
                Py_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_traverse = descr_traverse,
    .tp_methods = descr_methods,
    .tp_members = descr_members,
    .tp_getset = method_getsets,
    .tp_descr_get = method_get,
};

/* ---- classmethod_descriptor ---- */

static PyObject *
classmethod_get(PyObject *self, PyObject *obj, PyObject *type)
{
    PyMethodDescrObject *descr = MDESCR(self);
    if (type == NULL) {
        if (obj != NULL) {
            type = (PyObject *)Py_TYPE(obj);
        } else {
            PyErr_Format(PyExc_TypeError,
                         "descriptor '%V' for type '%.100s' needs either an "
                         "object or a type",
                         descr_name(DESCR(self)), "?", PyDescr_TYPE(self)->tp_name);
            return NULL;
        }
    }
    if (!PyType_Check(type)) {
        PyErr_Format(PyExc_TypeError,
                     "descriptor '%V' for type '%.100s' needs a type, not a "
                     "'%.100s' as arg 2",
                     descr_name(DESCR(self)), "?", PyDescr_TYPE(self)->tp_name,
                     Py_TYPE(type)->tp_name);
        return NULL;
    }
    if (!PyType_IsSubtype((PyTypeObject *)type, PyDescr_TYPE(self))) {
        PyErr_Format(PyExc_TypeError,
                     "descriptor '%V' requires a subtype of '%.100s' but "
                     "received '%.100s'",
                     descr_name(DESCR(self)), "?", PyDescr_TYPE(self)->tp_name,
                     ((PyTypeObject *)type)->tp_name);
        return NULL;
    }
    PyTypeObject *cls = (descr->d_method->ml_flags & METH_METHOD) ? PyDescr_TYPE(self) : NULL;
    return PyCMethod_New(descr->d_method, type, NULL, cls);
}

static PyObject *
classmethoddescr_call(PyObject *self, PyObject *args, PyObject *kwds)
{
    Py_ssize_t argc = PyTuple_GET_SIZE(args);
    if (argc < 1) {
        PyErr_Format(PyExc_TypeError, "descriptor '%V' of '%.100s' object needs an argument",
                     descr_name(DESCR(self)), "?", PyDescr_TYPE(self)->tp_name);
        return NULL;
    }
    PyObject *bound = classmethod_get(self, NULL, PyTuple_GET_ITEM(args, 0));
    if (bound == NULL) {
        return NULL;
    }
    PyObject *rest = PyTuple_GetSlice(args, 1, argc);
    PyObject *res = rest == NULL ? NULL : PyObject_Call(bound, rest, kwds);
    Py_XDECREF(rest);
    Py_DECREF(bound);
    return res;
}

PyObject *
PyDescr_NewClassMethod(PyTypeObject *type, PyMethodDef *method)
{
    PyMethodDescrObject *descr =
        (PyMethodDescrObject *)descr_new(&PyClassMethodDescr_Type, type, method->ml_name);
    if (descr != NULL) {
        descr->d_method = method;
    }
    return (PyObject *)descr;
}

PyTypeObject PyClassMethodDescr_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "classmethod_descriptor",
    .tp_basicsize = sizeof(PyMethodDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = method_repr,
    .tp_call = classmethoddescr_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = descr_traverse,
    .tp_members = descr_members,
    .tp_getset = method_getsets,
    .tp_descr_get = classmethod_get,
};

/* ---- member_descriptor ---- */

static PyObject *
member_get(PyObject *self, PyObject *obj, PyObject *Py_UNUSED(type))
{
    int check = descr_check(DESCR(self), obj);
    if (check != 0) {
        return check < 0 ? NULL : Py_NewRef(self);
    }
    return PyMember_GetOne((const char *)obj, ((PyMemberDescrObject *)self)->d_member);
}

static int
member_set(PyObject *self, PyObject *obj, PyObject *value)
{
    if (descr_check(DESCR(self), obj) < 0) {
        return -1;
    }
    return PyMember_SetOne((char *)obj, ((PyMemberDescrObject *)self)->d_member, value);
}

static PyObject *
member_repr(PyObject *self)
{
    return descr_repr(DESCR(self), "<member '%V' of '%s' objects>");
}

static PyObject *
member_get_doc(PyObject *self, void *Py_UNUSED(c))
{
    const char *doc = ((PyMemberDescrObject *)self)->d_member->doc;
    if (doc == NULL) {
        Py_RETURN_NONE;
    }
    return PyUnicode_FromString(doc);
}

static PyGetSetDef member_getsets[] = {
    {"__doc__", member_get_doc, NULL, NULL, NULL},
    {"__qualname__", descr_get_qualname, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyObject *
PyDescr_NewMember(PyTypeObject *type, PyMemberDef *member)
{
    PyMemberDescrObject *descr =
        (PyMemberDescrObject *)descr_new(&PyMemberDescr_Type, type, member->name);
    if (descr != NULL) {
        descr->d_member = member;
    }
    return (PyObject *)descr;
}

PyTypeObject PyMemberDescr_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "member_descriptor",
    .tp_basicsize = sizeof(PyMemberDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = member_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = descr_traverse,
    .tp_methods = descr_methods,
    .tp_members = descr_members,
    .tp_getset = member_getsets,
    .tp_descr_get = member_get,
    .tp_descr_set = member_set,
};

/* ---- getset_descriptor ---- */

#define GSDESCR(op) ((PyGetSetDescrObject *)(op))

static PyObject *
getset_get(PyObject *self, PyObject *obj, PyObject *Py_UNUSED(type))
{
    int check = descr_check(DESCR(self), obj);
    if (check != 0) {
        return check < 0 ? NULL : Py_NewRef(self);
    }
    PyGetSetDef *gs = GSDESCR(self)->d_getset;
    if (gs->get != NULL) {
        return gs->get(obj, gs->closure);
    }
    PyErr_Format(PyExc_AttributeError, "attribute '%V' of '%.100s' objects is not readable",
                 descr_name(DESCR(self)), "?", PyDescr_TYPE(self)->tp_name);
    return NULL;
}

static int
getset_set(PyObject *self, PyObject *obj, PyObject *value)
{
    if (descr_check(DESCR(self), obj) < 0) {
        return -1;
    }
    PyGetSetDef *gs = GSDESCR(self)->d_getset;
    if (gs->set != NULL) {
        return gs->set(obj, value, gs->closure);
    }
    PyErr_Format(PyExc_AttributeError, "attribute '%V' of '%.100s' objects is not writable",
                 descr_name(DESCR(self)), "?", PyDescr_TYPE(self)->tp_name);
    return -1;
}

static PyObject *
getset_repr(PyObject *self)
{
    return descr_repr(DESCR(self), "<attribute '%V' of '%s' objects>");
}

static PyObject *
getset_get_doc(PyObject *self, void *Py_UNUSED(c))
{
    const char *doc = GSDESCR(self)->d_getset->doc;
    if (doc == NULL) {
        Py_RETURN_NONE;
    }
    return PyUnicode_FromString(doc);
}

static PyGetSetDef getset_getsets[] = {
    {"__doc__", getset_get_doc, NULL, NULL, NULL},
    {"__qualname__", descr_get_qualname, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyObject *
PyDescr_NewGetSet(PyTypeObject *type, PyGetSetDef *getset)
{
    PyGetSetDescrObject *descr =
        (PyGetSetDescrObject *)descr_new(&PyGetSetDescr_Type, type, getset->name);
    if (descr != NULL) {
        descr->d_getset = getset;
    }
    return (PyObject *)descr;
}

PyTypeObject PyGetSetDescr_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "getset_descriptor",
    .tp_basicsize = sizeof(PyGetSetDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = getset_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = descr_traverse,
    .tp_members = descr_members,
    .tp_getset = getset_getsets,
    .tp_descr_get = getset_get,
    .tp_descr_set = getset_set,
};

/* ---- wrapper_descriptor ---- */

#define WDESCR(op) ((PyWrapperDescrObject *)(op))

static PyObject *
wrapperdescr_raw_call(PyWrapperDescrObject *d, PyObject *self, PyObject *args, PyObject *kwds)
{
    wrapperfunc wrapper = d->d_base->wrapper;
    if (d->d_base->flags & PyWrapperFlag_KEYWORDS) {
        wrapperfunc_kwds wk = (wrapperfunc_kwds)(void (*)(void))wrapper;
        return wk(self, args, d->d_wrapped, kwds);
    }
    if (kwds != NULL && (!PyDict_Check(kwds) || PyDict_GET_SIZE(kwds) != 0)) {
        PyErr_Format(PyExc_TypeError, "wrapper %s() takes no keyword arguments", d->d_base->name);
        return NULL;
    }
    return wrapper(self, args, d->d_wrapped);
}

static PyObject *
wrapperdescr_call(PyObject *self, PyObject *args, PyObject *kwds)
{
    Py_ssize_t argc = PyTuple_GET_SIZE(args);
    if (argc < 1) {
        PyErr_Format(PyExc_TypeError, "descriptor '%V' of '%.100s' object needs an argument",
                     descr_name(DESCR(self)), "?", PyDescr_TYPE(self)->tp_name);
        return NULL;
    }
    PyObject *obj = PyTuple_GET_ITEM(args, 0);
    if (!PyObject_TypeCheck(obj, PyDescr_TYPE(self))) {
        PyErr_Format(PyExc_TypeError,
                     "descriptor '%V' requires a '%.100s' object but received "
                     "a '%.100s'",
                     descr_name(DESCR(self)), "?", PyDescr_TYPE(self)->tp_name,
                     Py_TYPE(obj)->tp_name);
        return NULL;
    }
    PyObject *rest = PyTuple_GetSlice(args, 1, argc);
    if (rest == NULL) {
        return NULL;
    }
    PyObject *res = wrapperdescr_raw_call(WDESCR(self), obj, rest, kwds);
    Py_DECREF(rest);
    return res;
}

static PyObject *
wrapperdescr_get(PyObject *self, PyObject *obj, PyObject *Py_UNUSED(type))
{
    int check = descr_check(DESCR(self), obj);
    if (check != 0) {
        return check < 0 ? NULL : Py_NewRef(self);
    }
    return PyWrapper_New(self, obj);
}

static PyObject *
wrapperdescr_repr(PyObject *self)
{
    return descr_repr(DESCR(self), "<slot wrapper '%V' of '%s' objects>");
}

static PyObject *
wrapperdescr_get_doc(PyObject *self, void *Py_UNUSED(c))
{
    return pyrs_descr_doc_from_internal(WDESCR(self)->d_base->name, WDESCR(self)->d_base->doc);
}

static PyObject *
wrapperdescr_get_text_signature(PyObject *self, void *Py_UNUSED(c))
{
    return pyrs_descr_text_signature(WDESCR(self)->d_base->name, WDESCR(self)->d_base->doc);
}

static PyGetSetDef wrapperdescr_getsets[] = {
    {"__doc__", wrapperdescr_get_doc, NULL, NULL, NULL},
    {"__qualname__", descr_get_qualname, NULL, NULL, NULL},
    {"__text_signature__", wrapperdescr_get_text_signature, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyObject *
PyDescr_NewWrapper(PyTypeObject *type, struct wrapperbase *base, void *wrapped)
{
    PyWrapperDescrObject *descr =
        (PyWrapperDescrObject *)descr_new(&PyWrapperDescr_Type, type, base->name);
    if (descr != NULL) {
        descr->d_base = base;
        descr->d_wrapped = wrapped;
    }
    return (PyObject *)descr;
}

PyTypeObject PyWrapperDescr_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "wrapper_descriptor",
    .tp_basicsize = sizeof(PyWrapperDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = wrapperdescr_repr,
    .tp_call = wrapperdescr_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_traverse = descr_traverse,
    .tp_methods = descr_methods,
    .tp_members = descr_members,
    .tp_getset = wrapperdescr_getsets,
    .tp_descr_get = wrapperdescr_get,
};

/* ---- method-wrapper: a wrapper_descriptor bound to an instance ---- */

typedef struct {
    PyObject_HEAD
    PyWrapperDescrObject *descr; /* owned */
    PyObject *self;              /* owned */
} wrapperobject;

#define WOBJ(op) ((wrapperobject *)(op))

PyObject *
PyWrapper_New(PyObject *d, PyObject *self)
{
    if (descr_check(DESCR(d), self) < 0) {
        return NULL;
    }
    wrapperobject *wp = PyObject_GC_New(wrapperobject, &_PyMethodWrapper_Type);
    if (wp == NULL) {
        return NULL;
    }
    wp->descr = (PyWrapperDescrObject *)Py_NewRef(d);
    wp->self = Py_NewRef(self);
    PyObject_GC_Track(wp);
    return (PyObject *)wp;
}

static void
wrapper_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    if (pyrs_trash_begin(self, wrapper_dealloc)) { /* f.__call__.__call__... a million deep */
        return;
    }
    Py_XDECREF(WOBJ(self)->descr);
    Py_XDECREF(WOBJ(self)->self);
    PyObject_GC_Del(self);
    pyrs_trash_end();
}

static int
wrapper_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(WOBJ(self)->descr);
    Py_VISIT(WOBJ(self)->self);
    return 0;
}

static PyObject *
wrapper_richcompare(PyObject *a, PyObject *b, int op)
{
    if ((op != Py_EQ && op != Py_NE) || !Py_IS_TYPE(b, &_PyMethodWrapper_Type)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    int eq = WOBJ(a)->descr == WOBJ(b)->descr && WOBJ(a)->self == WOBJ(b)->self;
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

static Py_hash_t
wrapper_hash(PyObject *self)
{
    Py_hash_t x = _Py_HashPointer(WOBJ(self)->self); /* identity: [].__add__ is hashable */
    Py_hash_t y = _Py_HashPointer(WOBJ(self)->descr);
    x ^= y;
    return x == -1 ? -2 : x;
}

static PyObject *
wrapper_repr(PyObject *self)
{
    return PyUnicode_FromFormat("<method-wrapper '%s' of %s object at %p>",
                                WOBJ(self)->descr->d_base->name, Py_TYPE(WOBJ(self)->self)->tp_name,
                                (void *)WOBJ(self)->self);
}

static PyObject *
wrapper_call(PyObject *self, PyObject *args, PyObject *kwds)
{
    return wrapperdescr_raw_call(WOBJ(self)->descr, WOBJ(self)->self, args, kwds);
}

static PyObject *
wrapper_objclass(PyObject *self, void *Py_UNUSED(c))
{
    return Py_NewRef((PyObject *)PyDescr_TYPE(WOBJ(self)->descr));
}

static PyObject *
wrapper_name(PyObject *self, void *Py_UNUSED(c))
{
    return PyUnicode_FromString(WOBJ(self)->descr->d_base->name);
}

static PyObject *
wrapper_doc(PyObject *self, void *Py_UNUSED(c))
{
    return wrapperdescr_get_doc((PyObject *)WOBJ(self)->descr, NULL);
}

static PyObject *
wrapper_qualname(PyObject *self, void *Py_UNUSED(c))
{
    return descr_get_qualname((PyObject *)WOBJ(self)->descr, NULL);
}

static PyObject *
wrapper_text_signature(PyObject *self, void *Py_UNUSED(c))
{
    return wrapperdescr_get_text_signature((PyObject *)WOBJ(self)->descr, NULL);
}

static PyObject *
wrapper_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *name = PyUnicode_FromString(WOBJ(self)->descr->d_base->name);
    PyObject *res = name == NULL ? NULL : reduce_to_getattr(WOBJ(self)->self, name);
    Py_XDECREF(name);
    return res;
}

static PyMethodDef wrapper_methods[] = {
    {"__reduce__", wrapper_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef wrapper_members[] = {
    {"__self__", T_OBJECT, offsetof(wrapperobject, self), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef wrapper_getsets[] = {
    {"__objclass__", wrapper_objclass, NULL, NULL, NULL},
    {"__name__", wrapper_name, NULL, NULL, NULL},
    {"__qualname__", wrapper_qualname, NULL, NULL, NULL},
    {"__doc__", wrapper_doc, NULL, NULL, NULL},
    {"__text_signature__", wrapper_text_signature, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject _PyMethodWrapper_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "method-wrapper",
    .tp_basicsize = sizeof(wrapperobject),
    .tp_dealloc = wrapper_dealloc,
    .tp_repr = wrapper_repr,
    .tp_hash = wrapper_hash,
    .tp_call = wrapper_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = wrapper_traverse,
    .tp_richcompare = wrapper_richcompare,
    .tp_methods = wrapper_methods,
    .tp_members = wrapper_members,
    .tp_getset = wrapper_getsets,
};

#undef PyDescr_IsData
int
PyDescr_IsData(PyObject *d)
{
    return Py_TYPE(d)->tp_descr_set != NULL;
}

/* ---- PyMemberDef access ---- */

PyObject *
PyMember_GetOne(const char *obj_addr, PyMemberDef *l)
{
    const char *addr = obj_addr + l->offset;
    switch (l->type) {
    case T_BOOL:
        return PyBool_FromLong(*(const char *)addr);
    case T_BYTE:
        return PyLong_FromLong(*(const signed char *)addr);
    case T_UBYTE:
        return PyLong_FromUnsignedLong(*(const unsigned char *)addr);
    case T_SHORT:
        return PyLong_FromLong(*(const short *)addr);
    case T_USHORT:
        return PyLong_FromUnsignedLong(*(const unsigned short *)addr);
    case T_INT:
        return PyLong_FromLong(*(const int *)addr);
    case T_UINT:
        return PyLong_FromUnsignedLong(*(const unsigned int *)addr);
    case T_LONG:
        return PyLong_FromLong(*(const long *)addr);
    case T_ULONG:
        return PyLong_FromUnsignedLong(*(const unsigned long *)addr);
    case T_PYSSIZET:
        return PyLong_FromSsize_t(*(const Py_ssize_t *)addr);
    case T_FLOAT:
        return PyFloat_FromDouble(*(const float *)addr);
    case T_DOUBLE:
        return PyFloat_FromDouble(*(const double *)addr);
    case T_STRING:
        if (*(char *const *)addr == NULL) {
            Py_RETURN_NONE;
        }
        return PyUnicode_FromString(*(char *const *)addr);
    case T_STRING_INPLACE:
        return PyUnicode_FromString(addr);
    case T_CHAR:
        return PyUnicode_FromStringAndSize(addr, 1);
    case T_OBJECT: {
        PyObject *v = *(PyObject *const *)addr;
        return Py_NewRef(v == NULL ? Py_None : v);
    }
    case T_OBJECT_EX: {
        PyObject *v = *(PyObject *const *)addr;
        if (v == NULL) {
            PyErr_Format(PyExc_AttributeError, "'%.200s' object has no attribute '%s'",
                         Py_TYPE((PyObject *)obj_addr)->tp_name, l->name);
            return NULL;
        }
        return Py_NewRef(v);
    }
    case T_LONGLONG:
        return PyLong_FromLongLong(*(const long long *)addr);
    case T_ULONGLONG:
        return PyLong_FromUnsignedLongLong(*(const unsigned long long *)addr);
    case T_NONE:
        Py_RETURN_NONE;
    default:
        PyErr_SetString(PyExc_SystemError, "bad memberdescr type");
        return NULL;
    }
}

static int
member_set_integer(char *addr, PyMemberDef *l, PyObject *v)
{
    if (l->type == T_ULONGLONG || l->type == T_ULONG) {
        unsigned long long u = PyLong_AsUnsignedLongLongMask(v);
        if (u == (unsigned long long)-1 && PyErr_Occurred()) {
            return -1;
        }
        if (l->type == T_ULONG) {
            *(unsigned long *)addr = (unsigned long)u;
        } else {
            *(unsigned long long *)addr = u;
        }
        return 0;
    }
    long long x = PyLong_AsLongLong(v);
    if (x == -1 && PyErr_Occurred()) {
        return -1;
    }
    switch (l->type) {
    case T_BYTE:
        *(signed char *)addr = (signed char)x;
        break;
    case T_UBYTE:
        *(unsigned char *)addr = (unsigned char)x;
        break;
    case T_SHORT:
        *(short *)addr = (short)x;
        break;
    case T_USHORT:
        *(unsigned short *)addr = (unsigned short)x;
        break;
    case T_INT:
        *(int *)addr = (int)x;
        break;
    case T_UINT:
        *(unsigned int *)addr = (unsigned int)x;
        break;
    case T_LONG:
        *(long *)addr = (long)x;
        break;
    case T_PYSSIZET:
        *(Py_ssize_t *)addr = (Py_ssize_t)x;
        break;
    default:
        *(long long *)addr = x;
        break;
    }
    return 0;
}

int
PyMember_SetOne(char *addr, PyMemberDef *l, PyObject *v)
{
    addr += l->offset;
    if (l->flags & READONLY) {
        PyErr_SetString(PyExc_AttributeError, "readonly attribute");
        return -1;
    }
    if (v == NULL) {
        if (l->type == T_OBJECT_EX) {
            if (*(PyObject **)addr == NULL) {
                PyErr_SetString(PyExc_AttributeError, l->name);
                return -1;
            }
        } else if (l->type != T_OBJECT) {
            PyErr_SetString(PyExc_TypeError, "can't delete numeric/char attribute");
            return -1;
        }
    }
    switch (l->type) {
    case T_BOOL:
        if (!PyBool_Check(v)) {
            PyErr_SetString(PyExc_TypeError, "attribute value type must be bool");
            return -1;
        }
        *(char *)addr = (char)(v == Py_True);
        return 0;
    case T_BYTE:
    case T_UBYTE:
    case T_SHORT:
    case T_USHORT:
    case T_INT:
    case T_UINT:
    case T_LONG:
    case T_ULONG:
    case T_PYSSIZET:
    case T_LONGLONG:
    case T_ULONGLONG:
        return member_set_integer(addr, l, v);
    case T_FLOAT:
    case T_DOUBLE: {
        double d = PyFloat_AsDouble(v);
        if (d == -1 && PyErr_Occurred()) {
            return -1;
        }
        if (l->type == T_FLOAT) {
            *(float *)addr = (float)d;
        } else {
            *(double *)addr = d;
        }
        return 0;
    }
    case T_OBJECT:
    case T_OBJECT_EX:
        Py_XSETREF(*(PyObject **)addr, Py_XNewRef(v));
        return 0;
    case T_CHAR: {
        Py_ssize_t len;
        const char *s = PyUnicode_Check(v) ? PyUnicode_AsUTF8AndSize(v, &len) : NULL;
        if (s == NULL || len != 1) {
            if (!PyErr_Occurred()) {
                PyErr_BadArgument();
            }
            return -1;
        }
        *(char *)addr = s[0];
        return 0;
    }
    case T_STRING:
    case T_STRING_INPLACE:
        PyErr_SetString(PyExc_TypeError, "readonly attribute");
        return -1;
    default:
        PyErr_Format(PyExc_SystemError, "bad memberdescr type for %s", l->name);
        return -1;
    }
}

/* ---- mappingproxy ---- */

typedef struct {
    PyObject_HEAD
    PyObject *mapping; /* the viewed mapping, owned */
} mappingproxyobject;

#define MPROXY(op) (((mappingproxyobject *)(op))->mapping)

static int
mappingproxy_check_mapping(PyObject *mapping)
{
    if (!PyMapping_Check(mapping) || PyList_Check(mapping) || PyTuple_Check(mapping)) {
        PyErr_Format(PyExc_TypeError, "mappingproxy() argument must be a mapping, not %s",
                     Py_TYPE(mapping)->tp_name);
        return -1;
    }
    return 0;
}

PyObject *
PyDictProxy_New(PyObject *mapping)
{
    if (mappingproxy_check_mapping(mapping) < 0) {
        return NULL;
    }
    mappingproxyobject *pp = PyObject_GC_New(mappingproxyobject, &PyDictProxy_Type);
    if (pp == NULL) {
        return NULL;
    }
    pp->mapping = Py_NewRef(mapping);
    PyObject_GC_Track(pp);
    return (PyObject *)pp;
}

static PyObject *
mappingproxy_new(PyTypeObject *Py_UNUSED(type), PyObject *args, PyObject *kwds)
{
    PyObject *mapping = NULL;
    if (kwds != NULL && PyDict_GET_SIZE(kwds) == 1 && PyTuple_GET_SIZE(args) == 0) {
        mapping = PyDict_GetItemWithError(kwds, pyrs_object_id("mapping"));
    } else if (_PyArg_NoKeywords("mappingproxy", kwds) &&
               PyArg_UnpackTuple(args, "mappingproxy", 1, 1, &mapping)) {
        ;
    }
    if (mapping == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_TypeError,
                            "mappingproxy() missing required argument 'mapping' (pos 1)");
        }
        return NULL;
    }
    return PyDictProxy_New(mapping);
}

static void
mappingproxy_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    Py_DECREF(MPROXY(self));
    PyObject_GC_Del(self);
}

static int
mappingproxy_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(MPROXY(self));
    return 0;
}

static Py_ssize_t
mappingproxy_len(PyObject *self)
{
    return PyObject_Size(MPROXY(self));
}

static PyObject *
mappingproxy_getitem(PyObject *self, PyObject *key)
{
    return PyObject_GetItem(MPROXY(self), key);
}

static int
mappingproxy_contains(PyObject *self, PyObject *key)
{
    if (PyDict_CheckExact(MPROXY(self))) {
        return PyDict_Contains(MPROXY(self), key);
    }
    return PySequence_Contains(MPROXY(self), key);
}

static PyObject *
mappingproxy_iter(PyObject *self)
{
    return PyObject_GetIter(MPROXY(self));
}

static PyObject *
mappingproxy_repr(PyObject *self)
{
    return PyUnicode_FromFormat("mappingproxy(%R)", MPROXY(self));
}

static PyObject *
mappingproxy_str(PyObject *self)
{
    return PyObject_Str(MPROXY(self));
}

static PyObject *
mappingproxy_richcompare(PyObject *self, PyObject *w, int op)
{
    return PyObject_RichCompare(MPROXY(self), w, op);
}

static PyObject *
mappingproxy_or(PyObject *left, PyObject *right)
{
    if (Py_IS_TYPE(left, &PyDictProxy_Type)) {
        left = MPROXY(left);
    }
    if (Py_IS_TYPE(right, &PyDictProxy_Type)) {
        right = MPROXY(right);
    }
    return PyNumber_Or(left, right);
}

static PyObject *
mappingproxy_ior(PyObject *self, PyObject *Py_UNUSED(other))
{
    PyErr_Format(PyExc_TypeError, "'|=' is not supported by %s; use '|' instead",
                 Py_TYPE(self)->tp_name);
    return NULL;
}

static PyObject *
mappingproxy_get(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("get", nargs, 1, 2)) {
        return NULL;
    }
    PyObject *call_args[3] = {MPROXY(self), args[0], nargs > 1 ? args[1] : Py_None};
    return PyObject_VectorcallMethod(pyrs_object_id("get"), call_args, 3, NULL);
}

#define PROXY_FORWARD(NAME, METHOD)                                                                \
    static PyObject *NAME(PyObject *self, PyObject *Py_UNUSED(ignored))                            \
    {                                                                                              \
        return PyObject_CallMethodNoArgs(MPROXY(self), pyrs_object_id(METHOD));                    \
    }

PROXY_FORWARD(mappingproxy_keys, "keys")
PROXY_FORWARD(mappingproxy_values, "values")
PROXY_FORWARD(mappingproxy_items, "items")
PROXY_FORWARD(mappingproxy_copy, "copy")

static PyObject *
mappingproxy_reversed(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyObject_CallMethodNoArgs(MPROXY(self), pyrs_object_id("__reversed__"));
}

static PyMethodDef mappingproxy_methods[] = {
    {"get", (PyCFunction)(void (*)(void))mappingproxy_get, METH_FASTCALL,
     "D.get(k[,d]) -> D[k] if k in D, else d.  d defaults to None."},
    {"keys", mappingproxy_keys, METH_NOARGS,
     "D.keys() -> a set-like object providing a view on D's keys"},
    {"values", mappingproxy_values, METH_NOARGS,
     "D.values() -> an object providing a view on D's values"},
    {"items", mappingproxy_items, METH_NOARGS,
     "D.items() -> a set-like object providing a view on D's items"},
    {"copy", mappingproxy_copy, METH_NOARGS, "D.copy() -> a shallow copy of D"},
    {"__reversed__", mappingproxy_reversed, METH_NOARGS, "D.__reversed__() -> reverse iterator"},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

static PyMappingMethods mappingproxy_as_mapping = {
    .mp_length = mappingproxy_len,
    .mp_subscript = mappingproxy_getitem,
};

static PySequenceMethods mappingproxy_as_sequence = {
    .sq_contains = mappingproxy_contains,
};

static PyNumberMethods mappingproxy_as_number = {
    .nb_or = mappingproxy_or,
    .nb_inplace_or = mappingproxy_ior,
};

PyTypeObject PyDictProxy_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "mappingproxy",
    .tp_basicsize = sizeof(mappingproxyobject),
    .tp_dealloc = mappingproxy_dealloc,
    .tp_repr = mappingproxy_repr,
    .tp_as_number = &mappingproxy_as_number,
    .tp_as_sequence = &mappingproxy_as_sequence,
    .tp_as_mapping = &mappingproxy_as_mapping,
    .tp_str = mappingproxy_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_MAPPING,
    .tp_traverse = mappingproxy_traverse,
    .tp_richcompare = mappingproxy_richcompare,
    .tp_iter = mappingproxy_iter,
    .tp_methods = mappingproxy_methods,
    .tp_new = mappingproxy_new,
};

/* Binds ARGS and KWDS to the N optional parameters NAMES (borrowed into OUT, NULL when not
 * given). 0, or -1 with CPython's TypeErrors for FUNCNAME. */
static int
parse_optional(PyObject *args, PyObject *kwds, const char *const *names, Py_ssize_t n,
               PyObject **out, const char *funcname)
{
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    Py_ssize_t nkw = kwds == NULL ? 0 : PyDict_GET_SIZE(kwds);
    if (nargs + nkw > n) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %zd arguments (%zd given)", funcname, n,
                     nargs + nkw);
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        out[i] = i < nargs ? PyTuple_GET_ITEM(args, i) : NULL;
    }
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (kwds != NULL && PyDict_Next(kwds, &pos, &key, &value)) {
        Py_ssize_t i = 0;
        for (; i < n; i++) {
            if (PyUnicode_Check(key) && _PyUnicode_EqualToASCIIString(key, names[i])) {
                break;
            }
        }
        if (i == n) {
            PyErr_Format(PyExc_TypeError, "%R is an invalid keyword argument for %s()", key,
                         funcname);
            return -1;
        }
        if (out[i] != NULL) {
            PyErr_Format(PyExc_TypeError,
                         "argument for %s() given by name ('%s') and position (%zd)", funcname,
                         names[i], i + 1);
            return -1;
        }
        out[i] = value;
    }
    return 0;
}

/* ---- property ---- */

typedef struct {
    PyObject_HEAD
    PyObject *prop_get;  /* fget or NULL */
    PyObject *prop_set;  /* fset or NULL */
    PyObject *prop_del;  /* fdel or NULL */
    PyObject *prop_doc;  /* __doc__ or NULL */
    PyObject *prop_name; /* name from __set_name__, or NULL */
    int getter_doc;      /* the doc was taken from fget */
} propertyobject;

#define PROP(op) ((propertyobject *)(op))

static PyMemberDef property_members[] = {
    {"fget", T_OBJECT, offsetof(propertyobject, prop_get), READONLY, NULL},
    {"fset", T_OBJECT, offsetof(propertyobject, prop_set), READONLY, NULL},
    {"fdel", T_OBJECT, offsetof(propertyobject, prop_del), READONLY, NULL},
    {"__doc__", T_OBJECT, offsetof(propertyobject, prop_doc), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

static void
property_dealloc(PyObject *self)
{
    propertyobject *gs = PROP(self);
    PyObject_GC_UnTrack(self);
    Py_XDECREF(gs->prop_get);
    Py_XDECREF(gs->prop_set);
    Py_XDECREF(gs->prop_del);
    Py_XDECREF(gs->prop_doc);
    Py_XDECREF(gs->prop_name);
    Py_TYPE(self)->tp_free(self);
}

static int
property_traverse(PyObject *self, visitproc visit, void *arg)
{
    propertyobject *pp = PROP(self);
    Py_VISIT(pp->prop_get);
    Py_VISIT(pp->prop_set);
    Py_VISIT(pp->prop_del);
    Py_VISIT(pp->prop_doc);
    Py_VISIT(pp->prop_name);
    return 0;
}

static int
property_clear(PyObject *self)
{
    Py_CLEAR(PROP(self)->prop_doc);
    return 0;
}

/* "property 'x' of 'C' object has no WHAT", degraded as CPython when names are unknown. */
static void
property_missing(propertyobject *gs, PyObject *obj, const char *what)
{
    PyObject *qualname = PyType_GetQualName(Py_TYPE(obj));
    if (gs->prop_name != NULL && qualname != NULL) {
        PyErr_Format(PyExc_AttributeError, "property %R of %R object has no %s", gs->prop_name,
                     qualname, what);
    } else if (qualname != NULL) {
        PyErr_Format(PyExc_AttributeError, "property of %R object has no %s", qualname, what);
    } else {
        PyErr_Format(PyExc_AttributeError, "property has no %s", what);
    }
    Py_XDECREF(qualname);
}

static PyObject *
property_descr_get(PyObject *self, PyObject *obj, PyObject *Py_UNUSED(type))
{
    if (obj == NULL || obj == Py_None) {
        return Py_NewRef(self);
    }
    propertyobject *gs = PROP(self);
    if (gs->prop_get == NULL) {
        property_missing(gs, obj, "getter");
        return NULL;
    }
    return PyObject_CallOneArg(gs->prop_get, obj);
}

static int
property_descr_set(PyObject *self, PyObject *obj, PyObject *value)
{
    propertyobject *gs = PROP(self);
    PyObject *func = value == NULL ? gs->prop_del : gs->prop_set;
    if (func == NULL) {
        property_missing(gs, obj, value == NULL ? "deleter" : "setter");
        return -1;
    }
    PyObject *res = value == NULL ? PyObject_CallOneArg(func, obj)
                                  : PyObject_CallFunctionObjArgs(func, obj, value, NULL);
    if (res == NULL) {
        return -1;
    }
    Py_DECREF(res);
    return 0;
}

static int
property_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    static const char *const names[] = {"fget", "fset", "fdel", "doc"};
    PyObject *a[4];
    if (parse_optional(args, kwds, names, 4, a, "property") < 0) {
        return -1;
    }
    propertyobject *pp = PROP(self);
    for (int i = 0; i < 4; i++) {
        if (a[i] == Py_None) {
            a[i] = NULL;
        }
    }
    Py_XSETREF(pp->prop_get, Py_XNewRef(a[0]));
    Py_XSETREF(pp->prop_set, Py_XNewRef(a[1]));
    Py_XSETREF(pp->prop_del, Py_XNewRef(a[2]));
    Py_XSETREF(pp->prop_doc, Py_XNewRef(a[3]));
    Py_XSETREF(pp->prop_name, NULL);
    pp->getter_doc = 0;
    if (a[3] == NULL && a[0] != NULL) {
        PyObject *get_doc;
        if (_PyObject_LookupAttr(a[0], pyrs_object_id("__doc__"), &get_doc) < 0) {
            return -1;
        }
        if (get_doc != NULL && get_doc != Py_None) {
            if (Py_IS_TYPE(self, &PyProperty_Type)) {
                Py_XSETREF(pp->prop_doc, get_doc);
                get_doc = NULL;
            } else {
                /* A subclass gets the doc in its instance dict (its __doc__ may be a slot). */
                int err = PyObject_SetAttr(self, pyrs_object_id("__doc__"), get_doc);
                Py_DECREF(get_doc);
                get_doc = NULL;
                if (err < 0) {
                    return -1;
                }
            }
            pp->getter_doc = 1;
        }
        Py_XDECREF(get_doc);
    }
    return 0;
}

static PyObject *
property_copy(PyObject *old, PyObject *get, PyObject *set, PyObject *del)
{
    propertyobject *pold = PROP(old);
    PyObject *type = (PyObject *)Py_TYPE(old);
    get = get == NULL ? (pold->prop_get ? pold->prop_get : Py_None) : get;
    set = set == NULL ? (pold->prop_set ? pold->prop_set : Py_None) : set;
    del = del == NULL ? (pold->prop_del ? pold->prop_del : Py_None) : del;
    PyObject *doc =
        (pold->getter_doc && get != Py_None) || pold->prop_doc == NULL ? Py_None : pold->prop_doc;
    PyObject *new = PyObject_CallFunctionObjArgs(type, get, set, del, doc, NULL);
    if (new == NULL) {
        return NULL;
    }
    if (PyObject_TypeCheck(new, &PyProperty_Type)) {
        Py_XSETREF(PROP(new)->prop_name, Py_XNewRef(pold->prop_name));
    }
    return new;
}

static PyObject *
property_getter(PyObject *self, PyObject *getter)
{
    return property_copy(self, getter, NULL, NULL);
}

static PyObject *
property_setter(PyObject *self, PyObject *setter)
{
    return property_copy(self, NULL, setter, NULL);
}

static PyObject *
property_deleter(PyObject *self, PyObject *deleter)
{
    return property_copy(self, NULL, NULL, deleter);
}

static PyObject *
property_set_name(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError,
                     "__set_name__() takes 2 positional arguments but %zd were "
                     "given",
                     nargs);
        return NULL;
    }
    Py_XSETREF(PROP(self)->prop_name, Py_NewRef(args[1]));
    Py_RETURN_NONE;
}

static PyObject *
property_get_isabstract(PyObject *self, void *Py_UNUSED(c))
{
    propertyobject *prop = PROP(self);
    PyObject *funcs[3] = {prop->prop_get, prop->prop_set, prop->prop_del};
    for (int i = 0; i < 3; i++) {
        if (funcs[i] == NULL) {
            continue;
        }
        PyObject *res;
        if (_PyObject_LookupAttr(funcs[i], pyrs_object_id("__isabstractmethod__"), &res) < 0) {
            return NULL;
        }
        if (res == NULL) {
            continue;
        }
        int truth = PyObject_IsTrue(res);
        Py_DECREF(res);
        if (truth != 0) {
            return truth < 0 ? NULL : Py_NewRef(Py_True);
        }
    }
    Py_RETURN_FALSE;
}

static PyGetSetDef property_getsets[] = {
    {"__isabstractmethod__", property_get_isabstract, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMethodDef property_methods[] = {
    {"getter", property_getter, METH_O,
     "Descriptor to obtain a copy of the property with a different getter."},
    {"setter", property_setter, METH_O,
     "Descriptor to obtain a copy of the property with a different setter."},
    {"deleter", property_deleter, METH_O,
     "Descriptor to obtain a copy of the property with a different deleter."},
    {"__set_name__", (PyCFunction)(void (*)(void))property_set_name, METH_FASTCALL,
     "Method to set name of a property."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PyProperty_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "property",
    .tp_basicsize = sizeof(propertyobject),
    .tp_dealloc = property_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "property(fget=None, fset=None, fdel=None, doc=None)\n"
              "--\n"
              "\n"
              "Property attribute.\n"
              "\n"
              "  fget\n"
              "    function to be used for getting an attribute value\n"
              "  fset\n"
              "    function to be used for setting an attribute value\n"
              "  fdel\n"
              "    function to be used for del'ing an attribute\n"
              "  doc\n"
              "    docstring\n"
              "\n"
              "Typical use is to define a managed attribute x:\n"
              "\n"
              "class C(object):\n"
              "    def getx(self): return self._x\n"
              "    def setx(self, value): self._x = value\n"
              "    def delx(self): del self._x\n"
              "    x = property(getx, setx, delx, \"I'm the 'x' property.\")\n"
              "\n"
              "Decorators make defining new properties or modifying existing ones easy:\n"
              "\n"
              "class C(object):\n"
              "    @property\n"
              "    def x(self):\n"
              "        \"I am the 'x' property.\"\n"
              "        return self._x\n"
              "    @x.setter\n"
              "    def x(self, value):\n"
              "        self._x = value\n"
              "    @x.deleter\n"
              "    def x(self):\n"
              "        del self._x",
    .tp_traverse = property_traverse,
    .tp_clear = property_clear,
    .tp_methods = property_methods,
    .tp_members = property_members,
    .tp_getset = property_getsets,
    .tp_descr_get = property_descr_get,
    .tp_descr_set = property_descr_set,
    .tp_init = property_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_GC_Del,
};

/* ---- classmethod and staticmethod ---- */


typedef struct {
    PyObject_HEAD
    PyObject *cm_callable; /* the wrapped callable, owned */
    PyObject *cm_dict;     /* __dict__ (functools.wraps-style copies), owned */
} classmethodobject;

#define CM(op) ((classmethodobject *)(op))

static void
cm_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    Py_XDECREF(CM(self)->cm_callable);
    Py_XDECREF(CM(self)->cm_dict);
    Py_TYPE(self)->tp_free(self);
}

static int
cm_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(CM(self)->cm_callable);
    Py_VISIT(CM(self)->cm_dict);
    return 0;
}

static int
cm_clear(PyObject *self)
{
    Py_CLEAR(CM(self)->cm_callable);
    Py_CLEAR(CM(self)->cm_dict);
    return 0;
}

/* Copies __module__, __name__, __qualname__, __doc__ and __annotations__ of the callable
 * (functools.wraps). */
static int
cm_wraps(PyObject *self, PyObject *wrapped)
{
    static const char *const attrs[] = {"__module__", "__name__", "__qualname__", "__doc__",
                                        "__annotations__"};
    for (size_t i = 0; i < Py_ARRAY_LENGTH(attrs); i++) {
        PyObject *value;
        if (_PyObject_LookupAttr(wrapped, pyrs_object_id(attrs[i]), &value) < 0) {
            return -1;
        }
        if (value == NULL) {
            continue;
        }
        int err = PyObject_SetAttr(self, pyrs_object_id(attrs[i]), value);
        Py_DECREF(value);
        if (err < 0) {
            return -1;
        }
    }
    return 0;
}

static int
cm_init_common(PyObject *self, PyObject *args, PyObject *kwds, const char *name)
{
    PyObject *callable;
    if (!_PyArg_NoKeywords(name, kwds)) {
        return -1;
    }
    if (!PyArg_UnpackTuple(args, name, 1, 1, &callable)) {
        return -1;
    }
    Py_XSETREF(CM(self)->cm_callable, Py_NewRef(callable));
    return cm_wraps(self, callable);
}

static int
cm_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    return cm_init_common(self, args, kwds, "classmethod");
}

static int
sm_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    return cm_init_common(self, args, kwds, "staticmethod");
}

static PyObject *
cm_descr_get(PyObject *self, PyObject *obj, PyObject *type)
{
    classmethodobject *cm = CM(self);
    if (type == NULL) {
        type = (PyObject *)Py_TYPE(obj);
    }
    if (Py_TYPE(cm->cm_callable)->tp_descr_get != NULL) {
        return Py_TYPE(cm->cm_callable)->tp_descr_get(cm->cm_callable, type, type);
    }
    return PyMethod_New(cm->cm_callable, type);
}

static PyObject *
sm_descr_get(PyObject *self, PyObject *Py_UNUSED(obj), PyObject *Py_UNUSED(type))
{
    return Py_NewRef(CM(self)->cm_callable);
}

static PyObject *
sm_call(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return PyObject_Call(CM(self)->cm_callable, args, kwargs);
}

static PyObject *
cm_get_isabstract(PyObject *self, void *Py_UNUSED(c))
{
    PyObject *res;
    if (_PyObject_LookupAttr(CM(self)->cm_callable, pyrs_object_id("__isabstractmethod__"), &res) <
        0) {
        return NULL;
    }
    if (res == NULL) {
        Py_RETURN_FALSE;
    }
    int truth = PyObject_IsTrue(res);
    Py_DECREF(res);
    return truth < 0 ? NULL : PyBool_FromLong(truth);
}

static PyObject *
cm_repr(PyObject *self)
{
    return PyUnicode_FromFormat("<classmethod(%R)>", CM(self)->cm_callable);
}

static PyObject *
sm_repr(PyObject *self)
{
    return PyUnicode_FromFormat("<staticmethod(%R)>", CM(self)->cm_callable);
}

static PyMemberDef cm_members[] = {
    {"__func__", T_OBJECT, offsetof(classmethodobject, cm_callable), READONLY, NULL},
    {"__wrapped__", T_OBJECT, offsetof(classmethodobject, cm_callable), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef cm_getsets[] = {
    {"__isabstractmethod__", cm_get_isabstract, NULL, NULL, NULL},
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject PyClassMethod_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "classmethod",
    .tp_basicsize = sizeof(classmethodobject),
    .tp_dealloc = cm_dealloc,
    .tp_repr = cm_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = cm_traverse,
    .tp_clear = cm_clear,
    .tp_members = cm_members,
    .tp_getset = cm_getsets,
    .tp_descr_get = cm_descr_get,
    .tp_dictoffset = offsetof(classmethodobject, cm_dict),
    .tp_init = cm_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_GC_Del,
};

PyTypeObject PyStaticMethod_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "staticmethod",
    .tp_basicsize = sizeof(classmethodobject),
    .tp_dealloc = cm_dealloc,
    .tp_repr = sm_repr,
    .tp_call = sm_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = cm_traverse,
    .tp_clear = cm_clear,
    .tp_members = cm_members,
    .tp_getset = cm_getsets,
    .tp_descr_get = sm_descr_get,
    .tp_dictoffset = offsetof(classmethodobject, cm_dict),
    .tp_init = sm_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_GC_Del,
};

static PyObject *
cm_new_from(PyTypeObject *type, PyObject *callable)
{
    classmethodobject *cm = (classmethodobject *)PyType_GenericAlloc(type, 0);
    if (cm != NULL) {
        cm->cm_callable = Py_NewRef(callable);
    }
    return (PyObject *)cm;
}

PyObject *
PyClassMethod_New(PyObject *callable)
{
    return cm_new_from(&PyClassMethod_Type, callable);
}

PyObject *
PyStaticMethod_New(PyObject *callable)
{
    return cm_new_from(&PyStaticMethod_Type, callable);
}

int
pyrs_method_init(void)
{
    PyTypeObject *types[] = {
        &PyCFunction_Type,   &PyCMethod_Type,     &PyMethodDescr_Type,  &PyClassMethodDescr_Type,
        &PyMemberDescr_Type, &PyGetSetDescr_Type, &PyWrapperDescr_Type, &_PyMethodWrapper_Type,
        &PyDictProxy_Type,   &PyProperty_Type,    &PyClassMethod_Type,  &PyStaticMethod_Type,
    };
    for (size_t i = 0; i < Py_ARRAY_LENGTH(types); i++) {
        if (PyType_Ready(types[i]) < 0) {
            return -1;
        }
    }
    return 0;
}
