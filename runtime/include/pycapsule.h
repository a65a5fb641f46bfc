/* pycapsule.h: capsules, opaque C pointers wrapped in an object so extension modules can
 * share C APIs (capsule.c), with CPython 3.11's API. */
#ifndef PYRS_PYCAPSULE_H
#define PYRS_PYCAPSULE_H

#include "object.h"

PyAPI_DATA(PyTypeObject) PyCapsule_Type;

typedef void (*PyCapsule_Destructor)(PyObject *);

#define PyCapsule_CheckExact(op) Py_IS_TYPE((op), &PyCapsule_Type)

/* A new capsule holding the non-NULL POINTER (NAME is not copied and must outlive it), or NULL
 * with ValueError. */
PyAPI_FUNC(PyObject *) PyCapsule_New(void *pointer, const char *name,
                                     PyCapsule_Destructor destructor);
/* Accessors: NULL / -1 with ValueError when CAPSULE is not a valid capsule (or NAME differs). */
PyAPI_FUNC(void *) PyCapsule_GetPointer(PyObject *capsule, const char *name);
PyAPI_FUNC(PyCapsule_Destructor) PyCapsule_GetDestructor(PyObject *capsule);
PyAPI_FUNC(const char *) PyCapsule_GetName(PyObject *capsule);
PyAPI_FUNC(void *) PyCapsule_GetContext(PyObject *capsule);
/* 1 if CAPSULE is a capsule with a non-NULL pointer and name NAME, else 0; never raises. */
PyAPI_FUNC(int) PyCapsule_IsValid(PyObject *capsule, const char *name);
PyAPI_FUNC(int) PyCapsule_SetPointer(PyObject *capsule, void *pointer);
PyAPI_FUNC(int) PyCapsule_SetDestructor(PyObject *capsule, PyCapsule_Destructor destructor);
PyAPI_FUNC(int) PyCapsule_SetName(PyObject *capsule, const char *name);
PyAPI_FUNC(int) PyCapsule_SetContext(PyObject *capsule, void *context);
/* Imports the module part of the dotted NAME and returns the pointer of the capsule found at
 * the attribute path, or NULL with an exception. NO_BLOCK is ignored, as in CPython. */
PyAPI_FUNC(void *) PyCapsule_Import(const char *name, int no_block);

#endif /* PYRS_PYCAPSULE_H */
