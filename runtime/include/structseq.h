/* structseq.h: struct sequences (named tuple-like C types such as os.stat_result and
 * sys.flags), CPython 3.11's API (structseq.c). */
#ifndef PYRS_STRUCTSEQ_H
#define PYRS_STRUCTSEQ_H

#include "object.h"
#include "tupleobject.h"

/* One field: its name (or PyStructSequence_UnnamedField) and docstring. */
typedef struct PyStructSequence_Field {
    const char *name; /* attribute name */
    const char *doc;  /* docstring, or NULL */
} PyStructSequence_Field;

/* A type description: the fields end with a {NULL, NULL} entry; the first N_IN_SEQUENCE are
 * visible as tuple items, the rest only as attributes. */
typedef struct PyStructSequence_Desc {
    const char *name;               /* dotted name, "module.type" */
    const char *doc;                /* docstring, or NULL */
    PyStructSequence_Field *fields; /* the field table */
    int n_in_sequence;              /* how many fields the tuple part holds */
} PyStructSequence_Desc;

/* The name marking a field that has no attribute (only a tuple position). */
PyAPI_DATA(const char *const) PyStructSequence_UnnamedField;

/* Fill the static TYPE from DESC and ready it: InitType2 returns 0 or -1 with an exception;
 * InitType reports failure only through PyErr_Occurred(). */
PyAPI_FUNC(void) PyStructSequence_InitType(PyTypeObject *type, PyStructSequence_Desc *desc);
PyAPI_FUNC(int) PyStructSequence_InitType2(PyTypeObject *type, PyStructSequence_Desc *desc);
PyAPI_FUNC(int) _PyStructSequence_InitType(PyTypeObject *type, PyStructSequence_Desc *desc,
                                           unsigned long tp_flags);
/* A new heap type from DESC (new reference), or NULL with an exception. */
PyAPI_FUNC(PyTypeObject *) PyStructSequence_NewType(PyStructSequence_Desc *desc);
PyAPI_FUNC(PyTypeObject *) _PyStructSequence_NewType(PyStructSequence_Desc *desc,
                                                     unsigned long tp_flags);
/* A new instance of TYPE with every field NULL (to be filled with SET_ITEM), or NULL. */
PyAPI_FUNC(PyObject *) PyStructSequence_New(PyTypeObject *type);

typedef PyTupleObject PyStructSequence;
/* SetItem steals V (like PyTuple_SET_ITEM); GetItem returns a borrowed reference. */
PyAPI_FUNC(void) PyStructSequence_SetItem(PyObject *p, Py_ssize_t pos, PyObject *v);
PyAPI_FUNC(PyObject *) PyStructSequence_GetItem(PyObject *p, Py_ssize_t pos);
#define PyStructSequence_SET_ITEM(op, i, v) PyTuple_SET_ITEM((op), (i), (v))
#define PyStructSequence_GET_ITEM(op, i)    PyTuple_GET_ITEM((op), (i))

#endif /* PYRS_STRUCTSEQ_H */
