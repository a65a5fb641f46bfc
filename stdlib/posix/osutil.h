/* stdlib/posix/osutil.h: helpers shared by the operating-system modules (posix, time, select,
 * fcntl, signal, ...): keyword argument unpacking with Argument Clinic's messages, CPython's
 * path_t conversion (str, bytes, os.PathLike, optionally an fd or None), os.fspath, and
 * errno errors carrying the filename. Internal to stdlib/. */
#ifndef PYRS_OSUTIL_H
#define PYRS_OSUTIL_H

#include "Python.h"

/* Parameters of one function for pyrs_osutil_unpack. */
typedef struct {
    const char *fname;        /* function name: messages say "FNAME()" */
    const char *const *names; /* parameter names, NULL-terminated; "" marks positional-only */
    int npos;                 /* parameters that may be given positionally (rest keyword-only) */
    int nrequired;            /* leading parameters that must be given */
} PyrsArgSpec;

/* Unpacks a METH_FASTCALL|METH_KEYWORDS call into OUT (one borrowed slot per parameter, NULL
 * when not given). 0, or -1 with CPython's TypeError messages. */
PYRS_MUST_CHECK int pyrs_osutil_unpack(const PyrsArgSpec *spec, PyObject *const *args,
                                       Py_ssize_t nargs, PyObject *kwnames, PyObject **out);

/* CPython's path_t: what a path argument converted to. */
typedef struct {
    const char *function_name; /* in: for messages ("stat") */
    const char *argument_name; /* in: for messages ("path"); NULL means "path" */
    int nullable;              /* in: None accepted (narrow becomes NULL) */
    int allow_fd;              /* in: an int is accepted as a file descriptor */
    const char *narrow;        /* out: NUL-terminated encoded path, or NULL */
    int fd;                    /* out: the descriptor when given an int, else -1 */
    Py_ssize_t length;         /* out: bytes in narrow */
    int is_bytes;              /* out: the argument was bytes (results are then bytes) */
    PyObject *object;          /* out: for OSError.filename: the argument (borrowed), or its
                                  owned os.fspath() result (held by fsobj) */
    PyObject *cleanup;         /* out: owned bytes object backing narrow */
    PyObject *fsobj;           /* out: owned __fspath__() result, or NULL */
} PyrsPath;

/* Converts OBJ (may be NULL: "not given", allowed only when nullable) into P, whose in-fields
 * are set. 0, or -1 with TypeError/ValueError as CPython words them. Always pair with
 * pyrs_osutil_path_clear. */
PYRS_MUST_CHECK int pyrs_osutil_path_init(PyrsPath *p, PyObject *obj);
/* Releases what P owns. */
void pyrs_osutil_path_clear(PyrsPath *p);
/* Raises OSError (subclass by errno) with P's original object as filename; returns NULL. */
PyObject *pyrs_osutil_path_error(const PyrsPath *p);
/* Same with two filenames (rename, link, symlink). */
PyObject *pyrs_osutil_path_error2(const PyrsPath *p, const PyrsPath *q);
/* Raises OSError from errno without a filename; returns NULL. */
PyObject *pyrs_osutil_errno(void);

/* PyUnicode_FSConverter that first applies os.fspath (as CPython's does): 1 with *OUT a new
 * bytes reference, or 0 with TypeError/ValueError. */
int pyrs_osutil_fsconvert(PyObject *obj, PyObject **out);

/* Decodes a path the way the argument was given: bytes when IS_BYTES, else str with
 * surrogateescape. New reference or NULL. */
PyObject *pyrs_osutil_path_result(const char *s, Py_ssize_t n, int is_bytes);

/* Converts a descriptor argument (an int or an object with fileno()) as
 * PyObject_AsFileDescriptor does. The fd, or -1 with an exception. */
int pyrs_osutil_fileno(PyObject *obj);
/* _PyLong_AsInt with the runtime's messages (an object with __index__). -1 with an exception
 * set on error (check PyErr_Occurred). */
int pyrs_osutil_as_int(PyObject *obj);
/* dir_fd argument: None/NULL gives AT_FDCWD; otherwise an int. 0 or -1. */
PYRS_MUST_CHECK int pyrs_osutil_dir_fd(PyObject *obj, int *out);
/* Truth value of an optional flag argument (NULL gives DEFAULT). 0/1, or -1. */
int pyrs_osutil_flag(PyObject *obj, int dflt);

/* CPython's _Py_Uid_Converter/_Py_Gid_Converter: KIND is "uid" or "gid" for the messages;
 * -1 is accepted as (id_t)-1. 0, or -1 with TypeError/OverflowError. */
PYRS_MUST_CHECK int pyrs_osutil_id(PyObject *obj, const char *kind, unsigned int *out);

/* Adds the NULL-terminated {name, value} table to MODULE as int constants. 0 or -1. */
typedef struct {
    const char *name; /* attribute name */
    long value;       /* its value */
} PyrsIntConst;
PYRS_MUST_CHECK int pyrs_osutil_add_ints(PyObject *module, const PyrsIntConst *table);

#endif /* PYRS_OSUTIL_H */
