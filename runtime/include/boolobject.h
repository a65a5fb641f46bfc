/* boolobject.h: bool, the int subclass with exactly two instances, laid out as int objects
 * (_Py_FalseStruct has ob_size 0, _Py_TrueStruct ob_size 1 and digit 1) as in CPython 3.11. */
#ifndef PYRS_BOOLOBJECT_H
#define PYRS_BOOLOBJECT_H

#include "longobject.h"

PyAPI_DATA(PyTypeObject) PyBool_Type;
PyAPI_DATA(struct _longobject) _Py_FalseStruct;
PyAPI_DATA(struct _longobject) _Py_TrueStruct;

#define PyBool_Check(x) Py_IS_TYPE((x), &PyBool_Type)
#define Py_False        ((PyObject *)&_Py_FalseStruct)
#define Py_True         ((PyObject *)&_Py_TrueStruct)
#define Py_IsTrue(x)    ((x) == Py_True)
#define Py_IsFalse(x)   ((x) == Py_False)
#define Py_RETURN_TRUE  return Py_NewRef(Py_True)
#define Py_RETURN_FALSE return Py_NewRef(Py_False)

/* A new reference to Py_True when v is nonzero, else to Py_False; never fails. */
PyAPI_FUNC(PyObject *) PyBool_FromLong(long v);

#endif /* PYRS_BOOLOBJECT_H */
