/* traceback.c: traceback objects (CPython 3.11's PyTracebackObject fields first, then the code
 * object and instruction that the VM records instead of a frame object) and the printer of
 * uncaught exceptions in the format of CPython's default sys.excepthook. */
#include "pyrs/vm.h"
#include "pyrs/frameobject.h"
#include "pyrs/lifecycle.h"

#include "structmember.h"

typedef struct PyTracebackObject {
    PyObject_HEAD
    struct PyTracebackObject *tb_next; /* the next (inner) entry, or NULL */
    PyObject *tb_frame;                /* frame object; NULL until frames are materialised */
    int tb_lasti;                      /* instruction offset (pc * 2, CPython-style even) */
    int tb_lineno;                     /* source line */
    PyrsCodeObject *tb_code;           /* pyrs: the code that was running */
} PyTracebackObject;

static void
tb_dealloc(PyObject *op)
{
    PyTracebackObject *tb = (PyTracebackObject *)op;
    PyObject_GC_UnTrack(op);
    Py_XDECREF(tb->tb_next);
    Py_XDECREF(tb->tb_frame);
    Py_XDECREF(tb->tb_code);
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

static PyMemberDef tb_members[] = {
    {"tb_next", T_OBJECT, offsetof(PyTracebackObject, tb_next), READONLY, NULL},
    {"tb_frame", T_OBJECT, offsetof(PyTracebackObject, tb_frame), READONLY, NULL},
    {"tb_lasti", T_INT, offsetof(PyTracebackObject, tb_lasti), READONLY, NULL},
    {"tb_lineno", T_INT, offsetof(PyTracebackObject, tb_lineno), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyTypeObject PyTraceBack_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "traceback",
    .tp_basicsize = sizeof(PyTracebackObject),
    .tp_dealloc = tb_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = tb_traverse,
    .tp_members = tb_members,
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
    entry->tb_frame = pyrs_frameobj_get(f);
    if (entry->tb_frame == NULL) {
        PyErr_Clear(); /* the traceback stays usable without its frame */
    }
    entry->tb_lasti = (int)(pc * 2);
    entry->tb_lineno = pyrs_code_line(code, pc);
    entry->tb_code = (PyrsCodeObject *)Py_NewRef(code);
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

/* The `^^^^` / `~~^~~` line under LINE (raw text of line LINENO) for the instruction at
 * position P: left out when the position is unknown or covers the whole stripped line. */
static void
print_carets(FILE *out, const char *line, int lineno, PyrsPosition p)
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
    fputs("    ", out);
    put_chars(out, ' ', start - lead);
    if (anchored) {
        put_chars(out, '~', al);
        put_chars(out, '^', ar - al);
        put_chars(out, '~', end - start - ar);
    } else {
        put_chars(out, '^', end - start);
    }
    fputc('\n', out);
}

/* Writes the source line of traceback entry TB, stripped and indented by four spaces, then its
 * caret line; nothing when the file cannot be read. */
static void
print_source_line(FILE *out, const char *filename, PyTracebackObject *tb)
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
    fprintf(out, "    %s\n", s); /* trailing blanks are kept, as CPython prints them */
    print_carets(out, buf, lineno, pyrs_code_position(tb->tb_code, tb->tb_lasti / 2));
}

#define TB_RECURSIVE_CUTOFF 3 /* identical entries shown before CPython starts counting */

static void
print_repeated(FILE *out, long cnt)
{
    if (cnt > TB_RECURSIVE_CUTOFF) {
        cnt -= TB_RECURSIVE_CUTOFF;
        fprintf(out, "  [Previous line repeated %ld more time%s]\n", cnt, cnt > 1 ? "s" : "");
    }
}

/* The entries of TB, outermost first; a run of more than three identical entries (same file,
 * line and function, as runaway recursion makes) is summarised as CPython does. */
static void
print_tb(FILE *out, PyTracebackObject *tb)
{
    PyObject *last_file = NULL, *last_name = NULL;
    int last_line = -1;
    long cnt = 0;
    for (; tb != NULL; tb = tb->tb_next) {
        PyrsCodeObject *co = tb->tb_code;
        if (co->co_filename != last_file || co->co_name != last_name ||
            tb->tb_lineno != last_line) {
            print_repeated(out, cnt);
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
        fprintf(out, "  File \"%s\", line %d, in %s\n", file, tb->tb_lineno, name);
        print_source_line(out, file, tb);
    }
    print_repeated(out, cnt);
}

/* "Type: message" (or just "Type"), with the module prefix for non-builtin classes. */
static void
print_exception_line(FILE *out, PyObject *exc)
{
    PyTypeObject *tp = Py_TYPE(exc);
    const char *name = tp->tp_name;
    const char *dot = strrchr(name, '.');
    if (dot != NULL && strncmp(name, "builtins.", 9) != 0) {
        fprintf(out, "%s", name);
    } else {
        fprintf(out, "%s", dot != NULL ? dot + 1 : name);
    }
    PyObject *s = PyObject_Str(exc);
    const char *text = s != NULL ? PyUnicode_AsUTF8(s) : NULL;
    if (text == NULL) {
        PyErr_Clear();
        fprintf(out, ": <exception str() failed>\n");
    } else if (*text != '\0') {
        fprintf(out, ": %s\n", text);
    } else {
        fprintf(out, "\n");
    }
    Py_XDECREF(s);
}

/* Prints EXC's cause or context chain first, then EXC itself. SEEN stops cycles. */
static void
print_chain(FILE *out, PyObject *exc, PyObject *seen)
{
    if (PySet_Add(seen, exc) < 0) {
        PyErr_Clear();
    }
    PyObject *cause = PyException_GetCause(exc);
    PyObject *context = PyException_GetContext(exc);
    int suppress = ((PyBaseExceptionObject *)exc)->suppress_context;
    if (cause != NULL && PySet_Contains(seen, cause) == 0) {
        print_chain(out, cause, seen);
        fprintf(out, "\nThe above exception was the direct cause of the following "
                     "exception:\n\n");
    } else if (cause == NULL && context != NULL && !suppress &&
               PySet_Contains(seen, context) == 0) {
        print_chain(out, context, seen);
        fprintf(out, "\nDuring handling of the above exception, another exception "
                     "occurred:\n\n");
    }
    Py_XDECREF(cause);
    Py_XDECREF(context);
    PyObject *tb = PyException_GetTraceback(exc);
    if (tb != NULL) {
        fprintf(out, "Traceback (most recent call last):\n");
        print_tb(out, (PyTracebackObject *)tb);
        Py_DECREF(tb);
    }
    print_exception_line(out, exc);
}

void
pyrs_vm_print_exception(PyObject *exc)
{
    fflush(stdout);
    PyObject *seen = PySet_New(NULL);
    if (seen == NULL) {
        PyErr_Clear();
        return;
    }
    print_chain(stderr, exc, seen);
    Py_DECREF(seen);
    fflush(stderr);
}
