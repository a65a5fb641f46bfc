/* pyexpat.c: the pyexpat module (xml.parsers.expat) on the system libexpat, with CPython
 * 3.11's API: ParserCreate, the xmlparser type (Parse, ParseFile, every handler attribute,
 * buffer_text / ordered_attributes / specified_attributes / namespace_prefixes / intern, the
 * error and position attributes), ExpatError, ErrorString, the errors and model submodules,
 * version_info, features. Handlers are driven by one table (pyexpat_handlers.c); a Python
 * exception in a handler stops the parser and comes out of Parse. */
#include "pyexpat.h"

#include "structmember.h"

#include <string.h>

PyObject *pyexpat_error; /* xml.parsers.expat.ExpatError */

/* ---- strings -------------------------------------------------------------------------------- */

PyObject *
pyexpat_str(const XML_Char *s)
{
    return s != NULL ? PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "strict")
                     : Py_NewRef(Py_None);
}

PyObject *
pyexpat_str_n(const XML_Char *s, int len)
{
    return PyUnicode_DecodeUTF8(s, len, "strict");
}

PyObject *
pyexpat_name(ExpatParser *self, const XML_Char *s)
{
    PyObject *str = pyexpat_str(s);
    if (str == NULL || self->intern == NULL) {
        return str; /* (None goes into the intern dict too, as in CPython) */
    }
    PyObject *known = PyDict_GetItemWithError(self->intern, str);
    if (known != NULL) {
        Py_DECREF(str);
        return Py_NewRef(known);
    }
    if (PyErr_Occurred() || PyDict_SetItem(self->intern, str, str) < 0) {
        Py_DECREF(str);
        return NULL;
    }
    return str;
}

/* ---- errors --------------------------------------------------------------------------------- */

/* ExpatError for the parser's current error: "message: line L, column C" with code, lineno
 * and offset attributes. Returns NULL. */
static PyObject *
set_expat_error(ExpatParser *self)
{
    enum XML_Error code = XML_GetErrorCode(self->parser);
    int line = (int)XML_GetErrorLineNumber(self->parser);
    int column = (int)XML_GetErrorColumnNumber(self->parser);
    PyObject *msg =
        PyUnicode_FromFormat("%s: line %i, column %i", XML_ErrorString(code), line, column);
    PyObject *err = msg != NULL ? PyObject_CallOneArg(pyexpat_error, msg) : NULL;
    Py_XDECREF(msg);
    if (err == NULL) {
        return NULL;
    }
    PyObject *vals[3] = {PyLong_FromLong(code), PyLong_FromLong(line), PyLong_FromLong(column)};
    static const char *const names[3] = {"code", "lineno", "offset"};
    for (int i = 0; i < 3; i++) {
        if (vals[i] == NULL || PyObject_SetAttrString(err, names[i], vals[i]) < 0) {
            for (int k = 0; k < 3; k++) {
                Py_XDECREF(vals[k]);
            }
            Py_DECREF(err);
            return NULL;
        }
    }
    for (int k = 0; k < 3; k++) {
        Py_DECREF(vals[k]);
    }
    PyErr_SetObject(pyexpat_error, err);
    Py_DECREF(err);
    return NULL;
}

void
pyexpat_flag_error(ExpatParser *self)
{
    pyexpat_clear_handlers(self);
    XML_SetExternalEntityRefHandler(self->parser, NULL);
    XML_StopParser(self->parser, XML_FALSE);
}

/* ---- character data buffering -------------------------------------------------------------- */

/* Calls CharacterDataHandler (if set) with S[0..LEN); 0, or -1 with its exception (the parser
 * is then stopped). */
static int
deliver_text(ExpatParser *self, const XML_Char *s, int len)
{
    PyObject *handler = self->handlers[PYEXPAT_CHARACTER_DATA];
    if (handler == NULL) {
        return 0;
    }
    PyObject *text = pyexpat_str_n(s, len);
    PyObject *r = text != NULL ? PyObject_CallOneArg(handler, text) : NULL;
    Py_XDECREF(text);
    if (r == NULL) {
        pyexpat_flag_error(self);
        return -1;
    }
    Py_DECREF(r);
    return 0;
}

int
pyexpat_flush_text(ExpatParser *self)
{
    if (self->buffer == NULL || self->buffer_used == 0) {
        return 0;
    }
    int len = self->buffer_used;
    self->buffer_used = 0;
    return deliver_text(self, self->buffer, len);
}

/* Text for CharacterDataHandler: buffered up to buffer_size when buffer_text is on. */
void
pyexpat_character_data(void *ud, const XML_Char *s, int len)
{
    ExpatParser *self = ud;
    if (PyErr_Occurred()) {
        return;
    }
    if (self->buffer == NULL) {
        (void)deliver_text(self, s, len);
        return;
    }
    if (self->buffer_used + len > self->buffer_size) {
        if (pyexpat_flush_text(self) < 0) {
            return;
        }
        if (len > self->buffer_size) { /* larger than the buffer: delivered at once */
            (void)deliver_text(self, s, len);
            return;
        }
    }
    memcpy(self->buffer + self->buffer_used, s, (size_t)len);
    self->buffer_used += len;
}

/* ---- parsing -------------------------------------------------------------------------------- */

/* After XML_Parse returned RV: the handler's exception, ExpatError, or 1. */
static PyObject *
parse_result(ExpatParser *self, enum XML_Status rv)
{
    if (PyErr_Occurred()) {
        return NULL;
    }
    if (rv == XML_STATUS_ERROR) {
        return set_expat_error(self);
    }
    if (pyexpat_flush_text(self) < 0) {
        return NULL;
    }
    return PyLong_FromLong(rv);
}

/* Feeds DATA (bytes-like or str, encoded as UTF-8) in pieces expat can take. */
static PyObject *
parser_parse(ExpatParser *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("Parse", nargs, 1, 2)) {
        return NULL;
    }
    int isfinal = 0;
    if (nargs == 2 && (isfinal = PyObject_IsTrue(args[1])) < 0) {
        return NULL;
    }
    Py_buffer view = {0};
    const char *data;
    Py_ssize_t len;
    if (PyUnicode_Check(args[0])) {
        data = PyUnicode_AsUTF8AndSize(args[0], &len);
        if (data == NULL) {
            return NULL;
        }
        XML_SetEncoding(self->parser, "utf-8");
    } else {
        if (PyObject_GetBuffer(args[0], &view, PyBUF_SIMPLE) < 0) {
            return NULL;
        }
        data = view.buf;
        len = view.len;
    }
    enum XML_Status rv = XML_STATUS_OK;
    while (len > INT_MAX && rv != XML_STATUS_ERROR && !PyErr_Occurred()) {
        rv = XML_Parse(self->parser, data, INT_MAX / 2, XML_FALSE);
        data += INT_MAX / 2;
        len -= INT_MAX / 2;
    }
    if (rv != XML_STATUS_ERROR && !PyErr_Occurred()) {
        rv = XML_Parse(self->parser, data, (int)len, isfinal);
    }
    if (view.obj != NULL) {
        PyBuffer_Release(&view);
    }
    return parse_result(self, rv);
}

static PyObject *
parser_parse_file(ExpatParser *self, PyObject *file)
{
    PyObject *read = PyObject_GetAttrString(file, "read");
    if (read == NULL) {
        if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
            PyErr_SetString(PyExc_TypeError, "argument must have 'read' attribute");
        }
        return NULL;
    }
    enum XML_Status rv = XML_STATUS_OK;
    for (;;) {
        PyObject *chunk = PyObject_CallFunction(read, "i", self->buffer_size);
        if (chunk == NULL) {
            Py_DECREF(read);
            return NULL;
        }
        const char *data;
        Py_ssize_t len;
        if (PyBytes_Check(chunk)) {
            data = PyBytes_AS_STRING(chunk);
            len = PyBytes_GET_SIZE(chunk);
        } else if (PyUnicode_Check(chunk)) {
            data = PyUnicode_AsUTF8AndSize(chunk, &len);
            XML_SetEncoding(self->parser, "utf-8");
        } else {
            PyErr_Format(PyExc_TypeError, "read() did not return a bytes object (type=%.400s)",
                         Py_TYPE(chunk)->tp_name);
            data = NULL;
            len = 0;
        }
        if (data == NULL) {
            Py_DECREF(chunk);
            Py_DECREF(read);
            return NULL;
        }
        if (len > INT_MAX) {
            PyErr_SetString(PyExc_ValueError, "read() returned too much data");
            Py_DECREF(chunk);
            Py_DECREF(read);
            return NULL;
        }
        rv = XML_Parse(self->parser, data, (int)len, len == 0);
        Py_DECREF(chunk);
        if (rv == XML_STATUS_ERROR || PyErr_Occurred() || len == 0) {
            break;
        }
    }
    Py_DECREF(read);
    return parse_result(self, rv);
}

static PyObject *
parser_set_base(ExpatParser *self, PyObject *base)
{
    const char *s = PyUnicode_Check(base) ? PyUnicode_AsUTF8(base) : NULL;
    if (s == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_TypeError, "SetBase() argument must be str, not %.50s",
                         Py_TYPE(base)->tp_name);
        }
        return NULL;
    }
    if (!XML_SetBase(self->parser, s)) {
        return PyErr_NoMemory();
    }
    Py_RETURN_NONE;
}

static PyObject *
parser_get_base(ExpatParser *self, PyObject *Py_UNUSED(ignored))
{
    return pyexpat_str(XML_GetBase(self->parser));
}

static PyObject *
parser_get_input_context(ExpatParser *self, PyObject *Py_UNUSED(ignored))
{
    if (!self->in_callback) {
        Py_RETURN_NONE;
    }
    int offset = -1, size = -1;
    const char *buffer = XML_GetInputContext(self->parser, &offset, &size);
    if (buffer == NULL) {
        Py_RETURN_NONE;
    }
    return PyBytes_FromStringAndSize(buffer + offset, size - offset);
}

static PyObject *
parser_set_param_entity_parsing(ExpatParser *self, PyObject *arg)
{
    int flag = _PyLong_AsInt(arg);
    if (flag == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return PyLong_FromLong(XML_SetParamEntityParsing(self->parser, flag));
}

static PyObject *
parser_use_foreign_dtd(ExpatParser *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("UseForeignDTD", nargs, 0, 1)) {
        return NULL;
    }
    int flag = 1;
    if (nargs == 1 && (flag = PyObject_IsTrue(args[0])) < 0) {
        return NULL;
    }
    enum XML_Error rc = XML_UseForeignDTD(self->parser, flag ? XML_TRUE : XML_FALSE);
    if (rc != XML_ERROR_NONE) {
        return set_expat_error(self);
    }
    Py_RETURN_NONE;
}

/* ---- the parser object ---------------------------------------------------------------------- */

static ExpatParser *
parser_new(void)
{
    ExpatParser *self = PyObject_GC_New(ExpatParser, &pyexpat_parser_type);
    if (self == NULL) {
        return NULL;
    }
    self->parser = NULL;
    self->intern = NULL;
    self->buffer = NULL;
    self->buffer_size = 8192;
    self->buffer_used = 0;
    self->ordered_attributes = 0;
    self->specified_attributes = 0;
    self->namespace_prefixes = 0;
    self->in_callback = 0;
    memset(self->handlers, 0, sizeof self->handlers);
    return self;
}

static int unknown_encoding(void *data, const XML_Char *name, XML_Encoding *info);

/* Wires a new parser object around PARSER (taken over) with the INTERN dict (borrowed). */
static PyObject *
parser_finish(ExpatParser *self, XML_Parser parser, PyObject *intern)
{
    self->parser = parser;
    self->intern = Py_XNewRef(intern);
    if (parser == NULL) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    XML_SetUserData(parser, self);
    XML_SetUnknownEncodingHandler(parser, unknown_encoding, NULL);
    PyObject_GC_Track(self);
    return (PyObject *)self;
}

static PyObject *
parser_external_entity_parser_create(ExpatParser *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("ExternalEntityParserCreate", nargs, 1, 2)) {
        return NULL;
    }
    const char *context = args[0] == Py_None ? NULL : PyUnicode_AsUTF8(args[0]);
    const char *encoding = nargs == 2 ? PyUnicode_AsUTF8(args[1]) : NULL;
    if ((context == NULL && args[0] != Py_None) || (nargs == 2 && encoding == NULL)) {
        return NULL;
    }
    if (pyexpat_flush_text(self) < 0) {
        return NULL;
    }
    ExpatParser *child = parser_new();
    if (child == NULL) {
        return NULL;
    }
    child->buffer_size = self->buffer_size;
    child->ordered_attributes = self->ordered_attributes;
    child->specified_attributes = self->specified_attributes;
    if (self->buffer != NULL) {
        child->buffer = PyMem_Malloc((size_t)child->buffer_size);
        if (child->buffer == NULL) {
            Py_DECREF(child);
            return PyErr_NoMemory();
        }
    }
    PyObject *r = parser_finish(
        child, XML_ExternalEntityParserCreate(self->parser, context, encoding), self->intern);
    if (r == NULL) {
        return NULL;
    }
    for (int i = 0; i < PYEXPAT_NHANDLERS; i++) { /* the handlers carry over, as in expat */
        if (self->handlers[i] != NULL && pyexpat_set_handler(child, i, self->handlers[i]) < 0) {
            Py_DECREF(r);
            return NULL;
        }
    }
    return r;
}

static int
parser_traverse(PyObject *op, visitproc visit, void *arg)
{
    ExpatParser *self = (ExpatParser *)op;
    for (int i = 0; i < PYEXPAT_NHANDLERS; i++) {
        Py_VISIT(self->handlers[i]);
    }
    Py_VISIT(self->intern);
    return 0;
}

static int
parser_clear(PyObject *op)
{
    ExpatParser *self = (ExpatParser *)op;
    pyexpat_clear_handlers(self);
    Py_CLEAR(self->intern);
    return 0;
}

static void
parser_dealloc(PyObject *op)
{
    ExpatParser *self = (ExpatParser *)op;
    PyObject_GC_UnTrack(op);
    (void)parser_clear(op);
    if (self->parser != NULL) {
        XML_ParserFree(self->parser);
    }
    PyMem_Free(self->buffer);
    PyObject_GC_Del(op);
}

/* ---- attributes ----------------------------------------------------------------------------- */

static PyObject *
get_buffer_text(ExpatParser *self, void *Py_UNUSED(c))
{
    return PyBool_FromLong(self->buffer != NULL);
}

static int
set_buffer_text(ExpatParser *self, PyObject *v, void *Py_UNUSED(c))
{
    if (v == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Cannot delete attribute");
        return -1;
    }
    int on = PyObject_IsTrue(v);
    if (on < 0) {
        return -1;
    }
    if (on && self->buffer == NULL) {
        self->buffer = PyMem_Malloc((size_t)self->buffer_size);
        if (self->buffer == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        self->buffer_used = 0;
    } else if (!on && self->buffer != NULL) {
        if (pyexpat_flush_text(self) < 0) {
            return -1;
        }
        PyMem_Free(self->buffer);
        self->buffer = NULL;
    }
    return 0;
}

static PyObject *
get_buffer_size(ExpatParser *self, void *Py_UNUSED(c))
{
    return PyLong_FromLong(self->buffer_size);
}

static int
set_buffer_size(ExpatParser *self, PyObject *v, void *Py_UNUSED(c))
{
    if (v == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Cannot delete attribute");
        return -1;
    }
    if (!PyLong_Check(v)) {
        PyErr_SetString(PyExc_TypeError, "buffer_size must be an integer");
        return -1;
    }
    long size = PyLong_AsLong(v);
    if (size == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (size <= 0) {
        PyErr_SetString(PyExc_ValueError, "buffer_size must be greater than zero");
        return -1;
    }
    if (size > INT_MAX) {
        PyErr_Format(PyExc_ValueError, "buffer_size must not be greater than %i", INT_MAX);
        return -1;
    }
    if (self->buffer != NULL && size != self->buffer_size) {
        if (pyexpat_flush_text(self) < 0) {
            return -1;
        }
        char *nb = PyMem_Malloc((size_t)size);
        if (nb == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        PyMem_Free(self->buffer);
        self->buffer = nb;
    }
    self->buffer_size = (int)size;
    return 0;
}

static PyObject *
get_buffer_used(ExpatParser *self, void *Py_UNUSED(c))
{
    return PyLong_FromLong(self->buffer_used);
}

/* The boolean flags: ordered_attributes, specified_attributes, namespace_prefixes. */
static PyObject *
get_flag(ExpatParser *self, void *which)
{
    int *field = which == (void *)0   ? &self->ordered_attributes
                 : which == (void *)1 ? &self->specified_attributes
                                      : &self->namespace_prefixes;
    return PyBool_FromLong(*field);
}

static int
set_flag(ExpatParser *self, PyObject *v, void *which)
{
    if (v == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Cannot delete attribute");
        return -1;
    }
    int on = PyObject_IsTrue(v);
    if (on < 0) {
        return -1;
    }
    if (which == (void *)0) {
        self->ordered_attributes = on;
    } else if (which == (void *)1) {
        self->specified_attributes = on;
    } else {
        self->namespace_prefixes = on;
        XML_SetReturnNSTriplet(self->parser, on);
    }
    return 0;
}

static PyObject *
get_intern(ExpatParser *self, void *Py_UNUSED(c))
{
    return Py_NewRef(self->intern != NULL ? self->intern : Py_None);
}

/* The read-only position and error numbers, by index. */
static PyObject *
get_position(ExpatParser *self, void *which)
{
    XML_Parser p = self->parser;
    switch ((int)(intptr_t)which) {
    case 0:
        return PyLong_FromLong(XML_GetErrorCode(p));
    case 1:
        return PyLong_FromLong((long)XML_GetErrorLineNumber(p));
    case 2:
        return PyLong_FromLong((long)XML_GetErrorColumnNumber(p));
    case 3:
        return PyLong_FromLong((long)XML_GetErrorByteIndex(p));
    case 4:
        return PyLong_FromLong((long)XML_GetCurrentLineNumber(p));
    case 5:
        return PyLong_FromLong((long)XML_GetCurrentColumnNumber(p));
    default:
        return PyLong_FromLong((long)XML_GetCurrentByteIndex(p));
    }
}

/* The handler attributes, by index into the handler table. */
static PyObject *
get_handler(ExpatParser *self, void *which)
{
    PyObject *h = self->handlers[(int)(intptr_t)which];
    return Py_NewRef(h != NULL ? h : Py_None);
}

static int
set_handler_attr(ExpatParser *self, PyObject *v, void *which)
{
    if (v == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Cannot delete attribute");
        return -1;
    }
    int i = (int)(intptr_t)which;
    if (i == PYEXPAT_CHARACTER_DATA && pyexpat_flush_text(self) < 0) {
        return -1;
    }
    return pyexpat_set_handler(self, i, v);
}

#define POSITION(name, i)                                                                          \
    {                                                                                              \
        name, (getter)get_position, NULL, NULL, (void *)(intptr_t)(i)                              \
    }
#define FLAG(name, i)                                                                              \
    {                                                                                              \
        name, (getter)get_flag, (setter)set_flag, NULL, (void *)(intptr_t)(i)                      \
    }

static PyGetSetDef parser_getset[PYEXPAT_NHANDLERS + 16] = {
    {"buffer_text", (getter)get_buffer_text, (setter)set_buffer_text, NULL, NULL},
    {"buffer_size", (getter)get_buffer_size, (setter)set_buffer_size, NULL, NULL},
    {"buffer_used", (getter)get_buffer_used, NULL, NULL, NULL},
    FLAG("ordered_attributes", 0),
    FLAG("specified_attributes", 1),
    FLAG("namespace_prefixes", 2),
    {"intern", (getter)get_intern, NULL, NULL, NULL},
    POSITION("ErrorCode", 0),
    POSITION("ErrorLineNumber", 1),
    POSITION("ErrorColumnNumber", 2),
    POSITION("ErrorByteIndex", 3),
    POSITION("CurrentLineNumber", 4),
    POSITION("CurrentColumnNumber", 5),
    POSITION("CurrentByteIndex", 6),
    /* the handler attributes are appended by pyexpat_init_getset */
};

static void
init_getset(void)
{
    int n = 0;
    while (parser_getset[n].name != NULL) {
        n++;
    }
    for (int i = 0; i < PYEXPAT_NHANDLERS; i++, n++) {
        parser_getset[n] = (PyGetSetDef){pyexpat_handler_names[i], (getter)get_handler,
                                         (setter)set_handler_attr, NULL, (void *)(intptr_t)i};
    }
}

static PyMethodDef parser_methods[] = {
    {"Parse", (PyCFunction)(void (*)(void))parser_parse, METH_FASTCALL,
     "Parse($self, data, isfinal=False, /)\n--\n\nParse XML data."},
    {"ParseFile", (PyCFunction)parser_parse_file, METH_O,
     "ParseFile($self, file, /)\n--\n\nParse XML data from file-like object."},
    {"SetBase", (PyCFunction)parser_set_base, METH_O,
     "SetBase($self, base, /)\n--\n\nSet the base URL for the parser."},
    {"GetBase", (PyCFunction)parser_get_base, METH_NOARGS,
     "GetBase($self, /)\n--\n\nReturn base URL string for the parser."},
    {"GetInputContext", (PyCFunction)parser_get_input_context, METH_NOARGS,
     "GetInputContext($self, /)\n--\n\nReturn the untranslated text of the input that caused "
     "the current event."},
    {"ExternalEntityParserCreate",
     (PyCFunction)(void (*)(void))parser_external_entity_parser_create, METH_FASTCALL,
     "ExternalEntityParserCreate($self, context, encoding=<unrepresentable>, /)\n--\n\n"
     "Create a parser for parsing an external entity based on the information passed to the "
     "ExternalEntityRefHandler."},
    {"SetParamEntityParsing", (PyCFunction)parser_set_param_entity_parsing, METH_O,
     "SetParamEntityParsing($self, flag, /)\n--\n\nControls parsing of parameter entities "
     "(including the external DTD subset)."},
    {"UseForeignDTD", (PyCFunction)(void (*)(void))parser_use_foreign_dtd, METH_FASTCALL,
     "UseForeignDTD($self, flag=True, /)\n--\n\nAllows the application to provide an "
     "artificial external subset if one is not specified as part of the document instance."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject pyexpat_parser_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "pyexpat.xmlparser",
    .tp_basicsize = sizeof(ExpatParser),
    .tp_dealloc = parser_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_doc = "XML parser",
    .tp_traverse = parser_traverse,
    .tp_clear = parser_clear,
    .tp_methods = parser_methods,
    .tp_getset = parser_getset,
};

/* ---- module functions ----------------------------------------------------------------------- */

/* A str-or-None argument NAME of ParserCreate as UTF-8 (NULL for None); 0, or -1 with the
 * TypeError CPython's argument parser gives. */
static int
optional_text(PyObject *v, const char *name, const char **out)
{
    if (v == Py_None) {
        *out = NULL;
        return 0;
    }
    if (!PyUnicode_Check(v)) {
        PyErr_Format(PyExc_TypeError, "ParserCreate() argument '%s' must be str or None, not %.50s",
                     name, Py_TYPE(v)->tp_name);
        return -1;
    }
    *out = PyUnicode_AsUTF8(v);
    return *out != NULL ? 0 : -1;
}

/* expat met an encoding it does not know: a single-byte Python codec of that name maps each
 * byte (undecodable bytes are invalid); multi-byte codecs are refused, as in CPython. */
static int
unknown_encoding(void *Py_UNUSED(data), const XML_Char *name, XML_Encoding *info)
{
    unsigned char bytes[256];
    if (PyErr_Occurred()) {
        return XML_STATUS_ERROR;
    }
    for (int i = 0; i < 256; i++) {
        bytes[i] = (unsigned char)i;
    }
    PyObject *u = PyUnicode_Decode((const char *)bytes, 256, name, "replace");
    if (u == NULL) {
        return XML_STATUS_ERROR;
    }
    if (PyUnicode_GET_LENGTH(u) != 256) {
        Py_DECREF(u);
        PyErr_SetString(PyExc_ValueError, "multi-byte encodings are not supported");
        return XML_STATUS_ERROR;
    }
    for (int i = 0; i < 256; i++) {
        Py_UCS4 ch = PyUnicode_READ_CHAR(u, i);
        info->map[i] = ch == 0xFFFD ? -1 : (int)ch;
    }
    info->data = NULL;
    info->convert = NULL;
    info->release = NULL;
    Py_DECREF(u);
    return XML_STATUS_OK;
}

static PyObject *
pyexpat_parser_create(PyObject *Py_UNUSED(m), PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"encoding", "namespace_separator", "intern", NULL};
    const char *encoding = NULL, *separator = NULL;
    PyObject *enc_obj = Py_None, *sep_obj = Py_None, *intern = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OOO:ParserCreate", (char **)kwlist, &enc_obj,
                                     &sep_obj, &intern) ||
        optional_text(enc_obj, "encoding", &encoding) < 0 ||
        optional_text(sep_obj, "namespace_separator", &separator) < 0) {
        return NULL;
    }
    if (separator != NULL && strlen(separator) > 1) {
        PyErr_SetString(PyExc_ValueError,
                        "namespace_separator must be at most one character, omitted, or None");
        return NULL;
    }
    if (intern == Py_None) {
        intern = NULL;
    } else if (intern == NULL) {
        intern = PyDict_New();
        if (intern == NULL) {
            return NULL;
        }
    } else if (!PyDict_Check(intern)) {
        PyErr_SetString(PyExc_TypeError, "intern must be a dictionary");
        return NULL;
    } else {
        Py_INCREF(intern);
    }
    ExpatParser *self = parser_new();
    PyObject *r = NULL;
    if (self != NULL) {
        XML_Parser p = separator != NULL ? XML_ParserCreateNS(encoding, *separator)
                                         : XML_ParserCreate(encoding);
        r = parser_finish(self, p, intern);
    }
    Py_XDECREF(intern);
    return r;
}

static PyObject *
pyexpat_error_string(PyObject *Py_UNUSED(m), PyObject *arg)
{
    long code = PyLong_AsLong(arg);
    if (code == -1 && PyErr_Occurred()) {
        return NULL;
    }
    const char *s = XML_ErrorString((enum XML_Error)code);
    return s != NULL ? PyUnicode_FromString(s) : Py_NewRef(Py_None);
}

static PyMethodDef module_methods[] = {
    {"ParserCreate", (PyCFunction)(void (*)(void))pyexpat_parser_create,
     METH_VARARGS | METH_KEYWORDS,
     "ParserCreate($module, /, encoding=None, namespace_separator=None, intern=<unrepresentable>)"
     "\n--\n\nReturn a new XML parser object."},
    {"ErrorString", pyexpat_error_string, METH_O,
     "ErrorString($module, code, /)\n--\n\nReturns string error for given number."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef pyexpat_module = {
    PyModuleDef_HEAD_INIT,
    "pyexpat",
    "Python wrapper for Expat parser.",
    -1,
    module_methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

/* Adds VALUE (a new reference, or NULL after an error) to M as NAME; 0 or -1. */
static int
add_new(PyObject *m, const char *name, PyObject *value)
{
    int r = value != NULL ? PyModule_AddObjectRef(m, name, value) : -1;
    Py_XDECREF(value);
    return r;
}

PyMODINIT_FUNC PyInit_pyexpat(void);

PyMODINIT_FUNC
PyInit_pyexpat(void)
{
    static int ready;
    if (!ready) {
        init_getset();
        if (PyType_Ready(&pyexpat_parser_type) < 0) {
            return NULL;
        }
        ready = 1;
    }
    if (pyexpat_error == NULL) {
        pyexpat_error = PyErr_NewException("xml.parsers.expat.ExpatError", NULL, NULL);
        if (pyexpat_error == NULL) {
            return NULL;
        }
    }
    PyObject *m = PyModule_Create(&pyexpat_module);
    if (m == NULL) {
        return NULL;
    }
    XML_Expat_Version v = XML_ExpatVersionInfo();
    if (PyModule_AddObjectRef(m, "error", pyexpat_error) < 0 ||
        PyModule_AddObjectRef(m, "ExpatError", pyexpat_error) < 0 ||
        PyModule_AddObjectRef(m, "XMLParserType", (PyObject *)&pyexpat_parser_type) < 0 ||
        PyModule_AddStringConstant(m, "EXPAT_VERSION", XML_ExpatVersion()) < 0 ||
        add_new(m, "version_info", Py_BuildValue("(iii)", v.major, v.minor, v.micro)) < 0 ||
        PyModule_AddStringConstant(m, "native_encoding", "UTF-8") < 0 ||
        PyModule_AddIntConstant(m, "XML_PARAM_ENTITY_PARSING_NEVER",
                                XML_PARAM_ENTITY_PARSING_NEVER) < 0 ||
        PyModule_AddIntConstant(m, "XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE",
                                XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE) < 0 ||
        PyModule_AddIntConstant(m, "XML_PARAM_ENTITY_PARSING_ALWAYS",
                                XML_PARAM_ENTITY_PARSING_ALWAYS) < 0 ||
        pyexpat_add_submodules(m) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
