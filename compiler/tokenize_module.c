/* tokenize_module.c: the `_tokenize` module, as CPython 3.11's Python/Python-tokenize.c:
 * TokenizerIter(source) yields (string, type, lineno, end_lineno, col_offset, end_col_offset,
 * line) for each token of the C tokenizer, with Lib/token.py's numbers, byte columns and the
 * tokenizer's line buffer as `line`. Tokenizer exceptions (bad literals, brackets) propagate;
 * status errors (indentation, EOF inside brackets) end the iteration silently, as in CPython.
 * The runtime reaches it through the hook in stdlib/_tokenizemodule.c. */
#include <stdio.h>
#include <string.h>

#include "Python.h"
#include "tok_internal.h"
#include "tokenize_module.h"
#include "tokenizer.h"

#include "../stdlib/_tokenizemodule.h"

/* Lib/token.py's numbers past the operators (the kinds before KW_FALSE use its order). */
#define TOKNUM_OP    54
#define TOKNUM_AWAIT 55
#define TOKNUM_ASYNC 56

_Static_assert(PYRS_TOK_ENDMARKER == 0 && PYRS_TOK_NEWLINE == 4 && PYRS_TOK_LPAR == 7 &&
                   PYRS_TOK_NOTEQUAL == 28 && PYRS_TOK_AT == 49 && PYRS_TOK_COLONEQUAL == 53 &&
                   PYRS_TOK_KW_FALSE == 54,
               "tokens.def lists the operators in Lib/token.py's order");

typedef struct {
    PyObject_HEAD
    PyrsTokenizer *tok; /* the front end's tokenizer over the source */
    int done;           /* ENDMARKER or an error was reached: only StopIteration from now on */
    PyObject *line;     /* the last `line` made (tokens of one line share it), or NULL */
    int line_first;     /* its first line */
    int line_last;      /* its last line */
} TokIterObject;

/* Lib/token.py's number for a token of KIND: keywords are NAME, except ASYNC and AWAIT. */
static int
token_number(PyrsTokKind kind)
{
    if (kind == PYRS_TOK_OP) {
        return TOKNUM_OP;
    }
    if (kind == PYRS_TOK_KW_ASYNC) {
        return TOKNUM_ASYNC;
    }
    if (kind == PYRS_TOK_KW_AWAIT) {
        return TOKNUM_AWAIT;
    }
    return kind < PYRS_TOK_KW_FALSE ? (int)kind : PYRS_TOK_NAME;
}

/* LINENO, or the last line of the text when it lies past it (tokens made at end of input
 * carry the last line read, as CPython's do). */
static int
clamp_line(const PyrsTokenizer *tok, int lineno)
{
    while (lineno > 1 && pyrs_tok_line(tok, lineno, NULL) == NULL) {
        lineno--;
    }
    return lineno;
}

/* The text of lines FIRST..LAST with the newline ending LAST: CPython's line buffer. */
static PyObject *
buffer_text(const PyrsTokenizer *tok, int first, int last)
{
    size_t n = 0;
    const char *s = pyrs_tok_line(tok, first, NULL);
    const char *e = pyrs_tok_line(tok, last, &n);
    if (s == NULL || e == NULL) {
        return PyUnicode_FromString("");
    }
    e += n;
    if (*e == '\n') {
        e++;
    }
    return PyUnicode_DecodeUTF8(s, e - s, "replace");
}

/* The `line` of a token ending on line LAST (new reference): made once per distinct range,
 * since a very long line has many tokens. NULL with an exception set on failure. */
static PyObject *
token_line(TokIterObject *self, int last)
{
    int first = pyrs_tok_buf_line(self->tok);
    first = first > last ? last : first;
    if (self->line == NULL || self->line_first != first || self->line_last != last) {
        PyObject *line = buffer_text(self->tok, first, last);
        if (line == NULL) {
            return NULL;
        }
        Py_XSETREF(self->line, line);
        self->line_first = first;
        self->line_last = last;
    }
    return Py_NewRef(self->line);
}

/* Raises ERR as CPython's tokenizer does, with LINE[0..LEN) (no newline) as its text. */
static void
raise_error(const PyrsSyntaxError *err, const char *line, size_t len)
{
    PyObject *type = err->kind == PYRS_ERR_INDENTATION ? PyExc_IndentationError
                     : err->kind == PYRS_ERR_TAB       ? PyExc_TabError
                                                       : PyExc_SyntaxError;
    PyObject *text = Py_None;
    if (line != NULL) {
        text = PyUnicode_DecodeUTF8(line, (Py_ssize_t)len, "replace");
        if (text == NULL) {
            return;
        }
    } else {
        Py_INCREF(text);
    }
    PyObject *args = Py_BuildValue("(s(siiNii))", err->msg, err->filename, err->lineno, err->offset,
                                   text, err->end_lineno, err->end_offset);
    if (args != NULL) {
        PyErr_SetObject(type, args);
        Py_DECREF(args);
    }
}

/* Ends the iteration: the tokenizer's exception once, else StopIteration("EOF"). */
static PyObject *
tokiter_stop(TokIterObject *self, int failed)
{
    int first = !self->done;
    self->done = 1;
    if (first && failed && pyrs_tok_error_overrides(self->tok)) {
        const PyrsSyntaxError *err = pyrs_tok_error(self->tok);
        raise_error(err, err->text, err->text ? strcspn(err->text, "\n") : 0);
    } else {
        PyErr_SetString(PyExc_StopIteration, "EOF");
    }
    return NULL;
}

/* CPython's tokenizer warns about "1if"; a warning turned into an error becomes the
 * SyntaxError it would have raised. 0, or -1 with an exception set. */
static int
issue_warning(TokIterObject *self)
{
    int lineno = 0, offset = 0;
    const char *msg = pyrs_tok_warning(self->tok, &lineno, &offset);
    if (msg == NULL) {
        return 0;
    }
    int rc = PyErr_WarnExplicit(PyExc_SyntaxWarning, msg, "<string>", lineno, NULL, NULL);
    if (rc < 0 && PyErr_ExceptionMatches(PyExc_SyntaxWarning)) {
        PyErr_Clear();
        size_t n = 0;
        const char *text = pyrs_tok_line(self->tok, lineno, &n);
        PyrsSyntaxError err = {.kind = PYRS_ERR_SYNTAX,
                               .filename = (char *)"<string>",
                               .lineno = lineno,
                               .offset = offset,
                               .end_lineno = lineno,
                               .end_offset = offset};
        snprintf(err.msg, sizeof(err.msg), "%s", msg);
        raise_error(&err, text, n);
    }
    if (rc < 0) {
        self->done = 1;
    }
    return rc;
}

static PyObject *
tokiter_next(TokIterObject *self)
{
    PyrsToken t;
    if (self->done) {
        return tokiter_stop(self, 0);
    }
    if (pyrs_tok_next(self->tok, &t) < 0) {
        return tokiter_stop(self, 1);
    }
    if (t.kind == PYRS_TOK_ENDMARKER) {
        return tokiter_stop(self, 0);
    }
    if (issue_warning(self) < 0) {
        return NULL;
    }
    int indent = t.kind == PYRS_TOK_INDENT || t.kind == PYRS_TOK_DEDENT;
    /* only a DEDENT can be made past the last line (at end of input) */
    int lineno = t.kind == PYRS_TOK_DEDENT ? clamp_line(self->tok, t.lineno) : t.lineno;
    int end_lineno = t.kind == PYRS_TOK_DEDENT ? lineno : t.end_lineno;
    size_t len = indent ? 0 : t.len;
    if (t.kind == PYRS_TOK_NEWLINE && len > 0 && t.start[len - 1] == '\n') {
        len--; /* CPython's NEWLINE text is the comment before it, if any */
    }
    PyObject *str = PyUnicode_DecodeUTF8(t.start, (Py_ssize_t)len, "replace");
    PyObject *line = token_line(self, end_lineno);
    if (str == NULL || line == NULL) {
        Py_XDECREF(str);
        Py_XDECREF(line);
        return NULL;
    }
    return Py_BuildValue("(NiiiiiN)", str, token_number(t.kind), lineno, end_lineno,
                         indent ? -1 : t.col_offset, indent ? -1 : t.end_col_offset, line);
}

/* A tokenizer over SRC[0..LEN) read as CPython reads a string: its newline translation
 * turns a final "\r\n" into two newlines (so one more, blank, line). NULL when out of
 * memory. */
static PyrsTokenizer *
new_tokenizer(const char *src, size_t len)
{
    if (len < 2 || src[len - 2] != '\r' || src[len - 1] != '\n') {
        return pyrs_tok_new_utf8(src, len, "<string>", 1, 0);
    }
    char *copy = PyMem_Malloc(len + 1);
    if (copy == NULL) {
        return NULL;
    }
    memcpy(copy, src, len);
    copy[len] = '\n';
    PyrsTokenizer *tok = pyrs_tok_new_utf8(copy, len + 1, "<string>", 1, 0);
    PyMem_Free(copy);
    return tok;
}

/* TokenizerIter(source): SOURCE must be a str without NUL characters. */
static PyObject *
tokiter_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"source", NULL};
    PyObject *source = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:tokenizeriter", (char **)kwlist, &source)) {
        return NULL;
    }
    if (!PyUnicode_Check(source)) {
        PyErr_Format(PyExc_TypeError, "tokenizeriter() argument 'source' must be str, not %.50s",
                     Py_TYPE(source)->tp_name);
        return NULL;
    }
    Py_ssize_t len = 0;
    const char *src = PyUnicode_AsUTF8AndSize(source, &len);
    if (src == NULL) {
        return NULL;
    }
    if (strlen(src) != (size_t)len) {
        PyErr_SetString(PyExc_ValueError, "embedded null character");
        return NULL;
    }
    TokIterObject *self = (TokIterObject *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->tok = new_tokenizer(src, (size_t)len);
    if (self->tok == NULL) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    pyrs_tok_set_cpython_mode(self->tok);
    return (PyObject *)self;
}

static void
tokiter_dealloc(TokIterObject *self)
{
    pyrs_tok_free(self->tok);
    Py_XDECREF(self->line);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject TokIter_Type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "_tokenize.TokenizerIter",
    .tp_basicsize = sizeof(TokIterObject),
    .tp_dealloc = (destructor)tokiter_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)tokiter_next,
    .tp_new = tokiter_new,
};

static struct PyModuleDef tokenize_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_tokenize",
    .m_size = 0,
};

/* The module: TokenizerIter and nothing else, as in CPython 3.11. */
static PyObject *
tokenize_module_create(void)
{
    if (PyType_Ready(&TokIter_Type) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&tokenize_def);
    if (m == NULL) {
        return NULL;
    }
    Py_INCREF(&TokIter_Type);
    if (PyModule_AddObject(m, "TokenizerIter", (PyObject *)&TokIter_Type) < 0) {
        Py_DECREF(&TokIter_Type);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

void
pyrs_tokenize_module_install(void)
{
    pyrs_tokenize_set_hook(tokenize_module_create);
}
