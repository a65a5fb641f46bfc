/* rangeobject.h: range and its iterators (Objects/rangeobject.c's surface). The object
 * layout is private in CPython; ours is in rangeobject.c. */
#ifndef PYRS_RANGEOBJECT_H
#define PYRS_RANGEOBJECT_H

#include "object.h"

PyAPI_DATA(PyTypeObject) PyRange_Type;
PyAPI_DATA(PyTypeObject) PyRangeIter_Type;
PyAPI_DATA(PyTypeObject) PyLongRangeIter_Type;

#define PyRange_Check(op) Py_IS_TYPE((op), &PyRange_Type)

#endif /* PYRS_RANGEOBJECT_H */
