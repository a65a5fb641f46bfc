/* moduleobject.h: module objects and PEP 3121/489 module definitions with CPython 3.11's
 * layouts (moduleobject.c). */
#ifndef PYRS_MODULEOBJECT_H
#define PYRS_MODULEOBJECT_H

#include "object.h"
#include "methodobject.h"

PyAPI_DATA(PyTypeObject) PyModule_Type;
PyAPI_DATA(PyTypeObject) PyModuleDef_Type;

#define PyModule_Check(op)      PyObject_TypeCheck((op), &PyModule_Type)
#define PyModule_CheckExact(op) Py_IS_TYPE((op), &PyModule_Type)

/* Head of PyModuleDef (an object so single-phase modules can be cached). */
typedef struct PyModuleDef_Base {
    PyObject_HEAD
    PyObject *(*m_init)(void); /* the PyInit_ function, set by the importer */
    Py_ssize_t m_index;        /* index in the per-interpreter module list */
    PyObject *m_copy;          /* copy of the module dict for re-import */
} PyModuleDef_Base;

#define PyModuleDef_HEAD_INIT                                                                      \
    {                                                                                              \
        PyObject_HEAD_INIT(NULL) NULL, 0, NULL                                                     \
    }

/* One multi-phase initialisation step (PEP 489). */
typedef struct PyModuleDef_Slot {
    int slot;    /* Py_mod_create or Py_mod_exec */
    void *value; /* the function */
} PyModuleDef_Slot;

#define Py_mod_create     1
#define Py_mod_exec       2
#define _Py_mod_LAST_SLOT 2

typedef struct PyModuleDef {
    PyModuleDef_Base m_base;   /* PyModuleDef_HEAD_INIT */
    const char *m_name;        /* module name */
    const char *m_doc;         /* __doc__, or NULL */
    Py_ssize_t m_size;         /* bytes of per-module state, -1 for none and no sub-interpreters */
    PyMethodDef *m_methods;    /* module functions, or NULL */
    PyModuleDef_Slot *m_slots; /* multi-phase slots, or NULL for single-phase */
    traverseproc m_traverse;   /* GC of the state */
    inquiry m_clear;           /* GC of the state */
    freefunc m_free;           /* called when the module is deallocated */
} PyModuleDef;

/* The module object (CPython keeps this internal; pyrs shares it with the importer). */
typedef struct {
    PyObject_HEAD
    PyObject *md_dict;     /* the namespace, owned */
    PyModuleDef *md_def;   /* definition of extension modules, or NULL */
    void *md_state;        /* m_size bytes of state, or NULL */
    PyObject *md_weaklist; /* weak references */
    PyObject *md_name;     /* name for error messages, owned */
} PyModuleObject;

#define PYTHON_API_VERSION 1013
#define PYTHON_ABI_VERSION 3

/* New references unless noted; NULL / -1 with an exception on error. */
PyAPI_FUNC(PyObject *) PyModule_NewObject(PyObject *name);
PyAPI_FUNC(PyObject *) PyModule_New(const char *name);
PyAPI_FUNC(PyObject *) PyModule_GetDict(PyObject *module);       /* borrowed */
PyAPI_FUNC(PyObject *) PyModule_GetNameObject(PyObject *module); /* new */
PyAPI_FUNC(const char *) PyModule_GetName(PyObject *module);     /* borrowed UTF-8 */
PyAPI_FUNC(PyObject *) PyModule_GetFilenameObject(PyObject *module);
PyAPI_FUNC(PyModuleDef *) PyModule_GetDef(PyObject *module); /* NULL without error if none */
PyAPI_FUNC(void *) PyModule_GetState(PyObject *module);      /* NULL without error if none */
PyAPI_FUNC(PyObject *) PyModuleDef_Init(PyModuleDef *def);   /* borrowed: DEF itself */
PyAPI_FUNC(PyObject *) PyModule_Create2(PyModuleDef *def, int apiver);
PyAPI_FUNC(PyObject *) _PyModule_CreateInitialized(PyModuleDef *def, int apiver);
PyAPI_FUNC(PyObject *) PyModule_FromDefAndSpec2(PyModuleDef *def, PyObject *spec, int apiver);
PyAPI_FUNC(int) PyModule_ExecDef(PyObject *module, PyModuleDef *def);
PyAPI_FUNC(int) PyModule_AddFunctions(PyObject *module, PyMethodDef *functions);
PyAPI_FUNC(int) PyModule_SetDocString(PyObject *module, const char *doc);
PyAPI_FUNC(int) PyModule_AddObjectRef(PyObject *module, const char *name, PyObject *value);
/* Steals VALUE only on success (CPython's historical contract). */
PyAPI_FUNC(int) PyModule_AddObject(PyObject *module, const char *name, PyObject *value);
PyAPI_FUNC(int) PyModule_AddIntConstant(PyObject *module, const char *name, long value);
PyAPI_FUNC(int) PyModule_AddStringConstant(PyObject *module, const char *name, const char *value);
PyAPI_FUNC(int) PyModule_AddType(PyObject *module, PyTypeObject *type);
/* The init function of a native module: PyMODINIT_FUNC PyInit_name(void). */
#define PyMODINIT_FUNC       PyAPI_FUNC(PyObject *)

#define PyModule_Create(def) PyModule_Create2((def), PYTHON_API_VERSION)
#define PyModule_FromDefAndSpec(def, spec)                                                         \
    PyModule_FromDefAndSpec2((def), (spec), PYTHON_API_VERSION)
#define PyModule_AddIntMacro(m, c)    PyModule_AddIntConstant((m), #c, (c))
#define PyModule_AddStringMacro(m, c) PyModule_AddStringConstant((m), #c, (c))

#endif /* PYRS_MODULEOBJECT_H */
