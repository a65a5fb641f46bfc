/* methodobject.h: builtin functions and methods (builtin_function_or_method), the PyMethodDef
 * table entry and its METH_* calling conventions, laid out as CPython 3.11 (methodobject.c). */
#ifndef PYRS_METHODOBJECT_H
#define PYRS_METHODOBJECT_H

#include "object.h"

/* C signatures of the calling conventions. */
typedef PyObject *(*PyCFunction)(PyObject *, PyObject *);
typedef PyObject *(*_PyCFunctionFast)(PyObject *, PyObject *const *, Py_ssize_t);
typedef PyObject *(*PyCFunctionWithKeywords)(PyObject *, PyObject *, PyObject *);
typedef PyObject *(*_PyCFunctionFastWithKeywords)(PyObject *, PyObject *const *, Py_ssize_t,
                                                  PyObject *);
typedef PyObject *(*PyCMethod)(PyObject *, PyTypeObject *, PyObject *const *, size_t, PyObject *);

/* One entry of a method table; a table ends with an entry whose ml_name is NULL. */
struct PyMethodDef {
    const char *ml_name; /* Python-visible name */
    PyCFunction ml_meth; /* the C function, cast according to ml_flags */
    int ml_flags;        /* METH_* calling convention and binding flags */
    const char *ml_doc;  /* __doc__ (may carry a "--\n\n" text signature), or NULL */
};
typedef struct PyMethodDef PyMethodDef;

#define METH_VARARGS   0x0001
#define METH_KEYWORDS  0x0002
#define METH_NOARGS    0x0004
#define METH_O         0x0008
#define METH_CLASS     0x0010 /* in a type's table: bind to the type (classmethod_descriptor) */
#define METH_STATIC    0x0020 /* in a type's table: no binding (staticmethod) */
#define METH_COEXIST   0x0040 /* replace a slot wrapper of the same name */
#define METH_FASTCALL  0x0080
#define METH_STACKLESS 0x0000
#define METH_METHOD    0x0200 /* PyCMethod: also receives the defining class */

/* builtin_function_or_method: 56 bytes in CPython 3.11. */
typedef struct {
    PyObject_HEAD
    PyMethodDef *m_ml;         /* the definition (not owned) */
    PyObject *m_self;          /* bound self or the module; owned, may be NULL */
    PyObject *m_module;        /* __module__ value, owned, may be NULL */
    PyObject *m_weakreflist;   /* weak references */
    vectorcallfunc vectorcall; /* entry chosen from ml_flags */
} PyCFunctionObject;

/* builtin method with METH_METHOD: adds the defining class. */
typedef struct {
    PyCFunctionObject func; /* the function part */
    PyTypeObject *mm_class; /* defining class, owned */
} PyCMethodObject;

PyAPI_DATA(PyTypeObject) PyCFunction_Type;
PyAPI_DATA(PyTypeObject) PyCMethod_Type;

#define PyCFunction_CheckExact(op)     Py_IS_TYPE((op), &PyCFunction_Type)
#define PyCFunction_Check(op)          PyObject_TypeCheck((op), &PyCFunction_Type)
#define PyCMethod_CheckExact(op)       Py_IS_TYPE((op), &PyCMethod_Type)
#define PyCMethod_Check(op)            PyObject_TypeCheck((op), &PyCMethod_Type)

#define PyCFunction_GET_FUNCTION(func) (((PyCFunctionObject *)(func))->m_ml->ml_meth)
#define PyCFunction_GET_SELF(func)                                                                 \
    (((PyCFunctionObject *)(func))->m_ml->ml_flags & METH_STATIC                                   \
         ? NULL                                                                                    \
         : ((PyCFunctionObject *)(func))->m_self)
#define PyCFunction_GET_FLAGS(func) (((PyCFunctionObject *)(func))->m_ml->ml_flags)
#define PyCFunction_GET_CLASS(func)                                                                \
    (((PyCFunctionObject *)(func))->m_ml->ml_flags & METH_METHOD                                   \
         ? ((PyCMethodObject *)(func))->mm_class                                                   \
         : NULL)

/* New references; NULL with an exception on error. SELF and MODULE are borrowed. */
PyAPI_FUNC(PyObject *) PyCFunction_New(PyMethodDef *ml, PyObject *self);
PyAPI_FUNC(PyObject *) PyCFunction_NewEx(PyMethodDef *ml, PyObject *self, PyObject *module);
PyAPI_FUNC(PyObject *) PyCMethod_New(PyMethodDef *ml, PyObject *self, PyObject *module,
                                     PyTypeObject *cls);
#define PyCFunction_New(ML, SELF)        PyCFunction_NewEx((ML), (SELF), NULL)
#define PyCFunction_NewEx(ML, SELF, MOD) PyCMethod_New((ML), (SELF), (MOD), NULL)
/* Accessors: borrowed results; SystemError (PyErr_BadInternalCall) if OP is no builtin. */
PyAPI_FUNC(PyCFunction) PyCFunction_GetFunction(PyObject *op);
PyAPI_FUNC(PyObject *) PyCFunction_GetSelf(PyObject *op);
PyAPI_FUNC(int) PyCFunction_GetFlags(PyObject *op);
/* Calls a builtin with a tuple and an optional dict (any METH_ convention). */
PyAPI_FUNC(PyObject *) PyCFunction_Call(PyObject *callable, PyObject *args, PyObject *kwargs);

#endif /* PYRS_METHODOBJECT_H */
