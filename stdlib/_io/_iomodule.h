/* _iomodule.h: private declarations shared by the files of the native _io module (the type
 * objects, interned method names, argument parsing and the checks every class repeats).
 * Mirrors the split of CPython 3.11's Modules/_io, in our own words. */
#ifndef PYRS_IO_IOMODULE_H
#define PYRS_IO_IOMODULE_H

#include "Python.h"
#include "pyrs/call.h"

#define PYRS_IO_DEFAULT_BUFFER_SIZE 8192

typedef off_t Py_off_t;

/* Every _io object starts with these two fields so that any class may be subclassed with
 * another as its base (the layouts stay compatible). */
#define PYRS_IO_HEAD                                                                               \
    PyObject_HEAD                                                                                  \
    PyObject *dict;        /* instance __dict__ or NULL */                                         \
    PyObject *weakreflist; /* weak references or NULL */

typedef struct {
    PYRS_IO_HEAD
} PyrsIOBase;

extern PyTypeObject pyrs_io_iobase_type;
extern PyTypeObject pyrs_io_rawiobase_type;
extern PyTypeObject pyrs_io_bufferediobase_type;
extern PyTypeObject pyrs_io_textiobase_type;
extern PyTypeObject pyrs_io_fileio_type;
extern PyTypeObject pyrs_io_bytesio_type;
extern PyTypeObject pyrs_io_stringio_type;
extern PyTypeObject pyrs_io_bufferedreader_type;
extern PyTypeObject pyrs_io_bufferedwriter_type;
extern PyTypeObject pyrs_io_bufferedrandom_type;
extern PyTypeObject pyrs_io_bufferedrwpair_type;
extern PyTypeObject pyrs_io_textiowrapper_type;
extern PyTypeObject pyrs_io_nldecoder_type;
extern PyTypeObject pyrs_io_bytesiobuffer_type;

/* io.UnsupportedOperation (a class inheriting OSError and ValueError), once ready. */
extern PyObject *pyrs_io_unsupported_operation;

/* Interned attribute and method names, created by pyrs_io_ready(). */
/* clang-format off */
#define PYRS_IO_STRINGS(X) \
    X(read) X(read1) X(readinto) X(readinto1) X(readall) X(readline) X(write) X(flush) \
    X(close) X(closed) X(seek) X(tell) X(truncate) X(readable) X(writable) X(seekable) \
    X(isatty) X(fileno) X(name) X(mode) X(raw) X(decode) X(encode) X(getstate) X(setstate) \
    X(reset) X(newlines) X(peek) X(_dealloc_warn) X(__IOBase_closed) X(_blksize) \
    X(__enter__) X(getpreferredencoding) X(getincrementaldecoder) X(getincrementalencoder) \
    X(_is_text_encoding) X(lookup) X(detach) X(__fspath__)
/* clang-format on */

struct pyrs_io_strings {
#define PYRS_IO_FIELD(n) PyObject *n;
    PYRS_IO_STRINGS(PYRS_IO_FIELD)
#undef PYRS_IO_FIELD
    PyObject *empty_str;   /* "" */
    PyObject *empty_bytes; /* b"" */
    PyObject *nl;          /* "\n" */
    PyObject *zero;        /* 0 */
};
extern struct pyrs_io_strings pyrs_io_str;

/* Readies every _io type and the interned names; idempotent. 0, or -1 with an exception. */
PYRS_MUST_CHECK int pyrs_io_ready(void);

/* Matches ARGS/KWDS against KWLIST (NULL-terminated names; the first MAXPOS may be given by
 * position, the first NREQ are required) and stores borrowed references into OUT (NULL for
 * missing ones). FNAME is used in CPython's messages. 0, or -1 with TypeError. */
PYRS_MUST_CHECK int pyrs_io_parse_args(const char *fname, PyObject *args, PyObject *kwds,
                                       const char *const *kwlist, Py_ssize_t maxpos,
                                       Py_ssize_t nreq, PyObject **out);
/* The vectorcall form of pyrs_io_parse_args. */
PYRS_MUST_CHECK int pyrs_io_parse_fast(const char *fname, PyObject *const *args, Py_ssize_t nargs,
                                       PyObject *kwnames, const char *const *kwlist,
                                       Py_ssize_t maxpos, Py_ssize_t nreq, PyObject **out);

/* ARG (may be NULL or None, then *OUT is kept) as a Py_ssize_t, with CPython's "argument should
 * be integer or None" TypeError. 0 or -1. */
PYRS_MUST_CHECK int pyrs_io_ssize_or_none(PyObject *arg, Py_ssize_t *out);
/* ARG (may be NULL: *OUT kept) through the index protocol, with CPython's "'str' object cannot
 * be interpreted as an integer" TypeError. 0 or -1. */
PYRS_MUST_CHECK int pyrs_io_ssize_index(PyObject *arg, Py_ssize_t *out);
/* ARG (may be NULL: *OUT kept) as an int-converted flag (CPython's `int` converter: floats and
 * str are TypeErrors), 0/1 in *OUT. 0 or -1. */
PYRS_MUST_CHECK int pyrs_io_int_flag(PyObject *arg, int *out);
/* A writable buffer view of ARG, or -1 with CPython's "FNAME() argument must be read-write
 * bytes-like object" TypeError. Release with PyBuffer_Release. */
PYRS_MUST_CHECK int pyrs_io_get_writable(const char *fname, PyObject *arg, Py_buffer *view);
/* ARG as an offset (index protocol; OverflowError if it does not fit). -1 with an exception
 * set on error (check PyErr_Occurred). */
Py_off_t pyrs_io_as_off_t(PyObject *arg);
/* ARG (str or None, FNAME/ARGNAME for the message) as a borrowed str or NULL for None. 0/-1. */
PYRS_MUST_CHECK int pyrs_io_str_or_none(const char *fname, const char *argname, PyObject *arg,
                                        PyObject **out);

/* Raises UnsupportedOperation(MSG); returns NULL. */
PyObject *pyrs_io_unsupported(const char *msg);
/* Raises ValueError("I/O operation on closed file."); returns NULL. */
PyObject *pyrs_io_closed_error(void);
/* 1 if OBJ.closed is true, 0 if false, -1 on error. Runs Python code. */
PYRS_MUST_CHECK int pyrs_io_is_closed(PyObject *obj);
/* -1 with ValueError if OBJ.closed is true, else 0. */
PYRS_MUST_CHECK int pyrs_io_check_closed(PyObject *obj);
/* -1 with UnsupportedOperation if OBJ.readable()/writable()/seekable() is not True. */
PYRS_MUST_CHECK int pyrs_io_check_readable(PyObject *obj);
PYRS_MUST_CHECK int pyrs_io_check_writable(PyObject *obj);
PYRS_MUST_CHECK int pyrs_io_check_seekable(PyObject *obj);

/* os.fspath(OBJ) without the os module (new reference or NULL with TypeError). */
PyObject *pyrs_io_fspath(PyObject *obj);
/* Imports module NAME through builtins.__import__ (new reference or NULL). */
PyObject *pyrs_io_import(const char *name);

/* Scans the characters [START, END) of a str-style buffer (KIND/DATA as PyUnicode_KIND/DATA)
 * for the end of a line under the TextIOWrapper/StringIO rules: TRANSLATED (only "\n" ends
 * lines), UNIVERSAL (any of \r, \n, \r\n), else READNL. Returns the index just past the
 * line ending, or -1 when none is found; then *CONSUMED is the index up to which the text
 * cannot start a line ending (a partial READNL at the end is kept back). */
Py_ssize_t pyrs_io_find_line_end(int kind, const void *data, Py_ssize_t start, Py_ssize_t end,
                                 int translated, int universal, PyObject *readnl,
                                 Py_ssize_t *consumed);

/* Newline bookkeeping of IncrementalNewlineDecoder: bits for the kinds seen. */
#define PYRS_IO_SEEN_CR   1
#define PYRS_IO_SEEN_LF   2
#define PYRS_IO_SEEN_CRLF 4
/* The value of a `newlines` attribute for the SEEN bits (None, a str or a tuple; new ref). */
PyObject *pyrs_io_newlines_value(int seen);
/* S with every "\r\n" and "\r" turned into "\n" when TRANSLATE, else S itself; ORs the kinds
 * of line endings found into *SEEN. New reference or NULL. */
PyObject *pyrs_io_translate_newlines(PyObject *s, int translate, int *seen);

/* IncrementalNewlineDecoder.decode(INPUT, FINAL) callable from C (new reference or NULL). */
PyObject *pyrs_io_nldecoder_decode(PyObject *self, PyObject *input, int final);

/* The codecs with a native incremental decoder and encoder (nldecoder.c, textio.c). */
enum { CODEC_OTHER, CODEC_UTF8, CODEC_LATIN1, CODEC_ASCII };
/* Which native codec the encoding name ENCODING denotes (normalised like the codec registry
 * does: case, '-', '_' and ' ' ignored), or CODEC_OTHER. Never raises. */
int pyrs_io_native_codec(PyObject *encoding);
/* A new native incremental decoder for CODEC with error handler ERRORS (str): decode(input,
 * final), getstate(), setstate(), reset() like codecs' IncrementalDecoder. New ref or NULL. */
PyObject *pyrs_io_nativedec_new(int codec, PyObject *errors);
/* DEC.decode(INPUT, FINAL) for a native decoder DEC and bytes INPUT (new ref or NULL). */
PyObject *pyrs_io_native_decode(PyObject *dec, PyObject *input, int final);
extern PyTypeObject pyrs_io_nativedec_type;

/* __reduce__ / __reduce_ex__ of the stream classes that cannot be pickled: TypeError, NULL. */
PyObject *pyrs_io_cannot_reduce(PyObject *op, PyObject *args);
PyObject *pyrs_io_cannot_reduce_ex(PyObject *op, PyObject *args);

/* Whether BUFFER (a Buffered* or FileIO of the exact _io types, initialised) is closed, read
 * without calling Python code: 1 or 0; -2 when BUFFER is something else (ask `closed`). */
int pyrs_io_buffered_fast_closed(PyObject *buffer);
/* 1/0 for an exact FileIO, else -2. */
int pyrs_io_fileio_fast_closed(PyObject *raw);

/* The iobase slots shared by the concrete classes. */
void pyrs_io_iobase_finalize(PyObject *self);
PyObject *pyrs_io_iobase_iternext(PyObject *self);
/* IOBase.readline(limit) on any object (uses peek/read); new reference or NULL. */
PyObject *pyrs_io_iobase_readline(PyObject *self, Py_ssize_t limit);
/* tp_traverse / tp_clear of the instance __dict__ every _io object carries. */
int pyrs_io_base_traverse(PyObject *self, visitproc visit, void *arg);
void pyrs_io_base_clear(PyObject *self);

#endif /* PYRS_IO_IOMODULE_H */
