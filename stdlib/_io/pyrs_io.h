/* pyrs_io.h: the _io module's entry points for the runtime's start-up (stdstreams.c). */
#ifndef PYRS_IO_H
#define PYRS_IO_H

#include "Python.h"

/* Builds sys.stdin/stdout/stderr and sys.__stdin__/__stdout__/__stderr__ as CPython 3.11 does:
 * TextIOWrapper (utf-8; mode 'r'/'w'; newline '\n') over BufferedReader/BufferedWriter over
 * FileIO(fd, closefd=False) named '<stdin>' etc. stdout is line-buffered on a tty, stderr
 * always, with errors 'backslashreplace'; PYTHONUNBUFFERED makes stdout/stderr write through
 * to the FileIO, and PYTHONIOENCODING=enc[:errors] is honoured. A stream whose descriptor is
 * closed becomes None. Needs sys to exist; imports nothing and runs no user code (the codec
 * registry is only consulted when PYTHONIOENCODING names a non-native codec). 0, or -1 with an
 * exception. */
PYRS_MUST_CHECK int pyrs_io_init_std_streams(void);

/* print()'s fast path: when FILE is an exact _io.TextIOWrapper and S a str, does
 * FILE.write(S) without a method call and returns 1; returns 0 (nothing done) for any other
 * file, -1 with an exception on error. May run Python code (the buffer's write). */
PYRS_MUST_CHECK int pyrs_io_write_str(PyObject *file, PyObject *s);

#endif /* PYRS_IO_H */
