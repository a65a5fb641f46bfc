/* structmember.h: PyMemberDef (a C field exposed as an attribute through member_descriptor)
 * with CPython 3.11's T_* type codes and flags; PyMember_GetOne/SetOne live in descrobject.c. */
#ifndef PYRS_STRUCTMEMBER_H
#define PYRS_STRUCTMEMBER_H

#include "object.h"

/* One entry of a member table; a table ends with an entry whose name is NULL. */
struct PyMemberDef {
    const char *name;  /* attribute name */
    int type;          /* T_* code of the C field */
    Py_ssize_t offset; /* byte offset of the field in the instance */
    int flags;         /* READONLY, PY_AUDIT_READ */
    const char *doc;   /* __doc__, or NULL */
};
typedef struct PyMemberDef PyMemberDef;

#define T_SHORT             0
#define T_INT               1
#define T_LONG              2
#define T_FLOAT             3
#define T_DOUBLE            4
#define T_STRING            5 /* char *, read-only */
#define T_OBJECT            6 /* PyObject *, NULL reads as None */
#define T_CHAR              7 /* one-character str */
#define T_BYTE              8
#define T_UBYTE             9
#define T_USHORT            10
#define T_UINT              11
#define T_ULONG             12
#define T_STRING_INPLACE    13 /* char array inside the object, read-only */
#define T_BOOL              14
#define T_OBJECT_EX         16 /* PyObject *, NULL raises AttributeError */
#define T_LONGLONG          17
#define T_ULONGLONG         18
#define T_PYSSIZET          19
#define T_NONE              20 /* always None, read-only */

#define READONLY            1
#define READ_RESTRICTED     2
#define PY_WRITE_RESTRICTED 4
#define RESTRICTED          (READ_RESTRICTED | PY_WRITE_RESTRICTED)
#define PY_AUDIT_READ       READ_RESTRICTED

/* Reads the member M of the C struct at ADDR: new reference, or NULL with an exception. */
PyAPI_FUNC(PyObject *) PyMember_GetOne(const char *addr, PyMemberDef *m);
/* Stores V (NULL deletes) into the member M of the C struct at ADDR: 0, or -1 with an
 * exception (TypeError for wrong types, AttributeError for read-only members). */
PyAPI_FUNC(int) PyMember_SetOne(char *addr, PyMemberDef *m, PyObject *v);

#endif /* PYRS_STRUCTMEMBER_H */
