/* pyrs/sys.h: the sys module (sysmodule.c): its start-up entry points and the PySys_* C-API
 * (CPython 3.11's Include/sysmodule.h and cpython/sysmodule.h), plus types.SimpleNamespace,
 * whose type CPython also keeps in the core. */
#ifndef PYRS_SYS_H
#define PYRS_SYS_H

#include "Python.h"

/* Creates sys and sys.modules and readies the core types sys exposes. 0, or -1. */
PYRS_MUST_CHECK int pyrs_sys_init(void);
/* sys.argv from C strings (decoded as file-system names). 0, or -1 with an exception. */
PYRS_MUST_CHECK int pyrs_sys_set_argv(int argc, char **argv);
/* 1 and *FP set when OBJ is one of the built-in standard stream objects, else 0. */
int pyrs_sys_is_std_stream(PyObject *obj, FILE **fp);

/* Uncaught exceptions and unraisable errors go through sys.excepthook / sys.unraisablehook
 * when a program replaced them (CPython calls them always; the defaults print what the
 * runtime's own reporters print). 0: the default is in place, the caller prints as usual;
 * 1: the program's hook ran; -1: the hook raised (exception set; CPython then reports that
 * error and the original one). The arguments are borrowed and may be NULL (None). */
int pyrs_sys_call_excepthook(PyObject *type, PyObject *value, PyObject *tb);
int pyrs_sys_call_unraisablehook(PyObject *type, PyObject *value, PyObject *tb, PyObject *err_msg,
                                 PyObject *obj);

/* sys.<NAME>, borrowed, or NULL without an exception (a pending exception is preserved). */
PyAPI_FUNC(PyObject *) PySys_GetObject(const char *name);
/* sys.<NAME> = V, or deletes it when V is NULL. 0, or -1 with an exception. */
PyAPI_FUNC(int) PySys_SetObject(const char *name, PyObject *v);
/* sys.modules (borrowed). */
PyAPI_FUNC(PyObject *) PyImport_GetModuleDict(void);
/* printf-style (Write*, at most 1000 bytes) or PyUnicode_FromFormat-style (Format*) output to
 * sys.stdout / sys.stderr; errors are ignored and a pending exception is preserved. */
PyAPI_FUNC(void) PySys_WriteStdout(const char *format, ...);
PyAPI_FUNC(void) PySys_WriteStderr(const char *format, ...);
PyAPI_FUNC(void) PySys_FormatStdout(const char *format, ...);
PyAPI_FUNC(void) PySys_FormatStderr(const char *format, ...);
/* sys._xoptions (borrowed). */
PyAPI_FUNC(PyObject *) PySys_GetXOptions(void);

/* Audit hooks (PEP 578). PySys_Audit builds the argument tuple from FORMAT (Py_BuildValue
 * units) and calls every hook: 0, or -1 with the hook's exception. The runtime itself raises
 * no audit events yet; only explicit PySys_Audit/sys.audit calls reach the hooks. */
typedef int (*Py_audit_hook_function)(const char *event, PyObject *args, void *userData);
PyAPI_FUNC(int) PySys_Audit(const char *event, const char *format, ...);
PyAPI_FUNC(int) PySys_AddAuditHook(Py_audit_hook_function hook, void *userData);

/* sys.getsizeof without the default: the object's __sizeof__ plus the GC header, or
 * (size_t)-1 with an exception. */
PyAPI_FUNC(size_t) _PySys_GetSizeOf(PyObject *o);

/* types.SimpleNamespace and a new instance holding the items of KWDS (may be NULL). */
PyAPI_DATA(PyTypeObject) _PyNamespace_Type;
PyAPI_FUNC(PyObject *) _PyNamespace_New(PyObject *kwds);

#endif /* PYRS_SYS_H */
