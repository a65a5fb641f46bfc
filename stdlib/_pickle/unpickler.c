/* _pickle/unpickler.c: _pickle.Unpickler and its memo proxy: every opcode of protocols 0-5,
 * find_class with the Python 2 name mappings, persistent_load, out-of-band buffers, and the
 * exception types and messages CPython 3.11's _pickle gives for malformed data. */
#include "pickle.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    PyObject_HEAD
    PyObject **stack;         /* the object stack */
    Py_ssize_t stack_len;     /* objects on the stack */
    Py_ssize_t stack_cap;     /* slots allocated */
    Py_ssize_t fence;         /* stack position of the innermost MARK (0 without one) */
    int mark_set;             /* a MARK is open */
    Py_ssize_t *marks;        /* stack positions of the open MARKs */
    Py_ssize_t num_marks;     /* open MARKs */
    Py_ssize_t marks_size;    /* slots allocated in marks */
    PyObject **memo;          /* memo index -> object (NULL where unset) */
    Py_ssize_t memo_size;     /* slots allocated in memo */
    Py_ssize_t memo_len;      /* memo entries set */
    PyObject *pers_func;      /* persistent_load or NULL */
    PyObject *pers_func_self; /* borrowed self when pers_func is our own method */
    Py_buffer buffer;         /* loads() input (buffer.obj NULL otherwise) */
    PyObject *input_obj;      /* bytes last read from the file, or NULL */
    const char *input;        /* the bytes being parsed */
    Py_ssize_t input_len;     /* their length */
    Py_ssize_t next_read_idx; /* offset of the next byte to parse */
    char *line;               /* NUL-terminated copy of the last line read */
    Py_ssize_t line_size;     /* bytes allocated for line */
    PyObject *read;           /* file.read, or NULL */
    PyObject *readline;       /* file.readline, or NULL */
    PyObject *buffers;        /* iterator over out-of-band buffers, or NULL */
    char *encoding;           /* codec for Python 2 str (or "bytes") */
    char *errors;             /* its error handler */
    int proto;                /* protocol seen in PROTO, 0 before */
    int fix_imports;          /* map Python 2 names in find_class */
    int ready;                /* __init__ done */
} UnpicklerObject;

typedef struct {
    PyObject_HEAD
    UnpicklerObject *unpickler; /* the Unpickler whose memo this is */
} UnpicklerMemoProxyObject;

static int
unpickling_error(const char *msg)
{
    PyErr_SetString(pyrs_pickle_state.UnpicklingError, msg);
    return -1;
}

static int
bad_readline(void)
{
    return unpickling_error("pickle data was truncated");
}

/* ---- the stack ------------------------------------------------------------------------------ */

static int
stack_underflow(UnpicklerObject *self)
{
    return unpickling_error(self->mark_set ? "unexpected MARK found"
                                           : "unpickling stack underflow");
}

/* Pushes OBJ, stealing the reference (also on failure). */
static int
push(UnpicklerObject *self, PyObject *obj)
{
    if (obj == NULL) {
        return -1;
    }
    if (self->stack_len == self->stack_cap) {
        Py_ssize_t cap = self->stack_cap < 8 ? 8 : self->stack_cap + (self->stack_cap >> 1) + 8;
        PyObject **st = PyMem_Realloc(self->stack, (size_t)cap * sizeof(PyObject *));
        if (st == NULL) {
            Py_DECREF(obj);
            PyErr_NoMemory();
            return -1;
        }
        self->stack = st;
        self->stack_cap = cap;
    }
    self->stack[self->stack_len++] = obj;
    return 0;
}

/* Pops the top object (new reference), or NULL with an underflow error. */
static PyObject *
pop(UnpicklerObject *self)
{
    if (self->stack_len <= self->fence) {
        stack_underflow(self);
        return NULL;
    }
    return self->stack[--self->stack_len];
}

static void
stack_clear(UnpicklerObject *self, Py_ssize_t to)
{
    while (self->stack_len > to) {
        Py_DECREF(self->stack[--self->stack_len]);
    }
}

/* Pops the objects from START up as a tuple (LIST: a list). New reference or NULL. */
static PyObject *
pop_seq(UnpicklerObject *self, Py_ssize_t start, int list)
{
    if (start < self->fence) {
        stack_underflow(self);
        return NULL;
    }
    Py_ssize_t n = self->stack_len - start;
    PyObject *seq = list ? PyList_New(n) : PyTuple_New(n);
    if (seq == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = self->stack[start + i];
        if (list) {
            PyList_SET_ITEM(seq, i, item);
        } else {
            PyTuple_SET_ITEM(seq, i, item);
        }
    }
    self->stack_len = start;
    return seq;
}

/* Closes the innermost MARK: its stack position, or -1 with "could not find MARK". */
static Py_ssize_t
marker(UnpicklerObject *self)
{
    if (self->num_marks < 1) {
        return unpickling_error("could not find MARK");
    }
    Py_ssize_t mark = self->marks[--self->num_marks];
    self->mark_set = self->num_marks != 0;
    self->fence = self->num_marks ? self->marks[self->num_marks - 1] : 0;
    return mark;
}

/* ---- the memo ----------------------------------------------------------------------------------
 */

static PyObject *
memo_get(UnpicklerObject *self, Py_ssize_t idx)
{
    return idx >= 0 && idx < self->memo_size ? self->memo[idx] : NULL;
}

#define MEMO_MAX_INDEX ((Py_ssize_t)1 << 27)

static int
memo_put(UnpicklerObject *self, Py_ssize_t idx, PyObject *value)
{
    if (idx >= self->memo_size) {
        /* The memo is an array indexed by the (normally dense) memo ids. A corrupt pickle's
         * huge PUT index gives MemoryError, as CPython's failed allocation does, instead of
         * committing gigabytes. */
        if (idx > MEMO_MAX_INDEX) {
            PyErr_NoMemory();
            return -1;
        }
        Py_ssize_t size = idx * 2 + 1;
        PyObject **memo = PyMem_Realloc(self->memo, (size_t)size * sizeof(PyObject *));
        if (memo == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        memset(memo + self->memo_size, 0, (size_t)(size - self->memo_size) * sizeof(PyObject *));
        self->memo = memo;
        self->memo_size = size;
    }
    PyObject *old = self->memo[idx];
    self->memo[idx] = Py_NewRef(value);
    if (old == NULL) {
        self->memo_len++;
    }
    Py_XDECREF(old);
    return 0;
}

static void
memo_clear(UnpicklerObject *self)
{
    for (Py_ssize_t i = 0; i < self->memo_size; i++) {
        Py_CLEAR(self->memo[i]);
    }
    self->memo_len = 0;
}

/* ---- input ---------------------------------------------------------------------------------- */

/* Replaces the input with DATA (a bytes object, stolen) parsed from offset 0. */
static void
set_input_bytes(UnpicklerObject *self, PyObject *data)
{
    Py_XSETREF(self->input_obj, data);
    self->input = PyBytes_AS_STRING(data);
    self->input_len = PyBytes_GET_SIZE(data);
    self->next_read_idx = 0;
}

/* Calls the file's read/readline: new bytes reference or NULL. */
static PyObject *
call_reader(PyObject *func, Py_ssize_t n)
{
    PyObject *data;
    if (n < 0) {
        data = PyObject_CallNoArgs(func);
    } else {
        PyObject *arg = PyLong_FromSsize_t(n);
        if (arg == NULL) {
            return NULL;
        }
        data = PyObject_CallOneArg(func, arg);
        Py_DECREF(arg);
    }
    if (data != NULL && !PyBytes_Check(data)) {
        /* Any bytes-like result is accepted, copied into bytes. */
        Py_buffer view;
        PyObject *copy = NULL;
        if (PyObject_GetBuffer(data, &view, PyBUF_SIMPLE) == 0) {
            copy = PyBytes_FromStringAndSize(view.buf, view.len);
            PyBuffer_Release(&view);
        }
        Py_SETREF(data, copy);
    }
    return data;
}

/* Replaces the input with what FUNC returns (N bytes asked, or a line when N < 0). Unread
 * input is dropped: it is only ever left over when an opcode runs past the end of a FRAME,
 * and CPython's _pickle (reading a file without peek()) drops it too. 0 or -1. */
static int
refill(UnpicklerObject *self, PyObject *func, Py_ssize_t n)
{
    PyObject *data = call_reader(func, n);
    if (data == NULL) {
        return -1;
    }
    set_input_bytes(self, data);
    return 0;
}

/* Points *S at the next N bytes. 0, or -1 with "pickle data was truncated". */
static int
read_n(UnpicklerObject *self, const char **s, Py_ssize_t n)
{
    if (n > self->input_len - self->next_read_idx) {
        if (self->read == NULL) {
            return bad_readline();
        }
        if (refill(self, self->read, n) < 0) {
            return -1;
        }
        if (n > self->input_len) {
            return bad_readline();
        }
    }
    *s = self->input + self->next_read_idx;
    self->next_read_idx += n;
    return 0;
}

static int
copy_line(UnpicklerObject *self, const char *start, Py_ssize_t len, char **s)
{
    if (len + 1 > self->line_size) {
        char *line = PyMem_Realloc(self->line, (size_t)len + 1);
        if (line == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        self->line = line;
        self->line_size = len + 1;
    }
    memcpy(self->line, start, (size_t)len);
    self->line[len] = '\0';
    *s = self->line;
    return 0;
}

/* Reads a line ending in '\n' into a NUL-terminated buffer (*S, valid until the next line):
 * its length with the newline, or -1 ("pickle data was truncated" without a newline). */
static Py_ssize_t
read_line(UnpicklerObject *self, char **s)
{
    const char *start = self->input + self->next_read_idx;
    Py_ssize_t avail = self->input_len - self->next_read_idx;
    const char *nl = avail > 0 ? memchr(start, '\n', (size_t)avail) : NULL;
    if (nl == NULL) {
        if (self->readline == NULL) {
            return bad_readline();
        }
        if (refill(self, self->readline, -1) < 0) {
            return -1;
        }
        if (self->input_len == 0 || self->input[self->input_len - 1] != '\n') {
            return bad_readline();
        }
        start = self->input;
        nl = self->input + self->input_len - 1;
    }
    Py_ssize_t len = nl - start + 1;
    self->next_read_idx = (start - self->input) + len;
    return copy_line(self, start, len, s) < 0 ? -1 : len;
}

/* Little-endian unsigned size of N bytes, -1 when it does not fit a Py_ssize_t. */
static Py_ssize_t
calc_binsize(const char *s, int n)
{
    uint64_t x = 0;
    for (int i = n - 1; i >= 0; i--) {
        x = (x << 8) | (unsigned char)s[i];
    }
    return x > (uint64_t)PY_SSIZE_T_MAX ? -1 : (Py_ssize_t)x;
}

/* Little-endian integer of N bytes: unsigned for 1 and 2, signed for 4. */
static long
calc_binint(const char *s, int n)
{
    long x = (long)calc_binsize(s, n);
    if (n == 4 && x > 0x7fffffffL) {
        x -= 0x100000000L;
    }
    return x;
}

/* ---- opcodes: numbers ------------------------------------------------------------------------ */

static int
load_int(UnpicklerObject *self)
{
    char *s, *end;
    Py_ssize_t len = read_line(self, &s);
    if (len < 0) {
        return -1;
    }
    if (len < 2) {
        return bad_readline();
    }
    errno = 0;
    long x = strtol(s, &end, 0);
    if (errno || (*end != '\n' && *end != '\0')) {
        PyObject *value = PyLong_FromString(s, NULL, 0);
        if (value == NULL) {
            PyErr_SetString(PyExc_ValueError, "could not convert string to int");
            return -1;
        }
        return push(self, value);
    }
    if (len == 3 && (x == 0 || x == 1)) {
        return push(self, PyBool_FromLong(x));
    }
    return push(self, PyLong_FromLong(x));
}

static int
load_binint(UnpicklerObject *self, int n)
{
    const char *s;
    if (read_n(self, &s, n) < 0) {
        return -1;
    }
    return push(self, PyLong_FromLong(calc_binint(s, n)));
}

static int
load_long(UnpicklerObject *self)
{
    char *s;
    Py_ssize_t len = read_line(self, &s);
    if (len < 0) {
        return -1;
    }
    if (len < 2) {
        return bad_readline();
    }
    if (len >= 2 && s[len - 2] == 'L') {
        s[len - 2] = '\0';
    }
    return push(self, PyLong_FromString(s, NULL, 10));
}

static int
load_counted_long(UnpicklerObject *self, int n)
{
    const char *s;
    if (read_n(self, &s, n) < 0) {
        return -1;
    }
    Py_ssize_t size = n == 1 ? (Py_ssize_t)(unsigned char)s[0] : calc_binint(s, 4);
    if (size < 0) {
        return unpickling_error("LONG pickle has negative byte count");
    }
    if (size == 0) {
        return push(self, PyLong_FromLong(0));
    }
    if (read_n(self, &s, size) < 0) {
        return -1;
    }
    return push(self, _PyLong_FromByteArray((const unsigned char *)s, (size_t)size, 1, 1));
}

static int
load_float(UnpicklerObject *self)
{
    char *s, *end;
    Py_ssize_t len = read_line(self, &s);
    if (len < 0) {
        return -1;
    }
    if (len < 2) {
        return bad_readline();
    }
    double d = PyOS_string_to_double(s, &end, PyExc_OverflowError);
    if (d == -1.0 && PyErr_Occurred()) {
        return -1;
    }
    if (*end != '\n' && *end != '\0') {
        PyErr_SetString(PyExc_ValueError, "could not convert string to float");
        return -1;
    }
    return push(self, PyFloat_FromDouble(d));
}

static int
load_binfloat(UnpicklerObject *self)
{
    const char *s;
    if (read_n(self, &s, 8) < 0) {
        return -1;
    }
    double d = PyFloat_Unpack8(s, 0);
    if (d == -1.0 && PyErr_Occurred()) {
        return -1;
    }
    return push(self, PyFloat_FromDouble(d));
}

/* ---- opcodes: strings ----------------------------------------------------------------------- */

/* A Python 2 str: bytes with encoding 'bytes', else decoded. New reference or NULL. */
static PyObject *
decode_py2_str(UnpicklerObject *self, const char *s, Py_ssize_t n)
{
    if (strcmp(self->encoding, "bytes") == 0) {
        return PyBytes_FromStringAndSize(s, n);
    }
    return PyUnicode_Decode(s, n, self->encoding, self->errors);
}

static int
load_string(UnpicklerObject *self)
{
    char *s;
    Py_ssize_t len = read_line(self, &s);
    if (len < 0) {
        return -1;
    }
    if (len < 1) {
        return bad_readline();
    }
    len--;
    if (len < 2 || s[0] != s[len - 1] || (s[0] != '\'' && s[0] != '"')) {
        return unpickling_error("the STRING opcode argument must be quoted");
    }
    PyObject *bytes = PyBytes_DecodeEscape(s + 1, len - 2, NULL, 0, NULL);
    if (bytes == NULL) {
        return -1;
    }
    PyObject *obj = decode_py2_str(self, PyBytes_AS_STRING(bytes), PyBytes_GET_SIZE(bytes));
    Py_DECREF(bytes);
    return push(self, obj);
}

/* Reads an N-byte length: the length, or -1 (WHAT names the opcode in the overflow message). */
static Py_ssize_t
read_count(UnpicklerObject *self, int n, const char *what)
{
    const char *s;
    if (read_n(self, &s, n) < 0) {
        return -1;
    }
    Py_ssize_t size = calc_binsize(s, n);
    if (size < 0) {
        PyErr_Format(PyExc_OverflowError, "%s exceeds system's maximum size of %zd bytes", what,
                     PY_SSIZE_T_MAX);
    }
    return size;
}

/* Reads an N-byte length then that many bytes: the length, or -1. */
static Py_ssize_t
read_counted(UnpicklerObject *self, int n, const char *what, const char **data)
{
    Py_ssize_t size = read_count(self, n, what);
    if (size < 0 || read_n(self, data, size) < 0) {
        return -1;
    }
    return size;
}

static int
load_counted_binstring(UnpicklerObject *self, int n)
{
    const char *s;
    if (read_n(self, &s, n) < 0) {
        return -1;
    }
    Py_ssize_t size = calc_binsize(s, n);
    if (size < 0) {
        PyErr_Format(pyrs_pickle_state.UnpicklingError,
                     "BINSTRING exceeds system's maximum size of %zd bytes", PY_SSIZE_T_MAX);
        return -1;
    }
    if (read_n(self, &s, size) < 0) {
        return -1;
    }
    return push(self, decode_py2_str(self, s, size));
}

/* BINBYTES* and BYTEARRAY8: the object is allocated before its data is read, as CPython does
 * (so an absurd length gives MemoryError rather than a truncation error). */
static int
load_counted_binbytes(UnpicklerObject *self, int n, int bytearray)
{
    Py_ssize_t size = read_count(self, n, bytearray ? "BYTEARRAY8" : "BINBYTES");
    if (size < 0) {
        return -1;
    }
    PyObject *obj = bytearray ? PyByteArray_FromStringAndSize(NULL, size)
                              : PyBytes_FromStringAndSize(NULL, size);
    const char *s;
    if (obj == NULL || read_n(self, &s, size) < 0) {
        Py_XDECREF(obj);
        return -1;
    }
    memcpy(bytearray ? PyByteArray_AS_STRING(obj) : PyBytes_AS_STRING(obj), s, (size_t)size);
    return push(self, obj);
}

static int
load_unicode(UnpicklerObject *self)
{
    char *s;
    Py_ssize_t len = read_line(self, &s);
    if (len < 0) {
        return -1;
    }
    if (len < 1) {
        return bad_readline();
    }
    return push(self, PyUnicode_DecodeRawUnicodeEscape(s, len - 1, NULL));
}

static int
load_counted_binunicode(UnpicklerObject *self, int n)
{
    const char *s;
    Py_ssize_t size = read_counted(self, n, "BINUNICODE", &s);
    if (size < 0) {
        return -1;
    }
    return push(self, PyUnicode_DecodeUTF8(s, size, "surrogatepass"));
}

static int
load_next_buffer(UnpicklerObject *self)
{
    if (self->buffers == NULL) {
        return unpickling_error("pickle stream refers to out-of-band data but no *buffers* "
                                "argument was given");
    }
    PyObject *buf = PyIter_Next(self->buffers);
    if (buf == NULL) {
        return PyErr_Occurred() ? -1 : unpickling_error("not enough out-of-band buffers");
    }
    return push(self, buf);
}

static int
load_readonly_buffer(UnpicklerObject *self)
{
    if (self->stack_len <= self->fence) {
        return stack_underflow(self);
    }
    PyObject *obj = self->stack[self->stack_len - 1];
    PyObject *view = PyMemoryView_FromObject(obj);
    if (view == NULL) {
        return -1;
    }
    if (!PyMemoryView_GET_BUFFER(view)->readonly) {
        PyMemoryView_GET_BUFFER(view)->readonly = 1;
        self->stack[self->stack_len - 1] = view;
        Py_DECREF(obj);
    } else {
        Py_DECREF(view);
    }
    return 0;
}

/* ---- opcodes: containers --------------------------------------------------------------------- */

static int
load_counted_tuple(UnpicklerObject *self, Py_ssize_t n)
{
    if (self->stack_len < n) {
        return stack_underflow(self);
    }
    return push(self, pop_seq(self, self->stack_len - n, 0));
}

static int
load_mark_seq(UnpicklerObject *self, int list)
{
    Py_ssize_t i = marker(self);
    if (i < 0) {
        return -1;
    }
    return push(self, pop_seq(self, i, list));
}

static int
load_dict(UnpicklerObject *self)
{
    Py_ssize_t i = marker(self);
    if (i < 0) {
        return -1;
    }
    Py_ssize_t j = self->stack_len;
    if ((j - i) % 2 != 0) {
        return unpickling_error("odd number of items for DICT");
    }
    PyObject *dict = PyDict_New();
    if (dict == NULL) {
        return -1;
    }
    for (Py_ssize_t k = i + 1; k < j; k += 2) {
        if (PyDict_SetItem(dict, self->stack[k - 1], self->stack[k]) < 0) {
            Py_DECREF(dict);
            return -1;
        }
    }
    stack_clear(self, i);
    return push(self, dict);
}

static int
load_frozenset(UnpicklerObject *self)
{
    Py_ssize_t i = marker(self);
    if (i < 0) {
        return -1;
    }
    PyObject *items = pop_seq(self, i, 0);
    if (items == NULL) {
        return -1;
    }
    PyObject *fs = PyFrozenSet_New(items);
    Py_DECREF(items);
    return push(self, fs);
}

/* Extends the list-like object below position X with the items from X up. */
static int
do_append(UnpicklerObject *self, Py_ssize_t x)
{
    Py_ssize_t len = self->stack_len;
    if (x > len || x <= self->fence) {
        return stack_underflow(self);
    }
    if (len == x) {
        return 0;
    }
    PyObject *list = self->stack[x - 1];
    if (PyList_CheckExact(list)) {
        PyObject *slice = pop_seq(self, x, 1);
        if (slice == NULL) {
            return -1;
        }
        Py_ssize_t n = PyList_GET_SIZE(list);
        int r = PyList_SetSlice(list, n, n, slice);
        Py_DECREF(slice);
        return r;
    }
    PyObject *func;
    if (_PyObject_LookupAttr(list, PYRS_PICKLE_ID(extend), &func) < 0) {
        return -1;
    }
    if (func != NULL) {
        PyObject *slice = pop_seq(self, x, 1);
        PyObject *res = slice == NULL ? NULL : PyObject_CallOneArg(func, slice);
        Py_XDECREF(slice);
        Py_DECREF(func);
        if (res == NULL) {
            return -1;
        }
        Py_DECREF(res);
        return 0;
    }
    func = PyObject_GetAttr(list, PYRS_PICKLE_ID(append));
    if (func == NULL) {
        return -1;
    }
    int status = 0;
    for (Py_ssize_t i = x; i < len && status == 0; i++) {
        PyObject *res = PyObject_CallOneArg(func, self->stack[i]);
        if (res == NULL) {
            status = -1;
        }
        Py_XDECREF(res);
    }
    Py_DECREF(func);
    stack_clear(self, x);
    return status;
}

static int
do_setitems(UnpicklerObject *self, Py_ssize_t x)
{
    Py_ssize_t len = self->stack_len;
    if (x > len || x <= self->fence) {
        return stack_underflow(self);
    }
    if (len == x) {
        return 0;
    }
    if ((len - x) % 2 != 0) {
        return unpickling_error("odd number of items for SETITEMS");
    }
    PyObject *dict = self->stack[x - 1];
    int status = 0;
    for (Py_ssize_t i = x + 1; i < len; i += 2) {
        if (PyObject_SetItem(dict, self->stack[i - 1], self->stack[i]) < 0) {
            status = -1;
            break;
        }
    }
    stack_clear(self, x);
    return status;
}

static int
load_additems(UnpicklerObject *self)
{
    Py_ssize_t mark = marker(self);
    if (mark < 0) {
        return -1;
    }
    Py_ssize_t len = self->stack_len;
    if (mark > len || mark <= self->fence) {
        return stack_underflow(self);
    }
    if (len == mark) {
        return 0;
    }
    PyObject *set = self->stack[mark - 1];
    if (PySet_Check(set)) {
        PyObject *items = pop_seq(self, mark, 0);
        if (items == NULL) {
            return -1;
        }
        int r = _PySet_Update(set, items);
        Py_DECREF(items);
        return r;
    }
    PyObject *add = PyObject_GetAttr(set, PYRS_PICKLE_ID(add));
    if (add == NULL) {
        return -1;
    }
    int status = 0;
    for (Py_ssize_t i = mark; i < len && status == 0; i++) {
        PyObject *res = PyObject_CallOneArg(add, self->stack[i]);
        if (res == NULL) {
            status = -1;
        }
        Py_XDECREF(res);
    }
    Py_DECREF(add);
    stack_clear(self, mark);
    return status;
}

/* ---- opcodes: objects -------------------------------------------------------------------------
 */

static PyObject *
call_find_class(UnpicklerObject *self, PyObject *module_name, PyObject *name)
{
    return PyObject_CallMethodObjArgs((PyObject *)self, PYRS_PICKLE_ID(find_class), module_name,
                                      name, NULL);
}

/* CLS(*ARGS), except that a class without __getinitargs__ and no args gets cls.__new__(cls). */
static PyObject *
instantiate(PyObject *cls, PyObject *args)
{
    if (PyTuple_GET_SIZE(args) == 0 && PyType_Check(cls)) {
        PyObject *func;
        if (_PyObject_LookupAttr(cls, PYRS_PICKLE_ID(__getinitargs__), &func) < 0) {
            return NULL;
        }
        if (func == NULL) {
            return PyObject_CallMethodOneArg(cls, PYRS_PICKLE_ID(__new__), cls);
        }
        Py_DECREF(func);
    }
    return PyObject_CallObject(cls, args);
}

static int
load_obj(UnpicklerObject *self)
{
    Py_ssize_t i = marker(self);
    if (i < 0) {
        return -1;
    }
    if (self->stack_len - i < 1) {
        return stack_underflow(self);
    }
    PyObject *args = pop_seq(self, i + 1, 0);
    if (args == NULL) {
        return -1;
    }
    PyObject *cls = pop(self);
    PyObject *obj = cls == NULL ? NULL : instantiate(cls, args);
    Py_XDECREF(cls);
    Py_DECREF(args);
    return push(self, obj);
}

/* Reads "NAME\n" as ASCII (UTF8: as UTF-8) str. New reference or NULL. */
static PyObject *
read_name_line(UnpicklerObject *self, int utf8)
{
    char *s;
    Py_ssize_t len = read_line(self, &s);
    if (len < 0) {
        return NULL;
    }
    if (len < 2) {
        bad_readline();
        return NULL;
    }
    return utf8 ? PyUnicode_DecodeUTF8(s, len - 1, "strict")
                : PyUnicode_DecodeASCII(s, len - 1, "strict");
}

/* Reads the module and name lines of GLOBAL/INST and finds the class. */
static PyObject *
read_global(UnpicklerObject *self, int utf8)
{
    PyObject *module_name = read_name_line(self, utf8);
    if (module_name == NULL) {
        return NULL;
    }
    PyObject *name = read_name_line(self, utf8);
    PyObject *cls = name == NULL ? NULL : call_find_class(self, module_name, name);
    Py_DECREF(module_name);
    Py_XDECREF(name);
    return cls;
}

static int
load_inst(UnpicklerObject *self)
{
    Py_ssize_t i = marker(self);
    if (i < 0) {
        return -1;
    }
    PyObject *cls = read_global(self, 0);
    if (cls == NULL) {
        return -1;
    }
    PyObject *args = pop_seq(self, i, 0);
    PyObject *obj = args == NULL ? NULL : instantiate(cls, args);
    Py_XDECREF(args);
    Py_DECREF(cls);
    return push(self, obj);
}

static int
newobj_error(const char *fmt, int use_kwargs, PyObject *arg)
{
    PyErr_Format(pyrs_pickle_state.UnpicklingError, fmt, use_kwargs ? "NEWOBJ_EX" : "NEWOBJ",
                 Py_TYPE(arg)->tp_name);
    return -1;
}

static int
load_newobj(UnpicklerObject *self, int use_kwargs)
{
    PyObject *kwargs = NULL, *args = NULL, *cls = NULL, *obj = NULL;
    if (use_kwargs && (kwargs = pop(self)) == NULL) {
        return -1;
    }
    if ((args = pop(self)) == NULL || (cls = pop(self)) == NULL) {
        goto done;
    }
    if (!PyType_Check(cls)) {
        newobj_error("%s class argument must be a type, not %.200s", use_kwargs, cls);
    } else if (((PyTypeObject *)cls)->tp_new == NULL) {
        newobj_error("%s class argument '%.200s' doesn't have __new__", use_kwargs, cls);
    } else if (!PyTuple_Check(args)) {
        newobj_error("%s args argument must be a tuple, not %.200s", use_kwargs, args);
    } else if (use_kwargs && !PyDict_Check(kwargs)) {
        newobj_error("%s kwargs argument must be a dict, not %.200s", use_kwargs, kwargs);
    } else {
        obj = ((PyTypeObject *)cls)->tp_new((PyTypeObject *)cls, args, kwargs);
    }
done:
    Py_XDECREF(kwargs);
    Py_XDECREF(args);
    Py_XDECREF(cls);
    return obj == NULL ? -1 : push(self, obj);
}

static int
load_global(UnpicklerObject *self)
{
    return push(self, read_global(self, 1));
}

static int
load_stack_global(UnpicklerObject *self)
{
    PyObject *name = pop(self);
    PyObject *module_name = name == NULL ? NULL : pop(self);
    if (module_name == NULL || !PyUnicode_CheckExact(module_name) || !PyUnicode_CheckExact(name)) {
        Py_XDECREF(name);
        Py_XDECREF(module_name);
        return unpickling_error("STACK_GLOBAL requires str");
    }
    PyObject *global = call_find_class(self, module_name, name);
    Py_DECREF(name);
    Py_DECREF(module_name);
    return push(self, global);
}

static int
no_persistent_load(void)
{
    return unpickling_error("A load persistent id instruction was encountered,\nbut no "
                            "persistent_load function was specified.");
}

static int
load_persid(UnpicklerObject *self)
{
    if (self->pers_func == NULL) {
        return no_persistent_load();
    }
    char *s;
    Py_ssize_t len = read_line(self, &s);
    if (len < 0) {
        return -1;
    }
    if (len < 1) {
        return bad_readline();
    }
    PyObject *pid = PyUnicode_DecodeASCII(s, len - 1, "strict");
    if (pid == NULL) {
        if (PyErr_ExceptionMatches(PyExc_UnicodeDecodeError)) {
            unpickling_error("persistent IDs in protocol 0 must be ASCII strings");
        }
        return -1;
    }
    PyObject *obj = pyrs_pickle_call_method(self->pers_func, self->pers_func_self, pid);
    Py_DECREF(pid);
    return push(self, obj);
}

static int
load_binpersid(UnpicklerObject *self)
{
    if (self->pers_func == NULL) {
        return no_persistent_load();
    }
    PyObject *pid = pop(self);
    if (pid == NULL) {
        return -1;
    }
    PyObject *obj = pyrs_pickle_call_method(self->pers_func, self->pers_func_self, pid);
    Py_DECREF(pid);
    return push(self, obj);
}

static int
load_reduce(UnpicklerObject *self)
{
    PyObject *argtup = pop(self);
    if (argtup == NULL) {
        return -1;
    }
    PyObject *callable = pop(self);
    PyObject *obj = callable == NULL ? NULL : PyObject_CallObject(callable, argtup);
    Py_XDECREF(callable);
    Py_DECREF(argtup);
    return push(self, obj);
}

/* BUILD without __setstate__: STATE updates the instance dict, SLOTSTATE sets attributes. */
static int
build_default(PyObject *inst, PyObject *state, PyObject *slotstate)
{
    if (state != Py_None) {
        if (!PyDict_Check(state)) {
            return unpickling_error("state is not a dictionary");
        }
        PyObject *dict = PyObject_GetAttr(inst, PYRS_PICKLE_ID(__dict__));
        if (dict == NULL) {
            return -1;
        }
        Py_ssize_t i = 0;
        PyObject *key, *value;
        while (PyDict_Next(state, &i, &key, &value)) {
            Py_INCREF(key);
            if (PyUnicode_CheckExact(key)) {
                PyUnicode_InternInPlace(&key);
            }
            int r = PyObject_SetItem(dict, key, value);
            Py_DECREF(key);
            if (r < 0) {
                Py_DECREF(dict);
                return -1;
            }
        }
        Py_DECREF(dict);
    }
    if (slotstate != NULL) {
        if (!PyDict_Check(slotstate)) {
            return unpickling_error("slot state is not a dictionary");
        }
        Py_ssize_t i = 0;
        PyObject *key, *value;
        while (PyDict_Next(slotstate, &i, &key, &value)) {
            if (PyObject_SetAttr(inst, key, value) < 0) {
                return -1;
            }
        }
    }
    return 0;
}

static int
load_build(UnpicklerObject *self)
{
    if (self->stack_len - 2 < self->fence) {
        return stack_underflow(self);
    }
    PyObject *state = pop(self);
    if (state == NULL) {
        return -1;
    }
    PyObject *inst = self->stack[self->stack_len - 1];
    PyObject *setstate;
    if (_PyObject_LookupAttr(inst, PYRS_PICKLE_ID(__setstate__), &setstate) < 0) {
        Py_DECREF(state);
        return -1;
    }
    if (setstate != NULL) {
        PyObject *res = PyObject_CallOneArg(setstate, state);
        Py_DECREF(setstate);
        Py_DECREF(state);
        if (res == NULL) {
            return -1;
        }
        Py_DECREF(res);
        return 0;
    }
    int r;
    if (PyTuple_Check(state) && PyTuple_GET_SIZE(state) == 2) {
        r = build_default(inst, PyTuple_GET_ITEM(state, 0), PyTuple_GET_ITEM(state, 1));
    } else {
        r = build_default(inst, state, NULL);
    }
    Py_DECREF(state);
    return r;
}

static int
load_extension(UnpicklerObject *self, int n)
{
    PyrsPickleState *st = &pyrs_pickle_state;
    const char *s;
    if (read_n(self, &s, n) < 0) {
        return -1;
    }
    long code = calc_binint(s, n);
    if (code <= 0) {
        return unpickling_error("EXT specifies code <= 0");
    }
    PyObject *py_code = PyLong_FromLong(code);
    if (py_code == NULL) {
        return -1;
    }
    PyObject *obj = PyDict_GetItemWithError(st->extension_cache, py_code);
    if (obj != NULL || PyErr_Occurred()) {
        Py_DECREF(py_code);
        return obj == NULL ? -1 : push(self, Py_NewRef(obj));
    }
    PyObject *pair = PyDict_GetItemWithError(st->inverted_registry, py_code);
    if (pair == NULL) {
        Py_DECREF(py_code);
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_ValueError, "unregistered extension code %ld", code);
        }
        return -1;
    }
    if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2 ||
        !PyUnicode_Check(PyTuple_GET_ITEM(pair, 0)) ||
        !PyUnicode_Check(PyTuple_GET_ITEM(pair, 1))) {
        Py_DECREF(py_code);
        PyErr_Format(PyExc_ValueError, "_inverted_registry[%ld] isn't a 2-tuple of strings", code);
        return -1;
    }
    obj = call_find_class(self, PyTuple_GET_ITEM(pair, 0), PyTuple_GET_ITEM(pair, 1));
    if (obj == NULL || PyDict_SetItem(st->extension_cache, py_code, obj) < 0) {
        Py_DECREF(py_code);
        Py_XDECREF(obj);
        return -1;
    }
    Py_DECREF(py_code);
    return push(self, obj);
}

/* ---- opcodes: stack and memo ----------------------------------------------------------------- */

static int
load_mark(UnpicklerObject *self)
{
    if (self->num_marks >= self->marks_size) {
        Py_ssize_t size = self->marks_size + (self->marks_size >> 1) + 20;
        Py_ssize_t *marks = PyMem_Realloc(self->marks, (size_t)size * sizeof(Py_ssize_t));
        if (marks == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        self->marks = marks;
        self->marks_size = size;
    }
    self->mark_set = 1;
    self->marks[self->num_marks++] = self->fence = self->stack_len;
    return 0;
}

static int
load_pop(UnpicklerObject *self)
{
    Py_ssize_t len = self->stack_len;
    if (self->num_marks > 0 && self->marks[self->num_marks - 1] == len) {
        /* The top of the pickle.py stack is a MARK: drop it. */
        self->num_marks--;
        self->mark_set = self->num_marks != 0;
        self->fence = self->num_marks ? self->marks[self->num_marks - 1] : 0;
        return 0;
    }
    if (len <= self->fence) {
        return stack_underflow(self);
    }
    stack_clear(self, len - 1);
    return 0;
}

static int
load_pop_mark(UnpicklerObject *self)
{
    Py_ssize_t i = marker(self);
    if (i < 0) {
        return -1;
    }
    stack_clear(self, i);
    return 0;
}

static int
load_dup(UnpicklerObject *self)
{
    if (self->stack_len <= self->fence) {
        return stack_underflow(self);
    }
    return push(self, Py_NewRef(self->stack[self->stack_len - 1]));
}

static int
memo_not_found(Py_ssize_t idx)
{
    if (!PyErr_Occurred()) {
        PyErr_Format(pyrs_pickle_state.UnpicklingError, "Memo value not found at index %zd", idx);
    }
    return -1;
}

/* Parses the decimal memo index of GET/PUT: 0, or -1 with the int() error. */
static int
read_memo_index(UnpicklerObject *self, Py_ssize_t *idx)
{
    char *s;
    Py_ssize_t len = read_line(self, &s);
    if (len < 0) {
        return -1;
    }
    if (len < 2) {
        return bad_readline();
    }
    PyObject *key = PyLong_FromString(s, NULL, 10);
    if (key == NULL) {
        return -1;
    }
    *idx = PyLong_AsSsize_t(key);
    Py_DECREF(key);
    return *idx == -1 && PyErr_Occurred() ? -1 : 0;
}

static int
load_get(UnpicklerObject *self)
{
    Py_ssize_t idx;
    if (read_memo_index(self, &idx) < 0) {
        return -1;
    }
    PyObject *value = memo_get(self, idx);
    return value == NULL ? memo_not_found(idx) : push(self, Py_NewRef(value));
}

static int
load_binget(UnpicklerObject *self, int n)
{
    const char *s;
    if (read_n(self, &s, n) < 0) {
        return -1;
    }
    Py_ssize_t idx = calc_binsize(s, n);
    PyObject *value = memo_get(self, idx);
    return value == NULL ? memo_not_found(idx) : push(self, Py_NewRef(value));
}

static int
load_put(UnpicklerObject *self)
{
    char *s;
    Py_ssize_t len = read_line(self, &s);
    if (len < 0) {
        return -1;
    }
    if (len < 2) {
        return bad_readline();
    }
    if (self->stack_len <= self->fence) {
        return stack_underflow(self);
    }
    PyObject *key = PyLong_FromString(s, NULL, 10);
    if (key == NULL) {
        return -1;
    }
    Py_ssize_t idx = PyLong_AsSsize_t(key);
    Py_DECREF(key);
    if (idx < 0) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "negative PUT argument");
        }
        return -1;
    }
    return memo_put(self, idx, self->stack[self->stack_len - 1]);
}

static int
load_binput(UnpicklerObject *self, int n)
{
    const char *s;
    if (read_n(self, &s, n) < 0) {
        return -1;
    }
    if (self->stack_len <= self->fence) {
        return stack_underflow(self);
    }
    Py_ssize_t idx = calc_binsize(s, n);
    if (idx < 0) {
        PyErr_SetString(PyExc_ValueError, "negative LONG_BINPUT argument");
        return -1;
    }
    return memo_put(self, idx, self->stack[self->stack_len - 1]);
}

static int
load_memoize(UnpicklerObject *self)
{
    if (self->stack_len <= self->fence) {
        return stack_underflow(self);
    }
    return memo_put(self, self->memo_len, self->stack[self->stack_len - 1]);
}

static int
load_proto(UnpicklerObject *self)
{
    const char *s;
    if (read_n(self, &s, 1) < 0) {
        return -1;
    }
    int i = (unsigned char)s[0];
    if (i > PYRS_PICKLE_HIGHEST_PROTOCOL) {
        PyErr_Format(PyExc_ValueError, "unsupported pickle protocol: %d", i);
        return -1;
    }
    self->proto = i;
    return 0;
}

static int
load_frame(UnpicklerObject *self)
{
    const char *s;
    if (read_n(self, &s, 8) < 0) {
        return -1;
    }
    Py_ssize_t len = calc_binsize(s, 8);
    if (len < 0) {
        PyErr_Format(PyExc_OverflowError, "FRAME length exceeds system's maximum of %zd bytes",
                     PY_SSIZE_T_MAX);
        return -1;
    }
    if (read_n(self, &s, len) < 0) {
        return -1;
    }
    /* The frame is now buffered: parse it from its start. */
    self->next_read_idx -= len;
    return 0;
}

/* ---- the loop
 * ------------------------------------------------------------------------------------ */

static int
invalid_load_key(unsigned char c)
{
    if (c >= 0x20 && c <= 0x7e && c != '\'' && c != '\\') {
        PyErr_Format(pyrs_pickle_state.UnpicklingError, "invalid load key, '%c'.", c);
    } else {
        PyErr_Format(pyrs_pickle_state.UnpicklingError, "invalid load key, '\\x%02x'.", c);
    }
    return -1;
}

/* Runs opcode OP: 0, or -1 with an exception. */
static int
dispatch(UnpicklerObject *self, unsigned char op)
{
    switch (op) {
    case OP_NONE:
        return push(self, Py_NewRef(Py_None));
    case OP_NEWTRUE:
        return push(self, Py_NewRef(Py_True));
    case OP_NEWFALSE:
        return push(self, Py_NewRef(Py_False));
    case OP_BININT:
        return load_binint(self, 4);
    case OP_BININT1:
        return load_binint(self, 1);
    case OP_BININT2:
        return load_binint(self, 2);
    case OP_INT:
        return load_int(self);
    case OP_LONG:
        return load_long(self);
    case OP_LONG1:
        return load_counted_long(self, 1);
    case OP_LONG4:
        return load_counted_long(self, 4);
    case OP_FLOAT:
        return load_float(self);
    case OP_BINFLOAT:
        return load_binfloat(self);
    case OP_SHORT_BINBYTES:
        return load_counted_binbytes(self, 1, 0);
    case OP_BINBYTES:
        return load_counted_binbytes(self, 4, 0);
    case OP_BINBYTES8:
        return load_counted_binbytes(self, 8, 0);
    case OP_BYTEARRAY8:
        return load_counted_binbytes(self, 8, 1);
    case OP_NEXT_BUFFER:
        return load_next_buffer(self);
    case OP_READONLY_BUFFER:
        return load_readonly_buffer(self);
    case OP_SHORT_BINSTRING:
        return load_counted_binstring(self, 1);
    case OP_BINSTRING:
        return load_counted_binstring(self, 4);
    case OP_STRING:
        return load_string(self);
    case OP_UNICODE:
        return load_unicode(self);
    case OP_SHORT_BINUNICODE:
        return load_counted_binunicode(self, 1);
    case OP_BINUNICODE:
        return load_counted_binunicode(self, 4);
    case OP_BINUNICODE8:
        return load_counted_binunicode(self, 8);
    case OP_EMPTY_TUPLE:
        return load_counted_tuple(self, 0);
    case OP_TUPLE1:
        return load_counted_tuple(self, 1);
    case OP_TUPLE2:
        return load_counted_tuple(self, 2);
    case OP_TUPLE3:
        return load_counted_tuple(self, 3);
    case OP_TUPLE:
        return load_mark_seq(self, 0);
    case OP_EMPTY_LIST:
        return push(self, PyList_New(0));
    case OP_EMPTY_DICT:
        return push(self, PyDict_New());
    case OP_EMPTY_SET:
        return push(self, PySet_New(NULL));
    case OP_LIST:
        return load_mark_seq(self, 1);
    case OP_DICT:
        return load_dict(self);
    case OP_FROZENSET:
        return load_frozenset(self);
    case OP_OBJ:
        return load_obj(self);
    case OP_INST:
        return load_inst(self);
    case OP_NEWOBJ:
        return load_newobj(self, 0);
    case OP_NEWOBJ_EX:
        return load_newobj(self, 1);
    case OP_GLOBAL:
        return load_global(self);
    case OP_STACK_GLOBAL:
        return load_stack_global(self);
    case OP_APPEND:
        return do_append(self, self->stack_len - 1);
    case OP_APPENDS: {
        Py_ssize_t i = marker(self);
        return i < 0 ? -1 : do_append(self, i);
    }
    case OP_BUILD:
        return load_build(self);
    case OP_DUP:
        return load_dup(self);
    case OP_BINGET:
        return load_binget(self, 1);
    case OP_LONG_BINGET:
        return load_binget(self, 4);
    case OP_GET:
        return load_get(self);
    case OP_MARK:
        return load_mark(self);
    case OP_BINPUT:
        return load_binput(self, 1);
    case OP_LONG_BINPUT:
        return load_binput(self, 4);
    case OP_PUT:
        return load_put(self);
    case OP_MEMOIZE:
        return load_memoize(self);
    case OP_POP:
        return load_pop(self);
    case OP_POP_MARK:
        return load_pop_mark(self);
    case OP_SETITEM:
        return do_setitems(self, self->stack_len - 2);
    case OP_SETITEMS: {
        Py_ssize_t i = marker(self);
        return i < 0 ? -1 : do_setitems(self, i);
    }
    case OP_ADDITEMS:
        return load_additems(self);
    case OP_PERSID:
        return load_persid(self);
    case OP_BINPERSID:
        return load_binpersid(self);
    case OP_REDUCE:
        return load_reduce(self);
    case OP_PROTO:
        return load_proto(self);
    case OP_FRAME:
        return load_frame(self);
    case OP_EXT1:
        return load_extension(self, 1);
    case OP_EXT2:
        return load_extension(self, 2);
    case OP_EXT4:
        return load_extension(self, 4);
    default:
        return invalid_load_key(op);
    }
}

PyObject *
pyrs_pickle_unpickler_load(PyObject *unpickler)
{
    UnpicklerObject *self = (UnpicklerObject *)unpickler;
    self->num_marks = 0;
    self->mark_set = 0;
    self->fence = 0;
    self->proto = 0;
    stack_clear(self, 0);
    for (;;) {
        const char *s;
        if (read_n(self, &s, 1) < 0) {
            if (PyErr_ExceptionMatches(pyrs_pickle_state.UnpicklingError)) {
                PyErr_SetString(PyExc_EOFError, "Ran out of input");
            }
            return NULL;
        }
        unsigned char op = (unsigned char)s[0];
        if (op == OP_STOP) {
            break;
        }
        if (dispatch(self, op) < 0) {
            return NULL;
        }
    }
    return pop(self);
}

/* ---- Unpickler type
 * ------------------------------------------------------------------------------ */

static int
unpickler_clear(UnpicklerObject *self)
{
    stack_clear(self, 0);
    memo_clear(self);
    Py_CLEAR(self->pers_func);
    self->pers_func_self = NULL;
    Py_CLEAR(self->read);
    Py_CLEAR(self->readline);
    Py_CLEAR(self->buffers);
    Py_CLEAR(self->input_obj);
    if (self->buffer.obj != NULL) {
        PyBuffer_Release(&self->buffer);
        self->buffer.obj = NULL;
    }
    self->input = NULL;
    self->input_len = 0;
    self->next_read_idx = 0;
    return 0;
}

static void
unpickler_dealloc(UnpicklerObject *self)
{
    PyObject_GC_UnTrack(self);
    unpickler_clear(self);
    PyMem_Free(self->stack);
    PyMem_Free(self->marks);
    PyMem_Free(self->memo);
    PyMem_Free(self->line);
    PyMem_Free(self->encoding);
    PyMem_Free(self->errors);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
unpickler_traverse(UnpicklerObject *self, visitproc visit, void *arg)
{
    for (Py_ssize_t i = 0; i < self->stack_len; i++) {
        Py_VISIT(self->stack[i]);
    }
    for (Py_ssize_t i = 0; i < self->memo_size; i++) {
        Py_VISIT(self->memo[i]);
    }
    Py_VISIT(self->pers_func);
    Py_VISIT(self->read);
    Py_VISIT(self->readline);
    Py_VISIT(self->buffers);
    Py_VISIT(self->buffer.obj);
    return 0;
}

static PyObject *
unpickler_tp_new(PyTypeObject *tp, PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))
{
    UnpicklerObject *self = (UnpicklerObject *)tp->tp_alloc(tp, 0);
    return (PyObject *)self;
}

/* Sets the options every Unpickler has. 0 or -1. */
static int
setup(UnpicklerObject *self, int fix_imports, const char *encoding, const char *errors,
      PyObject *buffers)
{
    PyMem_Free(self->encoding);
    PyMem_Free(self->errors);
    self->encoding = _PyMem_Strdup(encoding == NULL ? "ASCII" : encoding);
    self->errors = _PyMem_Strdup(errors == NULL ? "strict" : errors);
    if (self->encoding == NULL || self->errors == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    if (buffers != NULL && buffers != Py_None) {
        self->buffers = PyObject_GetIter(buffers);
        if (self->buffers == NULL) {
            return -1;
        }
    }
    self->fix_imports = fix_imports;
    if (self->memo == NULL) {
        self->memo = PyMem_Calloc(32, sizeof(PyObject *));
        if (self->memo == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        self->memo_size = 32;
    }
    self->proto = 0;
    self->ready = 1;
    return 0;
}

/* Takes read and readline from FILE. 0 or -1. */
static int
set_input_stream(UnpicklerObject *self, PyObject *file)
{
    if (_PyObject_LookupAttr(file, PYRS_PICKLE_ID(read), &self->read) < 0 ||
        _PyObject_LookupAttr(file, PYRS_PICKLE_ID(readline), &self->readline) < 0) {
        return -1;
    }
    if (self->read == NULL || self->readline == NULL) {
        Py_CLEAR(self->read);
        Py_CLEAR(self->readline);
        PyErr_SetString(PyExc_TypeError, "file must have 'read' and 'readline' attributes");
        return -1;
    }
    return 0;
}

static int
unpickler_init(UnpicklerObject *self, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"file", "fix_imports", "encoding", "errors", "buffers", NULL};
    PyObject *file, *buffers = NULL;
    int fix = 1;
    const char *encoding = "ASCII", *errors = "strict";
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|$pssO:Unpickler", (char **)kwlist, &file, &fix,
                                     &encoding, &errors, &buffers)) {
        return -1;
    }
    if (self->ready) {
        unpickler_clear(self);
    }
    if (set_input_stream(self, file) < 0 || setup(self, fix, encoding, errors, buffers) < 0) {
        return -1;
    }
    return pyrs_pickle_method_ref((PyObject *)self, "persistent_load", &self->pers_func,
                                  &self->pers_func_self);
}

PyObject *
pyrs_pickle_unpickler_new(PyObject *file, PyObject *data, int fix_imports, const char *encoding,
                          const char *errors, PyObject *buffers)
{
    UnpicklerObject *self =
        (UnpicklerObject *)unpickler_tp_new(&pyrs_pickle_unpickler_type, NULL, NULL);
    if (self == NULL) {
        return NULL;
    }
    if (file != NULL) {
        if (set_input_stream(self, file) < 0) {
            goto error;
        }
    } else {
        if (PyObject_GetBuffer(data, &self->buffer, PyBUF_CONTIG_RO) < 0) {
            self->buffer.obj = NULL;
            goto error;
        }
        self->input = self->buffer.buf;
        self->input_len = self->buffer.len;
    }
    if (setup(self, fix_imports, encoding, errors, buffers) < 0) {
        goto error;
    }
    return (PyObject *)self;
error:
    Py_DECREF(self);
    return NULL;
}

static PyObject *
unpickler_load_meth(UnpicklerObject *self, PyObject *Py_UNUSED(ignored))
{
    if (!self->ready) {
        PyErr_Format(pyrs_pickle_state.UnpicklingError,
                     "Unpickler.__init__() was not called by %s.__init__()",
                     Py_TYPE(self)->tp_name);
        return NULL;
    }
    return pyrs_pickle_unpickler_load((PyObject *)self);
}

/* Maps a Python 2 (module, name) to Python 3 through _compat_pickle's tables; the results
 * are borrowed from the tables or the arguments. 0 or -1. */
static int
map_2to3(PyObject **module_name, PyObject **name)
{
    PyrsPickleState *st = &pyrs_pickle_state;
    PyObject *key = PyTuple_Pack(2, *module_name, *name);
    if (key == NULL) {
        return -1;
    }
    PyObject *item = PyDict_GetItemWithError(st->name_mapping_2to3, key);
    Py_DECREF(key);
    if (item != NULL) {
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2) {
            PyErr_Format(PyExc_RuntimeError,
                         "_compat_pickle.NAME_MAPPING values should be 2-tuples, not %.200s",
                         Py_TYPE(item)->tp_name);
            return -1;
        }
        PyObject *m = PyTuple_GET_ITEM(item, 0), *g = PyTuple_GET_ITEM(item, 1);
        if (!PyUnicode_Check(m) || !PyUnicode_Check(g)) {
            PyErr_Format(PyExc_RuntimeError,
                         "_compat_pickle.NAME_MAPPING values should be pairs of str, not "
                         "(%.200s, %.200s)",
                         Py_TYPE(m)->tp_name, Py_TYPE(g)->tp_name);
            return -1;
        }
        *module_name = m;
        *name = g;
        return 0;
    }
    if (PyErr_Occurred()) {
        return -1;
    }
    item = PyDict_GetItemWithError(st->import_mapping_2to3, *module_name);
    if (item != NULL) {
        if (!PyUnicode_Check(item)) {
            PyErr_Format(PyExc_RuntimeError,
                         "_compat_pickle.IMPORT_MAPPING values should be strings, not %.200s",
                         Py_TYPE(item)->tp_name);
            return -1;
        }
        *module_name = item;
    }
    return PyErr_Occurred() ? -1 : 0;
}

/* getattr(OBJ, NAME), following dots when ALLOW_QUALNAME. New reference or NULL. */
static PyObject *
getattribute(PyObject *obj, PyObject *name, int allow_qualname)
{
    PyObject *attr = NULL;
    if (allow_qualname) {
        PyObject *path = pyrs_pickle_dotted_path(obj, name);
        if (path == NULL) {
            return NULL;
        }
        attr = pyrs_pickle_deep_attr(obj, path, NULL);
        Py_DECREF(path);
    } else if (_PyObject_LookupAttr(obj, name, &attr) < 0) {
        return NULL;
    }
    if (attr == NULL && !PyErr_Occurred()) {
        PyErr_Format(PyExc_AttributeError, "Can't get attribute %R on %R", name, obj);
    }
    return attr;
}

static PyObject *
unpickler_find_class(UnpicklerObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "find_class expected 2 arguments, got %zd", nargs);
        return NULL;
    }
    PyObject *module_name = args[0], *name = args[1];
    if (PySys_Audit("pickle.find_class", "OO", module_name, name) < 0) {
        return NULL;
    }
    if (self->proto < 3 && self->fix_imports && map_2to3(&module_name, &name) < 0) {
        return NULL;
    }
    PyObject *module = PyImport_Import(module_name);
    if (module == NULL) {
        return NULL;
    }
    PyObject *res = getattribute(module, name, self->proto >= 4);
    Py_DECREF(module);
    return res;
}

static PyObject *
unpickler_sizeof(UnpicklerObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_ssize_t size = (Py_ssize_t)sizeof(UnpicklerObject) +
                      self->memo_size * (Py_ssize_t)sizeof(PyObject *) +
                      self->marks_size * (Py_ssize_t)sizeof(Py_ssize_t) + self->line_size +
                      self->stack_cap * (Py_ssize_t)sizeof(PyObject *);
    if (self->encoding != NULL) {
        size += (Py_ssize_t)strlen(self->encoding) + 1;
    }
    if (self->errors != NULL) {
        size += (Py_ssize_t)strlen(self->errors) + 1;
    }
    return PyLong_FromSsize_t(size);
}

static PyMethodDef unpickler_methods[] = {
    {"load", (PyCFunction)unpickler_load_meth, METH_NOARGS,
     "load($self, /)\n--\n\nLoad a pickle.\n\nRead a pickled object representation from the open "
     "file object given in\nthe constructor, and return the reconstituted object hierarchy "
     "specified\ntherein."},
    {"find_class", (PyCFunction)(void (*)(void))unpickler_find_class, METH_FASTCALL,
     "find_class($self, module_name, global_name, /)\n--\n\nReturn an object from a specified "
     "module."},
    {"__sizeof__", (PyCFunction)unpickler_sizeof, METH_NOARGS,
     "__sizeof__($self, /)\n--\n\nReturns size in memory, in bytes."},
    {NULL, NULL, 0, NULL},
};

static PyObject *
memo_as_dict(UnpicklerObject *self)
{
    PyObject *d = PyDict_New();
    if (d == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < self->memo_size; i++) {
        if (self->memo[i] == NULL) {
            continue;
        }
        PyObject *key = PyLong_FromSsize_t(i);
        if (key == NULL || PyDict_SetItem(d, key, self->memo[i]) < 0) {
            Py_XDECREF(key);
            Py_DECREF(d);
            return NULL;
        }
        Py_DECREF(key);
    }
    return d;
}

static PyObject *
unpickler_get_memo(UnpicklerObject *self, void *Py_UNUSED(closure))
{
    UnpicklerMemoProxyObject *proxy =
        PyObject_GC_New(UnpicklerMemoProxyObject, &pyrs_pickle_umemoproxy_type);
    if (proxy == NULL) {
        return NULL;
    }
    proxy->unpickler = (UnpicklerObject *)Py_NewRef(self);
    PyObject_GC_Track(proxy);
    return (PyObject *)proxy;
}

static int
unpickler_set_memo(UnpicklerObject *self, PyObject *value, void *Py_UNUSED(closure))
{
    if (value == NULL) {
        PyErr_SetString(PyExc_TypeError, "attribute deletion is not supported");
        return -1;
    }
    PyObject *d;
    if (Py_IS_TYPE(value, &pyrs_pickle_umemoproxy_type)) {
        d = memo_as_dict(((UnpicklerMemoProxyObject *)value)->unpickler);
        if (d == NULL) {
            return -1;
        }
    } else if (PyDict_Check(value)) {
        d = Py_NewRef(value);
    } else {
        PyErr_Format(PyExc_TypeError,
                     "'memo' attribute must be an UnpicklerMemoProxy object or dict, not %.200s",
                     Py_TYPE(value)->tp_name);
        return -1;
    }
    Py_ssize_t pos = 0;
    PyObject *key, *obj;
    while (PyDict_Next(d, &pos, &key, &obj)) {
        if (!PyLong_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "memo key must be integers");
            goto error;
        }
        Py_ssize_t idx = PyLong_AsSsize_t(key);
        if (idx == -1 && PyErr_Occurred()) {
            goto error;
        }
        if (idx < 0) {
            PyErr_SetString(PyExc_ValueError, "memo key must be positive integers.");
            goto error;
        }
    }
    memo_clear(self);
    /* CPython 3.11 copies a proxy's entries but ends up with an empty memo for a dict (it
     * fills the memo it is about to replace); both are mirrored. */
    if (!PyDict_Check(value)) {
        pos = 0;
        while (PyDict_Next(d, &pos, &key, &obj)) {
            if (memo_put(self, PyLong_AsSsize_t(key), obj) < 0) {
                goto error;
            }
        }
    }
    Py_DECREF(d);
    return 0;
error:
    Py_DECREF(d);
    return -1;
}

static PyObject *
unpickler_get_persload(UnpicklerObject *self, void *Py_UNUSED(closure))
{
    if (self->pers_func == NULL) {
        PyErr_SetString(PyExc_AttributeError, "persistent_load");
        return NULL;
    }
    if (self->pers_func_self != NULL) {
        return PyMethod_New(self->pers_func, self->pers_func_self);
    }
    return Py_NewRef(self->pers_func);
}

static int
unpickler_set_persload(UnpicklerObject *self, PyObject *value, void *Py_UNUSED(closure))
{
    if (value == NULL) {
        PyErr_SetString(PyExc_TypeError, "attribute deletion is not supported");
        return -1;
    }
    if (!PyCallable_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "persistent_load must be a callable taking one argument");
        return -1;
    }
    self->pers_func_self = NULL;
    Py_XSETREF(self->pers_func, Py_NewRef(value));
    return 0;
}

static PyGetSetDef unpickler_getsets[] = {
    {"memo", (getter)unpickler_get_memo, (setter)unpickler_set_memo, NULL, NULL},
    {"persistent_load", (getter)unpickler_get_persload, (setter)unpickler_set_persload, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject pyrs_pickle_unpickler_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_pickle.Unpickler",
    .tp_doc = "Unpickler(file, *, fix_imports=True, encoding='ASCII', errors='strict', "
              "buffers=())\n--\n\nThis takes a binary file for reading a pickle data stream.",
    .tp_basicsize = sizeof(UnpicklerObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_new = unpickler_tp_new,
    .tp_init = (initproc)unpickler_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_dealloc = (destructor)unpickler_dealloc,
    .tp_traverse = (traverseproc)unpickler_traverse,
    .tp_clear = (inquiry)unpickler_clear,
    .tp_methods = unpickler_methods,
    .tp_getset = unpickler_getsets,
    .tp_free = PyObject_GC_Del,
};

/* ---- UnpicklerMemoProxy ------------------------------------------------------------------------
 */

static PyObject *
umemoproxy_copy(UnpicklerMemoProxyObject *self, PyObject *Py_UNUSED(ignored))
{
    return memo_as_dict(self->unpickler);
}

static PyObject *
umemoproxy_clear(UnpicklerMemoProxyObject *self, PyObject *Py_UNUSED(ignored))
{
    memo_clear(self->unpickler);
    Py_RETURN_NONE;
}

static PyObject *
umemoproxy_reduce(UnpicklerMemoProxyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *contents = memo_as_dict(self->unpickler);
    if (contents == NULL) {
        return NULL;
    }
    return Py_BuildValue("(O(N))", (PyObject *)&PyDict_Type, contents);
}

static PyMethodDef umemoproxy_methods[] = {
    {"clear", (PyCFunction)umemoproxy_clear, METH_NOARGS,
     "clear($self, /)\n--\n\nRemove all items from memo."},
    {"copy", (PyCFunction)umemoproxy_copy, METH_NOARGS,
     "copy($self, /)\n--\n\nCopy the memo to a new object."},
    {"__reduce__", (PyCFunction)umemoproxy_reduce, METH_NOARGS,
     "__reduce__($self, /)\n--\n\nImplement pickling support."},
    {NULL, NULL, 0, NULL},
};

static void
umemoproxy_dealloc(UnpicklerMemoProxyObject *self)
{
    PyObject_GC_UnTrack(self);
    Py_CLEAR(self->unpickler);
    PyObject_GC_Del(self);
}

static int
umemoproxy_traverse(UnpicklerMemoProxyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->unpickler);
    return 0;
}

static int
umemoproxy_clear_refs(UnpicklerMemoProxyObject *self)
{
    Py_CLEAR(self->unpickler);
    return 0;
}

PyTypeObject pyrs_pickle_umemoproxy_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_pickle.UnpicklerMemoProxy",
    .tp_basicsize = sizeof(UnpicklerMemoProxyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = (destructor)umemoproxy_dealloc,
    .tp_traverse = (traverseproc)umemoproxy_traverse,
    .tp_clear = (inquiry)umemoproxy_clear_refs,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_methods = umemoproxy_methods,
    .tp_free = PyObject_GC_Del,
};
