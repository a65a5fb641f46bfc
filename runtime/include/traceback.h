/* traceback.h: traceback objects with CPython 3.11's PyTracebackObject layout (the code and
 * instruction of an entry come from its frame object) and the public C-API on them. */
#ifndef PYRS_TRACEBACK_H
#define PYRS_TRACEBACK_H

#include "object.h"

struct _frame;

typedef struct _traceback {
    PyObject_HEAD
    struct _traceback *tb_next; /* the next (inner) entry, or NULL */
    struct _frame *tb_frame;    /* the frame of the entry (a frame object; NULL only when
                                 * creating it ran out of memory) */
    int tb_lasti;               /* instruction offset (VM instruction index * 2) */
    int tb_lineno;              /* source line */
} PyTracebackObject;

PyAPI_DATA(PyTypeObject) PyTraceBack_Type;
#define PyTraceBack_Check(v) Py_IS_TYPE((v), &PyTraceBack_Type)

#endif /* PYRS_TRACEBACK_H */
