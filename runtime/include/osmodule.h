/* osmodule.h: os.fspath's C-API (CPython 3.11's Include/osmodule.h), defined in
 * runtime/unicode_codecs.c with the file system path converters that use it. */
#ifndef PYRS_OSMODULE_H
#define PYRS_OSMODULE_H

/* os.fspath: str or bytes unchanged, else the result of type(obj).__fspath__(obj), which must
 * be str or bytes. New reference or NULL with TypeError. */
PyAPI_FUNC(PyObject *) PyOS_FSPath(PyObject *path);

#endif /* PYRS_OSMODULE_H */
