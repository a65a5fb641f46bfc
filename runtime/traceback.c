/* traceback.c: traceback objects (CPython 3.11's PyTracebackObject, runtime/include/traceback.h:
 * an entry's code comes from its frame object) and the printer of uncaught exceptions in the
 * format of CPython's default sys.excepthook. */
#include "pyrs/errors.h"
#include "pyrs/vm.h"
#include "pyrs/frameobject.h"
#include "pyrs/lifecycle.h"
#include "pyrs/object.h"

#include "structmember.h"

#include "traceback.h"

/* The code object of entry TB, or NULL when it has no frame (out of memory). */
static PyrsCodeObject *
tb_code(PyTracebackObject *tb)
{
    return tb->tb_frame != NULL ? (PyrsCodeObject *)PYRS_FRAME_DATA(tb->tb_frame)->f_code : NULL;
}

static void
tb_dealloc(PyObject *op)
{
    PyTracebackObject *tb = (PyTracebackObject *)op;
    PyObject_GC_UnTrack(op);
    Py_XDECREF(tb->tb_next);
    Py_XDECREF(tb->tb_frame);
    PyObject_GC_Del(op);
}

static int
tb_traverse(PyObject *op, visitproc visit, void *arg)
{
    PyTracebackObject *tb = (PyTracebackObject *)op;
    Py_VISIT(tb->tb_next);
    Py_VISIT(tb->tb_frame);
    return 0;
}


static int
tb_clear(PyObject *op)
{
    PyTracebackObject *tb = (PyTracebackObject *)op;
    Py_CLEAR(tb->tb_next);
    Py_CLEAR(tb->tb_frame);
    return 0;
}

static PyObject *
tb_get_next(PyObject *op, void *Py_UNUSED(closure))
{
    PyObject *next = (PyObject *)((PyTracebackObject *)op)->tb_next;
    return Py_NewRef(next != NULL ? next : Py_None);
}

/* tb.tb_next = tb2 or None, refusing loops (CPython 3.7+). */
static int
tb_set_next(PyObject *op, PyObject *value, void *Py_UNUSED(closure))
{
    PyTracebackObject *self = (PyTracebackObject *)op;
    if (value == NULL) {
        PyErr_SetString(PyExc_TypeError, "can't delete tb_next attribute");
        return -1;
    }
    if (value == Py_None) {
        value = NULL;
    } else if (!Py_IS_TYPE(value, &PyTraceBack_Type)) {
        PyErr_Format(PyExc_TypeError, "expected traceback object, got '%s'",
                     Py_TYPE(value)->tp_name);
        return -1;
    }
    for (PyTracebackObject *c = (PyTracebackObject *)value; c != NULL; c = c->tb_next) {
        if (c == self) {
            PyErr_SetString(PyExc_ValueError, "traceback loop detected");
            return -1;
        }
    }
    Py_XSETREF(self->tb_next, (PyTracebackObject *)Py_XNewRef(value));
    return 0;
}

static PyGetSetDef tb_getset[] = {
    {"tb_next", tb_get_next, tb_set_next, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef tb_members[] = {
    {"tb_frame", T_OBJECT, offsetof(PyTracebackObject, tb_frame), READONLY, NULL},
    {"tb_lasti", T_INT, offsetof(PyTracebackObject, tb_lasti), READONLY, NULL},
    {"tb_lineno", T_INT, offsetof(PyTracebackObject, tb_lineno), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

/* dir(traceback) lists only its four attributes, as CPython 3.11's __dir__ does. */
static PyObject *
tb_dir(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("[ssss]", "tb_frame", "tb_next", "tb_lasti", "tb_lineno");
}

static PyMethodDef tb_methods[] = {
    {"__dir__", tb_dir, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

/* TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno), as CPython 3.7+ allows. */
static PyObject *
tb_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"tb_next", "tb_frame", "tb_lasti", "tb_lineno", NULL};
    PyObject *next, *frame;
    int lasti, lineno;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OOii:TracebackType", (char **)kwlist, &next,
                                     &frame, &lasti, &lineno)) {
        return NULL;
    }
    if (!Py_IS_TYPE(frame, &PyFrame_Type)) {
        PyErr_Format(PyExc_TypeError, "TracebackType() argument 'tb_frame' must be frame, not %s",
                     Py_TYPE(frame)->tp_name);
        return NULL;
    }
    if (next == Py_None) {
        next = NULL;
    } else if (!PyTraceBack_Check(next)) {
        PyErr_Format(PyExc_TypeError, "expected traceback object or None, got '%s'",
                     Py_TYPE(next)->tp_name);
        return NULL;
    }
    PyTracebackObject *tb = PyObject_GC_New(PyTracebackObject, type);
    if (tb == NULL) {
        return NULL;
    }
    tb->tb_next = (PyTracebackObject *)Py_XNewRef(next);
    tb->tb_frame = (PyFrameObject *)Py_NewRef(frame);
    tb->tb_lasti = lasti;
    tb->tb_lineno = lineno;
    PyObject_GC_Track(tb);
    return (PyObject *)tb;
}

PyTypeObject PyTraceBack_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "traceback",
    .tp_basicsize = sizeof(PyTracebackObject),
    .tp_dealloc = tb_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = tb_traverse,
    .tp_clear = tb_clear,
    .tp_methods = tb_methods,
    .tp_members = tb_members,
    .tp_getset = tb_getset,
    .tp_new = tb_new,
};

int
pyrs_traceback_init(void)
{
    return PyType_Ready(&PyTraceBack_Type);
}

/* Prepends an entry for instruction PC of CODE to the pending exception's traceback. */
void
pyrs_vm_traceback_here(void *frame, Py_ssize_t pc)
{
    PyrsFrame *f = frame;
    PyrsCodeObject *code = f->code;
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyTracebackObject *entry = PyObject_GC_New(PyTracebackObject, &PyTraceBack_Type);
    if (entry == NULL) {
        PyErr_Clear();
        PyErr_Restore(t, v, tb);
        return;
    }
    entry->tb_next = (PyTracebackObject *)tb; /* steals the old head */
    entry->tb_frame = (PyFrameObject *)pyrs_frameobj_get(f);
    if (entry->tb_frame == NULL) {
        PyErr_Clear(); /* the traceback stays usable without its frame */
    }
    entry->tb_lasti = (int)(pc * 2);
    entry->tb_lineno = pyrs_code_line(code, pc);
    PyObject_GC_Track(entry);
    PyErr_Restore(t, v, (PyObject *)entry);
}

/* Reads line LINENO of FILENAME into BUF without its line ending. 0, or -1 when the file or
 * the line cannot be read. */
static int
read_source_line(const char *filename, int lineno, char *buf, size_t size)
{
    FILE *src = fopen(filename, "r");
    if (src == NULL) {
        return -1;
    }
    int line = 0, found = -1;
    while (fgets(buf, (int)size, src) != NULL) {
        size_t len = strlen(buf);
        int complete = len > 0 && buf[len - 1] == '\n';
        if (++line == lineno) {
            while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r')) {
                buf[--len] = '\0';
            }
            found = 0;
            break;
        }
        /* A line longer than the buffer continues in the next read. */
        if (!complete) {
            line--;
        }
    }
    fclose(src);
    return found;
}

static int
is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\f' || ch == '\r' || ch == '\n' || ch == '\v';
}

/* Characters in the first NBYTES bytes of UTF-8 text S (column conversion). */
static int
utf8_chars(const char *s, int nbytes)
{
    int n = 0;
    for (int i = 0; i < nbytes && s[i] != '\0'; i++) {
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    }
    return n;
}

/* The secondary range of a one-line BinOp or Subscript as character offsets from START (the
 * operator, or the bracketed part), as CPython 3.11 finds it; 0 when there is none. */
static int
caret_anchors(const char *line, int len, PyrsPosition p, int start, int *al, int *ar)
{
    int l = -1, r = -1;
    if (p.anchor_kind == PYRS_ANCHOR_BINOP) {
        for (int i = p.anchor_l; i < p.anchor_r && i < len; i++) {
            if (!is_blank(line[i])) {
                l = i;
                r = i + 1 + (i + 1 < p.anchor_r && i + 1 < len && !is_blank(line[i + 1]));
                break;
            }
        }
    } else if (p.anchor_kind == PYRS_ANCHOR_SUBSCRIPT) {
        l = p.anchor_l;
        r = p.anchor_r;
    }
    if (l < 0 || r > len) {
        return 0;
    }
    *al = utf8_chars(line, l) - start;
    *ar = utf8_chars(line, r) - start;
    return *ar > *al;
}

static void
put_chars(FILE *out, char ch, int n)
{
    for (int i = 0; i < n; i++) {
        fputc(ch, out);
    }
}

/* The state of one uncaught-exception printout (CPython's exception_print_context): nested
 * exception groups indent their members by two columns per level behind a "| " margin. */
typedef struct {
    FILE *out;      /* stderr */
    PyObject *seen; /* set of exceptions already printed (chaining cycles) */
    int depth;      /* exception group nesting (0: none) */
    int need_close; /* the closing +---- line is still owed */
} PrintCtx;

#define GROUP_MAX_WIDTH 15 /* members shown per group, as CPython's default */
#define GROUP_MAX_DEPTH 10 /* nesting shown */

/* Starts a line: the indentation and margin of the current group level. */
static void
margin(PrintCtx *ctx)
{
    put_chars(ctx->out, ' ', 2 * ctx->depth);
    if (ctx->depth > 0) {
        fputs("| ", ctx->out);
    }
}

/* The `^^^^` / `~~^~~` line under LINE (raw text of line LINENO) for the instruction at
 * position P: left out when the position is unknown or covers the whole stripped line. */
static void
print_carets(PrintCtx *ctx, const char *line, int lineno, PyrsPosition p)
{
    if (p.col < 0 || p.end_col < 0 || p.end_line < lineno) {
        return;
    }
    int len = (int)strlen(line);
    int lead = 0;
    while (lead < len && (line[lead] == ' ' || line[lead] == '\t' || line[lead] == '\f')) {
        lead++;
    }
    int tail = len;
    while (tail > lead && is_blank(line[tail - 1])) {
        tail--;
    }
    int stripped = utf8_chars(line + lead, len - lead); /* trailing blanks count (as CPython) */
    int start = utf8_chars(line, p.col < len ? p.col : len);
    int end, al = 0, ar = 0, anchored = 0;
    if (p.end_line == lineno) {
        end = utf8_chars(line, p.end_col < len ? p.end_col : len);
        anchored = caret_anchors(line, len, p, start, &al, &ar);
    } else {
        end = utf8_chars(line, tail); /* multi-line: up to the end of this line */
    }
    if (end - start >= stripped && !anchored) {
        return;
    }
    margin(ctx);
    fputs("    ", ctx->out);
    put_chars(ctx->out, ' ', start - lead);
    if (anchored) {
        put_chars(ctx->out, '~', al);
        put_chars(ctx->out, '^', ar - al);
        put_chars(ctx->out, '~', end - start - ar);
    } else {
        put_chars(ctx->out, '^', end - start);
    }
    fputc('\n', ctx->out);
}

/* Writes the source line of traceback entry TB, stripped and indented by four spaces, then its
 * caret line; nothing when the file cannot be read. */
static void
print_source_line(PrintCtx *ctx, const char *filename, PyTracebackObject *tb)
{
    char buf[4096];
    int lineno = tb->tb_lineno;
    if (read_source_line(filename, lineno, buf, sizeof buf) < 0) {
        return;
    }
    const char *s = buf;
    while (*s == ' ' || *s == '\t' || *s == '\f') {
        s++;
    }
    if (*s == '\0') {
        return;
    }
    margin(ctx);
    fprintf(ctx->out, "    %s\n", s); /* trailing blanks are kept, as CPython prints them */
    print_carets(ctx, buf, lineno, pyrs_code_position(tb_code(tb), tb->tb_lasti / 2));
}

#define TB_RECURSIVE_CUTOFF 3 /* identical entries shown before CPython starts counting */

static void
print_repeated(PrintCtx *ctx, long cnt)
{
    if (cnt > TB_RECURSIVE_CUTOFF) {
        cnt -= TB_RECURSIVE_CUTOFF;
        margin(ctx);
        fprintf(ctx->out, "  [Previous line repeated %ld more time%s]\n", cnt, cnt > 1 ? "s" : "");
    }
}

/* The entries of TB, outermost first; a run of more than three identical entries (same file,
 * line and function, as runaway recursion makes) is summarised as CPython does. */
static void
print_tb(PrintCtx *ctx, PyTracebackObject *tb)
{
    PyObject *last_file = NULL, *last_name = NULL;
    int last_line = -1;
    long cnt = 0;
    for (; tb != NULL; tb = tb->tb_next) {
        PyrsCodeObject *co = tb_code(tb);
        if (co == NULL) {
            continue; /* no frame: nothing to print for it */
        }
        if (co->co_filename != last_file || co->co_name != last_name ||
            tb->tb_lineno != last_line) {
            print_repeated(ctx, cnt);
            last_file = co->co_filename;
            last_name = co->co_name;
            last_line = tb->tb_lineno;
            cnt = 0;
        }
        if (++cnt > TB_RECURSIVE_CUTOFF) {
            continue;
        }
        const char *file = PyUnicode_AsUTF8(co->co_filename);
        const char *name = PyUnicode_AsUTF8(co->co_name);
        if (file == NULL || name == NULL) {
            PyErr_Clear();
            continue;
        }
        margin(ctx);
        fprintf(ctx->out, "  File \"%s\", line %d, in %s\n", file, tb->tb_lineno, name);
        print_source_line(ctx, file, tb);
    }
    print_repeated(ctx, cnt);
}

/* Writes str object S line by line, each line behind the margin. */
static void
print_lines(PrintCtx *ctx, PyObject *s)
{
    PyObject *lines = PyUnicode_Splitlines(s, 1);
    if (lines == NULL) {
        PyErr_Clear();
        return;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(lines); i++) {
        const char *text = PyUnicode_AsUTF8(PyList_GET_ITEM(lines, i));
        if (text == NULL) {
            PyErr_Clear();
            continue;
        }
        margin(ctx);
        fputs(text, ctx->out);
    }
    Py_DECREF(lines);
}

/* The exception's __notes__ (PEP 678), one per line block, as CPython 3.11 prints them. */
static void
print_notes(PrintCtx *ctx, PyObject *exc)
{
    PyObject *notes = NULL;
    if (_PyObject_LookupAttr(exc, pyrs_object_id("__notes__"), &notes) < 0) {
        PyErr_Clear();
        return;
    }
    if (notes == NULL) {
        return;
    }
    if (!PySequence_Check(notes) || PyUnicode_Check(notes) || PyBytes_Check(notes)) {
        PyObject *r = PyObject_Repr(notes);
        margin(ctx);
        const char *text = r != NULL ? PyUnicode_AsUTF8(r) : NULL;
        fprintf(ctx->out, "%s\n", text != NULL ? text : "<__notes__ repr() failed>");
        PyErr_Clear();
        Py_XDECREF(r);
        Py_DECREF(notes);
        return;
    }
    Py_ssize_t n = PySequence_Length(notes);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *note = PySequence_GetItem(notes, i);
        PyObject *text =
            note != NULL ? (PyUnicode_Check(note) ? Py_NewRef(note) : PyObject_Repr(note)) : NULL;
        if (text == NULL) {
            PyErr_Clear();
            margin(ctx);
            fputs("<note str() failed>", ctx->out);
        } else {
            print_lines(ctx, text);
        }
        fputc('\n', ctx->out);
        Py_XDECREF(note);
        Py_XDECREF(text);
    }
    PyErr_Clear();
    Py_DECREF(notes);
}

/* ". Did you mean: 'x'?" after a NameError's or AttributeError's message. */
static void
print_suggestion(PrintCtx *ctx, PyObject *exc)
{
    PyObject *suggestion = pyrs_offer_suggestion(exc);
    const char *text = suggestion != NULL ? PyUnicode_AsUTF8(suggestion) : NULL;
    if (text != NULL) {
        fprintf(ctx->out, ". Did you mean: '%s'?", text);
    }
    Py_XDECREF(suggestion);
    PyErr_Clear();
}

/* Where a SyntaxError points, read from its attributes as CPython 3.11's printer reads them. */
typedef struct {
    PyObject *msg;      /* its msg (owned) */
    PyObject *filename; /* its filename, "<string>" for None (owned) */
    PyObject *text;     /* its text, NULL for None (owned) */
    Py_ssize_t lineno, offset, end_lineno, end_offset; /* offsets: -1 for None */
} SyntaxLoc;

/* Attribute NAME of EXC as an integer in *OUT (NONE_VALUE for None). 0, or -1 with an
 * exception set. */
static int
ssize_attr(PyObject *exc, const char *name, Py_ssize_t none_value, Py_ssize_t *out)
{
    PyObject *v = PyObject_GetAttrString(exc, name);
    if (v == NULL) {
        return -1;
    }
    *out = v == Py_None ? none_value : PyLong_AsSsize_t(v);
    Py_DECREF(v);
    return *out == -1 && PyErr_Occurred() ? -1 : 0;
}

/* Fills LOC from SyntaxError EXC: 1, or 0 (an exception may be set) when its attributes do
 * not describe a location (the plain "Type: str" format is used then). End positions are only
 * read from SyntaxError itself; its subclasses print one caret, as in CPython. */
static int
syntax_loc_get(PyObject *exc, SyntaxLoc *loc)
{
    loc->msg = loc->filename = loc->text = NULL;
    if ((loc->msg = PyObject_GetAttrString(exc, "msg")) == NULL ||
        (loc->filename = PyObject_GetAttrString(exc, "filename")) == NULL ||
        ssize_attr(exc, "lineno", PY_SSIZE_T_MIN, &loc->lineno) < 0 ||
        loc->lineno == PY_SSIZE_T_MIN || /* None: no location */
        ssize_attr(exc, "offset", -1, &loc->offset) < 0) {
        goto fail;
    }
    loc->end_lineno = loc->lineno;
    loc->end_offset = -1;
    if (Py_IS_TYPE(exc, (PyTypeObject *)PyExc_SyntaxError)) {
        if (ssize_attr(exc, "end_lineno", loc->lineno, &loc->end_lineno) < 0) {
            PyErr_Clear();
            loc->end_lineno = loc->lineno;
        }
        if (ssize_attr(exc, "end_offset", -1, &loc->end_offset) < 0) {
            PyErr_Clear();
            loc->end_offset = -1;
        }
    }
    if ((loc->text = PyObject_GetAttrString(exc, "text")) == NULL) {
        goto fail;
    }
    if (loc->filename == Py_None) {
        Py_SETREF(loc->filename, PyUnicode_FromString("<string>"));
    }
    if (loc->text == Py_None) {
        Py_CLEAR(loc->text);
    }
    return loc->filename != NULL;
fail:
    Py_CLEAR(loc->msg);
    Py_CLEAR(loc->filename);
    Py_CLEAR(loc->text);
    return 0;
}

/* The source line of a SyntaxError (leading blanks dropped; a text holding several lines
 * shows the one OFFSET falls in) and, unless the offset lies left of it, the caret line. */
static void
print_syntax_text(PrintCtx *ctx, const char *text, Py_ssize_t offset, Py_ssize_t end_offset)
{
    Py_ssize_t carets = end_offset > 0 && end_offset > offset ? end_offset - offset : 1;
    offset--; /* 0-based from here */
    for (; *text == ' ' || *text == '\t' || *text == '\f'; text++) {
        offset--;
    }
    Py_ssize_t len = (Py_ssize_t)strlen(text);
    if (len > 0 && text[len - 1] == '\n') {
        len--;
    }
    offset = offset > len ? len : offset;
    for (const char *nl; (nl = strchr(text, '\n')) != NULL && nl - text < offset;) {
        Py_ssize_t skip = nl - text + 1;
        text += skip;
        len -= skip;
        offset -= skip;
    }
    margin(ctx);
    fprintf(ctx->out, "    %s%s", text, text[len] == '\n' ? "" : "\n");
    if (offset < 0) {
        return;
    }
    margin(ctx);
    put_chars(ctx->out, ' ', 4 + (int)offset);
    put_chars(ctx->out, '^', (int)carets);
    fputc('\n', ctx->out);
}

/* For a SyntaxError describing a location: prints "File ..., line N", the text and carets,
 * and returns its msg (new reference) to print in place of str(EXC); else NULL, no error. */
static PyObject *
print_syntax_location(PrintCtx *ctx, PyObject *exc)
{
    SyntaxLoc loc;
    if (!PyObject_TypeCheck(exc, (PyTypeObject *)PyExc_SyntaxError)) {
        return NULL;
    }
    if (!syntax_loc_get(exc, &loc)) {
        PyErr_Clear();
        return NULL;
    }
    PyObject *head = PyUnicode_FromFormat("  File \"%S\", line %zd", loc.filename, loc.lineno);
    const char *h = head != NULL ? PyUnicode_AsUTF8(head) : NULL;
    if (h != NULL) {
        margin(ctx);
        fprintf(ctx->out, "%s\n", h);
    }
    Py_XDECREF(head);
    Py_ssize_t size;
    const char *text = loc.text != NULL ? PyUnicode_AsUTF8AndSize(loc.text, &size) : NULL;
    if (text != NULL) {
        /* a range over several lines is shown to the end of the first; never past the text */
        if (loc.end_lineno > loc.lineno) {
            loc.end_offset = size;
        }
        if (loc.end_offset > size + 1) {
            loc.end_offset = size + 1;
        }
        print_syntax_text(ctx, text, loc.offset, loc.end_offset);
    }
    PyErr_Clear();
    Py_DECREF(loc.filename);
    Py_XDECREF(loc.text);
    return loc.msg;
}

/* The exception class as CPython names it: __module__.__qualname__, without the module for
 * builtins and __main__ ("<unknown>" for a part that is not a str). */
static void
print_type_name(PrintCtx *ctx, PyTypeObject *tp)
{
    PyObject *module = PyObject_GetAttrString((PyObject *)tp, "__module__");
    const char *mod = module != NULL && PyUnicode_Check(module) ? PyUnicode_AsUTF8(module) : NULL;
    if (mod == NULL) {
        fputs("<unknown>.", ctx->out);
    } else if (strcmp(mod, "builtins") != 0 && strcmp(mod, "__main__") != 0) {
        fprintf(ctx->out, "%s.", mod);
    }
    Py_XDECREF(module);
    PyErr_Clear();
    PyObject *qualname = PyType_GetQualName(tp);
    const char *q = qualname != NULL ? PyUnicode_AsUTF8(qualname) : NULL;
    fputs(q != NULL ? q : "<unknown>", ctx->out);
    Py_XDECREF(qualname);
    PyErr_Clear();
}

/* "Type: message" (or just "Type"), with the module prefix for non-builtin classes. */
static void
print_exception_line(PrintCtx *ctx, PyObject *exc)
{
    PyObject *msg = print_syntax_location(ctx, exc);
    margin(ctx);
    print_type_name(ctx, Py_TYPE(exc));
    PyObject *s = msg != NULL ? PyObject_Str(msg) : PyObject_Str(exc);
    Py_XDECREF(msg);
    if (s == NULL) {
        PyErr_Clear();
        fprintf(ctx->out, ": <exception str() failed>");
        print_suggestion(ctx, exc); /* CPython still offers one */
        fputc('\n', ctx->out);
    } else if (PyUnicode_GET_LENGTH(s) > 0) {
        fputs(": ", ctx->out);
        /* a multi-line message continues behind the margin too */
        PyObject *lines = PyUnicode_Splitlines(s, 1);
        for (Py_ssize_t i = 0; lines != NULL && i < PyList_GET_SIZE(lines); i++) {
            const char *text = PyUnicode_AsUTF8(PyList_GET_ITEM(lines, i));
            if (i > 0) {
                margin(ctx);
            }
            fputs(text != NULL ? text : "", ctx->out);
        }
        Py_XDECREF(lines);
        PyErr_Clear();
        print_suggestion(ctx, exc);
        fputc('\n', ctx->out);
    } else {
        print_suggestion(ctx, exc);
        fprintf(ctx->out, "\n");
    }
    Py_XDECREF(s);
    print_notes(ctx, exc);
}

/* sys.tracebacklimit as CPython reads it: how many of the most recent entries to print
 * (LONG_MAX when it is not an int, 0 or less: no traceback at all). */
static long
traceback_limit(void)
{
    PyObject *v = PySys_GetObject("tracebacklimit");
    if (v == NULL || !PyLong_Check(v)) {
        return LONG_MAX;
    }
    int overflow = 0;
    long limit = PyLong_AsLongAndOverflow(v, &overflow);
    if (limit == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return LONG_MAX;
    }
    return overflow > 0 ? LONG_MAX : overflow < 0 ? 0 : limit;
}

/* TB without its oldest entries beyond the LIMIT most recent ones (borrowed). */
static PyTracebackObject *
tb_last(PyTracebackObject *tb, long limit)
{
    long depth = 0;
    for (PyTracebackObject *t = tb; t != NULL; t = t->tb_next) {
        depth++;
    }
    for (; depth > limit && tb != NULL; depth--) {
        tb = tb->tb_next;
    }
    return tb;
}

/* The traceback (with its header) and the exception line of EXC alone. */
static void
print_one(PrintCtx *ctx, PyObject *exc)
{
    PyObject *tb = PyException_GetTraceback(exc);
    long limit = traceback_limit();
    if (tb != NULL && limit <= 0) {
        Py_CLEAR(tb);
    }
    if (tb != NULL) {
        int group = _PyBaseExceptionGroup_Check(exc);
        put_chars(ctx->out, ' ', 2 * ctx->depth);
        fputs(ctx->depth == 0 ? "" : group && ctx->depth == 1 ? "+ " : "| ", ctx->out);
        fputs(group ? "Exception Group Traceback (most recent call last):\n"
                    : "Traceback (most recent call last):\n",
              ctx->out);
        print_tb(ctx, tb_last((PyTracebackObject *)tb, limit));
        Py_DECREF(tb);
    }
    print_exception_line(ctx, exc);
}

static void print_recursive(PrintCtx *ctx, PyObject *exc);

/* An exception group: itself, then each member in a numbered box (CPython's layout). */
static void
print_group(PrintCtx *ctx, PyObject *exc)
{
    if (ctx->depth > GROUP_MAX_DEPTH) {
        margin(ctx);
        fprintf(ctx->out, "... (max_group_depth is %d)\n", GROUP_MAX_DEPTH);
        return;
    }
    int top = ctx->depth == 0;
    if (top) {
        ctx->depth = 1;
    }
    print_one(ctx, exc);
    PyObject *excs = ((PyBaseExceptionGroupObject *)exc)->excs;
    Py_ssize_t count = PyTuple_GET_SIZE(excs);
    Py_ssize_t n = count <= GROUP_MAX_WIDTH ? count : GROUP_MAX_WIDTH + 1;
    ctx->need_close = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        int last = i == n - 1;
        if (last) {
            ctx->need_close = 1; /* a nested group may draw the closing line itself */
        }
        put_chars(ctx->out, ' ', 2 * ctx->depth);
        if (i < GROUP_MAX_WIDTH) {
            fprintf(ctx->out, "%s+---------------- %zd ----------------\n", i == 0 ? "+-" : "  ",
                    i + 1);
        } else {
            fprintf(ctx->out, "%s+---------------- ... ----------------\n", i == 0 ? "+-" : "  ");
        }
        ctx->depth++;
        if (i < GROUP_MAX_WIDTH) {
            print_recursive(ctx, PyTuple_GET_ITEM(excs, i));
        } else {
            Py_ssize_t more = count - GROUP_MAX_WIDTH;
            margin(ctx);
            fprintf(ctx->out, "and %zd more exception%s\n", more, more > 1 ? "s" : "");
        }
        if (last && ctx->need_close) {
            put_chars(ctx->out, ' ', 2 * ctx->depth);
            fputs("+------------------------------------\n", ctx->out);
            ctx->need_close = 0;
        }
        ctx->depth--;
    }
    if (top) {
        ctx->depth = 0;
    }
}

/* EXC's cause or context (printed first, with the linking sentence), as CPython orders them. */
static void
print_chained(PrintCtx *ctx, PyObject *exc)
{
    PyObject *id = PyLong_FromVoidPtr(exc);
    if (id == NULL || PySet_Add(ctx->seen, id) < 0) {
        PyErr_Clear();
    }
    Py_XDECREF(id);
    PyObject *link = PyException_GetCause(exc);
    const char *msg = "The above exception was the direct cause of the following exception:\n";
    if (link == NULL) {
        if (((PyBaseExceptionObject *)exc)->suppress_context) {
            return;
        }
        link = PyException_GetContext(exc);
        msg = "During handling of the above exception, another exception occurred:\n";
    }
    if (link == NULL) {
        return;
    }
    PyObject *lid = PyLong_FromVoidPtr(link);
    int seen = lid != NULL ? PySet_Contains(ctx->seen, lid) : 1;
    Py_XDECREF(lid);
    PyErr_Clear();
    if (seen == 0) {
        int need_close = ctx->need_close;
        print_recursive(ctx, link);
        ctx->need_close = need_close;
        margin(ctx);
        fputc('\n', ctx->out);
        margin(ctx);
        fputs(msg, ctx->out);
        margin(ctx);
        fputc('\n', ctx->out);
    }
    Py_DECREF(link);
}

static void
print_recursive(PrintCtx *ctx, PyObject *exc)
{
    if (Py_EnterRecursiveCall(" in print_exception") != 0) {
        PyErr_Clear();
        return;
    }
    print_chained(ctx, exc);
    if (_PyBaseExceptionGroup_Check(exc)) {
        print_group(ctx, exc);
    } else {
        print_one(ctx, exc);
    }
    Py_LeaveRecursiveCall();
}

int
pyrs_vm_print_exception_to(PyObject *file, PyObject *exc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (mem == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    PrintCtx ctx = {mem, PySet_New(NULL), 0, 0};
    if (ctx.seen != NULL) {
        print_recursive(&ctx, exc);
        Py_DECREF(ctx.seen);
    }
    fclose(mem);
    PyErr_Clear();
    PyObject *text = PyUnicode_DecodeUTF8(buf, (Py_ssize_t)len, "backslashreplace");
    free(buf);
    PyObject *r = text != NULL ? PyObject_CallMethod(file, "write", "O", text) : NULL;
    Py_XDECREF(text);
    Py_XDECREF(r);
    return r != NULL ? 0 : -1;
}

void
pyrs_vm_print_exception(PyObject *exc)
{
    fflush(stdout);
    PrintCtx ctx = {stderr, PySet_New(NULL), 0, 0};
    if (ctx.seen == NULL) {
        PyErr_Clear();
        return;
    }
    print_recursive(&ctx, exc);
    Py_DECREF(ctx.seen);
    fflush(stderr);
}

void
pyrs_vm_print_traceback(PyObject *tb)
{
    long limit = traceback_limit();
    if (tb == NULL || !PyTraceBack_Check(tb) || limit <= 0) {
        return;
    }
    PrintCtx ctx = {stderr, NULL, 0, 0};
    fputs("Traceback (most recent call last):\n", stderr);
    print_tb(&ctx, tb_last((PyTracebackObject *)tb, limit));
}
