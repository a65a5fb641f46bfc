/* stdlib/_csv.c: the _csv module as CPython 3.11 has it: Dialect objects with their argument
 * validation, reader (the character state machine, NUL characters allowed, field size
 * limit), writer (quoting and escaping), the dialect registry, field_size_limit, Error and
 * the QUOTE_* constants, with CPython's messages. */
#include "Python.h"

#include <string.h>

#include "structmember.h"

#define NOT_SET ((Py_UCS4)-1) /* no quotechar / escapechar */
#define EOL     ((Py_UCS4)-2) /* end of one input line, fed to the state machine */

enum { QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE };

static PyObject *csv_error;    /* _csv.Error */
static PyObject *csv_dialects; /* the registry: name -> Dialect */
static long csv_field_limit = 128 * 1024;

/* ---- Dialect ---- */

typedef struct {
    PyObject_HEAD
    char doublequote;         /* "" stands for " inside quotes */
    char skipinitialspace;    /* spaces after a delimiter are dropped */
    char strict;              /* malformed input raises Error */
    int quoting;              /* QUOTE_* */
    Py_UCS4 delimiter;        /* field separator */
    Py_UCS4 quotechar;        /* or NOT_SET */
    Py_UCS4 escapechar;       /* or NOT_SET */
    PyObject *lineterminator; /* str written after each record */
} DialectObj;

static PyTypeObject Dialect_Type;

static PyObject *
char_or_none(Py_UCS4 c)
{
    if (c == NOT_SET) {
        Py_RETURN_NONE;
    }
    return PyUnicode_FromOrdinal((int)c);
}

static PyObject *
dialect_get_delimiter(DialectObj *self, void *Py_UNUSED(c))
{
    return char_or_none(self->delimiter);
}

static PyObject *
dialect_get_escapechar(DialectObj *self, void *Py_UNUSED(c))
{
    return char_or_none(self->escapechar);
}

static PyObject *
dialect_get_quotechar(DialectObj *self, void *Py_UNUSED(c))
{
    return char_or_none(self->quotechar);
}

static PyObject *
dialect_get_lineterminator(DialectObj *self, void *Py_UNUSED(c))
{
    return Py_NewRef(self->lineterminator);
}

static PyObject *
dialect_get_quoting(DialectObj *self, void *Py_UNUSED(c))
{
    return PyLong_FromLong(self->quoting);
}

static int
set_bool(PyObject *src, char *target, int dflt)
{
    int b = src == NULL ? dflt : PyObject_IsTrue(src);
    if (b < 0) {
        return -1;
    }
    *target = (char)b;
    return 0;
}

static int
set_int(const char *name, PyObject *src, int *target, int dflt)
{
    if (src == NULL) {
        *target = dflt;
        return 0;
    }
    if (!PyLong_CheckExact(src)) {
        PyErr_Format(PyExc_TypeError, "\"%s\" must be an integer", name);
        return -1;
    }
    int v = _PyLong_AsInt(src);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    *target = v;
    return 0;
}

/* A one-character string option; NONE_OK allows None (NOT_SET). */
static int
set_char(const char *name, PyObject *src, Py_UCS4 *target, Py_UCS4 dflt, int none_ok)
{
    if (src == NULL) {
        *target = dflt;
        return 0;
    }
    if (none_ok && src == Py_None) {
        *target = NOT_SET;
        return 0;
    }
    if (!PyUnicode_Check(src)) {
        PyErr_Format(PyExc_TypeError,
                     none_ok ? "\"%s\" must be string or None, not %.200s"
                             : "\"%s\" must be string, not %.200s",
                     name, Py_TYPE(src)->tp_name);
        return -1;
    }
    if (PyUnicode_GET_LENGTH(src) != 1) {
        PyErr_Format(PyExc_TypeError, "\"%s\" must be a 1-character string", name);
        return -1;
    }
    *target = PyUnicode_READ_CHAR(src, 0);
    return 0;
}

static int
set_str(const char *name, PyObject *src, PyObject **target, const char *dflt)
{
    if (src == NULL) {
        *target = PyUnicode_FromString(dflt);
        return *target == NULL ? -1 : 0;
    }
    if (src == Py_None) {
        *target = NULL;
        return 0;
    }
    if (!PyUnicode_Check(src)) {
        PyErr_Format(PyExc_TypeError, "\"%s\" must be a string", name);
        return -1;
    }
    *target = Py_NewRef(src);
    return 0;
}

enum { A_DIALECT, A_DELIM, A_DQ, A_ESC, A_LT, A_QC, A_QUOTING, A_SIS, A_STRICT, A_COUNT };
static const char *const dialect_kws[] = {
    "dialect",   "delimiter", "doublequote",      "escapechar", "lineterminator",
    "quotechar", "quoting",   "skipinitialspace", "strict",     NULL};

static PyObject *
registry_lookup(PyObject *name)
{
    PyObject *d = PyDict_GetItemWithError(csv_dialects, name);
    if (d == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(csv_error, "unknown dialect");
        }
        return NULL;
    }
    return Py_NewRef(d);
}

/* Validates the combination of options, as CPython's dialect_new does last. */
static int
dialect_validate(DialectObj *self, PyObject *quotechar, PyObject *quoting)
{
    if (self->quoting < QUOTE_MINIMAL || self->quoting > QUOTE_NONE) {
        PyErr_SetString(PyExc_TypeError, "bad \"quoting\" value");
        return -1;
    }
    if (quotechar == Py_None && quoting == NULL) {
        self->quoting = QUOTE_NONE;
    }
    if (self->quoting != QUOTE_NONE && self->quotechar == NOT_SET) {
        PyErr_SetString(PyExc_TypeError, "quotechar must be set if quoting enabled");
        return -1;
    }
    if (self->lineterminator == NULL) {
        PyErr_SetString(PyExc_TypeError, "lineterminator must be set");
        return -1;
    }
    return 0;
}

static int
dialect_fill(DialectObj *self, PyObject **a)
{
    if (set_char("delimiter", a[A_DELIM], &self->delimiter, ',', 0) < 0 ||
        set_bool(a[A_DQ], &self->doublequote, 1) < 0 ||
        set_char("escapechar", a[A_ESC], &self->escapechar, NOT_SET, 1) < 0 ||
        set_str("lineterminator", a[A_LT], &self->lineterminator, "\r\n") < 0 ||
        set_char("quotechar", a[A_QC], &self->quotechar, '"', 1) < 0 ||
        set_int("quoting", a[A_QUOTING], &self->quoting, QUOTE_MINIMAL) < 0 ||
        set_bool(a[A_SIS], &self->skipinitialspace, 0) < 0 ||
        set_bool(a[A_STRICT], &self->strict, 0) < 0) {
        return -1;
    }
    return dialect_validate(self, a[A_QC], a[A_QUOTING]);
}

static PyObject *
dialect_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *a[A_COUNT] = {NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|OOOOOOOOO", (char **)dialect_kws, &a[0], &a[1],
                                     &a[2], &a[3], &a[4], &a[5], &a[6], &a[7], &a[8])) {
        return NULL;
    }
    PyObject *dialect = NULL, *res = NULL;
    if (a[A_DIALECT] != NULL) {
        dialect =
            PyUnicode_Check(a[A_DIALECT]) ? registry_lookup(a[A_DIALECT]) : Py_NewRef(a[A_DIALECT]);
        if (dialect == NULL) {
            return NULL;
        }
    }
    int no_options = 1;
    for (int i = 1; i < A_COUNT; i++) {
        no_options &= a[i] == NULL;
    }
    /* an unchanged Dialect instance is shared */
    if (dialect != NULL && Py_IS_TYPE(dialect, &Dialect_Type) && no_options) {
        return dialect;
    }
    int owned[A_COUNT] = {0};
    if (dialect != NULL) {
        for (int i = 1; i < A_COUNT; i++) {
            if (a[i] == NULL) {
                a[i] = PyObject_GetAttrString(dialect, dialect_kws[i]);
                if (a[i] == NULL) {
                    PyErr_Clear();
                } else {
                    owned[i] = 1;
                }
            }
        }
    }
    DialectObj *self = (DialectObj *)type->tp_alloc(type, 0);
    if (self != NULL) {
        if (dialect_fill(self, a) < 0) {
            Py_CLEAR(self);
        }
    }
    res = (PyObject *)self;
    for (int i = 1; i < A_COUNT; i++) {
        if (owned[i]) {
            Py_DECREF(a[i]);
        }
    }
    Py_XDECREF(dialect);
    return res;
}

static void
dialect_dealloc(PyObject *op)
{
    DialectObj *self = (DialectObj *)op;
    Py_CLEAR(self->lineterminator);
    Py_TYPE(op)->tp_free(op);
}

static PyGetSetDef dialect_getset[] = {
    {"delimiter", (getter)dialect_get_delimiter, NULL, NULL, NULL},
    {"escapechar", (getter)dialect_get_escapechar, NULL, NULL, NULL},
    {"lineterminator", (getter)dialect_get_lineterminator, NULL, NULL, NULL},
    {"quotechar", (getter)dialect_get_quotechar, NULL, NULL, NULL},
    {"quoting", (getter)dialect_get_quoting, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef dialect_members[] = {
    {"skipinitialspace", T_BOOL, offsetof(DialectObj, skipinitialspace), READONLY, NULL},
    {"doublequote", T_BOOL, offsetof(DialectObj, doublequote), READONLY, NULL},
    {"strict", T_BOOL, offsetof(DialectObj, strict), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyTypeObject Dialect_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_csv.Dialect",
    .tp_basicsize = sizeof(DialectObj),
    .tp_dealloc = dialect_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "CSV dialect\n\nThe Dialect type records CSV parsing and generation options.\n",
    .tp_members = dialect_members,
    .tp_getset = dialect_getset,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = dialect_new,
    .tp_free = PyObject_Free,
};

/* Dialect(DIALECT, **KWARGS): a new reference or NULL. */
static PyObject *
call_dialect(PyObject *dialect, PyObject *kwargs)
{
    PyObject *args[1] = {dialect};
    return PyObject_VectorcallDict((PyObject *)&Dialect_Type, args, dialect ? 1 : 0, kwargs);
}

/* ---- reader ---- */

typedef enum {
    START_RECORD,
    START_FIELD,
    ESCAPED_CHAR,
    IN_FIELD,
    IN_QUOTED_FIELD,
    ESCAPE_IN_QUOTED_FIELD,
    QUOTE_IN_QUOTED_FIELD,
    EAT_CRNL,
    AFTER_ESCAPED_CRNL
} ParserState;

typedef struct {
    PyObject_HEAD
    PyObject *input_iter;   /* the lines */
    DialectObj *dialect;    /* options */
    PyObject *fields;       /* the record being built (list), or NULL */
    ParserState state;      /* state machine position */
    Py_UCS4 *field;         /* characters of the current field */
    Py_ssize_t field_size;  /* allocated */
    Py_ssize_t field_len;   /* used */
    int numeric_field;      /* QUOTE_NONNUMERIC: convert to float */
    unsigned long line_num; /* lines read so far */
} ReaderObj;

static PyTypeObject Reader_Type;

static int
parse_reset(ReaderObj *self)
{
    Py_XSETREF(self->fields, PyList_New(0));
    if (self->fields == NULL) {
        return -1;
    }
    self->field_len = 0;
    self->state = START_RECORD;
    self->numeric_field = 0;
    return 0;
}

static int
parse_save_field(ReaderObj *self)
{
    PyObject *field = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, self->field, self->field_len);
    if (field == NULL) {
        return -1;
    }
    self->field_len = 0;
    if (self->numeric_field) {
        self->numeric_field = 0;
        Py_SETREF(field, PyNumber_Float(field));
        if (field == NULL) {
            return -1;
        }
    }
    int r = PyList_Append(self->fields, field);
    Py_DECREF(field);
    return r;
}

static int
parse_add_char(ReaderObj *self, Py_UCS4 c)
{
    if (self->field_len >= csv_field_limit) {
        PyErr_Format(csv_error, "field larger than field limit (%ld)", csv_field_limit);
        return -1;
    }
    if (self->field_len == self->field_size) {
        Py_ssize_t n = self->field_size ? self->field_size * 2 : 4096;
        Py_UCS4 *p = PyMem_Realloc(self->field, (size_t)n * sizeof(Py_UCS4));
        if (p == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        self->field = p;
        self->field_size = n;
    }
    self->field[self->field_len++] = c;
    return 0;
}

static int
is_eol(Py_UCS4 c)
{
    return c == '\n' || c == '\r' || c == EOL;
}

/* The end of a field at a line end: save it; the next state waits for the line's end. */
static int
save_at_eol(ReaderObj *self, Py_UCS4 c)
{
    if (parse_save_field(self) < 0) {
        return -1;
    }
    self->state = c == EOL ? START_RECORD : EAT_CRNL;
    return 0;
}

static int
start_field(ReaderObj *self, Py_UCS4 c)
{
    DialectObj *d = self->dialect;
    if (is_eol(c)) {
        return save_at_eol(self, c);
    }
    if (c == d->quotechar && d->quoting != QUOTE_NONE) {
        self->state = IN_QUOTED_FIELD;
    } else if (c == d->escapechar) {
        self->state = ESCAPED_CHAR;
    } else if (c == ' ' && d->skipinitialspace) {
        /* leading spaces are dropped */
    } else if (c == d->delimiter) {
        return parse_save_field(self);
    } else {
        if (d->quoting == QUOTE_NONNUMERIC) {
            self->numeric_field = 1;
        }
        if (parse_add_char(self, c) < 0) {
            return -1;
        }
        self->state = IN_FIELD;
    }
    return 0;
}

static int
in_field(ReaderObj *self, Py_UCS4 c)
{
    DialectObj *d = self->dialect;
    if (is_eol(c)) {
        return save_at_eol(self, c);
    }
    if (c == d->escapechar) {
        self->state = ESCAPED_CHAR;
    } else if (c == d->delimiter) {
        if (parse_save_field(self) < 0) {
            return -1;
        }
        self->state = START_FIELD;
    } else if (parse_add_char(self, c) < 0) {
        return -1;
    }
    return 0;
}

static int
in_quoted_field(ReaderObj *self, Py_UCS4 c)
{
    DialectObj *d = self->dialect;
    if (c == EOL) {
        /* a line break inside quotes: the field continues on the next line */
    } else if (c == d->escapechar) {
        self->state = ESCAPE_IN_QUOTED_FIELD;
    } else if (c == d->quotechar && d->quoting != QUOTE_NONE) {
        self->state = d->doublequote ? QUOTE_IN_QUOTED_FIELD : IN_FIELD;
    } else if (parse_add_char(self, c) < 0) {
        return -1;
    }
    return 0;
}

static int
quote_in_quoted_field(ReaderObj *self, Py_UCS4 c)
{
    DialectObj *d = self->dialect;
    if (d->quoting != QUOTE_NONE && c == d->quotechar) {
        if (parse_add_char(self, c) < 0) {
            return -1;
        }
        self->state = IN_QUOTED_FIELD;
    } else if (c == d->delimiter) {
        if (parse_save_field(self) < 0) {
            return -1;
        }
        self->state = START_FIELD;
    } else if (is_eol(c)) {
        return save_at_eol(self, c);
    } else if (!d->strict) {
        if (parse_add_char(self, c) < 0) {
            return -1;
        }
        self->state = IN_FIELD;
    } else {
        PyErr_Format(csv_error, "'%c' expected after '%c'", (int)d->delimiter, (int)d->quotechar);
        return -1;
    }
    return 0;
}

/* Feeds one character (or EOL) to the state machine. 0 or -1. */
static int
parse_process_char(ReaderObj *self, Py_UCS4 c)
{
    switch (self->state) {
    case START_RECORD:
        if (c == EOL) {
            return 0; /* an empty line is an empty record */
        }
        if (c == '\n' || c == '\r') {
            self->state = EAT_CRNL;
            return 0;
        }
        self->state = START_FIELD;
        return start_field(self, c);
    case START_FIELD:
        return start_field(self, c);
    case ESCAPED_CHAR:
        if (c == '\n' || c == '\r') {
            self->state = AFTER_ESCAPED_CRNL;
            return parse_add_char(self, c);
        }
        self->state = IN_FIELD;
        return parse_add_char(self, c == EOL ? '\n' : c);
    case AFTER_ESCAPED_CRNL:
        if (c == EOL) {
            return 0;
        }
        return in_field(self, c);
    case IN_FIELD:
        return in_field(self, c);
    case IN_QUOTED_FIELD:
        return in_quoted_field(self, c);
    case ESCAPE_IN_QUOTED_FIELD:
        self->state = IN_QUOTED_FIELD;
        return parse_add_char(self, c == EOL ? '\n' : c);
    case QUOTE_IN_QUOTED_FIELD:
        return quote_in_quoted_field(self, c);
    case EAT_CRNL:
        if (c == EOL) {
            self->state = START_RECORD;
        } else if (c != '\n' && c != '\r') {
            PyErr_SetString(csv_error, "new-line character seen in unquoted field - do you need "
                                       "to open the file in universal-newline mode?");
            return -1;
        }
        return 0;
    }
    return 0;
}

/* End of input inside a record: the last field is kept unless strict. NULL always (a
 * pending record is returned by the caller when this leaves no exception set). */
static int
parse_at_end(ReaderObj *self)
{
    if (PyErr_Occurred() || (self->field_len == 0 && self->state != IN_QUOTED_FIELD)) {
        return -1;
    }
    if (self->dialect->strict) {
        PyErr_SetString(csv_error, "unexpected end of data");
        return -1;
    }
    return parse_save_field(self);
}

static int
parse_line(ReaderObj *self, PyObject *line)
{
    if (!PyUnicode_Check(line)) {
        PyErr_Format(csv_error,
                     "iterator should return strings, not %.200s (the file should be opened "
                     "in text mode)",
                     Py_TYPE(line)->tp_name);
        return -1;
    }
    self->line_num++;
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    Py_ssize_t n = PyUnicode_GET_LENGTH(line);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (parse_process_char(self, PyUnicode_READ(kind, data, i)) < 0) {
            return -1;
        }
    }
    return parse_process_char(self, EOL);
}

static PyObject *
reader_next(PyObject *op)
{
    ReaderObj *self = (ReaderObj *)op;
    if (parse_reset(self) < 0) {
        return NULL;
    }
    do {
        PyObject *line = PyIter_Next(self->input_iter);
        if (line == NULL) {
            if (parse_at_end(self) < 0) {
                return NULL;
            }
            break;
        }
        int r = parse_line(self, line);
        Py_DECREF(line);
        if (r < 0) {
            return NULL;
        }
    } while (self->state != START_RECORD);
    PyObject *fields = self->fields;
    self->fields = NULL;
    return fields;
}

static int
reader_traverse(PyObject *op, visitproc visit, void *arg)
{
    ReaderObj *self = (ReaderObj *)op;
    Py_VISIT(self->dialect);
    Py_VISIT(self->input_iter);
    Py_VISIT(self->fields);
    return 0;
}

static int
reader_clear(PyObject *op)
{
    ReaderObj *self = (ReaderObj *)op;
    Py_CLEAR(self->dialect);
    Py_CLEAR(self->input_iter);
    Py_CLEAR(self->fields);
    return 0;
}

static void
reader_dealloc(PyObject *op)
{
    ReaderObj *self = (ReaderObj *)op;
    PyObject_GC_UnTrack(op);
    reader_clear(op);
    PyMem_Free(self->field);
    PyObject_GC_Del(op);
}

static PyMemberDef reader_members[] = {
    {"dialect", T_OBJECT, offsetof(ReaderObj, dialect), READONLY, NULL},
    {"line_num", T_ULONG, offsetof(ReaderObj, line_num), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyTypeObject Reader_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_csv.reader",
    .tp_basicsize = sizeof(ReaderObj),
    .tp_dealloc = reader_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "CSV reader\n\nReader objects are responsible for reading and parsing tabular "
              "data\nin CSV format.\n",
    .tp_traverse = reader_traverse,
    .tp_clear = reader_clear,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = reader_next,
    .tp_members = reader_members,
};

static PyObject *
csv_reader(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwargs)
{
    PyObject *iterator, *dialect = NULL;
    if (!PyArg_UnpackTuple(args, "", 1, 2, &iterator, &dialect)) {
        return NULL;
    }
    ReaderObj *self = PyObject_GC_New(ReaderObj, &Reader_Type);
    if (self == NULL) {
        return NULL;
    }
    self->dialect = NULL;
    self->fields = NULL;
    self->field = NULL;
    self->field_size = 0;
    self->line_num = 0;
    self->input_iter = PyObject_GetIter(iterator);
    if (self->input_iter == NULL || parse_reset(self) < 0) {
        Py_DECREF(self);
        return NULL;
    }
    self->dialect = (DialectObj *)call_dialect(dialect, kwargs);
    if (self->dialect == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    PyObject_GC_Track(self);
    return (PyObject *)self;
}

/* ---- writer ---- */

typedef struct {
    PyObject_HEAD
    PyObject *write;     /* the file's bound write method */
    DialectObj *dialect; /* options */
    Py_UCS4 *rec;        /* the record being built */
    Py_ssize_t rec_size; /* allocated */
    Py_ssize_t rec_len;  /* used */
    int num_fields;      /* fields appended so far */
} WriterObj;

static PyTypeObject Writer_Type;

static int
rec_add(WriterObj *self, Py_UCS4 c)
{
    if (self->rec_len == self->rec_size) {
        Py_ssize_t n = self->rec_size ? self->rec_size * 2 : 1024;
        Py_UCS4 *p = PyMem_Realloc(self->rec, (size_t)n * sizeof(Py_UCS4));
        if (p == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        self->rec = p;
        self->rec_size = n;
    }
    self->rec[self->rec_len++] = c;
    return 0;
}

/* Whether character C of a field needs quoting or escaping under dialect D. */
static int
is_special(DialectObj *d, Py_UCS4 c)
{
    if (c == d->delimiter || c == d->escapechar || c == d->quotechar) {
        return 1;
    }
    PyObject *lt = d->lineterminator;
    int kind = PyUnicode_KIND(lt);
    const void *data = PyUnicode_DATA(lt);
    for (Py_ssize_t i = 0, n = PyUnicode_GET_LENGTH(lt); i < n; i++) {
        if (PyUnicode_READ(kind, data, i) == c) {
            return 1;
        }
    }
    return 0;
}

/* Whether special character C is written escaped (else it only makes the field quoted). */
static int
wants_escape(DialectObj *d, Py_UCS4 c)
{
    return d->quoting == QUOTE_NONE || c == d->escapechar || (c == d->quotechar && !d->doublequote);
}

/* Decides whether FIELD must be quoted (QUOTED may already say so): 0/1, or -1 with Error
 * when a character needs an escape and none is set. */
static int
field_needs_quotes(WriterObj *self, PyObject *field, int quoted)
{
    DialectObj *d = self->dialect;
    Py_ssize_t n = field ? PyUnicode_GET_LENGTH(field) : 0;
    int kind = field ? PyUnicode_KIND(field) : PyUnicode_1BYTE_KIND;
    const void *data = field ? PyUnicode_DATA(field) : NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!is_special(d, c)) {
            continue;
        }
        int escape = wants_escape(d, c);
        if (escape && d->escapechar == NOT_SET) {
            PyErr_SetString(csv_error, "need to escape, but no escapechar set");
            return -1;
        }
        quoted |= !escape;
    }
    return quoted;
}

/* Makes room for N more characters in the record. 0 or -1. */
static int
rec_reserve(WriterObj *self, Py_ssize_t n)
{
    if (self->rec_len + n <= self->rec_size) {
        return 0;
    }
    Py_ssize_t size = self->rec_size ? self->rec_size : 1024;
    while (size < self->rec_len + n) {
        size *= 2;
    }
    Py_UCS4 *p = PyMem_Realloc(self->rec, (size_t)size * sizeof(Py_UCS4));
    if (p == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    self->rec = p;
    self->rec_size = size;
    return 0;
}

/* Appends FIELD (NULL: empty) to the record, quoted when QUOTED or needed. 0 or -1. */
static int
join_append(WriterObj *self, PyObject *field, int quoted)
{
    DialectObj *d = self->dialect;
    quoted = field_needs_quotes(self, field, quoted);
    Py_ssize_t n = field ? PyUnicode_GET_LENGTH(field) : 0;
    /* worst case: separator, two quotes and every character doubled */
    if (quoted < 0 || rec_reserve(self, 3 + 2 * n) < 0) {
        return -1;
    }
    Py_UCS4 *rec = self->rec;
    Py_ssize_t len = self->rec_len;
    if (self->num_fields > 0) {
        rec[len++] = d->delimiter;
    }
    if (quoted) {
        rec[len++] = d->quotechar;
    }
    int kind = field ? PyUnicode_KIND(field) : PyUnicode_1BYTE_KIND;
    const void *data = field ? PyUnicode_DATA(field) : NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (is_special(d, c)) {
            if (wants_escape(d, c)) {
                rec[len++] = d->escapechar;
            } else if (c == d->quotechar) {
                rec[len++] = c; /* doubled */
            }
        }
        rec[len++] = c;
    }
    if (quoted) {
        rec[len++] = d->quotechar;
    }
    self->rec_len = len;
    self->num_fields++;
    return 0;
}

static int
append_item(WriterObj *self, PyObject *field)
{
    int quoted;
    switch (self->dialect->quoting) {
    case QUOTE_NONNUMERIC:
        quoted = !PyNumber_Check(field);
        break;
    case QUOTE_ALL:
        quoted = 1;
        break;
    default:
        quoted = 0;
        break;
    }
    if (PyUnicode_Check(field)) {
        return join_append(self, field, quoted);
    }
    if (field == Py_None) {
        return join_append(self, NULL, quoted);
    }
    PyObject *s = PyObject_Str(field);
    if (s == NULL) {
        return -1;
    }
    int r = join_append(self, s, quoted);
    Py_DECREF(s);
    return r;
}

static PyObject *
writer_writerow(PyObject *op, PyObject *seq)
{
    WriterObj *self = (WriterObj *)op;
    DialectObj *d = self->dialect;
    PyObject *iter = PyObject_GetIter(seq);
    if (iter == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Format(csv_error, "iterable expected, not %.200s", Py_TYPE(seq)->tp_name);
        }
        return NULL;
    }
    self->rec_len = 0;
    self->num_fields = 0;
    PyObject *field;
    while ((field = PyIter_Next(iter)) != NULL) {
        int r = append_item(self, field);
        Py_DECREF(field);
        if (r < 0) {
            Py_DECREF(iter);
            return NULL;
        }
    }
    Py_DECREF(iter);
    if (PyErr_Occurred()) {
        return NULL;
    }
    if (self->num_fields > 0 && self->rec_len == 0) {
        if (d->quoting == QUOTE_NONE) {
            PyErr_SetString(csv_error, "single empty field record must be quoted");
            return NULL;
        }
        self->num_fields--;
        if (join_append(self, NULL, 1) < 0) {
            return NULL;
        }
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(d->lineterminator);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (rec_add(self, PyUnicode_READ_CHAR(d->lineterminator, i)) < 0) {
            return NULL;
        }
    }
    PyObject *line = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, self->rec, self->rec_len);
    if (line == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_CallOneArg(self->write, line);
    Py_DECREF(line);
    return res;
}

static PyObject *
writer_writerows(PyObject *op, PyObject *rows)
{
    PyObject *iter = PyObject_GetIter(rows);
    if (iter == NULL) {
        return NULL;
    }
    PyObject *row;
    while ((row = PyIter_Next(iter)) != NULL) {
        PyObject *r = writer_writerow(op, row);
        Py_DECREF(row);
        if (r == NULL) {
            Py_DECREF(iter);
            return NULL;
        }
        Py_DECREF(r);
    }
    Py_DECREF(iter);
    if (PyErr_Occurred()) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static int
writer_traverse(PyObject *op, visitproc visit, void *arg)
{
    WriterObj *self = (WriterObj *)op;
    Py_VISIT(self->dialect);
    Py_VISIT(self->write);
    return 0;
}

static int
writer_clear(PyObject *op)
{
    WriterObj *self = (WriterObj *)op;
    Py_CLEAR(self->dialect);
    Py_CLEAR(self->write);
    return 0;
}

static void
writer_dealloc(PyObject *op)
{
    WriterObj *self = (WriterObj *)op;
    PyObject_GC_UnTrack(op);
    writer_clear(op);
    PyMem_Free(self->rec);
    PyObject_GC_Del(op);
}

static PyMethodDef writer_methods[] = {
    {"writerow", writer_writerow, METH_O,
     "writerow(iterable)\n\nConstruct and write a CSV record from an iterable of fields."},
    {"writerows", writer_writerows, METH_O,
     "writerows(iterable of iterables)\n\nConstruct and write a series of iterables to a csv "
     "file."},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef writer_members[] = {
    {"dialect", T_OBJECT, offsetof(WriterObj, dialect), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyTypeObject Writer_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_csv.writer",
    .tp_basicsize = sizeof(WriterObj),
    .tp_dealloc = writer_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "CSV writer\n\nWriter objects are responsible for generating tabular data\nin CSV "
              "format from sequence input.\n",
    .tp_traverse = writer_traverse,
    .tp_clear = writer_clear,
    .tp_methods = writer_methods,
    .tp_members = writer_members,
};

static PyObject *
csv_writer(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwargs)
{
    PyObject *file, *dialect = NULL;
    if (!PyArg_UnpackTuple(args, "", 1, 2, &file, &dialect)) {
        return NULL;
    }
    WriterObj *self = PyObject_GC_New(WriterObj, &Writer_Type);
    if (self == NULL) {
        return NULL;
    }
    self->dialect = NULL;
    self->write = NULL;
    self->rec = NULL;
    self->rec_size = self->rec_len = 0;
    self->num_fields = 0;
    PyObject *name = PyUnicode_InternFromString("write");
    int found = name == NULL ? -1 : _PyObject_LookupAttr(file, name, &self->write);
    Py_XDECREF(name);
    if (found < 0) {
        Py_DECREF(self);
        return NULL;
    }
    if (self->write == NULL || !PyCallable_Check(self->write)) {
        PyErr_SetString(PyExc_TypeError, "argument 1 must have a \"write\" method");
        Py_DECREF(self);
        return NULL;
    }
    self->dialect = (DialectObj *)call_dialect(dialect, kwargs);
    if (self->dialect == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    PyObject_GC_Track(self);
    return (PyObject *)self;
}

/* ---- registry and limits ---- */

static PyObject *
csv_list_dialects(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(arg))
{
    return PyDict_Keys(csv_dialects);
}

static PyObject *
csv_register_dialect(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwargs)
{
    PyObject *name, *dialect = NULL;
    if (!PyArg_UnpackTuple(args, "", 1, 2, &name, &dialect)) {
        return NULL;
    }
    if (!PyUnicode_Check(name)) {
        PyErr_SetString(PyExc_TypeError, "dialect name must be a string");
        return NULL;
    }
    PyObject *d = call_dialect(dialect, kwargs);
    if (d == NULL) {
        return NULL;
    }
    int r = PyDict_SetItem(csv_dialects, name, d);
    Py_DECREF(d);
    if (r < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
csv_unregister_dialect(PyObject *Py_UNUSED(m), PyObject *name)
{
    if (PyDict_DelItem(csv_dialects, name) < 0) {
        if (PyErr_ExceptionMatches(PyExc_KeyError)) {
            PyErr_SetString(csv_error, "unknown dialect");
        }
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
csv_get_dialect(PyObject *Py_UNUSED(m), PyObject *name)
{
    return registry_lookup(name);
}

static PyObject *
csv_field_size_limit(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwargs)
{
    static const char *kwlist[] = {"new_limit", NULL};
    PyObject *new_limit = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|O:field_size_limit", (char **)kwlist,
                                     &new_limit)) {
        return NULL;
    }
    long old = csv_field_limit;
    if (new_limit != NULL) {
        if (!PyLong_CheckExact(new_limit)) {
            PyErr_Format(PyExc_TypeError, "limit must be an integer");
            return NULL;
        }
        long v = PyLong_AsLong(new_limit);
        if (v == -1 && PyErr_Occurred()) {
            return NULL;
        }
        csv_field_limit = v;
    }
    return PyLong_FromLong(old);
}

#define KW(f) (PyCFunction)(void (*)(void))(f)

static PyMethodDef csv_functions[] = {
    {"reader", KW(csv_reader), METH_VARARGS | METH_KEYWORDS,
     "    csv_reader = reader(iterable [, dialect='excel']\n"
     "                        [optional keyword args])\n"
     "    for row in csv_reader:\n"
     "        process(row)\n"},
    {"writer", KW(csv_writer), METH_VARARGS | METH_KEYWORDS,
     "    csv_writer = csv.writer(fileobj [, dialect='excel']\n"
     "                            [optional keyword args])\n"},
    {"list_dialects", csv_list_dialects, METH_NOARGS,
     "Return a list of all know dialect names.\n    names = csv.list_dialects()"},
    {"register_dialect", KW(csv_register_dialect), METH_VARARGS | METH_KEYWORDS,
     "Create a mapping from a string name to a dialect class.\n"
     "    dialect = csv.register_dialect(name[, dialect[, **fmtparams]])"},
    {"unregister_dialect", csv_unregister_dialect, METH_O,
     "Delete the name/dialect mapping associated with a string name.\n"
     "    csv.unregister_dialect(name)"},
    {"get_dialect", csv_get_dialect, METH_O,
     "Return the dialect instance associated with name.\n    dialect = csv.get_dialect(name)"},
    {"field_size_limit", KW(csv_field_size_limit), METH_VARARGS | METH_KEYWORDS,
     "Sets an upper limit on parsed fields.\n    csv.field_size_limit([limit])\n\n"
     "Returns old limit. If limit is not given, no new limit is set and\n"
     "the old limit is returned"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef csv_module = {
    PyModuleDef_HEAD_INIT, .m_name = "_csv",           .m_doc = "CSV parsing and writing.\n",
    .m_size = -1,          .m_methods = csv_functions,
};

PyMODINIT_FUNC PyInit__csv(void);
PyMODINIT_FUNC
PyInit__csv(void)
{
    if (PyType_Ready(&Dialect_Type) < 0 || PyType_Ready(&Reader_Type) < 0 ||
        PyType_Ready(&Writer_Type) < 0) {
        return NULL;
    }
    if (csv_dialects == NULL) {
        csv_dialects = PyDict_New();
        csv_error = PyErr_NewException("_csv.Error", NULL, NULL);
        if (csv_dialects == NULL || csv_error == NULL) {
            return NULL;
        }
    }
    PyObject *m = PyModule_Create(&csv_module);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddStringConstant(m, "__version__", "1.0") < 0 ||
        PyModule_AddIntConstant(m, "QUOTE_MINIMAL", QUOTE_MINIMAL) < 0 ||
        PyModule_AddIntConstant(m, "QUOTE_ALL", QUOTE_ALL) < 0 ||
        PyModule_AddIntConstant(m, "QUOTE_NONNUMERIC", QUOTE_NONNUMERIC) < 0 ||
        PyModule_AddIntConstant(m, "QUOTE_NONE", QUOTE_NONE) < 0 ||
        PyModule_AddObjectRef(m, "Dialect", (PyObject *)&Dialect_Type) < 0 ||
        PyModule_AddObjectRef(m, "Reader", (PyObject *)&Reader_Type) < 0 ||
        PyModule_AddObjectRef(m, "Writer", (PyObject *)&Writer_Type) < 0 ||
        PyModule_AddObjectRef(m, "_dialects", csv_dialects) < 0 ||
        PyModule_AddObjectRef(m, "Error", csv_error) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
