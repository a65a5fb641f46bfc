/* enumobject.h: the enumerate and reversed types (Objects/enumobject.c). */
#ifndef PYRS_ENUMOBJECT_H
#define PYRS_ENUMOBJECT_H

#include "object.h"

PyAPI_DATA(PyTypeObject) PyEnum_Type;
PyAPI_DATA(PyTypeObject) PyReversed_Type;

#endif /* PYRS_ENUMOBJECT_H */
