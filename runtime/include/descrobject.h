/* descrobject.h: descriptors as CPython 3.11 lays them out (method_descriptor,
 * classmethod_descriptor, member_descriptor, getset_descriptor, wrapper_descriptor,
 * method-wrapper), mappingproxy, property, classmethod and staticmethod (descrobject.c). */
#ifndef PYRS_DESCROBJECT_H
#define PYRS_DESCROBJECT_H

#include "object.h"
#include "methodobject.h"
#include "structmember.h"

typedef PyObject *(*getter)(PyObject *, void *);
typedef int (*setter)(PyObject *, PyObject *, void *);

/* One entry of a getset table; a table ends with an entry whose name is NULL. */
struct PyGetSetDef {
    const char *name; /* attribute name */
    getter get;       /* read function, or NULL for write-only */
    setter set;       /* write/delete (value NULL) function, or NULL for read-only */
    const char *doc;  /* __doc__, or NULL */
    void *closure;    /* passed to get and set */
};
typedef struct PyGetSetDef PyGetSetDef;

/* Calls a slot function (wrapperbase.function) with Python arguments. */
typedef PyObject *(*wrapperfunc)(PyObject *self, PyObject *args, void *wrapped);
typedef PyObject *(*wrapperfunc_kwds)(PyObject *self, PyObject *args, void *wrapped,
                                      PyObject *kwds);

/* One slot <-> dunder correspondence (the slotdefs table in typeobject.c). */
struct wrapperbase {
    const char *name;      /* dunder name, "__add__" */
    int offset;            /* byte offset of the slot in PyHeapTypeObject */
    void *function;        /* slot function installed when a class defines the dunder */
    wrapperfunc wrapper;   /* calls the C slot from Python */
    const char *doc;       /* __doc__ of the wrapper_descriptor */
    int flags;             /* PyWrapperFlag_KEYWORDS */
    PyObject *name_strobj; /* interned name, filled at start-up */
};
#define PyWrapperFlag_KEYWORDS 1

/* The common head of every descriptor. */
#define PyDescr_COMMON                                                                             \
    PyObject_HEAD                                                                                  \
    PyTypeObject *d_type; /* the owning type, owned */                                             \
    PyObject *d_name;     /* attribute name (str), owned */                                        \
    PyObject *d_qualname  /* "Type.name", computed lazily, owned */

typedef struct {
    PyDescr_COMMON;
} PyDescrObject;

#define PyDescr_TYPE(x) (((PyDescrObject *)(x))->d_type)
#define PyDescr_NAME(x) (((PyDescrObject *)(x))->d_name)

typedef struct {
    PyDescr_COMMON;
    PyMethodDef *d_method;     /* not owned */
    vectorcallfunc vectorcall; /* entry for unbound calls */
} PyMethodDescrObject;

typedef struct {
    PyDescr_COMMON;
    PyMemberDef *d_member; /* not owned */
} PyMemberDescrObject;

typedef struct {
    PyDescr_COMMON;
    PyGetSetDef *d_getset; /* not owned */
} PyGetSetDescrObject;

typedef struct {
    PyDescr_COMMON;
    struct wrapperbase *d_base; /* the slot table entry */
    void *d_wrapped;            /* the C slot function to call */
} PyWrapperDescrObject;

PyAPI_DATA(PyTypeObject) PyClassMethodDescr_Type;
PyAPI_DATA(PyTypeObject) PyGetSetDescr_Type;
PyAPI_DATA(PyTypeObject) PyMemberDescr_Type;
PyAPI_DATA(PyTypeObject) PyMethodDescr_Type;
PyAPI_DATA(PyTypeObject) PyWrapperDescr_Type;
PyAPI_DATA(PyTypeObject) PyDictProxy_Type;
PyAPI_DATA(PyTypeObject) PyProperty_Type;
PyAPI_DATA(PyTypeObject) _PyMethodWrapper_Type;
PyAPI_DATA(PyTypeObject) PyClassMethod_Type;
PyAPI_DATA(PyTypeObject) PyStaticMethod_Type;

/* Descriptor constructors: new references, NULL with an exception on error. */
PyAPI_FUNC(PyObject *) PyDescr_NewMethod(PyTypeObject *type, PyMethodDef *method);
PyAPI_FUNC(PyObject *) PyDescr_NewClassMethod(PyTypeObject *type, PyMethodDef *method);
PyAPI_FUNC(PyObject *) PyDescr_NewMember(PyTypeObject *type, PyMemberDef *member);
PyAPI_FUNC(PyObject *) PyDescr_NewGetSet(PyTypeObject *type, PyGetSetDef *getset);
PyAPI_FUNC(PyObject *) PyDescr_NewWrapper(PyTypeObject *type, struct wrapperbase *base,
                                          void *wrapped);
/* 1 if D is a data descriptor (has __set__ / __delete__). */
PyAPI_FUNC(int) PyDescr_IsData(PyObject *d);
#define PyDescr_IsData(d) (Py_TYPE(d)->tp_descr_set != NULL)
/* A read-only view of MAPPING (mappingproxy): new reference. */
PyAPI_FUNC(PyObject *) PyDictProxy_New(PyObject *mapping);
/* A wrapper_descriptor bound to SELF (method-wrapper): new reference. */
PyAPI_FUNC(PyObject *) PyWrapper_New(PyObject *descr, PyObject *self);
/* classmethod(callable) / staticmethod(callable): new references. */
PyAPI_FUNC(PyObject *) PyClassMethod_New(PyObject *callable);
PyAPI_FUNC(PyObject *) PyStaticMethod_New(PyObject *callable);

#endif /* PYRS_DESCROBJECT_H */
