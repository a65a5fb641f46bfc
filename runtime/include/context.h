/* context.h: contextvars objects (runtime/context.c), our own text with CPython 3.11's names
 * and signatures (Include/cpython/context.h). */
#ifndef PYRS_CONTEXT_H
#define PYRS_CONTEXT_H

#include "Python.h"

PyAPI_DATA(PyTypeObject) PyContext_Type;
typedef struct _pycontextobject PyContext;

PyAPI_DATA(PyTypeObject) PyContextVar_Type;
typedef struct _pycontextvarobject PyContextVar;

PyAPI_DATA(PyTypeObject) PyContextToken_Type;
typedef struct _pycontexttokenobject PyContextToken;

#define PyContext_CheckExact(o)      Py_IS_TYPE((o), &PyContext_Type)
#define PyContextVar_CheckExact(o)   Py_IS_TYPE((o), &PyContextVar_Type)
#define PyContextToken_CheckExact(o) Py_IS_TYPE((o), &PyContextToken_Type)

/* New empty / copied contexts (new references, NULL with an exception). */
PyAPI_FUNC(PyObject *) PyContext_New(void);
PyAPI_FUNC(PyObject *) PyContext_Copy(PyObject *ctx);
PyAPI_FUNC(PyObject *) PyContext_CopyCurrent(void);
/* Make CTX the thread's current context / restore the previous one: 0, or -1 with
 * RuntimeError when CTX is already entered / is not the current one. */
PyAPI_FUNC(int) PyContext_Enter(PyObject *ctx);
PyAPI_FUNC(int) PyContext_Exit(PyObject *ctx);

/* A new ContextVar named NAME with default DEF (may be NULL). */
PyAPI_FUNC(PyObject *) PyContextVar_New(const char *name, PyObject *def);
/* *VALUE = the variable's value in the current context, else DEFAULT_VALUE, else its default,
 * else NULL (no error); new reference. Returns 0, or -1 with an exception. */
PyAPI_FUNC(int) PyContextVar_Get(PyObject *var, PyObject *default_value, PyObject **value);
/* Sets VAR in the current context; returns a new Token or NULL. */
PyAPI_FUNC(PyObject *) PyContextVar_Set(PyObject *var, PyObject *value);
/* Restores VAR to its value before TOKEN's set: 0, or -1 (RuntimeError/ValueError). */
PyAPI_FUNC(int) PyContextVar_Reset(PyObject *var, PyObject *token);

#endif /* PYRS_CONTEXT_H */
