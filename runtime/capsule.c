/* capsule.c: the PyCapsule type and API, an opaque C pointer with a name, a context and a
 * destructor that extension modules use to publish C APIs (numpy, datetime_CAPI). Mirrors
 * CPython 3.11's Objects/capsule.c: same validity rules, ValueError texts and repr. */
#include "Python.h"

/* import.c (the lead's) defines it; weak so this file links before the import system does. */
PyAPI_FUNC(PyObject *) PyImport_ImportModule(const char *name) __attribute__((weak));

typedef struct {
    PyObject_HEAD
    void *pointer;                   /* never NULL in a valid capsule */
    const char *name;                /* not owned; may be NULL */
    void *context;                   /* free for the owner's use */
    PyCapsule_Destructor destructor; /* called on deallocation, or NULL */
} PyCapsule;

/* 1 if OP is a capsule with a pointer; else 0 with ValueError "<API> called with invalid
 * PyCapsule object". */
static int
is_legal_capsule(PyObject *op, const char *api)
{
    if (op == NULL || !PyCapsule_CheckExact(op) || ((PyCapsule *)op)->pointer == NULL) {
        PyErr_Format(PyExc_ValueError, "%s called with invalid PyCapsule object", api);
        return 0;
    }
    return 1;
}

static int
name_matches(const char *name1, const char *name2)
{
    if (name1 == NULL || name2 == NULL) {
        return name1 == name2;
    }
    return strcmp(name1, name2) == 0;
}

PyObject *
PyCapsule_New(void *pointer, const char *name, PyCapsule_Destructor destructor)
{
    if (pointer == NULL) {
        PyErr_SetString(PyExc_ValueError, "PyCapsule_New called with null pointer");
        return NULL;
    }
    if (!(PyCapsule_Type.tp_flags & Py_TPFLAGS_READY) && PyType_Ready(&PyCapsule_Type) < 0) {
        return NULL;
    }
    PyCapsule *capsule = PyObject_New(PyCapsule, &PyCapsule_Type);
    if (capsule == NULL) {
        return NULL;
    }
    capsule->pointer = pointer;
    capsule->name = name;
    capsule->context = NULL;
    capsule->destructor = destructor;
    return (PyObject *)capsule;
}

int
PyCapsule_IsValid(PyObject *op, const char *name)
{
    return op != NULL && PyCapsule_CheckExact(op) && ((PyCapsule *)op)->pointer != NULL &&
           name_matches(((PyCapsule *)op)->name, name);
}

void *
PyCapsule_GetPointer(PyObject *op, const char *name)
{
    if (!is_legal_capsule(op, "PyCapsule_GetPointer")) {
        return NULL;
    }
    if (!name_matches(((PyCapsule *)op)->name, name)) {
        PyErr_SetString(PyExc_ValueError, "PyCapsule_GetPointer called with incorrect name");
        return NULL;
    }
    return ((PyCapsule *)op)->pointer;
}

const char *
PyCapsule_GetName(PyObject *op)
{
    return is_legal_capsule(op, "PyCapsule_GetName") ? ((PyCapsule *)op)->name : NULL;
}

PyCapsule_Destructor
PyCapsule_GetDestructor(PyObject *op)
{
    return is_legal_capsule(op, "PyCapsule_GetDestructor") ? ((PyCapsule *)op)->destructor : NULL;
}

void *
PyCapsule_GetContext(PyObject *op)
{
    return is_legal_capsule(op, "PyCapsule_GetContext") ? ((PyCapsule *)op)->context : NULL;
}

int
PyCapsule_SetPointer(PyObject *op, void *pointer)
{
    if (pointer == NULL) {
        PyErr_SetString(PyExc_ValueError, "PyCapsule_SetPointer called with null pointer");
        return -1;
    }
    if (!is_legal_capsule(op, "PyCapsule_SetPointer")) {
        return -1;
    }
    ((PyCapsule *)op)->pointer = pointer;
    return 0;
}

int
PyCapsule_SetName(PyObject *op, const char *name)
{
    if (!is_legal_capsule(op, "PyCapsule_SetName")) {
        return -1;
    }
    ((PyCapsule *)op)->name = name;
    return 0;
}

int
PyCapsule_SetDestructor(PyObject *op, PyCapsule_Destructor destructor)
{
    if (!is_legal_capsule(op, "PyCapsule_SetDestructor")) {
        return -1;
    }
    ((PyCapsule *)op)->destructor = destructor;
    return 0;
}

int
PyCapsule_SetContext(PyObject *op, void *context)
{
    if (!is_legal_capsule(op, "PyCapsule_SetContext")) {
        return -1;
    }
    ((PyCapsule *)op)->context = context;
    return 0;
}

/* Walks "pkg.mod.attr.capsule": the first part is imported, the rest are attributes. New
 * reference to the last object, or NULL with an exception. */
static PyObject *
import_path(char *path)
{
    PyObject *object = NULL;
    char *trace = path;
    while (trace != NULL) {
        char *dot = strchr(trace, '.');
        if (dot != NULL) {
            *dot++ = '\0';
        }
        if (object == NULL) {
            if (PyImport_ImportModule == NULL) {
                PyErr_SetString(PyExc_ImportError, "the import system is not available");
                return NULL;
            }
            object = PyImport_ImportModule(trace);
            if (object == NULL) {
                PyErr_Format(PyExc_ImportError, "PyCapsule_Import could not import module \"%s\"",
                             trace);
                return NULL;
            }
        } else {
            PyObject *next = PyObject_GetAttrString(object, trace);
            Py_DECREF(object);
            object = next;
            if (object == NULL) {
                return NULL;
            }
        }
        trace = dot;
    }
    return object;
}

void *
PyCapsule_Import(const char *name, int Py_UNUSED(no_block))
{
    size_t len = strlen(name) + 1;
    char *dup = PyMem_Malloc(len);
    if (dup == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    memcpy(dup, name, len);
    PyObject *object = import_path(dup);
    PyMem_Free(dup);
    if (object == NULL) {
        return NULL;
    }
    void *res = NULL;
    if (PyCapsule_IsValid(object, name)) {
        res = ((PyCapsule *)object)->pointer;
    } else {
        PyErr_Format(PyExc_AttributeError, "PyCapsule_Import \"%s\" is not valid", name);
    }
    Py_DECREF(object);
    return res;
}

static void
capsule_dealloc(PyObject *op)
{
    PyCapsule *capsule = (PyCapsule *)op;
    if (capsule->destructor != NULL) {
        capsule->destructor(op);
    }
    PyObject_Free(op);
}

static PyObject *
capsule_repr(PyObject *op)
{
    const char *name = ((PyCapsule *)op)->name;
    const char *quote = name != NULL ? "\"" : "";
    return PyUnicode_FromFormat("<capsule object %s%s%s at %p>", quote,
                                name != NULL ? name : "NULL", quote, (void *)op);
}

PyTypeObject PyCapsule_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "PyCapsule",
    .tp_basicsize = sizeof(PyCapsule),
    .tp_dealloc = capsule_dealloc,
    .tp_repr = capsule_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
};
