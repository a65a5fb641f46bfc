/* pyrs/format.h: the format-spec mini-language for numbers (formatter_number.c), CPython
 * 3.11's int.__format__, float.__format__ and complex.__format__. */
#ifndef PYRS_FORMAT_H
#define PYRS_FORMAT_H

#include "Python.h"

/* format(v, spec) for an int, float or complex v and a str spec: a new str, or NULL with
 * ValueError (bad spec, with CPython's messages), OverflowError or MemoryError. */
PyObject *pyrs_format_long(PyObject *v, PyObject *spec);
PyObject *pyrs_format_float(PyObject *v, PyObject *spec);
PyObject *pyrs_format_complex(PyObject *v, PyObject *spec);

#endif /* PYRS_FORMAT_H */
