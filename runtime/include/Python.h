/* Python.h: the runtime's C-API umbrella, our own text with CPython 3.11's names and layouts.
 * Order matters: each header may use the ones above it. Owners are noted per group. */
#ifndef PYRS_PYTHON_H
#define PYRS_PYTHON_H

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyrs/port.h"
#include "pystrcmp.h"
/* memory, GC, thread state, errors, hashing */
#include "pymem.h"
#include "object.h"
#include "objimpl.h"
#include "pyhash.h"
#include "pystate.h"
#include "pyerrors.h"
/* the type system and the generic protocols */
#include "methodobject.h"
#include "descrobject.h"
#include "structmember.h"
#include "moduleobject.h"
#include "abstract.h"
/* numbers */
#include "longobject.h"
#include "boolobject.h"
#include "floatobject.h"
#include "complexobject.h"
#include "pystrtod.h"
/* text and binary data */
#include "unicodeobject.h"
#include "bytesobject.h"
#include "bytearrayobject.h"
#include "memoryobject.h"
/* containers and iterators */
#include "tupleobject.h"
#include "listobject.h"
#include "dictobject.h"
#include "setobject.h"
#include "sliceobject.h"
#include "rangeobject.h"
#include "iterobject.h"
#include "enumobject.h"
/* weak references */
#include "weakrefobject.h"
#include "classobject.h"
#include "funcobject.h"
/* C-API support: argument parsing, value building, struct sequences, capsules (capi piece) */
#include "modsupport.h"
#include "structseq.h"
#include "pycapsule.h"
/* typing support: types.GenericAlias and types.UnionType */
#include "genericaliasobject.h"
#include "unionobject.h"
/* the import system (runtime/import.c), the codec registry, contexts */
#include "import.h"
#include "codecs.h"
#include "osmodule.h"
#include "context.h"

/* The sys module's C-API (runtime/sysmodule.c; CPython declares it in sysmodule.h). The
 * internal entry points are in pyrs/sys.h. */
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

#endif /* PYRS_PYTHON_H */
