/* pyrs/sys.h: the sys module's internal entry points (sysmodule.c) and the runtime-internal
 * part of CPython 3.11's sysmodule API, plus types.SimpleNamespace, whose type CPython also
 * keeps in the core. The public PySys_* functions are declared in Python.h. */
#ifndef PYRS_SYS_H
#define PYRS_SYS_H

#include "Python.h"

/* Creates sys and sys.modules and readies the core types sys exposes. 0, or -1. */
PYRS_MUST_CHECK int pyrs_sys_init(void);
/* sys.argv from C strings (decoded as file-system names). 0, or -1 with an exception. */
PYRS_MUST_CHECK int pyrs_sys_set_argv(int argc, char **argv);
/* sys.get_coroutine_origin_tracking_depth(). */
int pyrs_sys_coro_origin_depth(void);
/* sys.version's text ("3.11.2 (main, DATE) [Clang X]"), for `pyrs -VV`. */
const char *pyrs_sys_version_text(void);
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

/* The public PySys_* functions (PySys_GetObject, PySys_SetObject, PySys_Write*, PySys_Audit,
 * ...) and PyImport_GetModuleDict are declared in Python.h. */

/* sys.getsizeof without the default: the object's __sizeof__ plus the GC header, or
 * (size_t)-1 with an exception. */
PyAPI_FUNC(size_t) _PySys_GetSizeOf(PyObject *o);

/* types.SimpleNamespace and a new instance holding the items of KWDS (may be NULL). */
PyAPI_DATA(PyTypeObject) _PyNamespace_Type;
PyAPI_FUNC(PyObject *) _PyNamespace_New(PyObject *kwds);

#endif /* PYRS_SYS_H */
