/* bufferedio.c: BufferedReader, BufferedWriter, BufferedRandom and BufferedRWPair over a raw
 * stream (anything with readinto/write/seek/tell). One buffer serves reads and writes, with
 * the same positions, raw calls, flush points and non-blocking None/BlockingIOError results
 * as CPython 3.11's Modules/_io/bufferedio.c, so interleavings behave identically. */
#include "_iomodule.h"
#include "structmember.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "pyrs/gil.h"

typedef struct {
    PYRS_IO_HEAD
    PyObject *raw;          /* the raw stream, owned; NULL once detached */
    int ok;                 /* __init__ completed and not detached */
    int detached;           /* detach() was called */
    int readable;           /* a reader (BufferedReader/Random) */
    int writable;           /* a writer (BufferedWriter/Random) */
    int finalizing;         /* close() runs from the finalizer */
    int fast_closed;        /* exact type over an exact FileIO: read its fd for `closed` */
    int busy;               /* lock is held by owner (an operation calls the raw stream) */
    unsigned long owner;    /* pthread_self() of the holder while busy */
    pthread_mutex_t lock;   /* serialises raw-stream operations between threads; zeroed
                               memory is glibc's PTHREAD_MUTEX_INITIALIZER */
    Py_off_t abs_pos;       /* cached raw position, -1 when unknown */
    char *buffer;           /* buffer_size bytes (PyMem), NULL once closed */
    Py_off_t pos;           /* logical position inside the buffer */
    Py_off_t raw_pos;       /* where the raw stream is, relative to the buffer; -1 unknown */
    Py_off_t read_end;      /* end of the readable data, -1 when not a read buffer */
    Py_off_t write_pos;     /* start of the bytes not yet written */
    Py_off_t write_end;     /* end of the bytes to write, -1 when not a write buffer */
    Py_ssize_t buffer_size; /* capacity */
    Py_ssize_t buffer_mask; /* buffer_size - 1 when a power of two, else 0 */
} buffered;

static inline int
valid_read(buffered *self)
{
    return self->readable && self->read_end != -1;
}

static inline int
valid_write(buffered *self)
{
    return self->writable && self->write_end != -1;
}

/* Buffered bytes not yet read. */
static inline Py_off_t
readahead(buffered *self)
{
    return valid_read(self) ? self->read_end - self->pos : 0;
}

/* How far the raw stream is ahead of the logical position. */
static inline Py_off_t
raw_offset(buffered *self)
{
    return (valid_read(self) || valid_write(self)) && self->raw_pos >= 0 ? self->raw_pos - self->pos
                                                                         : 0;
}

static inline void
adjust_position(buffered *self, Py_off_t pos)
{
    self->pos = pos;
    if (valid_read(self) && self->read_end < self->pos) {
        self->read_end = self->pos;
    }
}

static inline Py_ssize_t
whole_blocks(buffered *self, Py_ssize_t size)
{
    return self->buffer_mask ? (size & ~self->buffer_mask)
                             : self->buffer_size * (size / self->buffer_size);
}

static inline void
reset_read(buffered *self)
{
    self->read_end = -1;
}

static inline void
reset_write(buffered *self)
{
    self->write_pos = 0;
    self->write_end = -1;
}

static int
check_init(buffered *self)
{
    if (self->ok <= 0) {
        PyErr_SetString(PyExc_ValueError, self->detached ? "raw stream has been detached"
                                                         : "I/O operation on uninitialized object");
        return -1;
    }
    return 0;
}

/* Waits for SELF's lock with the GIL released. At interpreter shutdown a daemon thread may
 * have died holding it, so the wait is bounded (1 s) there as in CPython. 0, or -1 when that
 * grace period ran out. */
static int
wait_lock(buffered *self)
{
    int finalizing = pyrs_gil_is_finalizing(), st;
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 1;
    Py_BEGIN_ALLOW_THREADS;
    st = finalizing ? pthread_mutex_timedlock(&self->lock, &deadline)
                    : pthread_mutex_lock(&self->lock);
    Py_END_ALLOW_THREADS;
    return st == 0 ? 0 : -1;
}

/* Takes SELF's lock for an operation that calls into the raw stream. The holding thread
 * calling again (from the raw stream's own code, a signal handler, ...) gets CPython's
 * RuntimeError instead of seeing the buffer half-updated; another thread waits for the lock
 * with the GIL released. 0 or -1. */
static int
enter(buffered *self)
{
    unsigned long me = (unsigned long)pthread_self();
    if (self->busy && self->owner == me) {
        PyErr_Format(PyExc_RuntimeError, "reentrant call inside %R", (PyObject *)self);
        return -1;
    }
    if (pthread_mutex_trylock(&self->lock) != 0 && wait_lock(self) < 0) {
        PyObject *ascii = PyObject_ASCII((PyObject *)self);
        _Py_FatalErrorFormat("_enter_buffered_busy",
                             "could not acquire lock for %s at interpreter shutdown, possibly due "
                             "to daemon threads",
                             ascii != NULL ? PyUnicode_AsUTF8(ascii) : "<ascii(self) failed>");
    }
    self->owner = me;
    self->busy = 1;
    return 0;
}

static void
release(buffered *self)
{
    self->busy = 0;
    self->owner = 0;
    pthread_mutex_unlock(&self->lock);
}

static PyObject *
leave(buffered *self, PyObject *res)
{
    release(self);
    return res;
}

/* 1 if the stream is closed (buffer released or raw.closed), 0, -1 on error. */
static int
is_closed(buffered *self)
{
    if (self->buffer == NULL) {
        return 1;
    }
    if (self->fast_closed) {
        return pyrs_io_fileio_fast_closed(self->raw);
    }
    if (check_init(self) < 0) {
        return -1;
    }
    return pyrs_io_is_closed(self->raw);
}

/* CPython's CHECK_CLOSED: closed and nothing left to read raises ValueError(MSG). */
static int
check_closed(buffered *self, const char *msg)
{
    int closed = is_closed(self);
    if (closed < 0) {
        return -1;
    }
    if (closed && readahead(self) == 0) {
        PyErr_SetString(PyExc_ValueError, msg);
        return -1;
    }
    return 0;
}

int
pyrs_io_buffered_fast_closed(PyObject *buffer)
{
    PyTypeObject *tp = Py_TYPE(buffer);
    if (tp == &pyrs_io_fileio_type) {
        return pyrs_io_fileio_fast_closed(buffer);
    }
    if (tp != &pyrs_io_bufferedwriter_type && tp != &pyrs_io_bufferedreader_type &&
        tp != &pyrs_io_bufferedrandom_type) {
        return -2;
    }
    buffered *self = (buffered *)buffer;
    if (!self->ok || !self->fast_closed) {
        return -2;
    }
    return self->buffer == NULL || pyrs_io_fileio_fast_closed(self->raw);
}

/* ---- raw calls ---- */

static Py_off_t
raw_position_result(buffered *self, PyObject *res)
{
    if (res == NULL) {
        return -1;
    }
    Py_off_t n = pyrs_io_as_off_t(res);
    Py_DECREF(res);
    if (n < 0) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_OSError, "Raw stream returned invalid position %lld", (long long)n);
        }
        return -1;
    }
    self->abs_pos = n;
    return n;
}

static Py_off_t
raw_tell(buffered *self)
{
    return raw_position_result(self, PyObject_CallMethodNoArgs(self->raw, pyrs_io_str.tell));
}

static Py_off_t
raw_tell_cached(buffered *self)
{
    return self->abs_pos != -1 ? self->abs_pos : raw_tell(self);
}

static Py_off_t
raw_seek(buffered *self, Py_off_t target, int whence)
{
    return raw_position_result(
        self, PyObject_CallMethod(self->raw, "seek", "Li", (long long)target, whence));
}

static int
retry_after_eintr(void)
{
    if (!PyErr_ExceptionMatches(PyExc_InterruptedError)) {
        return 0;
    }
    PyErr_Clear();
    return 1;
}

/* Reads into START (at most LEN) with raw.readinto: bytes read, 0 at EOF, -2 when the raw
 * stream would block (None), -1 on error. */
static Py_ssize_t
raw_read(buffered *self, char *start, Py_ssize_t len)
{
    PyObject *mv = PyMemoryView_FromMemory(start, len, PyBUF_WRITE), *res;
    if (mv == NULL) {
        return -1;
    }
    do {
        res = PyObject_CallMethodOneArg(self->raw, pyrs_io_str.readinto, mv);
    } while (res == NULL && retry_after_eintr());
    Py_DECREF(mv);
    if (res == NULL) {
        return -1;
    }
    if (res == Py_None) {
        Py_DECREF(res);
        return -2;
    }
    Py_ssize_t n = PyNumber_AsSsize_t(res, PyExc_ValueError);
    Py_DECREF(res);
    if (n == -1 && PyErr_Occurred()) {
        _PyErr_FormatFromCause(PyExc_OSError, "raw readinto() failed");
        return -1;
    }
    if (n < 0 || n > len) {
        PyErr_Format(PyExc_OSError,
                     "raw readinto() returned invalid length %zd (should have been between 0 and "
                     "%zd)",
                     n, len);
        return -1;
    }
    if (n > 0 && self->abs_pos != -1) {
        self->abs_pos += n;
    }
    return n;
}

/* raw.write of START[0:LEN]: bytes written, -2 when it would block, -1 on error. */
static Py_ssize_t
raw_write(buffered *self, const char *start, Py_ssize_t len)
{
    PyObject *mv = PyMemoryView_FromMemory((char *)start, len, PyBUF_READ), *res;
    if (mv == NULL) {
        return -1;
    }
    do {
        res = PyObject_CallMethodOneArg(self->raw, pyrs_io_str.write, mv);
    } while (res == NULL && retry_after_eintr());
    Py_DECREF(mv);
    if (res == NULL) {
        return -1;
    }
    if (res == Py_None) {
        Py_DECREF(res);
        return -2;
    }
    Py_ssize_t n = PyNumber_AsSsize_t(res, PyExc_ValueError);
    Py_DECREF(res);
    if (n < 0 || n > len) {
        PyErr_Format(PyExc_OSError,
                     "raw write() returned invalid length %zd (should have been between 0 and "
                     "%zd)",
                     n, len);
        return -1;
    }
    if (n > 0 && self->abs_pos != -1) {
        self->abs_pos += n;
    }
    return n;
}

static void
set_blocking_error(Py_ssize_t written)
{
    PyErr_Clear();
    PyObject *exc = PyObject_CallFunction(PyExc_BlockingIOError, "isn", EAGAIN,
                                          "write could not complete without blocking", written);
    if (exc != NULL) {
        PyErr_SetObject(PyExc_BlockingIOError, exc);
        Py_DECREF(exc);
    }
}

/* Writes the pending bytes, first moving the raw stream back to where they start. */
static int
flush_writes(buffered *self)
{
    if (!valid_write(self) || self->write_pos == self->write_end) {
        reset_write(self);
        return 0;
    }
    Py_off_t rewind = raw_offset(self) + (self->pos - self->write_pos);
    if (rewind != 0) {
        if (raw_seek(self, -rewind, 1) < 0) {
            return -1;
        }
        self->raw_pos -= rewind;
    }
    while (self->write_pos < self->write_end) {
        Py_ssize_t n = raw_write(self, self->buffer + self->write_pos,
                                 (Py_ssize_t)(self->write_end - self->write_pos));
        if (n == -1) {
            return -1;
        }
        if (n == -2) {
            set_blocking_error(0);
            return -1;
        }
        self->write_pos += n;
        self->raw_pos = self->write_pos;
        if (PyErr_CheckSignals() < 0) {
            return -1;
        }
    }
    reset_write(self);
    return 0;
}

/* Writes the pending bytes and, for readers, moves the raw stream to the logical position and
 * drops the read-ahead. */
static int
flush_and_rewind(buffered *self)
{
    if (flush_writes(self) < 0) {
        return -1;
    }
    if (self->readable) {
        Py_off_t n = raw_seek(self, -raw_offset(self), 1);
        reset_read(self);
        if (n == -1) {
            return -1;
        }
    }
    return 0;
}

/* Extends the read buffer by one raw read: bytes read, 0 at EOF, -2 would block, -1. */
static Py_ssize_t
fill_buffer(buffered *self)
{
    Py_ssize_t start = valid_read(self) ? (Py_ssize_t)self->read_end : 0;
    Py_ssize_t n = raw_read(self, self->buffer + start, self->buffer_size - start);
    if (n <= 0) {
        return n;
    }
    self->read_end = start + n;
    self->raw_pos = start + n;
    return n;
}

/* ---- construction ---- */

static int
buffered_setup(buffered *self, PyObject *raw, Py_ssize_t buffer_size, int readable, int writable)
{
    self->ok = 0;
    self->detached = 0;
    if ((readable && writable && pyrs_io_check_seekable(raw) < 0) ||
        (readable && pyrs_io_check_readable(raw) < 0) ||
        (writable && pyrs_io_check_writable(raw) < 0)) {
        return -1;
    }
    Py_XSETREF(self->raw, Py_NewRef(raw));
    self->readable = readable;
    self->writable = writable;
    self->buffer_size = buffer_size;
    if (buffer_size <= 0) {
        PyErr_SetString(PyExc_ValueError, "buffer size must be strictly positive");
        return -1;
    }
    PyMem_Free(self->buffer);
    if ((self->buffer = PyMem_Malloc((size_t)buffer_size)) == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    self->buffer_mask = (buffer_size & (buffer_size - 1)) == 0 ? buffer_size - 1 : 0;
    if (raw_tell(self) == -1) {
        PyErr_Clear();
    }
    reset_read(self);
    reset_write(self);
    self->pos = 0;
    self->raw_pos = 0;
    PyTypeObject *tp = Py_TYPE(self);
    self->fast_closed = (tp == &pyrs_io_bufferedreader_type || tp == &pyrs_io_bufferedwriter_type ||
                         tp == &pyrs_io_bufferedrandom_type) &&
                        Py_TYPE(raw) == &pyrs_io_fileio_type;
    self->ok = 1;
    return 0;
}

static int
buffered_init_kind(PyObject *op, PyObject *args, PyObject *kwds, const char *name, int readable,
                   int writable)
{
    static const char *const kwlist[] = {"raw", "buffer_size", NULL};
    PyObject *a[2];
    if (pyrs_io_parse_args(name, args, kwds, kwlist, 2, 1, a) < 0) {
        return -1;
    }
    Py_ssize_t size = PYRS_IO_DEFAULT_BUFFER_SIZE;
    if (pyrs_io_ssize_index(a[1], &size) < 0) {
        return -1;
    }
    return buffered_setup((buffered *)op, a[0], size, readable, writable);
}

static int
reader_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    return buffered_init_kind(op, args, kwds, "BufferedReader", 1, 0);
}

static int
writer_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    return buffered_init_kind(op, args, kwds, "BufferedWriter", 0, 1);
}

static int
random_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    return buffered_init_kind(op, args, kwds, "BufferedRandom", 1, 1);
}

/* ---- reading ---- */

static PyObject *
read_all(buffered *self)
{
    PyObject *data = NULL, *res = NULL, *chunks = NULL, *readall = NULL;
    Py_ssize_t current = (Py_ssize_t)readahead(self);
    if (current > 0) {
        data = PyBytes_FromStringAndSize(self->buffer + self->pos, current);
        if (data == NULL) {
            return NULL;
        }
        self->pos += current;
    }
    if (self->writable && flush_and_rewind(self) < 0) {
        goto done;
    }
    reset_read(self);
    if (_PyObject_LookupAttr(self->raw, pyrs_io_str.readall, &readall) < 0) {
        goto done;
    }
    if (readall != NULL) {
        PyObject *tmp = PyObject_CallNoArgs(readall);
        if (tmp == NULL) {
            goto done;
        }
        if (tmp != Py_None && !PyBytes_Check(tmp)) {
            Py_DECREF(tmp);
            PyErr_SetString(PyExc_TypeError, "readall() should return bytes");
            goto done;
        }
        if (current == 0) {
            res = tmp;
        } else {
            if (tmp != Py_None) {
                PyBytes_Concat(&data, tmp);
            }
            Py_DECREF(tmp);
            res = data;
            data = NULL;
        }
        goto done;
    }
    if ((chunks = PyList_New(0)) == NULL) {
        goto done;
    }
    for (;;) {
        if (data != NULL) {
            if (PyList_Append(chunks, data) < 0) {
                goto done;
            }
            Py_CLEAR(data);
        }
        data = PyObject_CallMethodNoArgs(self->raw, pyrs_io_str.read);
        if (data == NULL) {
            goto done;
        }
        if (data != Py_None && !PyBytes_Check(data)) {
            PyErr_SetString(PyExc_TypeError, "read() should return bytes");
            goto done;
        }
        if (data == Py_None || PyBytes_GET_SIZE(data) == 0) {
            if (current == 0) {
                res = data;
                data = NULL;
            } else {
                res = _PyBytes_Join(pyrs_io_str.empty_bytes, chunks);
            }
            goto done;
        }
        current += PyBytes_GET_SIZE(data);
        if (self->abs_pos != -1) {
            self->abs_pos += PyBytes_GET_SIZE(data);
        }
    }
done:
    Py_XDECREF(readall);
    Py_XDECREF(data);
    Py_XDECREF(chunks);
    return res;
}

/* N bytes straight from the buffer (N <= readahead). */
static PyObject *
read_fast(buffered *self, Py_ssize_t n)
{
    PyObject *res = PyBytes_FromStringAndSize(self->buffer + self->pos, n);
    if (res != NULL) {
        self->pos += n;
    }
    return res;
}

/* The end of a read that hit EOF (R == 0) or a blocking raw stream (R == -2). */
static PyObject *
short_read(PyObject *res, Py_ssize_t r, Py_ssize_t written)
{
    if (r == 0 || written > 0) {
        if (_PyBytes_Resize(&res, written) < 0) {
            return NULL;
        }
        return res;
    }
    Py_DECREF(res);
    Py_RETURN_NONE;
}

/* read(N) beyond the buffered bytes: whole blocks straight from the raw stream, the tail
 * through the buffer. */
static PyObject *
read_generic(buffered *self, Py_ssize_t n)
{
    Py_ssize_t current = (Py_ssize_t)readahead(self);
    if (n <= current) {
        return read_fast(self, n);
    }
    PyObject *res = PyBytes_FromStringAndSize(NULL, n);
    if (res == NULL) {
        return NULL;
    }
    char *out = PyBytes_AS_STRING(res);
    Py_ssize_t remaining = n, written = 0;
    if (current > 0) {
        memcpy(out, self->buffer + self->pos, (size_t)current);
        remaining -= current;
        written += current;
        self->pos += current;
    }
    if (self->writable && flush_and_rewind(self) < 0) {
        goto error;
    }
    reset_read(self);
    while (remaining > 0) {
        Py_ssize_t r = whole_blocks(self, remaining);
        if (r == 0) {
            break;
        }
        r = raw_read(self, out + written, r);
        if (r == -1) {
            goto error;
        }
        if (r == 0 || r == -2) {
            return short_read(res, r, written);
        }
        remaining -= r;
        written += r;
    }
    self->pos = 0;
    self->raw_pos = 0;
    self->read_end = 0;
    while (remaining > 0 && self->read_end < self->buffer_size) {
        Py_ssize_t r = fill_buffer(self);
        if (r == -1) {
            goto error;
        }
        if (r == 0 || r == -2) {
            return short_read(res, r, written);
        }
        Py_ssize_t take = remaining < r ? remaining : r;
        memcpy(out + written, self->buffer + self->pos, (size_t)take);
        written += take;
        self->pos += take;
        remaining -= take;
    }
    return res;
error:
    Py_DECREF(res);
    return NULL;
}

static PyObject *
buffered_read(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    buffered *self = (buffered *)op;
    Py_ssize_t n = -1;
    if (!_PyArg_CheckPositional("read", nargs, 0, 1) ||
        (nargs > 0 && pyrs_io_ssize_or_none(args[0], &n) < 0) || check_init(self) < 0) {
        return NULL;
    }
    if (n < -1) {
        PyErr_SetString(PyExc_ValueError, "read length must be non-negative or -1");
        return NULL;
    }
    if (check_closed(self, "read of closed file") < 0) {
        return NULL;
    }
    if (n >= 0 && n <= readahead(self)) {
        return read_fast(self, n);
    }
    if (enter(self) < 0) {
        return NULL;
    }
    return leave(self, n == -1 ? read_all(self) : read_generic(self, n));
}

static PyObject *
buffered_read1(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    buffered *self = (buffered *)op;
    Py_ssize_t n = -1;
    if (!_PyArg_CheckPositional("read1", nargs, 0, 1) ||
        (nargs > 0 && pyrs_io_ssize_index(args[0], &n) < 0) || check_init(self) < 0) {
        return NULL;
    }
    if (n < 0) {
        n = self->buffer_size;
    }
    if (check_closed(self, "read of closed file") < 0) {
        return NULL;
    }
    if (n == 0) {
        return PyBytes_FromStringAndSize(NULL, 0);
    }
    Py_ssize_t have = (Py_ssize_t)readahead(self);
    if (have > 0) {
        /* only what is buffered, no raw read */
        return read_fast(self, n < have ? n : have);
    }
    PyObject *res = PyBytes_FromStringAndSize(NULL, n);
    if (res == NULL) {
        return NULL;
    }
    /* one raw read at the raw stream's position (CPython does not flush pending writes) */
    if (enter(self) < 0) {
        Py_DECREF(res);
        return NULL;
    }
    reset_read(self);
    Py_ssize_t r = raw_read(self, PyBytes_AS_STRING(res), n);
    release(self);
    if (r == -1) {
        Py_DECREF(res);
        return NULL;
    }
    if (r == -2) {
        r = 0;
    }
    if (r < n && _PyBytes_Resize(&res, r) < 0) {
        return NULL;
    }
    return res;
}

/* readinto/readinto1 (ONCE) into OUT[0:LEN]: bytes copied, -2 when the raw stream blocks at
 * once, -1 on error. */
static Py_ssize_t
read_into(buffered *self, char *out, Py_ssize_t len, int once)
{
    Py_ssize_t written = 0, n = (Py_ssize_t)readahead(self);
    if (n > 0) {
        if (n >= len) {
            memcpy(out, self->buffer + self->pos, (size_t)len);
            self->pos += len;
            return len;
        }
        memcpy(out, self->buffer + self->pos, (size_t)n);
        self->pos += n;
        written = n;
    }
    if (self->writable && flush_and_rewind(self) < 0) {
        return -1;
    }
    reset_read(self);
    self->pos = 0;
    for (Py_ssize_t remaining = len - written; remaining > 0; written += n, remaining -= n) {
        if (remaining > self->buffer_size) {
            n = raw_read(self, out + written, remaining);
        } else if (!(once && written)) {
            n = fill_buffer(self);
            if (n > 0) {
                if (n > remaining) {
                    n = remaining;
                }
                memcpy(out + written, self->buffer + self->pos, (size_t)n);
                self->pos += n;
                continue;
            }
        } else {
            n = 0;
        }
        if (n == 0 || (n == -2 && written > 0)) {
            break;
        }
        if (n < 0) {
            return n;
        }
        if (once) {
            written += n;
            break;
        }
    }
    return written;
}

static PyObject *
readinto_impl(buffered *self, PyObject *arg, int once)
{
    Py_buffer view;
    if (pyrs_io_get_writable(once ? "readinto1" : "readinto", arg, &view) < 0) {
        return NULL;
    }
    if (check_init(self) < 0 || check_closed(self, "readinto of closed file") < 0) {
        PyBuffer_Release(&view);
        return NULL;
    }
    Py_ssize_t got;
    if (readahead(self) >= view.len) {
        got = read_into(self, view.buf, view.len, once); /* from the buffer only */
    } else if (enter(self) < 0) {
        got = -1;
    } else {
        got = read_into(self, view.buf, view.len, once);
        release(self);
    }
    PyBuffer_Release(&view);
    if (got == -2) {
        Py_RETURN_NONE;
    }
    return got < 0 ? NULL : PyLong_FromSsize_t(got);
}

static PyObject *
buffered_readinto(PyObject *op, PyObject *arg)
{
    return readinto_impl((buffered *)op, arg, 0);
}

static PyObject *
buffered_readinto1(PyObject *op, PyObject *arg)
{
    return readinto_impl((buffered *)op, arg, 1);
}

static PyObject *peek_unlocked(buffered *self);

static PyObject *
buffered_peek(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    buffered *self = (buffered *)op;
    Py_ssize_t n = 0;
    if (!_PyArg_CheckPositional("peek", nargs, 0, 1) ||
        (nargs > 0 && pyrs_io_ssize_index(args[0], &n) < 0) || check_init(self) < 0 ||
        check_closed(self, "peek of closed file") < 0 || enter(self) < 0) {
        return NULL;
    }
    return leave(self, peek_unlocked(self));
}

static PyObject *
peek_unlocked(buffered *self)
{
    if (self->writable && flush_and_rewind(self) < 0) {
        return NULL;
    }
    Py_ssize_t have = (Py_ssize_t)readahead(self);
    if (have > 0) {
        return PyBytes_FromStringAndSize(self->buffer + self->pos, have);
    }
    reset_read(self);
    Py_ssize_t r = fill_buffer(self);
    if (r == -1) {
        return NULL;
    }
    if (r == -2) {
        r = 0;
    }
    self->pos = 0;
    return PyBytes_FromStringAndSize(self->buffer, r);
}

static PyObject *readline_slow(buffered *self, Py_ssize_t limit, Py_ssize_t n);

/* One line (through '\n'), at most LIMIT bytes when LIMIT >= 0: first from the buffer, then
 * by refilling it. */
static PyObject *
readline_impl(buffered *self, Py_ssize_t limit)
{
    if (check_closed(self, "readline of closed file") < 0) {
        return NULL;
    }
    Py_ssize_t n = (Py_ssize_t)readahead(self);
    if (limit >= 0 && n > limit) {
        n = limit;
    }
    const char *start = self->buffer + self->pos;
    const char *s = n > 0 ? memchr(start, '\n', (size_t)n) : NULL;
    if (s != NULL || n == limit) {
        Py_ssize_t take = s != NULL ? s - start + 1 : n;
        PyObject *res = PyBytes_FromStringAndSize(start, take);
        if (res != NULL) {
            self->pos += take;
        }
        return res;
    }
    if (enter(self) < 0) {
        return NULL;
    }
    return leave(self, readline_slow(self, limit, n));
}

/* The rest of readline() once the buffer holds no complete line: N buffered bytes first,
 * then buffer refills. */
static PyObject *
readline_slow(buffered *self, Py_ssize_t limit, Py_ssize_t n)
{
    const char *start = self->buffer + self->pos, *s;
    PyObject *chunks = PyList_New(0), *res = NULL;
    if (chunks == NULL) {
        return NULL;
    }
    if (n > 0) {
        if ((res = PyBytes_FromStringAndSize(start, n)) == NULL || PyList_Append(chunks, res) < 0) {
            goto error;
        }
        Py_CLEAR(res);
        self->pos += n;
        if (limit >= 0) {
            limit -= n;
        }
    }
    if (self->writable && flush_and_rewind(self) < 0) {
        goto error;
    }
    for (;;) {
        reset_read(self);
        n = fill_buffer(self);
        if (n == -1) {
            goto error;
        }
        if (n <= 0) {
            break;
        }
        if (limit >= 0 && n > limit) {
            n = limit;
        }
        start = self->buffer;
        s = memchr(start, '\n', (size_t)n);
        Py_ssize_t take = s != NULL ? s - start + 1 : n;
        if ((res = PyBytes_FromStringAndSize(start, take)) == NULL) {
            goto error;
        }
        if (s != NULL || take == limit) {
            self->pos = take;
            break;
        }
        if (PyList_Append(chunks, res) < 0) {
            goto error;
        }
        Py_CLEAR(res);
        if (limit >= 0) {
            limit -= n;
        }
    }
    if (res != NULL && PyList_Append(chunks, res) < 0) {
        goto error;
    }
    Py_XSETREF(res, _PyBytes_Join(pyrs_io_str.empty_bytes, chunks));
    Py_DECREF(chunks);
    return res;
error:
    Py_XDECREF(res);
    Py_DECREF(chunks);
    return NULL;
}

static PyObject *
buffered_readline(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    buffered *self = (buffered *)op;
    Py_ssize_t limit = -1;
    if (!_PyArg_CheckPositional("readline", nargs, 0, 1) ||
        (nargs > 0 && pyrs_io_ssize_or_none(args[0], &limit) < 0) || check_init(self) < 0) {
        return NULL;
    }
    return readline_impl(self, limit);
}

static PyObject *
buffered_iternext(PyObject *op)
{
    buffered *self = (buffered *)op;
    if (check_init(self) < 0) {
        return NULL;
    }
    PyObject *line;
    if (Py_TYPE(op) == &pyrs_io_bufferedreader_type ||
        Py_TYPE(op) == &pyrs_io_bufferedrandom_type) {
        line = readline_impl(self, -1);
    } else {
        line = PyObject_CallMethodNoArgs(op, pyrs_io_str.readline);
        if (line != NULL && !PyBytes_Check(line)) {
            PyErr_Format(PyExc_OSError,
                         "readline() should have returned a bytes object, not '%.200s'",
                         Py_TYPE(line)->tp_name);
            Py_CLEAR(line);
        }
    }
    if (line != NULL && PyBytes_GET_SIZE(line) == 0) {
        Py_CLEAR(line);
    }
    return line;
}

/* ---- writing and positioning ---- */

/* The non-blocking path of write(): keep what fits after a partial flush. */
static PyObject *
write_after_blocking(buffered *self, const char *data, Py_ssize_t len)
{
    if (!PyErr_ExceptionMatches(PyExc_BlockingIOError)) {
        return NULL;
    }
    if (self->readable) {
        reset_read(self);
    }
    Py_ssize_t pending = (Py_ssize_t)(self->write_end - self->write_pos);
    memmove(self->buffer, self->buffer + self->write_pos, (size_t)pending);
    self->write_end -= self->write_pos;
    self->raw_pos -= self->write_pos;
    self->pos -= self->write_pos;
    self->write_pos = 0;
    Py_ssize_t avail = self->buffer_size - (Py_ssize_t)self->write_end;
    if (len <= avail) {
        PyErr_Clear();
        memcpy(self->buffer + self->write_end, data, (size_t)len);
        self->write_end += len;
        self->pos += len;
        return PyLong_FromSsize_t(len);
    }
    memcpy(self->buffer + self->write_end, data, (size_t)avail);
    self->write_end += avail;
    self->pos += avail;
    set_blocking_error(avail);
    return NULL;
}

static PyObject *
write_impl(buffered *self, const char *data, Py_ssize_t len)
{
    int closed = is_closed(self);
    if (closed != 0) {
        if (closed > 0) {
            PyErr_SetString(PyExc_ValueError, "write to closed file");
        }
        return NULL;
    }
    if (!valid_read(self) && !valid_write(self)) {
        self->pos = 0;
        self->raw_pos = 0;
    }
    if (len <= self->buffer_size - (Py_ssize_t)self->pos) {
        /* everything fits in the buffer */
        memcpy(self->buffer + self->pos, data, (size_t)len);
        if (!valid_write(self) || self->write_pos > self->pos) {
            self->write_pos = self->pos;
        }
        adjust_position(self, self->pos + len);
        if (self->pos > self->write_end) {
            self->write_end = self->pos;
        }
        return PyLong_FromSsize_t(len);
    }
    if (flush_writes(self) < 0) {
        return write_after_blocking(self, data, len);
    }
    Py_off_t offset = raw_offset(self);
    if (offset != 0) {
        if (raw_seek(self, -offset, 1) < 0) {
            return NULL;
        }
        self->raw_pos -= offset;
    }
    Py_ssize_t remaining = len, written = 0;
    while (remaining > self->buffer_size) {
        Py_ssize_t n = raw_write(self, data + written, len - written);
        if (n == -1) {
            return NULL;
        }
        if (n == -2) {
            /* buffer as much as possible, report how much was taken */
            memcpy(self->buffer, data + written, (size_t)self->buffer_size);
            self->raw_pos = 0;
            adjust_position(self, self->buffer_size);
            self->write_end = self->buffer_size;
            set_blocking_error(written + self->buffer_size);
            return NULL;
        }
        written += n;
        remaining -= n;
        if (PyErr_CheckSignals() < 0) {
            return NULL;
        }
    }
    if (self->readable) {
        reset_read(self);
    }
    if (remaining > 0) {
        memcpy(self->buffer, data + written, (size_t)remaining);
        written += remaining;
    }
    self->write_pos = 0;
    self->write_end = remaining;
    adjust_position(self, remaining);
    self->raw_pos = 0;
    return PyLong_FromSsize_t(written);
}

static PyObject *
buffered_write(PyObject *op, PyObject *arg)
{
    buffered *self = (buffered *)op;
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_CONTIG_RO) < 0) {
        return NULL;
    }
    PyObject *res = NULL;
    if (check_init(self) == 0 && enter(self) == 0) {
        res = leave(self, write_impl(self, view.buf, view.len));
    }
    PyBuffer_Release(&view);
    return res;
}

static PyObject *
buffered_flush(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    buffered *self = (buffered *)op;
    if (check_init(self) < 0 || check_closed(self, "flush of closed file") < 0 || enter(self) < 0) {
        return NULL;
    }
    int r = flush_and_rewind(self);
    release(self);
    return r < 0 ? NULL : Py_NewRef(Py_None);
}

static PyObject *
buffered_simple_flush(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    buffered *self = (buffered *)op;
    if (check_init(self) < 0) {
        return NULL;
    }
    return PyObject_CallMethodNoArgs(self->raw, pyrs_io_str.flush);
}

static PyObject *
buffered_tell(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    buffered *self = (buffered *)op;
    if (check_init(self) < 0) {
        return NULL;
    }
    Py_off_t pos = raw_tell(self);
    if (pos == -1) {
        return NULL;
    }
    return PyLong_FromLongLong((long long)(pos - raw_offset(self)));
}

static PyObject *
buffered_seek(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    buffered *self = (buffered *)op;
    if (!_PyArg_CheckPositional("seek", nargs, 1, 2) || check_init(self) < 0) {
        return NULL;
    }
    int whence = 0;
    if (nargs > 1) {
        long w = PyLong_AsLong(args[1]);
        if (w == -1 && PyErr_Occurred()) {
            return NULL;
        }
        whence = (int)w;
    }
    if (whence < 0 || whence > 4) {
        PyErr_Format(PyExc_ValueError, "whence value %d unsupported", whence);
        return NULL;
    }
    if (check_closed(self, "seek of closed file") < 0 || pyrs_io_check_seekable(self->raw) < 0) {
        return NULL;
    }
    Py_off_t target = pyrs_io_as_off_t(args[0]);
    if (target == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if ((whence == 0 || whence == 1) && self->readable) {
        /* a target inside the read-ahead only moves the position */
        Py_off_t current = raw_tell_cached(self), avail = readahead(self);
        if (avail > 0) {
            Py_off_t offset = whence == 0 ? target - (current - raw_offset(self)) : target;
            if (offset >= -self->pos && offset <= avail) {
                self->pos += offset;
                return PyLong_FromLongLong((long long)(current - avail + offset));
            }
        }
    }
    if (enter(self) < 0) {
        return NULL;
    }
    if (self->writable && flush_writes(self) < 0) {
        return leave(self, NULL);
    }
    if (whence == 1) {
        target -= raw_offset(self);
    }
    Py_off_t n = raw_seek(self, target, whence);
    release(self);
    if (n == -1) {
        return NULL;
    }
    self->raw_pos = -1;
    if (self->readable) {
        reset_read(self);
    }
    return PyLong_FromLongLong((long long)n);
}

static PyObject *
buffered_truncate(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    buffered *self = (buffered *)op;
    if (!_PyArg_CheckPositional("truncate", nargs, 0, 1) || check_init(self) < 0 ||
        check_closed(self, "truncate of closed file") < 0) {
        return NULL;
    }
    if (!self->writable) {
        return pyrs_io_unsupported("truncate");
    }
    if (enter(self) < 0) {
        return NULL;
    }
    if (flush_and_rewind(self) < 0) {
        return leave(self, NULL);
    }
    PyObject *res =
        PyObject_CallMethodOneArg(self->raw, pyrs_io_str.truncate, nargs > 0 ? args[0] : Py_None);
    if (res != NULL && raw_tell(self) == -1) {
        PyErr_Clear();
    }
    return leave(self, res);
}

/* ---- closing and delegation ---- */

static PyObject *
buffered_close(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    buffered *self = (buffered *)op;
    if (check_init(self) < 0 || enter(self) < 0) {
        return NULL;
    }
    int closed = pyrs_io_is_closed(self->raw);
    release(self);
    if (closed < 0) {
        return NULL;
    }
    if (closed) {
        Py_RETURN_NONE;
    }
    if (self->finalizing) {
        PyObject *r = PyObject_CallMethodOneArg(self->raw, pyrs_io_str._dealloc_warn, op);
        if (r == NULL) {
            PyErr_Clear();
        }
        Py_XDECREF(r);
    }
    PyObject *res = PyObject_CallMethodNoArgs(op, pyrs_io_str.flush);
    PyObject *t = NULL, *v = NULL, *tb = NULL;
    if (res == NULL) {
        PyErr_Fetch(&t, &v, &tb);
    }
    if (enter(self) < 0) {
        Py_XDECREF(res);
        return NULL;
    }
    Py_XSETREF(res, PyObject_CallMethodNoArgs(self->raw, pyrs_io_str.close));
    PyMem_Free(self->buffer);
    self->buffer = NULL;
    self->read_end = 0;
    self->pos = 0;
    release(self);
    if (t != NULL) {
        _PyErr_ChainExceptions(t, v, tb);
        Py_CLEAR(res);
    }
    return res;
}

static PyObject *
buffered_detach(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    buffered *self = (buffered *)op;
    if (check_init(self) < 0) {
        return NULL;
    }
    PyObject *res = PyObject_CallMethodNoArgs(op, pyrs_io_str.flush);
    if (res == NULL) {
        return NULL;
    }
    Py_DECREF(res);
    PyObject *raw = self->raw;
    self->raw = NULL;
    self->detached = 1;
    self->ok = 0;
    return raw;
}

#define DELEGATE(fname, attr)                                                                      \
    static PyObject *fname(PyObject *op, PyObject *Py_UNUSED(ignored))                             \
    {                                                                                              \
        buffered *self = (buffered *)op;                                                           \
        if (check_init(self) < 0) {                                                                \
            return NULL;                                                                           \
        }                                                                                          \
        return PyObject_CallMethodNoArgs(self->raw, pyrs_io_str.attr);                             \
    }

DELEGATE(buffered_seekable, seekable)
DELEGATE(buffered_readable, readable)
DELEGATE(buffered_writable, writable)
DELEGATE(buffered_fileno, fileno)
DELEGATE(buffered_isatty, isatty)

static PyObject *
buffered_raw_attr(PyObject *op, PyObject *name)
{
    buffered *self = (buffered *)op;
    if (check_init(self) < 0) {
        return NULL;
    }
    return PyObject_GetAttr(self->raw, name);
}

static PyObject *
buffered_closed_get(PyObject *op, void *Py_UNUSED(closure))
{
    return buffered_raw_attr(op, pyrs_io_str.closed);
}

static PyObject *
buffered_name_get(PyObject *op, void *Py_UNUSED(closure))
{
    return buffered_raw_attr(op, pyrs_io_str.name);
}

static PyObject *
buffered_mode_get(PyObject *op, void *Py_UNUSED(closure))
{
    return buffered_raw_attr(op, pyrs_io_str.mode);
}

static PyObject *
buffered_dealloc_warn(PyObject *op, PyObject *source)
{
    buffered *self = (buffered *)op;
    if (self->ok && self->raw != NULL) {
        PyObject *r = PyObject_CallMethodOneArg(self->raw, pyrs_io_str._dealloc_warn, source);
        if (r == NULL) {
            PyErr_Clear();
        }
        Py_XDECREF(r);
    }
    Py_RETURN_NONE;
}

static PyObject *
buffered_sizeof(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    buffered *self = (buffered *)op;
    Py_ssize_t n = Py_TYPE(op)->tp_basicsize;
    return PyLong_FromSsize_t(n + (self->buffer ? self->buffer_size : 0));
}

static PyObject *
buffered_repr(PyObject *op)
{
    PyObject *name;
    if (_PyObject_LookupAttr(op, pyrs_io_str.name, &name) < 0) {
        if (!PyErr_ExceptionMatches(PyExc_ValueError)) {
            return NULL;
        }
        PyErr_Clear();
        name = NULL;
    }
    if (name == NULL) {
        return PyUnicode_FromFormat("<%s>", Py_TYPE(op)->tp_name);
    }
    if (Py_ReprEnter(op)) {
        Py_DECREF(name);
        PyErr_Format(PyExc_RuntimeError, "reentrant call inside %s.__repr__", Py_TYPE(op)->tp_name);
        return NULL;
    }
    PyObject *res = PyUnicode_FromFormat("<%s name=%R>", Py_TYPE(op)->tp_name, name);
    Py_ReprLeave(op);
    Py_DECREF(name);
    return res;
}

static PyObject *
buffered_finalizing_get(PyObject *op, void *Py_UNUSED(closure))
{
    return PyBool_FromLong(((buffered *)op)->finalizing);
}

static int
buffered_finalizing_set(PyObject *op, PyObject *value, void *Py_UNUSED(closure))
{
    int r = value ? PyObject_IsTrue(value) : 0;
    if (r < 0) {
        return -1;
    }
    ((buffered *)op)->finalizing = r;
    return 0;
}

static int
buffered_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(((buffered *)op)->raw);
    return pyrs_io_base_traverse(op, visit, arg);
}

static int
buffered_clear(PyObject *op)
{
    buffered *self = (buffered *)op;
    self->ok = 0;
    Py_CLEAR(self->raw);
    pyrs_io_base_clear(op);
    return 0;
}

static void
buffered_dealloc(PyObject *op)
{
    buffered *self = (buffered *)op;
    self->finalizing = 1;
    if (PyObject_CallFinalizerFromDealloc(op) < 0) {
        return;
    }
    PyObject_GC_UnTrack(op);
    self->ok = 0;
    if (self->weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    PyMem_Free(self->buffer);
    self->buffer = NULL;
    Py_CLEAR(self->raw);
    pyrs_io_base_clear(op);
    Py_TYPE(op)->tp_free(op);
}

#define FASTCALL(f) (PyCFunction)(void (*)(void))(f), METH_FASTCALL

#define COMMON_METHODS                                                                             \
    {"detach", buffered_detach, METH_NOARGS, NULL}, {"close", buffered_close, METH_NOARGS, NULL},  \
        {"seekable", buffered_seekable, METH_NOARGS, NULL},                                        \
        {"fileno", buffered_fileno, METH_NOARGS, NULL},                                            \
        {"isatty", buffered_isatty, METH_NOARGS, NULL},                                            \
        {"_dealloc_warn", buffered_dealloc_warn, METH_O, NULL},                                    \
        {"seek", FASTCALL(buffered_seek), NULL}, {"tell", buffered_tell, METH_NOARGS, NULL},       \
        {"truncate", FASTCALL(buffered_truncate), NULL},                                           \
        {"__reduce__", pyrs_io_cannot_reduce, METH_VARARGS, NULL},                                 \
        {"__reduce_ex__", pyrs_io_cannot_reduce_ex, METH_VARARGS, NULL},                           \
        {"__sizeof__", buffered_sizeof, METH_NOARGS, NULL},

#define READ_METHODS                                                                               \
    {"read", FASTCALL(buffered_read), NULL}, {"peek", FASTCALL(buffered_peek), NULL},              \
        {"read1", FASTCALL(buffered_read1), NULL}, {"readinto", buffered_readinto, METH_O, NULL},  \
        {"readinto1", buffered_readinto1, METH_O, NULL},                                           \
        {"readline", FASTCALL(buffered_readline), NULL},

#define READABLE_METHOD {"readable", buffered_readable, METH_NOARGS, NULL},
#define WRITE_METHODS                                                                              \
    {"write", buffered_write, METH_O, NULL}, {"writable", buffered_writable, METH_NOARGS, NULL},   \
        {"flush", buffered_flush, METH_NOARGS, NULL},

static PyMethodDef reader_methods[] = {
    COMMON_METHODS READ_METHODS READABLE_METHOD{"flush", buffered_simple_flush, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}};
static PyMethodDef writer_methods[] = {COMMON_METHODS WRITE_METHODS{NULL, NULL, 0, NULL}};
static PyMethodDef random_methods[] = {
    COMMON_METHODS READ_METHODS READABLE_METHOD WRITE_METHODS{NULL, NULL, 0, NULL}};

static PyMemberDef buffered_members[] = {
    {"raw", T_OBJECT, offsetof(buffered, raw), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef buffered_getset[] = {
    {"closed", buffered_closed_get, NULL, NULL, NULL},
    {"name", buffered_name_get, NULL, NULL, NULL},
    {"mode", buffered_mode_get, NULL, NULL, NULL},
    {"_finalizing", buffered_finalizing_get, buffered_finalizing_set, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

#define BUFFERED_TYPE(cname, pyname, methods, init, doc)                                           \
    PyTypeObject cname = {                                                                         \
        PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = pyname,                                   \
        .tp_basicsize = sizeof(buffered),                                                          \
        .tp_dealloc = buffered_dealloc,                                                            \
        .tp_repr = buffered_repr,                                                                  \
        .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,                 \
        .tp_doc = doc,                                                                             \
        .tp_traverse = buffered_traverse,                                                          \
        .tp_clear = buffered_clear,                                                                \
        .tp_weaklistoffset = offsetof(buffered, weakreflist),                                      \
        .tp_iternext = buffered_iternext,                                                          \
        .tp_methods = methods,                                                                     \
        .tp_members = buffered_members,                                                            \
        .tp_getset = buffered_getset,                                                              \
        .tp_base = &pyrs_io_bufferediobase_type,                                                   \
        .tp_dictoffset = offsetof(buffered, dict),                                                 \
        .tp_init = init,                                                                           \
        .tp_new = PyType_GenericNew,                                                               \
        .tp_finalize = pyrs_io_iobase_finalize,                                                    \
    }

BUFFERED_TYPE(pyrs_io_bufferedreader_type, "_io.BufferedReader", reader_methods, reader_init,
              "Create a new buffered reader using the given readable raw IO object.");
BUFFERED_TYPE(pyrs_io_bufferedwriter_type, "_io.BufferedWriter", writer_methods, writer_init,
              "A buffer for a writeable sequential RawIO object.");
BUFFERED_TYPE(pyrs_io_bufferedrandom_type, "_io.BufferedRandom", random_methods, random_init,
              "A buffered interface to random access streams.");

/* ---- BufferedRWPair ---- */

typedef struct {
    PYRS_IO_HEAD
    PyObject *reader; /* BufferedReader, owned */
    PyObject *writer; /* BufferedWriter, owned */
} rwpair;

static int
rwpair_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    rwpair *self = (rwpair *)op;
    PyObject *a[3];
    if (!_PyArg_NoKeywords("BufferedRWPair", kwds) ||
        !_PyArg_CheckPositional("BufferedRWPair", PyTuple_GET_SIZE(args), 2, 3)) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < 3; i++) {
        a[i] = i < PyTuple_GET_SIZE(args) ? PyTuple_GET_ITEM(args, i) : NULL;
    }
    if (pyrs_io_check_readable(a[0]) < 0 || pyrs_io_check_writable(a[1]) < 0) {
        return -1;
    }
    PyObject *size = a[2] ? Py_NewRef(a[2]) : PyLong_FromLong(PYRS_IO_DEFAULT_BUFFER_SIZE);
    if (size == NULL) {
        return -1;
    }
    PyObject *r =
        PyObject_CallFunctionObjArgs((PyObject *)&pyrs_io_bufferedreader_type, a[0], size, NULL);
    PyObject *w =
        r ? PyObject_CallFunctionObjArgs((PyObject *)&pyrs_io_bufferedwriter_type, a[1], size, NULL)
          : NULL;
    Py_DECREF(size);
    if (w == NULL) {
        Py_XDECREF(r);
        return -1;
    }
    Py_XSETREF(self->reader, r);
    Py_XSETREF(self->writer, w);
    return 0;
}

static PyObject *
rwpair_forward(PyObject *target, const char *name, PyObject *const *args, Py_ssize_t nargs)
{
    if (target == NULL) {
        PyErr_SetString(PyExc_ValueError, "I/O operation on uninitialized object");
        return NULL;
    }
    PyObject *func = PyObject_GetAttrString(target, name);
    if (func == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_Vectorcall(func, args, (size_t)nargs, NULL);
    Py_DECREF(func);
    return res;
}

#define RWPAIR_FORWARD(fname, side, pyname)                                                        \
    static PyObject *fname(PyObject *op, PyObject *const *args, Py_ssize_t nargs)                  \
    {                                                                                              \
        return rwpair_forward(((rwpair *)op)->side, pyname, args, nargs);                          \
    }

RWPAIR_FORWARD(rwpair_read, reader, "read")
RWPAIR_FORWARD(rwpair_peek, reader, "peek")
RWPAIR_FORWARD(rwpair_read1, reader, "read1")
RWPAIR_FORWARD(rwpair_readinto, reader, "readinto")
RWPAIR_FORWARD(rwpair_readinto1, reader, "readinto1")
RWPAIR_FORWARD(rwpair_readable, reader, "readable")
RWPAIR_FORWARD(rwpair_write, writer, "write")
RWPAIR_FORWARD(rwpair_flush, writer, "flush")
RWPAIR_FORWARD(rwpair_writable, writer, "writable")

static PyObject *
rwpair_close(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    rwpair *self = (rwpair *)op;
    PyObject *res = rwpair_forward(self->writer, "close", NULL, 0);
    PyObject *t = NULL, *v = NULL, *tb = NULL;
    if (res == NULL) {
        PyErr_Fetch(&t, &v, &tb);
    }
    Py_XSETREF(res, rwpair_forward(self->reader, "close", NULL, 0));
    if (t != NULL) {
        if (res != NULL) {
            Py_CLEAR(res);
            PyErr_Restore(t, v, tb);
        } else {
            _PyErr_ChainExceptions(t, v, tb);
        }
    }
    return res;
}

static PyObject *
rwpair_isatty(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    rwpair *self = (rwpair *)op;
    PyObject *res = rwpair_forward(self->writer, "isatty", NULL, 0);
    if (res != Py_False) {
        return res;
    }
    Py_DECREF(res);
    return rwpair_forward(self->reader, "isatty", NULL, 0);
}

static PyObject *
rwpair_closed_get(PyObject *op, void *Py_UNUSED(closure))
{
    rwpair *self = (rwpair *)op;
    if (self->writer == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "the BufferedRWPair object is being garbage-collected");
        return NULL;
    }
    return PyObject_GetAttr(self->writer, pyrs_io_str.closed);
}

static int
rwpair_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(((rwpair *)op)->reader);
    Py_VISIT(((rwpair *)op)->writer);
    return pyrs_io_base_traverse(op, visit, arg);
}

static int
rwpair_clear(PyObject *op)
{
    Py_CLEAR(((rwpair *)op)->reader);
    Py_CLEAR(((rwpair *)op)->writer);
    pyrs_io_base_clear(op);
    return 0;
}

static void
rwpair_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    if (((rwpair *)op)->weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    rwpair_clear(op);
    Py_TYPE(op)->tp_free(op);
}

static PyMethodDef rwpair_methods[] = {
    {"read", FASTCALL(rwpair_read), NULL},           {"peek", FASTCALL(rwpair_peek), NULL},
    {"read1", FASTCALL(rwpair_read1), NULL},         {"readinto", FASTCALL(rwpair_readinto), NULL},
    {"readinto1", FASTCALL(rwpair_readinto1), NULL}, {"write", FASTCALL(rwpair_write), NULL},
    {"flush", FASTCALL(rwpair_flush), NULL},         {"readable", FASTCALL(rwpair_readable), NULL},
    {"writable", FASTCALL(rwpair_writable), NULL},   {"close", rwpair_close, METH_NOARGS, NULL},
    {"isatty", rwpair_isatty, METH_NOARGS, NULL},    {NULL, NULL, 0, NULL},
};

static PyGetSetDef rwpair_getset[] = {
    {"closed", rwpair_closed_get, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject pyrs_io_bufferedrwpair_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_io.BufferedRWPair",
    .tp_basicsize = sizeof(rwpair),
    .tp_dealloc = rwpair_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "A buffered reader and writer object together.",
    .tp_traverse = rwpair_traverse,
    .tp_clear = rwpair_clear,
    .tp_weaklistoffset = offsetof(rwpair, weakreflist),
    .tp_methods = rwpair_methods,
    .tp_getset = rwpair_getset,
    .tp_base = &pyrs_io_bufferediobase_type,
    .tp_dictoffset = offsetof(rwpair, dict),
    .tp_init = rwpair_init,
    .tp_new = PyType_GenericNew,
};
