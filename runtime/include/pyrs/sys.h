/* pyrs/sys.h: the sys module's internal entry points (sysmodule.c). */
#ifndef PYRS_SYS_H
#define PYRS_SYS_H

#include "Python.h"

PYRS_MUST_CHECK int pyrs_sys_init(void);                      /* creates sys and sys.modules */
PYRS_MUST_CHECK int pyrs_sys_set_argv(int argc, char **argv); /* sys.argv from C strings */
/* 1 and *FP set when OBJ is one of the built-in standard stream writers, else 0. */
int pyrs_sys_is_std_stream(PyObject *obj, FILE **fp);
/* sys.<NAME>, borrowed, or NULL without an exception. */
PyAPI_FUNC(PyObject *) PySys_GetObject(const char *name);
PyAPI_FUNC(PyObject *) PyImport_GetModuleDict(void);

#endif /* PYRS_SYS_H */
