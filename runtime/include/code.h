/* code.h: CPython 3.11's PyCodeObject layout and the public accessors. pyrs's code objects
 * (pyrs/code.h) begin with exactly these fields; their register code follows. */
#ifndef PYRS_PUBLIC_CODE_H
#define PYRS_PUBLIC_CODE_H

#include "Python.h"

typedef struct PyCodeObject {
    PyObject_VAR_HEAD
    PyObject *co_consts;
    PyObject *co_names;
    PyObject *co_exceptiontable;
    int co_flags;
    short co_warmup;
    short _co_linearray_entry_size;
    int co_argcount;
    int co_posonlyargcount;
    int co_kwonlyargcount;
    int co_stacksize;
    int co_firstlineno;
    int co_nlocalsplus;
    int co_nlocals;
    int co_nplaincellvars;
    int co_ncellvars;
    int co_nfreevars;
    PyObject *co_localsplusnames;
    PyObject *co_localspluskinds;
    PyObject *co_filename;
    PyObject *co_name;
    PyObject *co_qualname;
    PyObject *co_linetable;
    PyObject *co_weakreflist;
    PyObject *_co_code;
    char *_co_linearray;
    int _co_firsttraceable;
    void *co_extra;
    char co_code_adaptive[1]; /* pyrs: the register code's fields begin here */
} PyCodeObject;

PyAPI_DATA(PyTypeObject) PyCode_Type;
#define PyCode_Check(op)      Py_IS_TYPE((op), &PyCode_Type)
#define PyCode_GetNumFree(op) ((op)->co_nfreevars)

#endif /* PYRS_PUBLIC_CODE_H */
