/* funcobject.h: Python function objects with CPython 3.11's PyFunctionObject layout (Cython
 * and other extensions read func_* fields directly). Implemented in funcobject.c. */
#ifndef PYRS_FUNCOBJECT_H
#define PYRS_FUNCOBJECT_H

#include "object.h"

typedef struct {
    PyObject_HEAD
    PyObject *func_globals;     /* the module dict the code runs in */
    PyObject *func_builtins;    /* the builtins dict */
    PyObject *func_name;        /* __name__ (str) */
    PyObject *func_qualname;    /* __qualname__ (str) */
    PyObject *func_code;        /* __code__ (a pyrs code object) */
    PyObject *func_defaults;    /* __defaults__: tuple or NULL */
    PyObject *func_kwdefaults;  /* __kwdefaults__: dict or NULL */
    PyObject *func_closure;     /* __closure__: tuple of cells or NULL */
    PyObject *func_doc;         /* __doc__ (any object, None by default) */
    PyObject *func_dict;        /* __dict__ or NULL */
    PyObject *func_weakreflist; /* weak references */
    PyObject *func_module;      /* __module__ */
    PyObject *func_annotations; /* __annotations__: dict or NULL */
    vectorcallfunc vectorcall;  /* enters the VM through a new entry frame */
    uint32_t func_version;      /* 0 until specialised calls need it */
} PyFunctionObject;

PyAPI_DATA(PyTypeObject) PyFunction_Type;
#define PyFunction_Check(op) Py_IS_TYPE((op), &PyFunction_Type)

/* A new function running CODE in GLOBALS (borrowed); __name__/__qualname__ come from the
 * code, __module__ from globals['__name__']. NULL with an exception set on failure. */
PyAPI_FUNC(PyObject *) PyFunction_New(PyObject *code, PyObject *globals);
PyAPI_FUNC(PyObject *) PyFunction_NewWithQualName(PyObject *code, PyObject *globals,
                                                  PyObject *qualname);
/* Borrowed accessors (NULL with SystemError when OP is not a function). */
PyAPI_FUNC(PyObject *) PyFunction_GetCode(PyObject *op);
PyAPI_FUNC(PyObject *) PyFunction_GetGlobals(PyObject *op);
PyAPI_FUNC(PyObject *) PyFunction_GetModule(PyObject *op);
PyAPI_FUNC(PyObject *) PyFunction_GetDefaults(PyObject *op);
PyAPI_FUNC(PyObject *) PyFunction_GetKwDefaults(PyObject *op);
PyAPI_FUNC(PyObject *) PyFunction_GetClosure(PyObject *op);
PyAPI_FUNC(PyObject *) PyFunction_GetAnnotations(PyObject *op);
/* Setters: 0, or -1 with SystemError for a wrong type. References are new (not stolen). */
PyAPI_FUNC(int) PyFunction_SetDefaults(PyObject *op, PyObject *defaults);
PyAPI_FUNC(int) PyFunction_SetKwDefaults(PyObject *op, PyObject *defaults);
PyAPI_FUNC(int) PyFunction_SetClosure(PyObject *op, PyObject *closure);

#define PyFunction_GET_CODE(func)     (((PyFunctionObject *)(func))->func_code)
#define PyFunction_GET_GLOBALS(func)  (((PyFunctionObject *)(func))->func_globals)
#define PyFunction_GET_DEFAULTS(func) (((PyFunctionObject *)(func))->func_defaults)
#define PyFunction_GET_CLOSURE(func)  (((PyFunctionObject *)(func))->func_closure)

/* Cells (cellobject.c): CPython 3.11's PyCellObject. */
typedef struct {
    PyObject_HEAD
    PyObject *ob_ref; /* the contents, NULL when empty */
} PyCellObject;

PyAPI_DATA(PyTypeObject) PyCell_Type;
#define PyCell_Check(op) Py_IS_TYPE((op), &PyCell_Type)
PyAPI_FUNC(PyObject *) PyCell_New(PyObject *obj);
PyAPI_FUNC(PyObject *) PyCell_Get(PyObject *cell);
PyAPI_FUNC(int) PyCell_Set(PyObject *cell, PyObject *value);
#define PyCell_GET(op)    (((PyCellObject *)(op))->ob_ref)
#define PyCell_SET(op, v) ((void)(((PyCellObject *)(op))->ob_ref = (v)))

#endif /* PYRS_FUNCOBJECT_H */
