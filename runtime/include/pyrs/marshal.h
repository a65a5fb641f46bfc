/* pyrs/marshal.h: CPython 3.11's marshal format (runtime/marshal.c), the serialization of the
 * `marshal` module and of the bytecode cache. Data objects are written byte-compatibly with
 * CPython's marshal; code objects are pyrs's register code, tagged with the build's bytecode
 * format id so a cache written by a different compiler is rejected, never run. */
#ifndef PYRS_MARSHAL_H
#define PYRS_MARSHAL_H

#include "Python.h"

#define Py_MARSHAL_VERSION 4

/* marshal.dumps(VALUE, VERSION): a new bytes object, or NULL with ValueError for an
 * unmarshallable object. */
PyAPI_FUNC(PyObject *) PyMarshal_WriteObjectToString(PyObject *value, int version);

/* marshal.loads of DATA[0..LEN): a new reference, or NULL with EOFError/ValueError/TypeError
 * as CPython raises them. When CONSUMED is not NULL it receives the bytes read. */
PyObject *pyrs_marshal_loads(const char *data, Py_ssize_t len, Py_ssize_t *consumed);

PyAPI_FUNC(PyObject *) PyMarshal_ReadObjectFromString(const char *data, Py_ssize_t len);

/* marshal.load(FILE): reads one object through FILE.readinto, exactly the bytes it needs, as
 * CPython does. A new reference, or NULL with EOFError/ValueError/TypeError or the file's
 * error. */
PyObject *pyrs_marshal_load_file(PyObject *file);

/* The id of this build's code-object encoding (a hash of the bytecode definition and the
 * compiler, generated at build time). */
uint64_t pyrs_marshal_code_format(void);

#endif /* PYRS_MARSHAL_H */
