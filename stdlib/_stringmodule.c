/* _string: the format-string parsers string.Formatter uses, as CPython 3.11's
 * Objects/stringlib/unicode_format.h exposes them: formatter_parser (literal text and
 * replacement fields) and formatter_field_name_split (argument name, then attribute and index
 * lookups). Errors are raised while iterating, as CPython's iterators do. */
#include "Python.h"

/* ---- formatter_parser ---------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    PyObject *str;  /* the format string */
    Py_ssize_t pos; /* next character to parse */
} ParserIter;

static PyTypeObject ParserIter_Type;

/* (LITERAL, name, spec, conversion) for the field starting at S[*pi], just after its '{';
 * *PI ends after the closing '}'. */
static PyObject *
field_tuple(PyObject *literal, PyObject *s, Py_ssize_t name_start, Py_ssize_t name_end,
            Py_ssize_t spec_start, Py_ssize_t spec_end, Py_UCS4 conversion)
{
    PyObject *name = PyUnicode_Substring(s, name_start, name_end);
    PyObject *spec = PyUnicode_Substring(s, spec_start, spec_end);
    PyObject *conv = conversion ? PyUnicode_FromOrdinal((int)conversion) : Py_NewRef(Py_None);
    PyObject *res = name && spec && conv ? PyTuple_Pack(4, literal, name, spec, conv) : NULL;
    Py_XDECREF(name);
    Py_XDECREF(spec);
    Py_XDECREF(conv);
    return res;
}

static PyObject *
parse_field(PyObject *s, PyObject *literal, Py_ssize_t *pi)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s), i = *pi, name_start = i;
    Py_UCS4 c = 0, conversion = 0;
    while (i < n) {
        c = PyUnicode_READ_CHAR(s, i++);
        if (c == '{') {
            PyErr_SetString(PyExc_ValueError, "unexpected '{' in field name");
            return NULL;
        }
        if (c == '[') {
            while (i < n && PyUnicode_READ_CHAR(s, i) != ']') {
                i++;
            }
            continue;
        }
        if (c == '}' || c == ':' || c == '!') {
            break;
        }
    }
    Py_ssize_t name_end = i - 1;
    if (c != '!' && c != ':') {
        if (c != '}') {
            PyErr_SetString(PyExc_ValueError, "expected '}' before end of string");
            return NULL;
        }
        *pi = i;
        return field_tuple(literal, s, name_start, name_end, i, i, 0);
    }
    if (c == '!') {
        if (i >= n) {
            PyErr_SetString(PyExc_ValueError,
                            "end of string while looking for conversion specifier");
            return NULL;
        }
        conversion = PyUnicode_READ_CHAR(s, i++);
        if (i < n) {
            c = PyUnicode_READ_CHAR(s, i++);
            if (c == '}') {
                *pi = i;
                return field_tuple(literal, s, name_start, name_end, i, i, conversion);
            }
            if (c != ':') {
                PyErr_SetString(PyExc_ValueError, "expected ':' after conversion specifier");
                return NULL;
            }
        }
    }
    Py_ssize_t spec_start = i;
    int depth = 1;
    while (i < n) {
        c = PyUnicode_READ_CHAR(s, i++);
        if (c == '{') {
            depth++;
        } else if (c == '}' && --depth == 0) {
            *pi = i;
            return field_tuple(literal, s, name_start, name_end, spec_start, i - 1, conversion);
        }
    }
    PyErr_SetString(PyExc_ValueError, "unmatched '{' in format spec");
    return NULL;
}

static PyObject *
parseriter_next(PyObject *op)
{
    ParserIter *it = (ParserIter *)op;
    PyObject *s = it->str;
    Py_ssize_t n = PyUnicode_GET_LENGTH(s), start = it->pos;
    Py_UCS4 c = 0;
    int markup = 0;
    if (start >= n) {
        return NULL;
    }
    while (it->pos < n) {
        c = PyUnicode_READ_CHAR(s, it->pos++);
        if (c == '{' || c == '}') {
            markup = 1;
            break;
        }
    }
    int at_end = it->pos >= n;
    Py_ssize_t len = it->pos - start;
    if (c == '}' && markup && (at_end || PyUnicode_READ_CHAR(s, it->pos) != '}')) {
        PyErr_SetString(PyExc_ValueError, "Single '}' encountered in format string");
        return NULL;
    }
    if (at_end && c == '{' && markup) {
        PyErr_SetString(PyExc_ValueError, "Single '{' encountered in format string");
        return NULL;
    }
    if (!at_end && markup) {
        if (PyUnicode_READ_CHAR(s, it->pos) == c) {
            it->pos++; /* doubled brace: literal text only */
            markup = 0;
        } else {
            len--;
        }
    }
    PyObject *literal = PyUnicode_Substring(s, start, start + len);
    if (literal == NULL || !markup) {
        PyObject *res =
            literal != NULL ? PyTuple_Pack(4, literal, Py_None, Py_None, Py_None) : NULL;
        Py_XDECREF(literal);
        return res;
    }
    PyObject *res = parse_field(s, literal, &it->pos);
    Py_DECREF(literal);
    return res;
}

static void
parseriter_dealloc(PyObject *op)
{
    Py_XDECREF(((ParserIter *)op)->str);
    PyObject_Free(op);
}

static PyTypeObject ParserIter_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "formatteriterator",
    .tp_basicsize = sizeof(ParserIter),
    .tp_dealloc = parseriter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = parseriter_next,
};

static PyObject *
string_formatter_parser(PyObject *Py_UNUSED(module), PyObject *self)
{
    if (!PyUnicode_Check(self)) {
        PyErr_Format(PyExc_TypeError, "expected str, got %s", Py_TYPE(self)->tp_name);
        return NULL;
    }
    ParserIter *it = PyObject_New(ParserIter, &ParserIter_Type);
    if (it != NULL) {
        it->str = Py_NewRef(self);
        it->pos = 0;
    }
    return (PyObject *)it;
}

/* ---- formatter_field_name_split ------------------------------------------------------------ */

typedef struct {
    PyObject_HEAD
    PyObject *str;  /* the field name */
    Py_ssize_t pos; /* start of the next .attr or [index] */
} FieldIter;

/* S[start:end) as an int when it is all decimal digits, else as a str; new reference. */
static PyObject *
int_or_str(PyObject *s, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t value = 0;
    int digits = end > start;
    for (Py_ssize_t i = start; digits && i < end; i++) {
        int d = Py_UNICODE_TODECIMAL(PyUnicode_READ_CHAR(s, i));
        if (d < 0) {
            digits = 0;
        } else if (value > (PY_SSIZE_T_MAX - d) / 10) {
            PyErr_SetString(PyExc_ValueError, "Too many decimal digits in format string");
            return NULL;
        } else {
            value = value * 10 + d;
        }
    }
    return digits ? PyLong_FromSsize_t(value) : PyUnicode_Substring(s, start, end);
}

static PyObject *
fielditer_next(PyObject *op)
{
    FieldIter *it = (FieldIter *)op;
    PyObject *s = it->str;
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (it->pos >= n) {
        return NULL;
    }
    Py_UCS4 c = PyUnicode_READ_CHAR(s, it->pos++);
    Py_ssize_t start = it->pos, end;
    int is_attr = c == '.';
    if (c == '.') {
        while (it->pos < n && PyUnicode_READ_CHAR(s, it->pos) != '.' &&
               PyUnicode_READ_CHAR(s, it->pos) != '[') {
            it->pos++;
        }
        end = it->pos;
    } else if (c == '[') {
        int closed = 0;
        while (it->pos < n) {
            if (PyUnicode_READ_CHAR(s, it->pos++) == ']') {
                closed = 1;
                break;
            }
        }
        if (!closed) {
            PyErr_SetString(PyExc_ValueError, "Missing ']' in format string");
            return NULL;
        }
        end = it->pos - 1;
        if (it->pos < n && PyUnicode_READ_CHAR(s, it->pos) != '.' &&
            PyUnicode_READ_CHAR(s, it->pos) != '[') {
            PyErr_SetString(PyExc_ValueError,
                            "Only '.' or '[' may follow ']' in format field specifier");
            return NULL;
        }
    } else {
        PyErr_SetString(PyExc_ValueError,
                        "Only '.' or '[' may follow ']' in format field specifier");
        return NULL;
    }
    if (start == end) {
        PyErr_SetString(PyExc_ValueError, "Empty attribute in format string");
        return NULL;
    }
    PyObject *key = is_attr ? PyUnicode_Substring(s, start, end) : int_or_str(s, start, end);
    if (key == NULL) {
        return NULL;
    }
    PyObject *res = PyTuple_Pack(2, is_attr ? Py_True : Py_False, key);
    Py_DECREF(key);
    return res;
}

static void
fielditer_dealloc(PyObject *op)
{
    Py_XDECREF(((FieldIter *)op)->str);
    PyObject_Free(op);
}

static PyTypeObject FieldIter_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "fieldnameiterator",
    .tp_basicsize = sizeof(FieldIter),
    .tp_dealloc = fielditer_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = fielditer_next,
};

static PyObject *
string_formatter_field_name_split(PyObject *Py_UNUSED(module), PyObject *self)
{
    if (!PyUnicode_Check(self)) {
        PyErr_Format(PyExc_TypeError, "expected str, got %s", Py_TYPE(self)->tp_name);
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(self), i = 0;
    while (i < n && PyUnicode_READ_CHAR(self, i) != '.' && PyUnicode_READ_CHAR(self, i) != '[') {
        i++;
    }
    PyObject *first = i > 0 ? int_or_str(self, 0, i) : PyUnicode_Substring(self, 0, 0);
    if (first == NULL) {
        return NULL;
    }
    FieldIter *it = PyObject_New(FieldIter, &FieldIter_Type);
    if (it == NULL) {
        Py_DECREF(first);
        return NULL;
    }
    it->str = Py_NewRef(self);
    it->pos = i;
    PyObject *res = PyTuple_Pack(2, first, (PyObject *)it);
    Py_DECREF(first);
    Py_DECREF(it);
    return res;
}

static PyMethodDef string_methods[] = {
    {"formatter_parser", string_formatter_parser, METH_O, NULL},
    {"formatter_field_name_split", string_formatter_field_name_split, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef string_module = {
    PyModuleDef_HEAD_INIT,
    "_string",
    "string helper module",
    0,
    string_methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC PyInit__string(void);

PyMODINIT_FUNC
PyInit__string(void)
{
    if (PyType_Ready(&ParserIter_Type) < 0 || PyType_Ready(&FieldIter_Type) < 0) {
        return NULL;
    }
    return PyModule_Create(&string_module);
}
